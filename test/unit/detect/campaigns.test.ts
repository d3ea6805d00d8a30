/** Campaigns from hand-made findings: what joins findings, what does not, and that order does not matter. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { campaignsOf } from '../../../shared/detect/campaigns.js';
import { findingId, type Finding, type FindingDetail, type RuleId } from '../../../shared/model/finding.js';
import type { Severity } from '../../../shared/model/case.js';

const MIN = 60_000;
const T0 = Date.UTC(2025, 2, 14, 1, 0);

function finding(rule: RuleId, user: string, startMin: number, endMin: number, detail: Partial<FindingDetail> & Record<string, unknown>, severity: Severity = 'high'): Finding {
  const draft = {
    rule,
    severity,
    user,
    source: null,
    users: [user],
    start: T0 + startMin * MIN,
    end: T0 + endMin * MIN,
    eventIds: [startMin],
    summary: `${rule} ${user}`,
    detail: { approvals: 0, ...detail } as FindingDetail,
  };
  return { id: findingId(draft), ...draft };
}

const burst = (user: string, startMin: number, ip: string, outcome: string, extra: Record<string, unknown> = {}): Finding =>
  finding('push-burst', user, startMin, startMin + 10, { sourceIps: [ip], asns: [9009], countries: ['NL'], burstOutcome: outcome, prompts: 6, ...extra });

test('bursts from one address against several users are one campaign, with who approved and what followed', () => {
  const approvedAt = T0 + 75 * MIN;
  const findings = [
    burst('a@x', 0, '203.0.113.9', 'denied'),
    burst('b@x', 20, '203.0.113.9', 'reported-fraud'),
    finding('fraud-report', 'b@x', 31, 31, { sourceIps: ['198.51.100.7'] }),
    finding('fatigue-approval', 'c@x', 60, 80, { sourceIps: ['203.0.113.9'], asns: [9009], burstOutcome: 'approved', prompts: 12, approvedAt, sessionFromPromptingSource: true, approvals: 1 }, 'critical'),
    finding('post-approval-persistence', 'c@x', 75, 87, { approvedAt, minutesToFirstChange: 12, factorChanges: 1, vendorEvents: ['device.enrollment.create'], approvals: 1 }),
    finding('odd-hours', 'a@x', 0, 10, {}, 'low'),
  ];
  const campaigns = campaignsOf(findings);
  assert.equal(campaigns.length, 1);
  const [c] = campaigns;
  assert.ok(c !== undefined);
  assert.deepEqual(c.targets.map((t) => [t.user, t.outcome]), [['a@x', 'denied'], ['b@x', 'reported-fraud'], ['c@x', 'approved']]);
  assert.deepEqual(c.ips, ['203.0.113.9'], 'the reporter\'s own device is not a source');
  assert.deepEqual(c.approvedBy, ['c@x']);
  assert.deepEqual(c.reportedBy, ['b@x']);
  assert.equal(c.severity, 'critical');
  assert.deepEqual(c.after.map((s) => [s.user, s.kind, s.at]), [['c@x', 'session', approvedAt], ['c@x', 'factor-change', approvedAt + 12 * MIN]]);
  assert.ok(!c.findingIds.some((id) => id.startsWith('odd-hours')), 'only attack findings take part');
  assert.equal(c.findingIds.length, 5);
  // The same findings in another order give the same campaign, id included.
  assert.deepEqual(campaignsOf([...findings].reverse()), campaigns);
});

test('one user alone is no campaign, and different addresses far apart are two attackers', () => {
  assert.deepEqual(campaignsOf([burst('a@x', 0, '203.0.113.9', 'denied'), burst('a@x', 30, '203.0.113.9', 'denied')]), []);
  const apart = [burst('a@x', 0, '203.0.113.9', 'denied', { asns: [1] }), burst('b@x', 5, '192.0.2.1', 'denied', { asns: [2] })];
  assert.deepEqual(campaignsOf(apart), []);
});

test('a shared network joins findings only when they are close in time; a shared address across a day', () => {
  const sameAs = (gapMin: number): Finding[] => [burst('a@x', 0, '203.0.113.9', 'denied'), burst('b@x', 10 + gapMin, '203.0.113.77', 'ignored')];
  assert.equal(campaignsOf(sameAs(30)).length, 1);
  assert.equal(campaignsOf(sameAs(120)).length, 0);
  const sameIp = [burst('a@x', 0, '203.0.113.9', 'denied', { asns: [1] }), burst('b@x', 20 * 60, '203.0.113.9', 'denied', { asns: [2] })];
  assert.equal(campaignsOf(sameIp).length, 1);
  assert.equal(campaignsOf([sameIp[0], burst('b@x', 26 * 60, '203.0.113.9', 'denied', { asns: [2] })]).length, 0);
});

test('a finding that names a source and its users joins their own findings', () => {
  const many: Finding = (() => {
    const draft = {
      rule: 'source-many-users' as const,
      severity: 'high' as const,
      user: null,
      source: '203.0.113.0/24',
      users: ['a@x', 'b@x'],
      start: T0,
      end: T0 + 30 * MIN,
      eventIds: [1, 2],
      summary: 'many',
      detail: { approvals: 0, groupBy: 'subnet' },
    };
    return { id: findingId(draft), ...draft };
  })();
  const own = [finding('location-mismatch', 'a@x', 5, 6, { fromIp: '192.0.2.1' }), finding('vendor-anomaly', 'b@x', 20, 21, {})];
  const [c, ...rest] = campaignsOf([many, ...own]);
  assert.equal(rest.length, 0);
  assert.deepEqual(c?.targets.map((t) => t.findingIds.length), [1, 1], 'each target is told by its own findings');
  assert.equal(c?.findingIds.length, 3);
});
