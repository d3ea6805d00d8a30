import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startJob } from '../../../electron/jobs/runner.js';
import { CaseStore } from '../../../electron/store/case-store.js';
import { directApi } from '../../support/direct-api.js';
import { tempDir } from '../../support/temp.js';

const T0 = Date.parse('2025-03-01T00:00:00Z');
const MIN = 60_000;

function okta(n: number, user: string, at: number, eventType: string): string {
  return JSON.stringify({
    uuid: `activity-${n}`,
    published: new Date(at).toISOString(),
    eventType,
    version: '0',
    actor: { id: `00u-${user}`, type: 'User', alternateId: user },
    client: { ipAddress: '203.0.113.7' },
    outcome: { result: 'SUCCESS' },
  });
}

test('activity: events per source and prompt sparklines are binned in the case file on nice bin widths', async (t) => {
  const dir = tempDir(t);
  const log = join(dir, 'okta.ndjson');
  const push = 'system.push.send_factor_verify_push';
  writeFileSync(
    log,
    [
      okta(1, 'ana@example.com', T0, push),
      okta(2, 'ana@example.com', T0 + 10 * MIN, push),
      okta(3, 'ana@example.com', T0 + 120 * MIN, 'user.session.start'),
      okta(4, 'bo@example.com', T0 + 359 * MIN, push),
    ].join('\n'),
  );
  const casePath = join(dir, 'a.pushtrail');
  CaseStore.create(casePath, { name: 'A', analyst: 'Ana' }, 'ana').close();
  const imported = await startJob('import', { casePath, actor: 'ana', paths: [log] }).result;
  assert.ok(imported.ok);

  const { dispatch, call } = directApi(t, 'ana');
  await call('case/open', { path: casePath });

  // Six hours of events in at most six bins: one bin per hour, starting on the hour.
  const activity = (await call('case/activity', { bins: 6 })) as { range: unknown; sources: unknown; findingsBySeverity: unknown };
  assert.deepEqual(activity.range, { start: T0, binMs: 60 * MIN, bins: 6 });
  assert.deepEqual(activity.sources, [{ source: 'okta', counts: [2, 0, 1, 0, 0, 1], total: 4 }]);
  assert.deepEqual(activity.findingsBySeverity, { info: 0, low: 0, medium: 0, high: 0, critical: 0 });

  // A session start is not a prompt; a user without prompts gets no line.
  const lines = (await call('users/sparklines', { users: ['ana@example.com', 'bo@example.com', 'nobody'], bins: 6 })) as { lines: unknown };
  assert.deepEqual(lines.lines, [
    { user: 'ana@example.com', counts: [2, 0, 0, 0, 0, 0] },
    { user: 'bo@example.com', counts: [0, 0, 0, 0, 0, 1] },
  ]);

  for (const [method, bad] of [
    ['case/activity', { bins: 0 }],
    ['case/activity', { bins: 100_000 }],
    ['users/sparklines', { users: 'ana' }],
    ['users/sparklines', { users: new Array(501).fill('u') }],
  ] as const) {
    const r = await dispatch(method, bad);
    assert.equal(r.ok ? null : r.error.kind, 'bad_input', JSON.stringify(bad));
  }
});
