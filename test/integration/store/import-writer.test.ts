/**
 * The import writer's bulk mode on real case files: a large file is written without the events
 * indexes and, when it has the case to itself, with a rollback journal; the case ends exactly
 * as an event-by-event write leaves it.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { CaseFileFlush } from '../../../electron/store/case-file-flush.js';
import { CaseStore } from '../../../electron/store/case-store.js';
import { DEDUP_KEY_BYTES, NUMERIC_COLUMNS, toEventRow, type BoundCell } from '../../../electron/store/event-row.js';
import { ImportWriter } from '../../../electron/store/import-writer.js';
import type { AuthEvent } from '../../../shared/model/event.js';
import { tempDir } from '../../support/temp.js';

const FILE_BYTES = 1000;
const EVENTS = 300;

function event(i: number): AuthEvent {
  return {
    time: 1_700_000_000_000 + i * 1000,
    vendor: 'okta',
    user: `user${i % 7}@example.com`,
    outcome: i % 3 === 0 ? 'denied' : 'challenge_sent',
    factor: 'push',
    vendorEvent: 'system.push.send_factor_verify_push',
    source: { ip: `203.0.113.${i % 250}`, geo: { country: 'GB', source: 'vendor' } },
    userAgent: 'Mozilla/5.0 <script>',
  };
}

function recordOf(i: number): string {
  return JSON.stringify({ uuid: `u-${i}`, note: 'ünï ✓', i });
}

interface Written {
  casePath: string;
  /** Seen while the file's transaction was open. */
  during: { journal: string; indexes: string[] };
}

function eventIndexes(db: Database.Database): string[] {
  return (db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL ORDER BY name").all() as { sql: string }[]).map((r) => r.sql);
}

/**
 * A writer on a new case, opened as the import job opens it (`exclusive`: with the case to
 * itself, as the CLI imports); the case and its flusher are closed once `use` returns.
 */
async function withWriter<T>(t: TestContext, bulkMinBytes: number, exclusive: boolean, use: (writer: ImportWriter, store: CaseStore, casePath: string) => T): Promise<T> {
  const casePath = join(tempDir(t), 'case.pushtrail');
  CaseStore.create(casePath, { name: 'bulk', analyst: 'tester' }, 'tester').close();
  const flush = exclusive ? CaseFileFlush.open(casePath) : null;
  const store = CaseStore.open(casePath, 'tester');
  try {
    return use(new ImportWriter(store, 'tester', { bulkMinBytes, exclusive, flush }), store, casePath);
  } finally {
    store.close();
    await flush?.close();
  }
}

function writeFile(t: TestContext, bulkMinBytes: number, exclusive = true): Promise<Written> {
  return withWriter(t, bulkMinBytes, exclusive, (writer, store, casePath) => {
    const id = writer.beginFile({ path: 'okta.ndjson', sha256: 'ab'.repeat(32), size: FILE_BYTES, format: 'okta', container: 'ndjson', compression: null, parentId: null });
    const during = { journal: String(store.db.pragma('journal_mode', { simple: true })), indexes: eventIndexes(store.db) };
    for (let i = 0; i < EVENTS; i += 1) {
      const record = recordOf(i);
      const row: BoundCell[] = toEventRow(event(i), i + 1, i + 1, record);
      // Every third row has its text as the UTF-8 bytes a batch from the parse thread carries.
      if (i % 3 === 0) for (const [c, v] of row.entries()) if (typeof v === 'string') row[c] = Buffer.from(v);
      const key = Buffer.alloc(DEDUP_KEY_BYTES);
      key.writeUInt32BE(i);
      // Every other record is given as the UTF-8 bytes a batch from the parse thread carries.
      assert.equal(writer.insertEvent(id, row, i % 2 === 0 ? record : Buffer.from(record), key), true);
    }
    assert.equal(writer.insertEvent(id, toEventRow(event(0), 1, 1, 'x'), 'x', Buffer.alloc(DEDUP_KEY_BYTES)), false, 'a repeated key is a duplicate');
    writer.commitFile(id, { records: EVENTS + 1, events: EVENTS, duplicates: 1, rejected: 0 }, { path: 'okta.ndjson' });
    return { casePath, during };
  });
}

function contents(casePath: string): { schema: string[]; events: unknown[]; raw: unknown[]; journal: string; integrity: string; references: unknown[] } {
  const db = new Database(casePath, { readonly: true });
  try {
    return {
      schema: (db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all() as { sql: string }[]).map((r) => JSON.stringify(r)),
      events: db.prepare('SELECT * FROM events ORDER BY id').all(),
      raw: db.prepare('SELECT event_id, typeof(raw) AS type, raw FROM event_raw ORDER BY event_id').all(),
      journal: String(db.pragma('journal_mode', { simple: true })),
      integrity: String(db.pragma('integrity_check', { simple: true })),
      // The writer's connection does not check references (it makes both ends): they must hold all the same.
      references: db.pragma('foreign_key_check') as unknown[],
    };
  } finally {
    db.close();
  }
}

test('a file written in bulk leaves the case exactly as an event-by-event write does', async (t) => {
  const plain = await writeFile(t, Number.MAX_SAFE_INTEGER);
  const bulk = await writeFile(t, FILE_BYTES);
  assert.equal(plain.during.journal, 'wal');
  assert.equal(plain.during.indexes.length, 2, 'the events indexes are kept while an ordinary file is written');
  assert.equal(bulk.during.journal, 'delete', 'alone with the case, a bulk file is written with a rollback journal');
  assert.deepEqual(bulk.during.indexes, [], 'and without the events indexes');

  const a = contents(plain.casePath);
  const b = contents(bulk.casePath);
  assert.equal(b.journal, 'wal', 'the case is back in WAL mode');
  assert.equal(b.integrity, 'ok');
  assert.deepEqual([a.references, b.references], [[], []]);
  assert.deepEqual(b.schema, a.schema, 'the indexes are built again as the migrations define them');
  assert.equal(b.events.length, EVENTS);
  assert.deepEqual(b.events, a.events);
  assert.deepEqual(b.raw, a.raw);
  assert.ok(b.raw.every((r) => (r as { type: string }).type === 'text'), 'records given as bytes are stored as text');
  const first = b.events[0] as Record<string, unknown>;
  assert.equal(first['user_agent'], 'Mozilla/5.0 <script>', 'cells given as bytes are stored as the text they encode');
  for (const [column, value] of Object.entries(first)) {
    if (value !== null && !NUMERIC_COLUMNS.has(column) && column !== 'dedup_key' && column !== 'id' && column !== 'evidence_id') assert.equal(typeof value, 'string', column);
  }
});

test('a bulk file keeps the WAL when the import may not have the case to itself (the app)', async (t) => {
  const shared = await writeFile(t, FILE_BYTES, false);
  assert.equal(shared.during.journal, 'wal');
  assert.deepEqual(shared.during.indexes, [], 'the indexes are still rebuilt in one pass');
  const c = contents(shared.casePath);
  assert.equal(c.integrity, 'ok');
  assert.equal(c.events.length, EVENTS);
  assert.deepEqual(c.schema, contents((await writeFile(t, Number.MAX_SAFE_INTEGER)).casePath).schema);
});

test('a bulk file that is not committed leaves the case as it was, indexes and all', async (t) => {
  await withWriter(t, 1, true, (writer, store) => {
    const before = eventIndexes(store.db);
    const id = writer.beginFile({ path: 'a', sha256: 'cd'.repeat(32), size: 10, format: 'okta', container: 'ndjson', compression: null, parentId: null });
    writer.insertEvent(id, toEventRow(event(1), 1, 1, recordOf(1)), recordOf(1), Buffer.alloc(DEDUP_KEY_BYTES));
    writer.rollbackFile();
    assert.deepEqual(eventIndexes(store.db), before);
    assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal((store.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n, 0);
    assert.equal((store.db.prepare('SELECT count(*) AS n FROM evidence').get() as { n: number }).n, 0);
  });
});

test('a large file going into a case that holds more keeps the indexes, and still leaves the WAL', async (t) => {
  const casePath = await withWriter(t, FILE_BYTES, true, (writer, store, path) => {
    const file = (name: string, size: number): number =>
      writer.beginFile({ path: name, sha256: name.repeat(64).slice(0, 64), size, format: 'okta', container: 'ndjson', compression: null, parentId: null });
    const first = file('a', 10 * FILE_BYTES);
    writer.commitFile(first, { records: 0, events: 0, duplicates: 0, rejected: 0 }, { path: 'a' });
    const second = file('b', 2 * FILE_BYTES);
    assert.equal(store.db.pragma('journal_mode', { simple: true }), 'delete');
    assert.equal(eventIndexes(store.db).length, 2, 'rebuilding the indexes over the larger case would cost more than it saves');
    writer.insertEvent(second, toEventRow(event(1), 1, 1, recordOf(1)), recordOf(1), Buffer.alloc(DEDUP_KEY_BYTES));
    writer.commitFile(second, { records: 1, events: 1, duplicates: 0, rejected: 0 }, { path: 'b' });
    assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
    return path;
  });
  assert.equal(contents(casePath).integrity, 'ok');
});
