import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { PushTrailError } from '../../../shared/api/errors.js';
import { CaseStore } from '../../../electron/store/case-store.js';
import { DETECTION_QUERY } from '../../../electron/store/events.js';
import { APPLICATION_ID, LATEST_SCHEMA, migrationChecksum } from '../../../electron/store/migrate.js';
import { MIGRATIONS } from '../../../electron/store/migrations.js';
import { tempDir } from '../../support/temp.js';

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

function refusedWith(kind: PushTrailError['kind'], pattern: RegExp) {
  return (err: unknown) => err instanceof PushTrailError && err.kind === kind && pattern.test(err.message);
}

function newCase(dir: string, name = 'case.pushtrail'): string {
  const path = join(dir, name);
  CaseStore.create(path, { name: 'ACME push bombing', analyst: 'Ana Lyst', displayTimeZone: 'Europe/Berlin' }, 'tester').close();
  return path;
}

test('a new case records every migration, its application id and a custody entry', (t) => {
  const path = newCase(tempDir(t));
  const db = new Database(path, { readonly: true });
  t.after(() => db.close());
  const ledger = db.prepare('SELECT id, name, checksum FROM schema_migrations ORDER BY id').all();
  assert.deepEqual(
    ledger,
    MIGRATIONS.map((m) => ({ id: m.id, name: m.name, checksum: migrationChecksum(m) })),
  );
  assert.equal(db.pragma('application_id', { simple: true }), APPLICATION_ID);
  assert.equal(db.pragma('user_version', { simple: true }), LATEST_SCHEMA);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');

  const store = CaseStore.open(path, 'tester');
  t.after(() => store.close());
  const info = store.info();
  assert.equal(info.meta.name, 'ACME push bombing');
  assert.equal(info.meta.analyst, 'Ana Lyst');
  assert.equal(info.meta.displayTimeZone, 'Europe/Berlin');
  assert.deepEqual(info.counts, { evidence: 0, events: 0, findings: 0, annotations: 0 });
  const [created] = store.custody();
  assert.equal(created?.action, 'case/create');
  assert.equal(created?.actor, 'tester');
  assert.equal(created?.toolVersion, info.toolVersion);
});

for (const migration of MIGRATIONS) {
  test(`migration ${migration.id} (${migration.name}) applies on top of its predecessors`, (t) => {
    const db = new Database(join(tempDir(t), 'm.db'));
    t.after(() => db.close());
    for (const m of MIGRATIONS.filter((x) => x.id < migration.id)) db.exec(m.sql);
    const schema = (): unknown[] => db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all();
    const before = schema();
    db.exec(migration.sql);
    assert.notDeepEqual(schema(), before, 'the migration changes the schema');
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  });
}

test('detection reads every event through one covering index in its order: no table lookup, no sort', (t) => {
  const store = CaseStore.open(newCase(tempDir(t)), 'tester', { readOnly: true });
  t.after(() => store.close());
  const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${DETECTION_QUERY}`).all() as { detail: string }[]).map((r) => r.detail);
  assert.deepEqual(plan, ['SCAN events USING COVERING INDEX events_by_user_time_covering']);
});

test('migration ids are 1..N in order and names are unique', () => {
  assert.deepEqual(MIGRATIONS.map((m) => m.id), MIGRATIONS.map((_, i) => i + 1));
  assert.equal(new Set(MIGRATIONS.map((m) => m.name)).size, MIGRATIONS.length);
});

test('a case written by a newer PushTrail is refused and its bytes stay unchanged', (t) => {
  const path = newCase(tempDir(t));
  const db = new Database(path);
  db.prepare("INSERT INTO schema_migrations VALUES (?, 'from the future', 'abc', 0, '99.0.0')").run(LATEST_SCHEMA + 1);
  db.close();
  const before = sha(path);
  assert.throws(() => CaseStore.open(path, 'tester'), refusedWith('case_version', /newer PushTrail/));
  assert.throws(() => CaseStore.open(path, 'tester', { readOnly: true }), refusedWith('case_version', /newer PushTrail/));
  assert.equal(sha(path), before);
});

test('a case whose migrations diverge from ours is refused and left untouched', (t) => {
  const path = newCase(tempDir(t));
  const db = new Database(path);
  db.prepare("UPDATE schema_migrations SET checksum = 'edited' WHERE id = 1").run();
  db.close();
  const before = sha(path);
  assert.throws(() => CaseStore.open(path, 'tester'), refusedWith('case_version', /differs/));
  assert.equal(sha(path), before);
});

test('files that are not cases are refused with a clear kind', (t) => {
  const dir = tempDir(t);
  const text = join(dir, 'notes.pushtrail');
  writeFileSync(text, 'hello, not a database\n'.repeat(10));
  assert.throws(() => CaseStore.open(text, 'tester'), refusedWith('corrupt_case', /not an SQLite database/));

  const other = join(dir, 'other.sqlite');
  const db = new Database(other);
  db.exec('CREATE TABLE t (x)');
  db.close();
  const before = sha(other);
  assert.throws(() => CaseStore.open(other, 'tester'), refusedWith('corrupt_case', /not a PushTrail case/));
  assert.equal(sha(other), before);

  assert.throws(() => CaseStore.open(join(dir, 'missing.pushtrail'), 'tester'), refusedWith('not_found', /No case file/));
});

test('creating a case never overwrites an existing file', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'keep.pushtrail');
  writeFileSync(path, 'precious');
  assert.throws(
    () => CaseStore.create(path, { name: 'x', analyst: 'y' }, 'tester'),
    refusedWith('bad_input', /already exists/),
  );
  assert.equal(readFileSync(path, 'utf8'), 'precious');
});

test('the custody log is append-only', (t) => {
  const store = CaseStore.open(newCase(tempDir(t)), 'tester');
  t.after(() => store.close());
  assert.throws(() => store.db.prepare("UPDATE custody_log SET actor = 'mallory'").run(), /append-only/);
  assert.throws(() => store.db.prepare('DELETE FROM custody_log').run(), /append-only/);
});

test('changes and their custody entries commit together, times in UTC milliseconds', (t) => {
  const store = CaseStore.open(newCase(tempDir(t)), 'tester');
  t.after(() => store.close());
  const before = Date.now();
  const meta = store.setDisplayTimeZone('America/New_York', 'ana');
  assert.equal(meta.displayTimeZone, 'America/New_York');
  const last = store.custody().at(-1);
  assert.equal(last?.action, 'case/set-time-zone');
  assert.deepEqual(last?.detail, { from: 'Europe/Berlin', to: 'America/New_York' });
  assert.ok(last !== undefined && last.at >= before && last.at <= Date.now());

  assert.throws(() =>
    store.change('ana', 'case/doomed', {}, () => {
      store.db.prepare("UPDATE case_meta SET name = 'changed'").run();
      throw new Error('fails half-way');
    }),
  );
  assert.equal(store.meta().name, 'ACME push bombing');
  assert.equal(store.custody().at(-1)?.action, 'case/set-time-zone');
});
