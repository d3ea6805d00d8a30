/**
 * One definition of each count (shared/detect/prompt-counts.ts), the same on every screen: for
 * every user of the demo case and of a generated case, the users list (the engine's counts),
 * the sequence's lanes, the map and the JSON report agree with the counts of the user's events,
 * and an analyst-entered approval changes none of them. Expected values come from the events,
 * never from pinned numbers, so rule changes cannot make this test stale.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { UserRow } from '../../../shared/api/detection.js';
import { decodeEvents, type EventColumns } from '../../../shared/api/event-columns.js';
import { countPrompts } from '../../../shared/detect/prompt-counts.js';
import type { AnalystEvent } from '../../../shared/model/analyst-event.js';
import type { Finding, UserCounts } from '../../../shared/model/finding.js';
import { withAnalystEvents } from '../../../shared/view/entries.js';
import { buildMap } from '../../../shared/view/map.js';
import { buildSequence } from '../../../shared/view/sequence.js';
import { startJob } from '../../../electron/jobs/runner.js';
import { generateBundle } from '../../../electron/scenario/bundle.js';
import { CaseStore } from '../../../electron/store/case-store.js';
import { demoCase } from '../../support/demo-case.js';
import { directApi } from '../../support/direct-api.js';
import { CLI } from '../../support/serve.js';
import { tempDir } from '../../support/temp.js';

const COUNTED = ['challenges', 'denied', 'timeouts', 'approved', 'fraud'] as const;

function pick(c: UserCounts): Record<string, number> {
  return Object.fromEntries(['events', ...COUNTED].map((k) => [k, c[k as keyof UserCounts]]));
}

async function checkAgreement(t: TestContext, casePath: string, dir: string): Promise<number> {
  const api = directApi(t, 'test');
  await api.call('case/open', { path: casePath });
  const rows = (await api.call('users/list', {})) as UserRow[];
  assert.ok(rows.length > 0);
  // The analyst's account of an approval: drawn, never counted.
  const first = rows[0];
  assert.ok(first !== undefined);
  const firstEvents = decodeEvents((await api.call('user/events', { user: first.user })) as EventColumns);
  await api.call('analyst/add', { user: first.user, time: firstEvents[0]?.time ?? 0, outcome: 'approved', factor: 'push', description: 'Victim says she approved one to stop the noise' });
  const entries = (await api.call('analyst/list', {})) as AnalystEvent[];
  const findings = (await api.call('findings/list', {})) as Finding[];

  const out = join(dir, 'counts.json');
  const report = spawnSync(process.execPath, [CLI, 'report', casePath, '--out', out], { encoding: 'utf8' });
  assert.equal(report.status, 0, report.stderr);
  const reported = new Map(((JSON.parse(readFileSync(out, 'utf8')) as { users: { user: string; counts: UserCounts }[] }).users).map((u) => [u.user, u.counts]));

  let prompts = 0;
  for (const row of rows) {
    const events = decodeEvents((await api.call('user/events', { user: row.user })) as EventColumns);
    const expected = countPrompts(events);
    prompts += expected.challenges;
    // Users list and report: the engine's counts, made while it ran the rules.
    assert.deepEqual(pick(row), pick(expected), `users list, ${row.user}`);
    const inReport = reported.get(row.user);
    if (inReport !== undefined) assert.deepEqual(pick(inReport), pick(expected), `report, ${row.user}`);

    // The sequence, with the user's analyst entries among the events as the screen draws them.
    const mine = entries.filter((a) => a.user === row.user);
    const shown = withAnalystEvents(events, mine);
    const model = buildSequence(shown, findings.filter((f) => f.users.includes(row.user)), { grouping: 'location', maxSourceLanes: 1000 });
    assert.deepEqual(pick(model.counts), pick(expected), `sequence, ${row.user}`);
    const lane = (key: string): number | undefined => model.layout.lanes.find((l) => l.key === `response:${key}`)?.count;
    assert.equal(lane('approved'), expected.approved, `Approved lane, ${row.user}`);
    assert.equal(lane('denied'), expected.denied, `Denied lane, ${row.user}`);
    assert.equal(lane('timeout'), expected.timeouts, `Timed out lane, ${row.user}`);
    assert.equal(lane('fraud_reported'), expected.fraud, `Fraud lane, ${row.user}`);
    const responses = model.layout.groups.find((g) => g.group === 'response');
    assert.match(responses?.label ?? '', new RegExp(`^Responses to ${expected.challenges.toLocaleString('en-US')} MFA prompts?$`));

    // The map counts the places the location lanes count, by the same names.
    const map = buildMap(shown);
    for (const place of map.sources) {
      if (place.count === 0 || !place.key.startsWith('name:')) continue;
      const l = model.layout.lanes.find((x) => x.group === 'attempt' && x.label === place.label);
      assert.equal(l?.count, place.count, `map vs lane for ${place.label}, ${row.user}`);
    }
    let answered = 0;
    for (const p of map.responders) answered += p.count;
    assert.ok(answered <= expected.challenges - expected.timeouts, `answered places, ${row.user}`);
  }
  return prompts;
}

test('counts agree on the demo case: users list, sequence lanes, map and report, for every user', async (t) => {
  const { dir, casePath } = demoCase(t);
  assert.ok((await checkAgreement(t, casePath, dir)) > 0);
});

test('counts agree on a generated case with every vendor of the scenario', async (t) => {
  const dir = tempDir(t);
  const bundle = generateBundle({ seed: 'counts-agree', users: 25, days: 10, start: '2025-06-02', outDir: join(dir, 'bundle') });
  const casePath = join(dir, 'counts.pushtrail');
  CaseStore.create(casePath, { name: 'counts', analyst: 'test' }, 'test').close();
  const imported = await startJob('import', { casePath, actor: 'test', paths: bundle.files }).result;
  assert.ok(imported.ok, JSON.stringify(imported));
  const detected = await startJob('detect', { casePath, actor: 'test' }).result;
  assert.ok(detected.ok, JSON.stringify(detected));
  assert.ok((await checkAgreement(t, casePath, dir)) > 0);
});
