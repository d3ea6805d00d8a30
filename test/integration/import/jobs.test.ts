/** The import as a job: progress, cancellation, the UI's contract calls, and old cases. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { JobFinished } from '../../../shared/api/contract.js';
import type { ImportReport, JobProgress } from '../../../shared/api/jobs.js';
import { createDispatch } from '../../../electron/api/dispatch.js';
import { Session } from '../../../electron/api/session.js';
import { startJob } from '../../../electron/jobs/runner.js';
import { CaseStore } from '../../../electron/store/case-store.js';
import { applyMigrations, LATEST_SCHEMA } from '../../../electron/store/migrate.js';
import { MIGRATIONS } from '../../../electron/store/migrations.js';
import { duoAuth, oktaEvent } from '../../unit/ingest-pipeline/samples.js';
import { tempDir } from '../../support/temp.js';
import { count, importPaths, inCase, newCase } from './helpers.js';

const ndjson = (values: unknown[]): string => `${values.map((v) => JSON.stringify(v)).join('\n')}\n`;

test('progress reports the file, its bytes and its records', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'okta.ndjson');
  writeFileSync(file, ndjson(Array.from({ length: 3000 }, (_, i) => oktaEvent(i))));
  const casePath = newCase(t, dir);
  const progress: JobProgress[] = [];
  const outcome = await startJob('import', { casePath, paths: [file], actor: 'tester', tuning: { batchEvents: 200 } }, (p) => progress.push(p)).result;
  assert.ok(outcome.ok);
  assert.equal(outcome.value.totals.events, 3000);
  assert.ok(progress.every((p) => p.kind === 'import' && p.unit === 'bytes' && p.file === file));
  // Nothing in the case has the file's size, so it is hashed as it is imported, in one read.
  assert.equal(progress[0]?.phase, 'importing');
  const last = progress[progress.length - 1];
  assert.deepEqual([last?.phase, last?.records, last?.done, last?.total], ['imported', 3000, last?.total, outcome.value.files[0]?.size]);
});

test('cancelling rolls back the file in progress, keeps the files before it and says what was done', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.ndjson'), ndjson([0, 1, 2].map((i) => oktaEvent(i))));
  writeFileSync(join(dir, 'b.ndjson'), ndjson(Array.from({ length: 40_000 }, (_, i) => oktaEvent(100 + i))));
  const casePath = newCase(t, dir);
  const job = startJob('import', { casePath, paths: [join(dir, 'a.ndjson'), join(dir, 'b.ndjson')], actor: 'tester', tuning: { batchEvents: 500 } }, (p) => {
    if (p.phase === 'importing' && p.file?.endsWith('b.ndjson') === true && (p.records ?? 0) > 0) job.cancel();
  });
  const outcome = await job.result;
  assert.equal(outcome.ok, false);
  const error = outcome.ok ? null : outcome.error;
  assert.equal(error?.kind, 'cancelled');
  const report = error?.detail?.['report'] as ImportReport | undefined;
  assert.deepEqual(report?.files.map((f) => [f.path.slice(dir.length), f.status, f.events]), [['/a.ndjson', 'imported', 3]]);
  inCase(casePath, (store) => {
    assert.equal(store.db.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(store.evidence().map((e) => e.path), [join(dir, 'a.ndjson')]);
    assert.equal(store.custody(0, 100).at(-1)?.action, 'import/cancelled');
  });
  assert.equal(count(casePath, 'SELECT count(*) AS n FROM events'), 3);
});

test('the contract: import/start runs the job, then case/events, event/get and evidence/errors read it back', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'duo.json');
  writeFileSync(file, JSON.stringify({ stat: 'OK', response: { authlogs: [duoAuth(0), { txid: 'no time at all' }, duoAuth(1)] } }, null, 2));
  const session = new Session('direct', 'ui-analyst');
  t.after(() => session.close());
  const dispatch = createDispatch(session);
  const finished = new Promise<JobFinished>((resolve) => {
    session.subscribe((event, payload) => {
      if (event === 'job/finished') resolve(payload as JobFinished);
    });
  });
  const created = await dispatch('case/create', { path: join(dir, 'ui.pushtrail'), name: 'UI', analyst: 'ui-analyst' });
  assert.ok(created.ok);
  const bad = await dispatch('import/start', { paths: [] });
  assert.equal(bad.ok ? null : bad.error.kind, 'bad_input');
  const started = await dispatch('import/start', { paths: [file] });
  assert.ok(started.ok);
  const done = await finished;
  assert.equal(done.kind, 'import');
  assert.ok(done.outcome.ok);
  const report = done.outcome.value;
  assert.deepEqual([report.totals.events, report.totals.rejected], [2, 1]);

  const events = await dispatch('case/events', { limit: 10 });
  assert.ok(events.ok);
  const list = events.value as { id: number; vendor: string; responder?: { ip: string } }[];
  assert.equal(list.length, 2);
  const detail = await dispatch('event/get', { id: list[0]?.id });
  assert.ok(detail.ok);
  const d = detail.value as { raw: string; evidence: { path: string; line: number; sha256: string } };
  assert.equal(d.evidence.path, file);
  assert.equal(d.evidence.line, 5, 'the first authlog starts on line 5 of the pretty-printed export');
  assert.equal((JSON.parse(d.raw) as { txid: string }).txid, 'txid-0');
  const missing = await dispatch('event/get', { id: 999 });
  assert.equal(missing.ok ? null : missing.error.kind, 'not_found');
  const errors = await dispatch('evidence/errors', { evidenceId: 1 });
  assert.ok(errors.ok);
  assert.equal((errors.value as { record: number }[])[0]?.record, 2);
});

test('the app lends a new case to its first import, and keeps later imports beside the analyst', async (t) => {
  const dir = tempDir(t);
  const first = join(dir, 'first.ndjson');
  const second = join(dir, 'second.ndjson');
  writeFileSync(first, ndjson(Array.from({ length: 50 }, (_, i) => oktaEvent(i))));
  writeFileSync(second, ndjson(Array.from({ length: 50 }, (_, i) => oktaEvent(100 + i))));
  const session = new Session('direct', 'ui-analyst');
  t.after(() => session.close());
  const dispatch = createDispatch(session);
  // Asked the moment the job is announced finished, as the app's screens do.
  const answers: string[] = [];
  let ended: (value: JobFinished) => void = () => undefined;
  session.subscribe((event, payload) => {
    // The first import's end also starts indexing the new records: another job.
    if (event !== 'job/finished' || (payload as JobFinished).kind !== 'import') return;
    void dispatch('case/info', null).then((info) => {
      answers.push(info.ok ? 'open' : info.error.kind);
      ended(payload as JobFinished);
    });
  });
  const casePath = join(dir, 'lent.pushtrail');
  assert.ok((await dispatch('case/create', { path: casePath, name: 'Lent', analyst: 'ui-analyst' })).ok);

  let finished = new Promise<JobFinished>((resolve) => (ended = resolve));
  assert.ok((await dispatch('import/start', { paths: [first] })).ok);
  const during = await dispatch('case/info', null);
  assert.equal(during.ok ? 'open' : during.error.kind, 'case_busy', 'the empty case is closed to the session while its first import runs');
  const app = await dispatch('app/info', null);
  assert.equal(app.ok ? (app.value as { openCase: string | null }).openCase : null, casePath, 'it is still the case the app has open');
  assert.ok((await finished).outcome.ok);
  assert.deepEqual(answers, ['open'], 'the case is open again before the end is announced');

  // Indexing the new records is a job of its own: once it ends, nothing but evidence is in the way.
  while (session.jobs.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  finished = new Promise<JobFinished>((resolve) => (ended = resolve));
  assert.ok((await dispatch('import/start', { paths: [second] })).ok);
  const meanwhile = await dispatch('case/events', { limit: 100 });
  assert.ok(meanwhile.ok, 'a case with evidence stays readable while more is imported');
  assert.equal((meanwhile.value as unknown[]).length, 50);
  assert.ok((await finished).outcome.ok);
  const all = await dispatch('case/events', { limit: 1000 });
  assert.equal(all.ok ? (all.value as unknown[]).length : 0, 100);
  inCase(casePath, (store) => assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal'));
});

test('a case from before the import schema is upgraded on open and then imports normally', async (t) => {
  const dir = tempDir(t);
  const casePath = join(dir, 'old.pushtrail');
  const db = new Database(casePath);
  db.pragma('journal_mode = WAL');
  applyMigrations(db, [MIGRATIONS[0] ?? MIGRATIONS[MIGRATIONS.length - 1]].filter((m) => m !== undefined));
  db.prepare("INSERT INTO case_meta (id, case_id, name, analyst, created_at) VALUES (1, 'c', 'Old', 'Ana', 0)").run();
  db.prepare("INSERT INTO evidence (id, path, sha256, size, imported_at) VALUES (1, '/old.log', 'abc', 1, 0)").run();
  db.prepare(
    "INSERT INTO events (time, user, outcome, vendor, vendor_event, evidence_id, record, dedup_key, raw) VALUES (1, 'u', 'other', 'okta', 'x', 1, 1, x'00', '{}')",
  ).run();
  db.close();
  const file = join(dir, 'okta.ndjson');
  writeFileSync(file, ndjson([0, 1].map((i) => oktaEvent(i))));
  const report = await importPaths(casePath, [file]);
  assert.equal(report.totals.events, 2);
  inCase(casePath, (store) => {
    assert.equal(store.info().schemaVersion, LATEST_SCHEMA);
    assert.ok(store.custody(0, 10).some((c) => c.action === 'case/upgrade'));
    assert.equal(store.events(0, 10).length, 3, 'the old event is kept');
  });
  const stillWorks = CaseStore.open(casePath, 'tester');
  stillWorks.close();
});
