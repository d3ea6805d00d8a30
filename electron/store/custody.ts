/**
 * The chain-of-custody log: append-only (enforced by triggers), hash-chained, and since
 * migration 10 each entry seals the case's content digest (content-digest.ts) and is signed
 * with the analyst's Ed25519 key (integrity/analyst-key.ts). An edited or removed entry breaks
 * the chain; a chain recomputed after an edit fails its signatures; content changed outside
 * PushTrail no longer matches the digest the last entry sealed. `verifyCustodyChain` checks it.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { CustodyEntry } from '../../shared/model/case.js';
import { TOOL_VERSION } from '../../shared/version.js';
import { analystKey, signatureValid } from '../integrity/analyst-key.js';
import { sealContent, type ContentSeal } from './content-digest.js';

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
  digest: string | null;
  tables: string | null;
  key_id: string | null;
  signature: string | null;
}

/** The hash of an entry written before migration 10: no digest, no signature. */
function legacyHash(prev: string, seq: number, at: number, actor: string, action: string, detail: string, version: string): string {
  return createHash('sha256').update(JSON.stringify([prev, seq, at, actor, action, detail, version])).digest('hex');
}

/** The hash of a sealed entry: it covers the digest and the key that signs it, and is what is signed. */
function sealedHash(r: Omit<CustodyRow, 'hash' | 'signature'>): string {
  return createHash('sha256')
    .update(JSON.stringify([r.prev_hash, r.seq, r.at, r.actor, r.action, r.detail, r.tool_version, r.digest, r.tables, r.key_id]))
    .digest('hex');
}

/** Record the signing key in the case (it is content: the digest covers it). */
function recordKey(db: Database, fingerprint: string, publicKey: string, actor: string, at: number): void {
  db.prepare('INSERT OR IGNORE INTO analyst_keys (fingerprint, public_key, analyst, added_at) VALUES (?, ?, ?, ?)').run(fingerprint, publicKey, actor, at);
}

/**
 * Append one entry, sealing the content as it now is. Call inside the transaction that makes
 * the change it records. `whole` re-hashes every table (a new case, a migration).
 */
export function appendCustody(db: Database, actor: string, action: string, detail: Record<string, unknown>, whole = false): CustodyEntry {
  const last = db.prepare('SELECT seq, hash FROM custody_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const at = Date.now();
  const key = analystKey();
  recordKey(db, key.fingerprint, key.publicKey, actor, at);
  db.prepare('INSERT INTO custody_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash').run(
    last?.seq ?? 0,
    last?.hash ?? GENESIS,
  );
  const seal: ContentSeal = sealContent(db, whole);
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at,
    actor,
    action,
    detail: JSON.stringify(detail),
    tool_version: TOOL_VERSION,
    prev_hash: last?.hash ?? GENESIS,
    digest: seal.digest,
    tables: JSON.stringify(seal.tables),
    key_id: key.fingerprint,
  };
  const hash = sealedHash(row);
  db.prepare(
    `INSERT INTO custody_log (seq, at, actor, action, detail, tool_version, prev_hash, hash, digest, tables, key_id, signature)
     VALUES (@seq, @at, @actor, @action, @detail, @tool_version, @prev_hash, @hash, @digest, @tables, @key_id, @signature)`,
  ).run({ ...row, hash, signature: key.sign(hash) });
  return { seq: row.seq, at, actor, action, detail, toolVersion: TOOL_VERSION, digest: seal.digest, keyId: key.fingerprint };
}

function toEntry(row: CustodyRow): CustodyEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    toolVersion: row.tool_version,
    ...(row.digest === null ? {} : { digest: row.digest }),
    ...(row.key_id === null ? {} : { keyId: row.key_id }),
  };
}

export function readCustody(db: Database, afterSeq: number, limit: number): CustodyEntry[] {
  const rows = db.prepare('SELECT * FROM custody_log WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit) as CustodyRow[];
  return rows.map(toEntry);
}

/** What the newest sealed entry says the content was. */
export interface SealedState {
  seq: number;
  digest: string;
  tables: Record<string, string>;
}

export function lastSeal(db: Database): SealedState | null {
  const row = db.prepare('SELECT seq, digest, tables FROM custody_log WHERE digest IS NOT NULL ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; digest: string; tables: string }
    | undefined;
  return row === undefined ? null : { seq: row.seq, digest: row.digest, tables: JSON.parse(row.tables) as Record<string, string> };
}

export interface ChainProblem {
  seq: number;
  problem: string;
}

export interface ChainCheck {
  entries: number;
  problems: ChainProblem[];
  /** Entries each key signed. */
  signers: Map<string, number>;
  /** The newest entry, as stored (null for an empty log). */
  head: { seq: number; hash: string } | null;
}

function entryProblem(row: CustodyRow, prev: string, keys: ReadonlyMap<string, string>, signedBefore: boolean): string | null {
  if (row.prev_hash !== prev) return `does not follow the entry before it (its link is ${row.prev_hash.slice(0, 12)}…, that entry's hash ${prev.slice(0, 12)}…)`;
  if (row.key_id === null || row.signature === null || row.digest === null) {
    if (signedBefore) return 'is not signed, though entries before it are: it was written or rewritten outside PushTrail';
    return legacyHash(prev, row.seq, row.at, row.actor, row.action, row.detail, row.tool_version) === row.hash ? null : 'its content does not match its hash: it was edited';
  }
  if (sealedHash(row) !== row.hash) return 'its content does not match its hash: it was edited';
  const publicKey = keys.get(row.key_id);
  if (publicKey === undefined) return `is signed by key ${row.key_id}, which the case does not hold`;
  if (!signatureValid(publicKey, row.hash, row.signature)) return `its signature does not verify against key ${row.key_id}: the entry or its hash was rewritten without that key`;
  return null;
}

/**
 * Walk the whole chain in order, calling `onProgress` every `every` entries: back-links,
 * hashes, signatures, gaps in the sequence.
 */
export function verifyCustodyChain(db: Database, onProgress: (done: number) => void, every = 500): ChainCheck {
  const keys = new Map((db.prepare('SELECT fingerprint, public_key FROM analyst_keys').all() as { fingerprint: string; public_key: string }[]).map((k) => [k.fingerprint, k.public_key]));
  let prev = GENESIS;
  let expectedSeq = 1;
  let signedBefore = false;
  const problems: ChainProblem[] = [];
  const signers = new Map<string, number>();
  let head: ChainCheck['head'] = null;
  let entries = 0;
  for (const row of db.prepare('SELECT * FROM custody_log ORDER BY seq').iterate() as IterableIterator<CustodyRow>) {
    if (row.seq !== expectedSeq) {
      problems.push({ seq: expectedSeq, problem: row.seq > expectedSeq ? `entries #${expectedSeq}–#${row.seq - 1} are missing` : `entry #${row.seq} is out of order` });
    }
    const problem = entryProblem(row, prev, keys, signedBefore);
    if (problem !== null) problems.push({ seq: row.seq, problem: `entry #${row.seq} (${row.action}) ${problem}` });
    if (row.key_id !== null) {
      signedBefore = true;
      signers.set(row.key_id, (signers.get(row.key_id) ?? 0) + 1);
    }
    prev = row.hash;
    expectedSeq = row.seq + 1;
    head = { seq: row.seq, hash: row.hash };
    entries += 1;
    if (entries % every === 0) onProgress(entries);
  }
  onProgress(entries);
  return { entries, problems, signers, head };
}

/** The newest sealed entry, as a report prints it. */
export interface SealedEntry {
  seq: number;
  digest: string;
  hash: string;
}

export function sealedHead(db: Database): SealedEntry | null {
  return (db.prepare('SELECT seq, digest, hash FROM custody_log WHERE digest IS NOT NULL ORDER BY seq DESC LIMIT 1').get() as SealedEntry | undefined) ?? null;
}

/** The digest custody entry #seq sealed, if it sealed one. */
export function sealedDigest(db: Database, seq: number): string | undefined {
  return (db.prepare('SELECT digest FROM custody_log WHERE seq = ? AND digest IS NOT NULL').get(seq) as { digest: string } | undefined)?.digest;
}

/**
 * Entries removed from the end of the log: the content records the entry before the newest
 * one it was sealed with, so the newest should be the one after it.
 */
export function removedTail(db: Database, head: ChainCheck['head']): string | null {
  const row = db.prepare('SELECT seq FROM custody_head WHERE id = 1').get() as { seq: number } | undefined;
  if (row === undefined) return null;
  const sealedBy = row.seq + 1;
  const last = head?.seq ?? 0;
  if (sealedBy === last) return null;
  return sealedBy > last
    ? `the content was sealed by custody entry #${sealedBy}, but the log ends at entry #${last}: entries #${last + 1}–#${sealedBy} were removed`
    : `the content was sealed by custody entry #${sealedBy}, but the log goes on to entry #${last}: entries after #${sealedBy} were added outside PushTrail`;
}

/** The keys the case holds, with the analyst who first signed with each. */
export function signingKeys(db: Database): { fingerprint: string; analyst: string }[] {
  return db.prepare('SELECT fingerprint, analyst FROM analyst_keys ORDER BY added_at, fingerprint').all() as { fingerprint: string; analyst: string }[];
}
