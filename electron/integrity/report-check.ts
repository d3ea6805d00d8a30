/**
 * The digest a report printed (`verify --report FILE`): read from the JSON export's
 * `integrity` object, from an HTML report's text, or from a PDF through poppler's pdftotext,
 * and compared with the custody entry it names.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { PushTrailError } from '../../shared/api/errors.js';
import type { ReportCheck } from '../../shared/api/jobs.js';
import type { SealedEntry } from '../store/custody.js';

/** A 64-digit hex value in groups of eight, so it can wrap on a page and still be read back. */
export function fingerprintText(hex: string): string {
  return hex.replace(/(.{8})(?!$)/g, '$1 ');
}

/** How every report prints its seal. */
export function sealLine(seal: SealedEntry): string {
  return `Content digest (SHA-256) ${fingerprintText(seal.digest)} sealed by custody entry #${seal.seq}`;
}

const SEAL_PATTERN = /Content\s+digest\s+\(SHA-256\)\s+((?:[0-9a-f]{8}\s*){8})sealed\s+by\s+custody\s+entry\s+#(\d+)/;
const KEY_PATTERN = /Signing\s+key\s+((?:[0-9a-f]{8}\s*){8})/g;

function textOf(file: string): string {
  const ext = extname(file).toLowerCase();
  if (ext === '.pdf') {
    const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.error !== undefined || r.status !== 0) {
      throw new PushTrailError('not_found', `--report: reading ${file} needs pdftotext (poppler-utils): ${r.error?.message ?? r.stderr}`, { file });
    }
    return r.stdout;
  }
  return readFileSync(file, 'utf8');
}

interface Printed {
  digest: string;
  seq: number;
  keys: string[];
}

function printedSeal(file: string): Printed {
  if (extname(file).toLowerCase() === '.json') {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { integrity?: { digest?: unknown; seq?: unknown; keys?: { fingerprint?: unknown }[] } | null };
    const i = parsed.integrity;
    if (i !== undefined && i !== null && typeof i.digest === 'string' && typeof i.seq === 'number') {
      return { digest: i.digest, seq: i.seq, keys: (i.keys ?? []).map((k) => String(k.fingerprint)) };
    }
    throw new PushTrailError('bad_input', `--report: ${file} has no integrity object (a JSON export of PushTrail 0.1 with a sealed case has one)`, { file });
  }
  const text = textOf(file);
  const m = SEAL_PATTERN.exec(text);
  if (m === null) throw new PushTrailError('bad_input', `--report: ${file} prints no content digest (only PDF, HTML and JSON reports of a sealed case do)`, { file });
  const keys = [...text.matchAll(KEY_PATTERN)].map((k) => (k[1] ?? '').replace(/\s+/g, ''));
  return { digest: (m[1] ?? '').replace(/\s+/g, ''), seq: Number(m[2]), keys };
}

/** `entryDigest(seq)`: the digest custody entry #seq sealed (undefined: no such sealed entry). */
export function checkReport(file: string, entryDigest: (seq: number) => string | undefined, headSeq: number): ReportCheck {
  const printed = printedSeal(file);
  return { file, ...printed, matches: entryDigest(printed.seq) === printed.digest, laterEntries: Math.max(0, headSeq - printed.seq) };
}

export function describeReport(r: ReportCheck, entryDigest: string | undefined): string[] {
  if (r.matches) return [];
  if (entryDigest === undefined) return [`${r.file} was made from custody entry #${r.seq}, which the case does not have (sealed)`];
  return [`${r.file} printed digest ${r.digest} for custody entry #${r.seq}; the case's entry #${r.seq} sealed ${entryDigest}`];
}
