/**
 * Recompute a case's content digest from its rows alone (no cache) and compare it with what
 * the last custody entry sealed, naming the tables and the rows that differ.
 */
import type { Database } from 'better-sqlite3';
import type { ContentCheck, TableDifference } from '../../shared/api/jobs.js';
import { caseDigest, chunkDigest, coveredTables, readChunks, tableDigest, type TableShape } from '../store/content-digest.js';
import { lastSeal } from '../store/custody.js';

/** Rows named per kind of difference; the rest are counted. */
const NAMED_ROWS = 200;

interface Recomputed {
  digest: string;
  rows: number;
}

function recompute(db: Database, t: TableShape, onRows: (n: number) => void): Recomputed {
  const digests: string[] = [];
  let rows = 0;
  for (const c of readChunks(db, t)) {
    digests.push(chunkDigest(c.hashes));
    rows += c.keys.length;
    onRows(c.keys.length);
  }
  return { digest: tableDigest(t, rows, digests), rows };
}

/** Row key → row hash, from the cache as the last seal left it; null when the cache does not reproduce the sealed digest. */
function sealedRows(db: Database, t: TableShape, sealedDigest: string): Map<string, string> | null {
  const chunks = db.prepare('SELECT rows, keys, hashes, digest FROM content_chunks WHERE tbl = ? ORDER BY chunk').all(t.name) as {
    rows: number;
    keys: string;
    hashes: Buffer;
    digest: string;
  }[];
  if (chunks.some((c) => chunkDigest(c.hashes) !== c.digest)) return null;
  const total = chunks.reduce((n, c) => n + c.rows, 0);
  if (tableDigest(t, total, chunks.map((c) => c.digest)) !== sealedDigest) return null;
  const rows = new Map<string, string>();
  for (const c of chunks) {
    const keys = JSON.parse(c.keys) as unknown[];
    keys.forEach((k, i) => rows.set(JSON.stringify(k), c.hashes.subarray(i * 16, i * 16 + 16).toString('hex')));
  }
  return rows;
}

function named(list: unknown[], key: unknown): void {
  if (list.length < NAMED_ROWS) list.push(key);
}

/** Which rows of `t` differ from the sealed ones. */
function rowDifference(db: Database, t: TableShape, sealedDigest: string): TableDifference {
  const sealed = sealedRows(db, t, sealedDigest);
  if (sealed === null) {
    return { table: t.name, changed: [], added: [], removed: [], counts: { changed: 0, added: 0, removed: 0 }, rowsNamed: false };
  }
  const diff: TableDifference = { table: t.name, changed: [], added: [], removed: [], counts: { changed: 0, added: 0, removed: 0 }, rowsNamed: true };
  for (const c of readChunks(db, t)) {
    c.keys.forEach((key, i) => {
      const id = JSON.stringify(key);
      const was = sealed.get(id);
      const now = c.hashes.subarray(i * 16, i * 16 + 16).toString('hex');
      if (was === undefined) {
        diff.counts.added += 1;
        named(diff.added, key);
      } else if (was !== now) {
        diff.counts.changed += 1;
        named(diff.changed, key);
      }
      sealed.delete(id);
    });
  }
  for (const id of sealed.keys()) {
    diff.counts.removed += 1;
    named(diff.removed, JSON.parse(id));
  }
  return diff;
}

export function checkContent(db: Database, onRows: (n: number) => void): ContentCheck {
  const seal = lastSeal(db);
  const shapes = coveredTables(db);
  const tables: Record<string, string> = {};
  const recomputed = new Map<string, Recomputed>();
  for (const t of shapes) {
    const r = recompute(db, t, onRows);
    recomputed.set(t.name, r);
    tables[t.name] = r.digest;
  }
  const digest = caseDigest(tables);
  if (seal === null) return { digest, sealedSeq: null, sealedDigest: null, matches: false, differences: [], missingTables: [] };
  const differences = shapes.filter((t) => seal.tables[t.name] !== tables[t.name]).map((t) =>
    seal.tables[t.name] === undefined
      ? { table: t.name, changed: [], added: [], removed: [], counts: { changed: 0, added: recomputed.get(t.name)?.rows ?? 0, removed: 0 }, rowsNamed: false }
      : rowDifference(db, t, seal.tables[t.name]),
  );
  const missingTables = Object.keys(seal.tables).filter((name) => tables[name] === undefined);
  return { digest, sealedSeq: seal.seq, sealedDigest: seal.digest, matches: digest === seal.digest, differences, missingTables };
}

function keys(list: readonly unknown[], total: number): string {
  const shown = list.map((k) => (typeof k === 'string' ? JSON.stringify(k) : Array.isArray(k) ? `(${k.join(', ')})` : String(k))).join(', ');
  return total > list.length ? `${shown} and ${total - list.length} more` : shown;
}

/** One line per difference, naming the table and the rows. */
export function describeContent(c: ContentCheck): string[] {
  if (c.sealedSeq === null) return ['no custody entry seals the content (a case from before PushTrail sealed its content): nothing to compare it with'];
  if (c.matches) return [];
  const lines = c.differences.map((d) => {
    const head = `table ${d.table} differs from what custody entry #${c.sealedSeq} sealed`;
    if (!d.rowsNamed) return d.counts.added > 0 ? `${head}: the table is new (${d.counts.added} rows)` : `${head}; its digest cache was altered too, so the rows cannot be named`;
    const parts = [
      d.counts.changed > 0 ? `rows changed: ${keys(d.changed, d.counts.changed)}` : '',
      d.counts.added > 0 ? `rows added: ${keys(d.added, d.counts.added)}` : '',
      d.counts.removed > 0 ? `rows removed: ${keys(d.removed, d.counts.removed)}` : '',
    ].filter((p) => p !== '');
    return `${head}: ${parts.length === 0 ? 'the rows are the same but the table is not (its columns changed)' : parts.join('; ')}`;
  });
  for (const name of c.missingTables) lines.push(`table ${name}, sealed by custody entry #${c.sealedSeq}, is gone`);
  if (lines.length === 0) lines.push(`the content digest differs from what custody entry #${c.sealedSeq} sealed`);
  return lines;
}
