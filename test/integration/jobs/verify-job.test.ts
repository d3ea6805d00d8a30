import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { JobProgress } from '../../../shared/api/jobs.js';
import { startJob } from '../../../electron/jobs/runner.js';
import { CaseStore } from '../../../electron/store/case-store.js';
import { appendCustody } from '../../../electron/store/custody.js';
import { tempDir } from '../../support/temp.js';

function caseWithHistory(dir: string, entries: number): string {
  const path = join(dir, 'c.pushtrail');
  const store = CaseStore.create(path, { name: 'Verify me', analyst: 'Ana' }, 'tester');
  store.db.transaction(() => {
    for (let i = 0; i < entries; i++) appendCustody(store.db, 'tester', 'test/entry', { i });
  })();
  store.close();
  return path;
}

test('the integrity check runs in a worker, reports progress and passes on a healthy case', async (t) => {
  const path = caseWithHistory(tempDir(t), 1200);
  const progress: JobProgress[] = [];
  const job = startJob('case/verify', { path }, (p) => progress.push(p));
  const outcome = await job.result;
  assert.ok(outcome.ok, JSON.stringify(outcome));
  assert.equal(outcome.value.ok, true);
  assert.deepEqual(outcome.value.integrity, ['ok']);
  assert.equal(outcome.value.custodyEntries, 1201);
  assert.deepEqual(outcome.value.custodyBroken, []);
  assert.ok(progress.length >= 4, `progress events: ${progress.length}`);
  assert.ok(progress.every((p) => p.jobId === job.id && p.kind === 'case/verify'));
  assert.ok(progress.some((p) => p.phase === 'custody chain' && p.done === 1000 && p.total === 1201));
});

test('a tampered custody entry is found by its hash chain', async (t) => {
  const path = caseWithHistory(tempDir(t), 10);
  const store = CaseStore.open(path, 'tester');
  // Simulate tampering by someone with raw SQLite access: drop the guard, edit, restore.
  store.db.exec('DROP TRIGGER custody_log_no_update');
  store.db.prepare("UPDATE custody_log SET actor = 'mallory' WHERE seq = 5").run();
  store.close();
  const outcome = await startJob('case/verify', { path }).result;
  assert.ok(outcome.ok);
  assert.equal(outcome.value.ok, false);
  assert.deepEqual(outcome.value.custodyBroken, [5]);
  assert.ok(outcome.value.problems.some((p) => /entry #5 \(test\/entry\) its content does not match its hash/.test(p)), outcome.value.problems.join('\n'));
});

test('errors inside the worker come back as data', async (t) => {
  const outcome = await startJob('case/verify', { path: join(tempDir(t), 'absent.pushtrail') }).result;
  assert.deepEqual(outcome.ok ? null : outcome.error.kind, 'not_found');
});

test('a running job can be cancelled', async (t) => {
  const path = caseWithHistory(tempDir(t), 1200);
  const job = startJob('case/verify', { path }, (p) => {
    if (p.phase === 'custody chain') job.cancel();
  });
  const outcome = await job.result;
  assert.equal(outcome.ok, false);
  assert.equal(outcome.ok ? null : outcome.error.kind, 'cancelled');
});
