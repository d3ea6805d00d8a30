/**
 * The parse thread's work on one input: hash it, let the writer say whether the case has it,
 * open archives member by member, recognise the format and stream the records through the
 * pipeline to the writer.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openArchive, type ZipMember } from '../source/archive.js';
import { createReader, type ContainerKind } from '../containers/index.js';
import { openContent, hashBytes, type Content, type Hashed, type OpenBytes } from '../source/content.js';
import { openParquetContent } from '../source/parquet.js';
import { decodeText, type DecodeReport } from '../source/decode.js';
import { recognise, type Recognition } from '../recognition/recognise.js';
import { parserFor } from '../recognition/formats.js';
import type { GeoEnricher } from '../geo/geo.js';
import { MAGIC_BYTES, magicOf } from '../source/magic.js';
import type { FormatId } from '../parser.js';
import { Prefetch } from '../source/prefetch.js';
import { fileTimes, type FileTimes, type TimeOptions } from '../time/file-times.js';
import type { TimeSettings } from '../time/timestamp.js';
import type { ImportLimits, NotImported } from './thread-messages.js';
import { RecordParser, recordParserOptions } from './record-parser.js';
import { RecordPipeline } from './record-pipeline.js';
import type { WalkEntry } from '../source/walk.js';
import type { WriterLink } from './writer-link.js';

/** Characters read before recognition decides; more is read when no record is complete by then. */
const DETECT_CHARS = 256 * 1024;
const DETECT_MAX_CHARS = 8 * 1024 * 1024;
const READ_CHUNK = 1024 * 1024;

export interface ImportSettings {
  format?: FormatId;
  year?: number;
  time: TimeOptions;
  limits: ImportLimits;
  geo: GeoEnricher;
  link: WriterLink;
}

interface Source {
  path: string;
  /** The file on disk holding the bytes, when they are one (not a member of an archive). */
  local?: string;
  archive?: { path: string; evidenceId: number };
  mtime: number;
  open: OpenBytes;
  /** True when the file on disk (or the archive holding it) is as it was when it was found (and hashed). */
  unchanged: () => Promise<boolean>;
}

function sameFile(path: string, size: number, mtime: number): () => Promise<boolean> {
  return async () => {
    try {
      const now = await stat(path);
      return now.size === size && now.mtimeMs === mtime;
    } catch {
      return false;
    }
  };
}

function message(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'the file disappeared before it could be read';
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'EISDIR') return 'is a folder';
  return e.message ?? String(err);
}

function fileStream(path: string): OpenBytes {
  return () =>
    new Promise<Readable>((resolve, reject) => {
      const stream = createReadStream(path, { highWaterMark: READ_CHUNK });
      stream.once('open', () => resolve(stream));
      stream.once('error', reject);
    });
}

function hashOf(known: Known): { sha256?: string } {
  return known.sha256 === undefined ? {} : { sha256: known.sha256 };
}

function skip(settings: ImportSettings, file: NotImported): void {
  settings.link.send({ t: 'skip', file });
}

/** The first bytes of a file, for `magicOf`. */
async function readHead(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(MAGIC_BYTES);
    const { bytesRead } = await file.read(head, 0, MAGIC_BYTES, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

export async function importEntry(entry: WalkEntry, settings: ImportSettings): Promise<void> {
  if (entry.kind === 'problem') {
    skip(settings, { path: entry.path, status: 'unreadable', reason: entry.message });
    return;
  }
  const bytes = fileStream(entry.path);
  const unchanged = sameFile(entry.path, entry.size, entry.mtime);
  const source = { path: entry.path, local: entry.path, mtime: entry.mtime, open: bytes, unchanged };
  let head: Buffer;
  try {
    head = await readHead(entry.path);
  } catch (err) {
    skip(settings, { path: entry.path, status: 'unreadable', reason: message(err) });
    return;
  }
  const kind = magicOf(head).kind;
  // A file of a size no evidence in the case has cannot be in it: hash it while importing it.
  if ((kind === 'plain' || kind === 'gzip') && entry.size > 0) {
    const reply = await settings.link.request({ t: 'holds-size', size: entry.size });
    if (reply.t !== 'holds-size-reply') throw new Error(`unexpected reply ${reply.t} to a size`);
    if (!reply.holds) {
      await importSource(source, { head, size: entry.size }, settings);
      return;
    }
  }
  settings.link.send({ t: 'hashing', path: entry.path, size: entry.size });
  let hashed: Hashed;
  try {
    hashed = await hashBytes(bytes);
  } catch (err) {
    skip(settings, { path: entry.path, status: 'unreadable', reason: message(err) });
    return;
  }
  if (magicOf(hashed.head).kind === 'zip') await importArchive({ path: entry.path, file: entry.path, depth: 1 }, hashed, unchanged, settings);
  else await importSource(source, hashed, settings);
}

/**
 * Archives inside archives are opened down to this depth (an export zipped again for
 * transfer is two); deeper ones are listed with the reason, so a self-containing "zip quine"
 * cannot make an import endless.
 */
const MAX_ARCHIVE_DEPTH = 4;

/** An archive to open: a file named by the analyst, or a member of another archive. */
interface ArchiveInput {
  /** As reported: the file's path, or the member's path inside the archive holding it. */
  path: string;
  /** The archive holding this one, when it is nested. */
  parent?: { path: string; evidenceId: number };
  /** Where its bytes are: the file itself, or a temporary copy of a nested member. */
  file: string;
  depth: number;
}

/** How a member's archive is named in reports: the chain of archives, outermost first. */
function chainPath(input: ArchiveInput): string {
  return input.parent === undefined ? input.path : `${input.parent.path}!${input.path}`;
}

async function importArchive(input: ArchiveInput, hashed: Hashed, unchanged: () => Promise<boolean>, settings: ImportSettings): Promise<void> {
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
        memberHash = await hashBytes(member.open);
      } catch (err) {
        skip(settings, { path: member.name, archive: parent.path, status: 'unreadable', reason: message(err) });
        continue;
      }
      if (magicOf(memberHash.head).kind === 'zip') await importNestedArchive(member, parent, input.depth + 1, memberHash, unchanged, settings);
      else await importSource({ path: member.name, archive: parent, mtime: member.mtime, open: member.open, unchanged }, memberHash, settings);
    }
  } catch (err) {
    skip(settings, { ...where, status: 'unreadable', reason: `damaged zip archive: ${message(err)}`, sha256: hashed.sha256, size: hashed.size });
  } finally {
    archive.close();
  }
}

/**
 * A zip inside a zip: a zip is read from its end (the central directory), which an inflating
 * stream cannot do, so the member is copied to a temporary file, opened from there and the
 * copy removed. The evidence is the member's own bytes, hashed as stored in the outer archive.
 */
async function importNestedArchive(
  member: ZipMember,
  parent: { path: string; evidenceId: number },
  depth: number,
  hashed: Hashed,
  unchanged: () => Promise<boolean>,
  settings: ImportSettings,
): Promise<void> {
  const where = { path: member.name, archive: parent.path, sha256: hashed.sha256, size: hashed.size };
  if (depth > MAX_ARCHIVE_DEPTH) {
    skip(settings, { ...where, status: 'unrecognised', reason: `archives nested more than ${MAX_ARCHIVE_DEPTH} deep are not opened; extract this one and import it` });
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'pushtrail-archive-'));
  try {
    const copy = join(dir, 'member.zip');
    try {
      await pipeline(await member.open(), createWriteStream(copy));
    } catch (err) {
      skip(settings, { ...where, status: 'unreadable', reason: `the archive could not be read out of ${parent.path}: ${message(err)}` });
      return;
    }
    await importArchive({ path: member.name, parent, file: copy, depth }, hashed, unchanged, settings);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A source's content: its bytes (inflated where they are gzip), or a Parquet file's rows. */
function contentOf(source: Source, known: Known, hashing = false): Promise<Content> {
  if (magicOf(known.head).kind === 'parquet') return openParquetContent(source.open, known.size, source.local);
  return openContent(source.open, known.head, hashing);
}

/** The decoded content read again from its start (for the whole file's date evidence). */
async function* textAgain(source: Source, known: Known): AsyncGenerator<string> {
  const content = await contentOf(source, known);
  try {
    yield* decodeText(content.chunks);
  } finally {
    content.destroy();
  }
}

async function recogniseContent(prefetch: Prefetch, settings: ImportSettings, time: TimeSettings, container?: ContainerKind): Promise<Recognition> {
  const forced = settings.format === undefined ? undefined : parserFor(settings.format);
  let want = DETECT_CHARS;
  for (;;) {
    await prefetch.fill(want);
    const recognition = recognise({
      head: prefetch.text,
      complete: prefetch.complete,
      maxRecordChars: settings.limits.maxRecordChars,
      time,
      ...(forced === undefined ? {} : { forced }),
      ...(container === undefined ? {} : { container }),
    });
    // A first record larger than the head, or junk longer than it: read on, up to a limit, before giving up.
    const more = recognition.ok ? recognition.sample.length === 0 : recognition.more;
    if (!more || prefetch.complete || want >= DETECT_MAX_CHARS) return recognition;
    want *= 4;
  }
}

/** What is known of a source's bytes before it is read: their hash, unless it is taken on the way. */
interface Known {
  head: Buffer;
  size: number;
  sha256?: string;
}

async function importSource(source: Source, known: Known, settings: ImportSettings): Promise<void> {
  const base = { path: source.path, ...(source.archive === undefined ? {} : { archive: source.archive.path }) };
  const magic = magicOf(known.head);
  if (magic.kind === 'empty') {
    skip(settings, { ...base, status: 'unrecognised', reason: 'the file is empty', ...hashOf(known), size: 0 });
    return;
  }
  if (magic.kind === 'unsupported') {
    skip(settings, { ...base, status: 'unrecognised', reason: `the file is ${magic.what}`, ...hashOf(known), size: known.size });
    return;
  }
  const file = { path: source.path, ...hashOf(known), size: known.size, ...(source.archive === undefined ? {} : { archive: source.archive }) };
  const reply = await settings.link.request({ t: 'file', file });
  if (reply.t !== 'file-reply') throw new Error(`unexpected reply ${reply.t} to a file`);
  if (reply.known !== null) return;

  const hashing = known.sha256 === undefined;
  let content;
  try {
    content = await contentOf(source, known, hashing);
  } catch (err) {
    skip(settings, { ...base, status: 'unreadable', reason: message(err), ...hashOf(known), size: known.size });
    return;
  }
  const notRead = async (reason: string, status: NotImported['status']): Promise<void> => {
    content.destroy();
    // A file hashed on the way was not read to its end: the report still names it by its hash.
    const sha256 = known.sha256 ?? (await hashBytes(source.open).then((h) => h.sha256, () => undefined));
    skip(settings, { ...base, status, reason, ...(sha256 === undefined ? {} : { sha256 }), size: known.size, compression: content.compression });
  };
  const decoded: DecodeReport = { invalidUtf8: false };
  const prefetch = new Prefetch(decodeText(content.chunks, decoded)[Symbol.asyncIterator]());
  let recognition: Recognition;
  let times: FileTimes;
  try {
    await prefetch.fill(DETECT_CHARS);
    times = await fileTimes(settings.time, prefetch.text, prefetch.complete, () => textAgain(source, known));
    recognition = await recogniseContent(prefetch, settings, times.settings, magic.kind === 'parquet' ? 'parquet' : undefined);
  } catch (err) {
    await notRead(content.compression === 'gzip' ? `damaged gzip data: ${message(err)}` : message(err), 'unreadable');
    return;
  }
  if (!recognition.ok) {
    const error: unknown = prefetch.error;
    if (error !== undefined) await notRead(content.compression === 'gzip' ? `damaged gzip data: ${message(error)}` : message(error), 'unreadable');
    else await notRead(recognition.reason, 'unrecognised');
    return;
  }

  const { container, parser, reexport } = recognition;
  // Timestamps without a year (classic syslog) are dated by --year, or else by the file's modification time.
  const when = settings.year === undefined ? { fileTime: source.mtime } : { year: settings.year };
  const shape = reexport === undefined ? {} : { reexport: reexport.id };
  const dateNote = times.dateOrderNote === undefined ? {} : { dateOrderNote: times.dateOrderNote };
  const forced = settings.format !== undefined;
  settings.link.send({ t: 'begin', format: parser?.id ?? null, forced, container, compression: content.compression, ...when, time: times.settings, ...shape, ...dateNote });
  // CSV rows are objects already; JSON and text records can go to the writer as they are.
  const shareable = container !== 'csv';
  const ctx = { fileName: source.path, ...when, time: times.settings };
  const records = new RecordParser(recordParserOptions(container, forced ? parser : null, ctx, settings.geo, reexport));
  const pipeline = new RecordPipeline(records, shareable, settings.link, settings.limits, decoded);
  const reader = createReader(container, pipeline.sink, { maxRecordChars: settings.limits.maxRecordChars, parseJson: false });
  // Only a failure to read (or inflate) the content is the file's problem; anything else is a bug.
  let failure: unknown = null;
  const chunks = prefetch.all();
  for (;;) {
    let next: IteratorResult<string>;
    try {
      next = await chunks.next();
    } catch (err) {
      failure = err;
      break;
    }
    if (next.done === true) break;
    pipeline.text(next.value);
    reader.push(next.value);
    await pipeline.drain(content.storedBytes());
  }
  reader.end();
  let size;
  try {
    size = await content.finish();
  } catch (err) {
    settings.link.send({ t: 'abort', reason: `read error: ${message(err)}` });
    return;
  }
  if (failure !== null) {
    if (content.compression !== 'gzip') {
      settings.link.send({ t: 'abort', reason: `the file could not be read to its end: ${message(failure)}` });
      return;
    }
    // The stored bytes were all read, so the damage is in the compressed data: keep what was read.
    pipeline.fileIssue({ message: `damaged or truncated gzip data after the records above: ${message(failure)}` });
  }
  await pipeline.flush(size);
  const sha256 = hashing ? content.sha256() : undefined;
  settings.link.send({ t: 'end', size, unchanged: await source.unchanged(), ...(sha256 === undefined ? {} : { sha256 }) });
}
