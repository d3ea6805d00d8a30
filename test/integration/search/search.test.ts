import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { createDispatch } from '../../../electron/api/dispatch.js';
import { Session } from '../../../electron/api/session.js';
import type { JobFinished } from '../../../shared/api/contract.js';
import type { AroundResult, SearchIndexStatus, SearchPage, TimelineEntry } from '../../../shared/api/search.js';
import type { DetectSummary } from '../../../shared/api/detection.js';
import type { AnalystEvent } from '../../../shared/model/analyst-event.js';
import { demoCase } from '../../support/demo-case.js';

const ATTACKER_IP = '146.70.117.86';

function api(session: Session) {
  const dispatch = createDispatch(session);
  const call = async <T>(method: string, arg: unknown): Promise<T> => {
    const r = await dispatch(method, arg);
    if (!r.ok) throw new Error(`${method}: ${r.error.kind}: ${r.error.message}`);
    return r.value as T;
  };
  const finished = (kind: JobFinished['kind']): Promise<JobFinished> =>
    new Promise((resolve) => {
      const off = session.subscribe((event, payload) => {
        if (event === 'job/finished' && (payload as JobFinished).kind === kind) {
          off();
          resolve(payload as JobFinished);
        }
      });
    });
  return { dispatch, call, finished };
}

/** Every hit of a query, page by page. */
async function allHits(call: <T>(m: string, a: unknown) => Promise<T>, query: Record<string, unknown>, limit = 40): Promise<TimelineEntry[]> {
  const hits: TimelineEntry[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await call<SearchPage>('search/events', { ...query, offset, limit });
    assert.equal(page.offset, offset);
    hits.push(...page.hits);
    if (!page.hasMore) return hits;
    assert.equal(page.hits.length, limit);
  }
}

const idsOf = (hits: TimelineEntry[]): number[] => hits.flatMap((h) => (h.kind === 'evidence' ? [h.event.id] : []));
const timeOf = (h: TimelineEntry): number => (h.kind === 'evidence' ? h.event.time : h.entry.time);

test('search: full-text index built by its own job, filters, analyst entries beside the evidence, context around a moment', async (t) => {
  const { dir, casePath } = demoCase(t);
  // An independent look at the same file, for expected answers computed without the search code.
  const oracle = new Database(casePath, { readonly: true });
  t.after(() => oracle.close());
  const sql = (q: string, ...p: unknown[]): number[] => (oracle.prepare(q).all(...p) as { id: number }[]).map((r) => r.id);

  const session = new Session('direct', 'ana');
  t.after(() => session.close());
  const { dispatch, call, finished } = api(session);
  await call('case/open', { path: casePath });

  // Nothing is indexed by the import. Asking, or searching without text, starts nothing;
  // the first text search starts the indexing job.
  const untouched = await call<SearchIndexStatus>('search/index', {});
  assert.equal(untouched.indexed, 0);
  assert.ok(untouched.pending > 4000);
  assert.equal(untouched.jobId, null);
  assert.equal((await call<SearchPage>('search/events', { outcome: 'denied' })).index.jobId, null);
  const total = untouched.pending;

  // Cancelled indexing stops, leaves the index consistent, and is not restarted by asking.
  const cancelled = finished('search/index');
  const started = await call<SearchIndexStatus>('search/index', { start: true });
  assert.equal(typeof started.jobId, 'string');
  await call('job/cancel', { jobId: started.jobId });
  const stop = (await cancelled).outcome;
  assert.equal(stop.ok ? 'finished' : stop.error.kind, 'cancelled');
  const paused = await call<SearchIndexStatus>('search/index', {});
  assert.equal(paused.jobId, null);
  assert.equal(paused.indexed + paused.pending, total);

  const indexed = finished('search/index');
  const first = await call<SearchPage>('search/events', { text: ATTACKER_IP });
  assert.equal(first.index.indexed, paused.indexed);
  assert.equal(typeof first.index.jobId, 'string');
  const job = await indexed;
  assert.ok(job.outcome.ok, JSON.stringify(job.outcome));
  const status = await call<SearchIndexStatus>('search/index', { start: true });
  assert.deepEqual(status, { indexed: total, pending: 0, jobId: null }, 'up to date: nothing to start');

  // Full text: exactly the records holding the address, in time order, over several pages.
  const byText = await allHits(call, { text: ATTACKER_IP });
  const expected = sql("SELECT e.id FROM events e JOIN event_raw r ON r.event_id = e.id WHERE r.raw LIKE '%' || ? || '%' ORDER BY e.time, e.id", ATTACKER_IP);
  assert.ok(expected.length > 40);
  assert.deepEqual(idsOf(byText), expected);
  // Words must all occur; a quoted phrase is one unit; FTS5 syntax typed by the analyst is text.
  const both = idsOf(await allHits(call, { text: `${ATTACKER_IP} "push"` }));
  assert.ok(both.length > 0 && both.length < expected.length);
  for (const hostile of ['NEAR(a b)', 'raw: x', '"unbalanced', 'a AND OR NOT', '<script>alert(1)</script>', '*', '-x']) {
    const r = await dispatch('search/events', { text: hostile });
    assert.ok(r.ok, `${hostile}: ${JSON.stringify(r)}`);
  }

  // Filters, each against the same question asked directly of the file; a question with no
  // answer in the file would let a broken filter pass, so each must find something.
  const same = (actual: number[], expected: number[], what: string): void => {
    assert.ok(expected.length > 0, `${what}: the demo case holds such events`);
    assert.deepEqual(actual, expected, what);
  };
  const dana = 'dana.whitfield@kestrelfreight.example';
  same(idsOf(await allHits(call, { user: dana, outcome: 'denied' })), sql("SELECT id FROM events WHERE user = ? AND outcome = 'denied' ORDER BY time, id", dana), 'user: dana, outcome: denied');
  same(idsOf(await allHits(call, { user: 'dana*', factor: 'push' })), sql("SELECT id FROM events WHERE user LIKE 'dana%' AND factor = 'push' ORDER BY time, id"), 'user: dana*, factor: push');
  same(idsOf(await allHits(call, { ip: '146.70.*' })), sql("SELECT id FROM events WHERE src_ip LIKE '146.70.%' OR dev_ip LIKE '146.70.%' ORDER BY time, id"), 'ip: 146.70.*');
  same(idsOf(await allHits(call, { country: 'netherlands', limit: 500 }, 500)), sql("SELECT id FROM events WHERE src_country = 'NL' OR dev_country = 'NL' ORDER BY time, id"), 'country: netherlands, limit: 500');
  const duo = sql("SELECT id FROM events WHERE vendor = 'duo' ORDER BY time, id");
  same(idsOf(await allHits(call, { vendor: 'duo' }, 500)), duo, 'vendor duo');
  same(idsOf(await allHits(call, { evidenceId: 2 }, 500)), duo, 'the Duo evidence file');
  // Half an hour either side of Dana's first denial: a window the case has events in, and not all of them.
  const denial = (oracle.prepare("SELECT min(time) AS t FROM events WHERE user = ? AND outcome = 'denied'").get(dana) as { t: number }).t;
  const [from, to] = [denial - 1_800_000, denial + 1_800_000];
  same(idsOf(await allHits(call, { from, to }, 500)), sql('SELECT id FROM events WHERE time BETWEEN ? AND ? ORDER BY time, id', from, to), 'from, to');

  // An analyst-entered event: stored with its author, in custody, returned as what it is.
  const approvedAt = sql("SELECT id FROM events WHERE user = ? AND outcome = 'approved' ORDER BY time DESC LIMIT 1", dana)[0];
  const approvedTime = (oracle.prepare('SELECT time FROM events WHERE id = ?').get(approvedAt) as { time: number }).time;
  const said = await call<AnalystEvent>('analyst/add', {
    user: ' Dana.Whitfield@KestrelFreight.example ',
    time: approvedTime + 30_000,
    outcome: 'approved',
    factor: 'push',
    description: 'Victim says she approved to stop the noise <b>really</b>',
  });
  assert.equal(said.user, dana);
  assert.equal(said.analyst, 'ana');
  assert.deepEqual(await call<AnalystEvent[]>('analyst/list', { user: dana }), [said]);
  const custody = (await call<{ action: string; detail: Record<string, unknown> }[]>('case/custody', {})).filter((e) => e.action === 'analyst-event/add');
  assert.equal(custody.length, 1);
  assert.equal(custody[0]?.detail['id'], said.id);
  assert.equal(custody[0]?.detail['description'], said.description);

  const noise = await allHits(call, { text: 'stop the NOISE' });
  assert.deepEqual(noise, [{ kind: 'analyst', entry: said }]);
  assert.deepEqual(await allHits(call, { vendor: 'analyst' }), [{ kind: 'analyst', entry: said }]);
  const danaApprovals = await allHits(call, { user: dana, outcome: 'approved' });
  assert.equal(danaApprovals.filter((h) => h.kind === 'analyst').length, 1);
  assert.equal(danaApprovals.length, sql("SELECT id FROM events WHERE user = ? AND outcome = 'approved'", dana).length + 1);
  assert.deepEqual(danaApprovals.map(timeOf), [...danaApprovals.map(timeOf)].sort((a, b) => a - b));
  // Filters only evidence has leave analyst entries out rather than matching them vacuously.
  assert.equal((await allHits(call, { user: dana, ip: ATTACKER_IP })).filter((h) => h.kind === 'analyst').length, 0);

  // Detection reads the evidence only: the analyst's account never counts as an observed event.
  const detected = finished('detect');
  await call('detect/run', null);
  const summary = (await detected).outcome;
  assert.ok(summary.ok);
  assert.equal((summary.value as DetectSummary).events, sql('SELECT id FROM events').length);

  // Context: every user's events around the approval, landing on it, with the analyst entry.
  const around = await call<AroundResult>('events/around', { time: approvedTime, minutes: 10 });
  const window = sql('SELECT id FROM events WHERE time BETWEEN ? AND ? ORDER BY time, id', approvedTime - 600_000, approvedTime + 600_000);
  assert.deepEqual(idsOf(around.entries), window);
  assert.ok(idsOf(around.entries).includes(approvedAt));
  assert.ok(around.entries.some((e) => e.kind === 'analyst' && e.entry.id === said.id));
  assert.equal(around.truncated, false);
  assert.ok(new Set(around.entries.flatMap((e) => (e.kind === 'evidence' ? [e.event.user] : []))).size > 1, 'other users are in the window');
  const narrow = await call<AroundResult>('events/around', { time: approvedTime, minutes: 10, limit: 4 });
  assert.equal(narrow.truncated, window.length > 4);
  assert.ok(idsOf(narrow.entries).includes(approvedAt), 'the moment itself is kept however busy the window');
  assert.ok(idsOf(narrow.entries).length <= 4);

  // New evidence: indexed after its import by the same job, without being asked.
  const hostile = join(dir, 'late.ndjson');
  writeFileSync(
    hostile,
    `${JSON.stringify({
      uuid: 'late-arrival-0001',
      published: '2025-03-20T03:00:00.000Z',
      eventType: 'user.session.start',
      version: '0',
      actor: { id: '00u-late', type: 'User', alternateId: dana, displayName: 'Dana' },
      client: { ipAddress: '203.0.113.66', userAgent: { rawUserAgent: 'zebracorn/1.0' } },
      outcome: { result: 'SUCCESS' },
    })}\n`,
  );
  const reindexed = finished('search/index');
  await call('import/start', { paths: [hostile] });
  const again = await reindexed;
  assert.deepEqual(again.outcome, { ok: true, value: { added: 1, indexed: total + 1 } });
  const late = await allHits(call, { text: 'zebracorn' });
  assert.equal(late.length, 1);
  assert.equal(late[0]?.kind === 'evidence' ? late[0].event.source?.ip : null, '203.0.113.66');

  for (const [method, arg] of [
    ['search/events', { outcome: 'pwned' }],
    ['search/events', { from: 10, to: 5 }],
    ['search/events', { evidenceId: 0 }],
    ['search/events', { text: 'x'.repeat(1001) }],
    ['events/around', { time: approvedTime, minutes: 0 }],
    ['events/around', { minutes: 5 }],
    ['search/index', { start: 'yes' }],
    ['analyst/add', { user: dana, time: approvedTime, outcome: 'approved' }],
    ['analyst/add', { user: dana, time: 'yesterday', outcome: 'approved', description: 'x' }],
  ] as const) {
    const r = await dispatch(method, arg);
    assert.equal(r.ok ? null : r.error.kind, 'bad_input', `${method} ${JSON.stringify(arg)}`);
  }
});
