/**
 * A zip archive, and the archives inside it, imported member by member within the evidence
 * file's expansion budget (expansion.ts): a member that does not fit, or an archive nested too
 * deep, is reported by name with the limit it hit, and the other members are still imported.
 */
import { openArchive, type ZipMember } from '../source/archive.js';
import { hashBytes, type Hashed } from '../source/content.js';
import type { ExpansionBudget } from '../source/expansion.js';
import { magicOf } from '../source/magic.js';
import type { ImportSettings, Known, Source } from './import-file.js';
import { message, skip } from './not-imported.js';
import { scratchCopy } from './scratch-copy.js';

/** An archive to open: a file named by the analyst, or a member of another archive. */
export interface ArchiveInput {
  /** As reported: the file's path, or the member's path inside the archive holding it. */
  path: string;
  /** The archive holding this one, when it is nested. */
  parent?: { path: string; evidenceId: number };
  /** Where its bytes are: the file itself, or a temporary copy of a nested member. */
  file: string;
  /** Containers deep, the evidence file being 1. */
  depth: number;
  budget: ExpansionBudget;
}

type ImportSource = (source: Source, known: Known, settings: ImportSettings) => Promise<void>;
type Parent = { path: string; evidenceId: number };

/** How a member's archive is named in reports: the chain of archives, outermost first. */
function chainPath(input: ArchiveInput): string {
  return input.parent === undefined ? input.path : `${input.parent.path}!${input.path}`;
}

/** A member's bytes hashed, each byte read out of the archive counted against the budget. */
async function hashMember(member: ZipMember, budget: ExpansionBudget): Promise<Hashed> {
  budget.admit(member.size);
  let counted = 0;
  return hashBytes(member.open, (done) => {
    budget.count(done - counted);
    counted = done;
  });
}

export async function importArchive(input: ArchiveInput, hashed: Hashed, unchanged: () => Promise<boolean>, settings: ImportSettings, importSource: ImportSource): Promise<void> {
  const where = { path: input.path, ...(input.parent === undefined ? {} : { archive: input.parent.path }) };
  let archive;
  try {
    archive = await openArchive(input.file);
  } catch (err) {
    skip(settings, { ...where, status: 'unreadable', reason: `damaged zip archive: ${message(err)}`, sha256: hashed.sha256, size: hashed.size });
    return;
  }
  try {
    const nested = input.parent === undefined ? {} : { parent: input.parent };
    const reply = await settings.link.request({ t: 'archive', path: input.path, ...nested, sha256: hashed.sha256, size: hashed.size });
    if (reply.t !== 'archive-reply') throw new Error(`unexpected reply ${reply.t} to an archive`);
    const parent = { path: chainPath(input), evidenceId: reply.evidenceId };
    for await (const member of archive.members()) {
      if (member.unreadable !== undefined) {
        skip(settings, { path: member.name, archive: parent.path, status: 'unreadable', reason: member.unreadable });
        continue;
      }
      settings.link.send({ t: 'hashing', path: member.name, archive: parent.path, size: member.size });
      let memberHash: Hashed;
      try {
        memberHash = await hashMember(member, input.budget);
      } catch (err) {
        skip(settings, { path: member.name, archive: parent.path, status: 'unreadable', reason: message(err) });
        continue;
      }
      const inner = { ...input, depth: input.depth + 1 };
      if (magicOf(memberHash.head).kind === 'zip') await importNestedArchive(member, parent, inner, memberHash, unchanged, settings, importSource);
      else await importSource({ path: member.name, archive: parent, mtime: member.mtime, open: member.open, unchanged, budget: input.budget, depth: inner.depth }, memberHash, settings);
    }
  } catch (err) {
    skip(settings, { ...where, status: 'unreadable', reason: `damaged zip archive: ${message(err)}`, sha256: hashed.sha256, size: hashed.size });
  } finally {
    archive.close();
  }
}

/**
 * A zip inside a zip: a zip is read from its end (the central directory), which an inflating
 * stream cannot do, so the member is copied to a temporary file beside the case (never /tmp,
 * and cleared at the case's next open when the import is killed), opened from there and the
 * copy removed. The evidence is the member's own bytes, hashed as stored in the outer archive.
 */
async function importNestedArchive(
  member: ZipMember,
  parent: Parent,
  input: Omit<ArchiveInput, 'path' | 'file' | 'parent'>,
  hashed: Hashed,
  unchanged: () => Promise<boolean>,
  settings: ImportSettings,
  importSource: ImportSource,
): Promise<void> {
  const where = { path: member.name, archive: parent.path, sha256: hashed.sha256, size: hashed.size };
  try {
    input.budget.enter(input.depth, 'archive');
  } catch (err) {
    skip(settings, { ...where, status: 'unrecognised', reason: message(err) });
    return;
  }
  let copy;
  try {
    copy = await scratchCopy(settings.scratch, 'archive', 'member.zip', member.size, member.open);
  } catch (err) {
    skip(settings, { ...where, status: 'unreadable', reason: `the archive could not be read out of ${parent.path}: ${message(err)}` });
    return;
  }
  try {
    await importArchive({ ...input, path: member.name, parent, file: copy.path }, hashed, unchanged, settings, importSource);
  } finally {
    await copy.release();
  }
}
