// Long reads run in the reader pool's threads (issue 15: the thread answering requests never
// freezes). What they answer must be what the store answers on the case directly, and the large
// ones must reach the transports as the JSON bytes a reader thread wrote.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMainThread } from 'node:worker_threads';
import { PushTrailError } from '../../../shared/api/errors.js';
import { createWireDispatch } from '../../../electron/api/dispatch.js';
import { ReaderPool } from '../../../electron/api/reader-pool.js';
import { SerializedAnswer } from '../../../electron/api/serialized.js';
import { Session } from '../../../electron/api/session.js';
import { caseActivity } from '../../../electron/store/activity.js';
import { CaseStore } from '../../../electron/store/case-store.js';
import { readUserRows } from '../../../electron/store/detection-store.js';
import { userEvents } from '../../../electron/store/events.js';
import { searchEntries } from '../../../electron/store/search.js';
import { demoCase } from '../../support/demo-case.js';

test('reads through the pool answer what the store answers, large ones as bytes sent as they are', async (t) => {
  const { casePath } = demoCase(t);
  const store = CaseStore.open(casePath, 'tester', { readOnly: true });
  t.after(() => store.close());
  const session = new Session('http', 'tester');
  t.after(() => session.close());
  session.replaceCase(CaseStore.open(casePath, 'tester'));
  const wire = createWireDispatch(session);

  const users = await wire('users/list', { limit: 100_000 });
  assert.ok(users instanceof SerializedAnswer, 'users/list comes as JSON bytes');
  const ranked = readUserRows(store.db, 100_000, 0);
  assert.ok(ranked.length > 5);
  assert.deepEqual(users.decode().value, JSON.parse(JSON.stringify(ranked)));

  const busiest = ranked.reduce((a, b) => (b.events > a.events ? b : a)).user;
  const events = await wire('user/events', { user: busiest });
  assert.ok(events instanceof SerializedAnswer);
  assert.deepEqual(events.decode().value, JSON.parse(JSON.stringify(userEvents(store.db, busiest, 200_000))));

  const activity = await wire('case/activity', { bins: 50 });
  assert.deepEqual(activity, { ok: true, value: caseActivity(store.db, 50) });

  const found = await wire('search/events', { user: busiest, limit: 500 });
  assert.ok(!(found instanceof SerializedAnswer) && found.ok);
  assert.deepEqual((found.value as { hits: unknown }).hits, searchEntries(store.db, { user: busiest }, 0, 500).hits);

  const missing = await wire('user/events', { user: 'nobody@example.invalid' });
  assert.ok(missing instanceof SerializedAnswer);
  assert.equal((missing.decode().value as { count: number }).count, 0);
});

test('a read runs in a thread of the pool, and a read that fails is an error as data', async (t) => {
  const { casePath } = demoCase(t);
  const pool = new ReaderPool(1);
  t.after(() => pool.close());
  assert.ok(isMainThread);
  // Two reads at once on a pool of one thread are queued, not lost.
  const [a, b] = await Promise.all([pool.read(casePath, 'search/status', null), pool.read(casePath, 'case/activity', { bins: 10 })]);
  assert.equal(typeof a.indexed, 'number');
  assert.ok(b.range !== null && b.sources.length > 0);
  await assert.rejects(pool.read(`${casePath}.absent`, 'search/status', null), (err: unknown) => err instanceof PushTrailError && err.kind === 'not_found');
});
