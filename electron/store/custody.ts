/**
 * The chain-of-custody log: append-only (enforced by triggers) and hash-chained, so a
 * removed or edited entry is detectable by `verifyCustodyChain`.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { CustodyEntry } from '../../shared/model/case.js';
import { TOOL_VERSION } from '../../shared/version.js';

const GENESIS = '0'.repeat(64);

interface CustodyRow {
  seq: number;
  at: number;
  actor: string;
  action: string;
  detail: string;
  tool_version: string;
  prev_hash: string;
  hash: string;
}

function entryHash(prev: string, seq: number, at: number, actor: string, action: string, detail: string, version: string): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, seq, at, actor, action, detail, version]))
    .digest('hex');
}

/** Append one entry. Call inside the transaction that makes the change it records. */
export function appendCustody(db: Database, actor: string, action: string, detail: Record<string, unknown>): CustodyEntry {
  const last = db.prepare('SELECT seq, hash FROM custody_log ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  const seq = (last?.seq ?? 0) + 1;
  const at = Date.now();
  const detailJson = JSON.stringify(detail);
  const prev = last?.hash ?? GENESIS;
  const hash = entryHash(prev, seq, at, actor, action, detailJson, TOOL_VERSION);
  db.prepare(
    'INSERT INTO custody_log (seq, at, actor, action, detail, tool_version, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(seq, at, actor, action, detailJson, TOOL_VERSION, prev, hash);
  return { seq, at, actor, action, detail, toolVersion: TOOL_VERSION };
}

function toEntry(row: CustodyRow): CustodyEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    toolVersion: row.tool_version,
  };
}

export function readCustody(db: Database, afterSeq: number, limit: number): CustodyEntry[] {
  const rows = db
    .prepare('SELECT * FROM custody_log WHERE seq > ? ORDER BY seq LIMIT ?')
    .all(afterSeq, limit) as CustodyRow[];
  return rows.map(toEntry);
}

/**
 * Walk the whole chain in order, calling `onProgress` every `every` entries.
 * Returns the sequence numbers whose stored hash or back-link does not verify.
 */
export function verifyCustodyChain(
  db: Database,
  onProgress: (done: number) => void,
  every = 500,
): { entries: number; broken: number[] } {
  let prev = GENESIS;
  let expectedSeq = 1;
  let entries = 0;
  const broken: number[] = [];
  for (const row of db.prepare('SELECT * FROM custody_log ORDER BY seq').iterate() as IterableIterator<CustodyRow>) {
    const recomputed = entryHash(prev, row.seq, row.at, row.actor, row.action, row.detail, row.tool_version);
    if (row.seq !== expectedSeq || row.prev_hash !== prev || row.hash !== recomputed) broken.push(row.seq);
    prev = row.hash;
    expectedSeq = row.seq + 1;
    entries += 1;
    if (entries % every === 0) onProgress(entries);
  }
  onProgress(entries);
  return { entries, broken };
}
