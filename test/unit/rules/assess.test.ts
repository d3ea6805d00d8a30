import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Severity } from '../../../shared/model/case.js';
import type { DetailValue, Finding, RuleId } from '../../../shared/model/finding.js';
import { assessUser, RISK_BANDS } from '../../../shared/detect/assess.js';
import { emptyCounts } from '../../../shared/detect/prompt-counts.js';
import { finalizeFindings } from '../../../shared/detect/engine-core.js';
import { T0 } from './events.js';

let nextEvent = 1;
function mk(rule: RuleId, severity: Severity, user: string | null, extra: Record<string, DetailValue> = {}, opts: { users?: string[]; start?: number; source?: string } = {}): Finding {
  const start = opts.start ?? T0;
  const [finding] = finalizeFindings([
    {
      rule,
      severity,
      user,
      source: opts.source ?? null,
      users: opts.users ?? (user === null ? [] : [user]),
      start,
      end: start,
      eventIds: [nextEvent++],
      summary: `${rule} summary`,
      detail: { approvals: 0, ...extra },
    },
  ]);
  assert.ok(finding);
  return finding;
}

const A = 'alice@example.com';
const B = 'bob@example.com';

describe('assess', () => {
  it('clear when there is nothing', () => {
    const a = assessUser(A, [], { ...emptyCounts(), events: 12 });
    assert.equal(a.verdict, 'clear');
    assert.equal(a.risk, 0);
    assert.deepEqual(a.reasons, ['Clear: nothing of low severity or above in 12 events.']);
    assert.deepEqual(a.findingIds, []);
  });

  it('suspicious on weaker signals only (odd hours, impossible travel, new place, factor removed)', () => {
    for (const [rule, severity] of [
      ['odd-hours', 'low'],
      ['impossible-travel', 'medium'],
      ['new-location', 'medium'],
      ['mfa-weakened', 'medium'],
    ] as const) {
      const a = assessUser(A, [mk(rule, severity, A)]);
      assert.equal(a.verdict, 'suspicious', rule);
      assert.ok(a.risk >= RISK_BANDS.suspicious[0] && a.risk <= RISK_BANDS.suspicious[1]);
    }
    assert.equal(assessUser(A, [mk('odd-hours', 'low', A)]).risk, 20);
  });

  it('attacked on a burst, a fraud report, a refused mismatch or a vendor verdict, without success', () => {
    for (const [rule, severity] of [
      ['push-burst', 'high'],
      ['fraud-report', 'high'],
      ['location-mismatch', 'medium'],
      ['vendor-anomaly', 'medium'],
    ] as const) {
      const a = assessUser(A, [mk(rule, severity, A)]);
      assert.equal(a.verdict, 'attacked', rule);
      assert.ok(a.risk >= 60 && a.risk <= 89);
    }
    const a = assessUser(A, [mk('push-burst', 'high', A)]);
    assert.equal(a.risk, 70);
    assert.match(a.reasons[0] ?? '', /^Attacked, with no sign that it succeeded: mfa prompt burst;/);
    assert.equal(a.reasons[1], 'MFA prompt burst (high): push-burst summary');
  });

  it('compromised on a fatigue approval, a persistence finding, or an approved mismatch', () => {
    const fatigue = assessUser(A, [mk('push-burst', 'high', A), mk('fatigue-approval', 'critical', A, { approvals: 1, approvedAt: T0 + 60_000 })]);
    assert.equal(fatigue.verdict, 'compromised');
    assert.equal(fatigue.risk, 100);
    assert.equal(fatigue.reasons[0], 'Compromised: a prompt was approved right after a burst of prompts (2024-03-05 02:01 UTC).');
    assert.match(fatigue.reasons[1] ?? '', /^Prompt approved after a burst \(critical\)/);
    assert.equal(assessUser(A, [mk('post-approval-persistence', 'high', A, { approvals: 1 })]).verdict, 'compromised');
    assert.equal(assessUser(A, [mk('location-mismatch', 'high', A, { approvals: 1 })]).verdict, 'compromised');
    assert.equal(assessUser(A, [mk('location-mismatch', 'medium', A, { approvals: 0 })]).verdict, 'attacked');
  });

  it('a many-users source marks each targeted user attacked, and the one who approved compromised', () => {
    const f = mk('source-many-users', 'high', null, { approvals: 1, approvedUsers: [B] }, { users: [A, B], source: '203.0.113.9' });
    assert.equal(assessUser(A, [f]).verdict, 'attacked');
    const b = assessUser(B, [f]);
    assert.equal(b.verdict, 'compromised');
    assert.match(b.reasons[0] ?? '', /approved a prompt from 203\.0\.113\.9 that attacked 2 users/);
    assert.equal(assessUser('carol@example.com', [f]).verdict, 'clear');
  });

  it('every further rule adds 5, held inside the verdict band', () => {
    const two = assessUser(A, [mk('push-burst', 'high', A), mk('fraud-report', 'high', A)]);
    assert.equal(two.risk, 75);
    const many = assessUser(A, [
      mk('push-burst', 'high', A),
      mk('fraud-report', 'high', A),
      mk('vendor-anomaly', 'medium', A),
      mk('new-location', 'medium', A),
      mk('odd-hours', 'low', A),
      mk('impossible-travel', 'medium', A),
      mk('mfa-weakened', 'low', A),
    ]);
    assert.equal(many.verdict, 'attacked');
    assert.equal(many.risk, 89);
    assert.equal(assessUser(A, [mk('vendor-anomaly', 'medium', A)]).risk, 60);
  });

  it('is deterministic: input order does not matter; reasons run most severe first, then earliest', () => {
    const fs = [
      mk('odd-hours', 'low', A, {}, { start: T0 }),
      mk('push-burst', 'high', A, {}, { start: T0 + 2 }),
      mk('fraud-report', 'high', A, {}, { start: T0 + 1 }),
      mk('new-location', 'medium', A, {}, { start: T0 - 5 }),
    ];
    const a = assessUser(A, fs);
    const b = assessUser(A, [...fs].reverse());
    assert.deepEqual(a, b);
    assert.deepEqual(
      a.reasons.slice(1).map((r) => r.split(' (')[0]),
      ['User reported a prompt as fraud', 'MFA prompt burst', 'MFA from a new country or network', 'MFA at unusual hours'],
    );
  });
});
