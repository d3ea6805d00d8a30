/**
 * The content digest of a case: one SHA-256 over every table that holds what the case says
 * (evidence, events and their verbatim records, findings, annotations, settings, ...), sealed
 * into the custody log at every change (custody.ts).
 *
 * It is table-driven: every table of the file is covered except those listed in NOT_CONTENT,
 * so a table a later migration adds is covered without anyone remembering to. Rows are hashed
 * in primary-key order, 1024 to a chunk; `content_chunks` keeps each chunk's row keys and
 * row hashes, so a change re-hashes only the tables it wrote (named by the content_dirty
 * triggers of migration 10) and, for tables that only grow, only their new rows; and so
 * `pushtrail verify` can name the rows that differ from what was sealed.
 */
import { createHash } from 'node:crypto';
import type { Database as Db } from 'better-sqlite3';
import { openDatabase } from './sqlite-open.js';

/** Tables that are not the case's content, and why. */
const NOT_CONTENT: ReadonlyMap<string, string> = new Map([
  ['custody_log', 'the log that seals the digest; it is hash-chained and signed itself'],
  ['content_chunks', 'the digest cache'],
  ['content_dirty', 'the digest cache'],
  ['search_index', 'how far the full-text index has got: derived from the records, rebuilt at will'],
]);

export const CHUNK_ROWS = 1024;
/** Bytes of each row hash kept in the cache: enough to name a changed row, never to forge one (the digest is over them). */
const ROW_HASH_BYTES = 16;
const DIGEST_VERSION = 'pushtrail-content-1';

export interface TableShape {
  name: string;
  columns: string[];
  /** Primary-key columns in key order; ['rowid'] for a table without a declared key. */
  key: string[];
  /** Has content_dirty triggers for updates and deletes (and inserts unless append-only). */
  tracked: boolean;
  /** Only ever grows through PushTrail: no insert trigger, a single integer key; new rows are those past the last sealed key. */
  appendOnly: boolean;
}

export interface ContentSeal {
  /** The case digest: SHA-256 over every table's digest. */
  digest: string;
  /** Each covered table's digest. */
  tables: Record<string, string>;
}

export interface Chunk {
  chunk: number;
  keys: unknown[];
  /** ROW_HASH_BYTES per row, in key order. */
  hashes: Buffer;
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Virtual tables and the shadow tables SQLite keeps for them (FTS5: <name>_data, _idx, ...). */
function virtualFamilies(db: Db): string[] {
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'").all() as { name: string }[]).map((r) => r.name);
}

/** Why `name` is not covered, or undefined when it is. */
export function notContentReason(name: string, virtuals: readonly string[]): string | undefined {
  if (name.startsWith('sqlite_')) return 'SQLite\'s own table';
  const listed = NOT_CONTENT.get(name);
  if (listed !== undefined) return listed;
  if (virtuals.some((v) => name === v || name.startsWith(`${v}_`))) return 'a full-text index over the records: derived from them';
  return undefined;
}

const shapesByConnection = new WeakMap<Db, { schema: number; shapes: TableShape[] }>();

/** Every table the digest covers, by name; read again only when the schema changes. */
export function coveredTables(db: Db): TableShape[] {
  const schema = db.pragma('schema_version', { simple: true }) as number;
  const known = shapesByConnection.get(db);
  if (known !== undefined && known.schema === schema) return known.shapes;
  const shapes = readShapes(db);
  shapesByConnection.set(db, { schema, shapes });
  return shapes;
}

function readShapes(db: Db): TableShape[] {
  const virtuals = virtualFamilies(db);
  const triggers = new Set((db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'content_dirty_%'").all() as { name: string }[]).map((r) => r.name));
  const names = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  return names
    .filter((name) => notContentReason(name, virtuals) === undefined)
    .map((name) => {
      const info = db.prepare(`PRAGMA table_info(${quote(name)})`).all() as { name: string; type: string; pk: number }[];
      const keyed = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
      const key = keyed.length === 0 ? ['rowid'] : keyed.map((c) => c.name);
      const tracked = triggers.has(`content_dirty_${name}_upd`) && triggers.has(`content_dirty_${name}_del`);
      const integerKey = keyed.length === 1 && keyed[0]?.type.toUpperCase() === 'INTEGER';
      return { name, columns: info.map((c) => c.name), key, tracked, appendOnly: tracked && integerKey && !triggers.has(`content_dirty_${name}_ins`) };
    });
}

function cell(value: unknown): unknown {
  return value instanceof Uint8Array ? { blob: Buffer.from(value).toString('hex') } : value;
}

/** One row's hash: its table and every cell, blobs told apart from text. */
export function rowHash(table: string, row: readonly unknown[]): Buffer {
  return createHash('sha256')
    .update(JSON.stringify([table, ...row.map(cell)]))
    .digest()
    .subarray(0, ROW_HASH_BYTES);
}

/**
 * The rows of `t` in key order (from `fromKey` on, for an append-only table), as chunks
 * numbered from `firstChunk`. Cells come first in the order of `t.columns`, then the key.
 */
export function* readChunks(db: Db, t: TableShape, firstChunk = 0, fromKey?: number): Generator<Chunk> {
  const keyList = t.key.map(quote).join(', ');
  const where = fromKey === undefined ? '' : ` WHERE ${quote(t.key[0] ?? 'rowid')} >= ?`;
  const sql = `SELECT ${t.columns.map(quote).join(', ')}, ${keyList} FROM ${quote(t.name)}${where} ORDER BY ${keyList}`;
  const statement = db.prepare(sql).raw(true);
  const rows = (fromKey === undefined ? statement.iterate() : statement.iterate(fromKey)) as IterableIterator<unknown[]>;
  const width = t.columns.length;
  let keys: unknown[] = [];
  let hashes: Buffer[] = [];
  let chunk = firstChunk;
  for (const row of rows) {
    keys.push(t.key.length === 1 ? row[width] : row.slice(width));
    hashes.push(rowHash(t.name, row.slice(0, width)));
    if (keys.length === CHUNK_ROWS) {
      yield { chunk, keys, hashes: Buffer.concat(hashes) };
      chunk += 1;
      keys = [];
      hashes = [];
    }
  }
  if (keys.length > 0) yield { chunk, keys, hashes: Buffer.concat(hashes) };
}

export function chunkDigest(hashes: Buffer): string {
  return createHash('sha256').update(hashes).digest('hex');
}

export function tableDigest(t: TableShape, rows: number, chunkDigests: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify([t.name, t.columns, rows, chunkDigests])).digest('hex');
}

export function caseDigest(tables: Readonly<Record<string, string>>): string {
  const sorted = Object.keys(tables).sort().map((name) => [name, tables[name]]);
  return createHash('sha256').update(JSON.stringify([DIGEST_VERSION, sorted])).digest('hex');
}

interface CachedChunk {
  chunk: number;
  rows: number;
  keys: string;
  digest: string;
}

function lastCachedChunk(db: Db, table: string): CachedChunk | undefined {
  return db.prepare('SELECT chunk, rows, keys, digest FROM content_chunks WHERE tbl = ? ORDER BY chunk DESC LIMIT 1').get(table) as CachedChunk | undefined;
}

function storeChunk(db: Db, table: string, c: Chunk): void {
  db.prepare('INSERT OR REPLACE INTO content_chunks (tbl, chunk, rows, keys, hashes, digest) VALUES (?, ?, ?, ?, ?, ?)').run(
    table,
    c.chunk,
    c.keys.length,
    JSON.stringify(c.keys),
    c.hashes,
    chunkDigest(c.hashes),
  );
}

function maxKey(db: Db, t: TableShape): number | null {
  return (db.prepare(`SELECT max(${quote(t.key[0] ?? 'rowid')}) AS k FROM ${quote(t.name)}`).get() as { k: number | null }).k;
}

/** Re-hash `t` into the cache: all of it, or (append-only) from its last cached chunk on. */
function refreshTable(db: Db, t: TableShape, whole: boolean): void {
  const last = whole ? undefined : lastCachedChunk(db, t.name);
  // Read whole before writing: a connection cannot write while it iterates.
  if (last === undefined) {
    const chunks = [...readChunks(db, t)];
    db.prepare('DELETE FROM content_chunks WHERE tbl = ?').run(t.name);
    for (const c of chunks) storeChunk(db, t.name, c);
    return;
  }
  const keys = JSON.parse(last.keys) as number[];
  if (maxKey(db, t) === (keys.at(-1) ?? null)) return;
  const firstKey = keys[0];
  for (const c of [...readChunks(db, t, last.chunk, firstKey)]) storeChunk(db, t.name, c);
}

/** Each table's rows and chunk digests, from the cache. */
function cachedChunks(db: Db): Map<string, { rows: number; digests: string[] }> {
  const byTable = new Map<string, { rows: number; digests: string[] }>();
  for (const c of db.prepare('SELECT tbl, rows, digest FROM content_chunks ORDER BY tbl, chunk').iterate() as IterableIterator<{ tbl: string; rows: number; digest: string }>) {
    const t = byTable.get(c.tbl) ?? { rows: 0, digests: [] };
    t.rows += c.rows;
    t.digests.push(c.digest);
    byTable.set(c.tbl, t);
  }
  return byTable;
}

/**
 * Bring the cache up to date with what this transaction wrote and return the seal. `whole`
 * re-hashes every table (a new case, a migration); otherwise only tables the triggers named,
 * untracked tables, and the new rows of append-only tables. Call inside the change's transaction.
 */
export function sealContent(db: Db, whole: boolean): ContentSeal {
  const dirty = new Set((db.prepare('SELECT tbl FROM content_dirty').all() as { tbl: string }[]).map((r) => r.tbl));
  const shapes = coveredTables(db);
  for (const t of shapes) {
    if (whole || !t.tracked || dirty.has(t.name)) refreshTable(db, t, true);
    else if (t.appendOnly) refreshTable(db, t, false);
  }
  if (dirty.size > 0) db.prepare('DELETE FROM content_dirty').run();
  const chunks = cachedChunks(db);
  const tables: Record<string, string> = {};
  for (const t of shapes) {
    const c = chunks.get(t.name);
    tables[t.name] = tableDigest(t, c?.rows ?? 0, c?.digests ?? []);
  }
  // Chunks of tables that no longer exist (a migration dropped one) are not kept.
  if ([...chunks.keys()].some((name) => tables[name] === undefined)) {
    const names = Object.keys(tables);
    db.prepare(`DELETE FROM content_chunks WHERE tbl NOT IN (${names.map(() => '?').join(', ')})`).run(...names);
  }
  return { digest: caseDigest(tables), tables };
}

/**
 * Tables written since the last seal by something other than PushTrail's own changes: the
 * triggers named them, or an append-only table has rows past its last sealed key. Call at
 * the start of a change's transaction; empty for a case that has never been sealed.
 */
export function changedSinceSeal(db: Db): string[] {
  const sealed = db.prepare('SELECT 1 FROM content_chunks LIMIT 1').get() !== undefined;
  if (!sealed) return [];
  const changed = new Set((db.prepare('SELECT tbl FROM content_dirty').all() as { tbl: string }[]).map((r) => r.tbl));
  for (const t of coveredTables(db).filter((s) => s.appendOnly)) {
    const max = maxKey(db, t);
    const last = lastCachedChunk(db, t.name);
    const lastKey = last === undefined ? null : ((JSON.parse(last.keys) as number[]).at(-1) ?? null);
    if (max !== lastKey) changed.add(t.name);
  }
  return [...changed].sort();
}

/**
 * A scratch copy of the case at `path` (which must not exist) for checks that write, such as
 * running detection again: the original is never written. The copy has no digest cache, so
 * nothing it inherits from the original is taken for a change made outside PushTrail.
 */
export function copyCaseForCheck(db: Db, path: string): void {
  db.prepare('VACUUM INTO ?').run(path);
  const copy = openDatabase(path, { fileMustExist: true });
  try {
    copy.exec('DELETE FROM content_chunks; DELETE FROM content_dirty;');
  } finally {
    copy.close();
  }
}
