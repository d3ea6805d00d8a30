/**
 * Prompt pressure beyond one fixed burst window: slow campaigns through the night, rotating
 * proxies, and the person's own retries and sign-ins that must not add up to a campaign.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Network, StoredEvent } from '../../../shared/model/event.js';
import { burstOutcomeOf } from '../../../shared/model/finding.js';
import { fatigueApproval } from '../../../shared/rules/fatigue-approval.js';
import { pushBurst } from '../../../shared/rules/push-burst.js';
import { runRule } from '../../../shared/rules/rule.js';
import { byTime, EventFactory, NET } from './events.js';

/** Okta-shaped: a push sent for a sign-in (own session), answered or not. */
function oktaPush(f: EventFactory, min: number, source: Network, answer: 'denied' | 'approved' | null, session: string): StoredEvent[] {
  const out = [f.ev({ min, outcome: 'challenge_sent', factor: 'push', source, sessionId: session })];
  if (answer !== null) out.push(f.ev({ min: min + 0.2, outcome: answer, factor: 'push', source: NET.chicagoPhone, sessionId: session }));
  return out;
}

describe('prompt pressure', () => {
  it('low and slow: a push every 10–20 minutes through the night, none answered, is a sustained campaign (push-burst, outcome ignored)', () => {
    const f = new EventFactory();
    const events: StoredEvent[] = [...f.baseline(5, 3)];
    const gaps = [12, 17, 10, 19, 14, 11, 20, 16, 13, 18, 15, 12, 17, 10, 19, 14, 11, 20];
    let min = 0;
    gaps.forEach((g, i) => {
      events.push(...oktaPush(f, min, NET.amsterdam, null, `n${i}`));
      min += g;
    });
    const out = runRule(pushBurst, events);
    assert.equal(out.length, 1);
    const [finding] = out;
    assert.equal(finding?.severity, 'high');
    assert.equal(finding?.detail['prompts'], 18);
    assert.equal(finding?.detail['pressure'], 'sustained');
    assert.equal(burstOutcomeOf(finding ?? { detail: { approvals: 0 } }), 'ignored');
    // Never 5 in 10 minutes: the fixed-window rule alone would have stayed silent.
    assert.equal(finding?.detail['peakInWindow'], 2);
    assert.match(finding?.summary ?? '', /slow pressure: never more than 2 in 10 minutes, but \d+ in 4 hours and 18 prompts over 4 hours \d+ minutes/);
  });

  it('low and slow ending in an approval at dawn is a fatigue-approval with the whole campaign, and push-burst steps aside', () => {
    const f = new EventFactory();
    const events: StoredEvent[] = [...f.baseline(5, 3)];
    for (let i = 0; i < 20; i++) events.push(...oktaPush(f, i * 15, NET.amsterdam, null, `n${i}`));
    // The next push, 15 minutes after the last ignored one, is approved: no burst-window approval rule would link them.
    events.push(...oktaPush(f, 20 * 15, NET.amsterdam, 'approved', 'dawn'));
    events.push(f.ev({ min: 20 * 15 + 9, outcome: 'factor_change', vendorEvent: 'user.mfa.factor.activate', source: NET.amsterdam }));
    const fatigue = runRule(fatigueApproval, events);
    assert.equal(fatigue.length, 1);
    assert.equal(fatigue[0]?.severity, 'critical');
    assert.equal(fatigue[0]?.detail['prompts'], 20);
    assert.equal(fatigue[0]?.detail['burstMinutes'], 285);
    assert.equal(fatigue[0]?.detail['burstOutcome'], 'approved');
    assert.equal(fatigue[0]?.detail['factorChangeEvent'], 'user.mfa.factor.activate');
    const burst = runRule(pushBurst, events);
    assert.equal(burst[0]?.detail['burstOutcome'], 'approved');
    // Every event of the burst finding is evidence of the fatigue approval: the engine drops it.
    assert.ok(burst[0]?.eventIds.every((id) => fatigue[0]?.eventIds.includes(id)));
  });

  it('benign: a flaky phone whose pushes time out all day, each retried and approved from the same sign-in, adds up to nothing', () => {
    const f = new EventFactory();
    const events: StoredEvent[] = [];
    for (let i = 0; i < 14; i++) {
      const min = i * 35;
      events.push(...oktaPush(f, min, NET.chicago, null, `d${i}`));
      events.push(...oktaPush(f, min + 2, NET.chicago, 'approved', `d${i}`));
    }
    assert.deepEqual(runRule(pushBurst, events), []);
    assert.deepEqual(runRule(fatigueApproval, events), []);
  });

  it('the same unanswered pushes with no retry that got through are pressure', () => {
    const f = new EventFactory();
    const events: StoredEvent[] = [];
    for (let i = 0; i < 14; i++) events.push(...oktaPush(f, i * 35, NET.chicago, null, `d${i}`));
    assert.equal(runRule(pushBurst, events).length, 1);
  });

  it('during a campaign, the person approving their own sign-in from their usual address does not end it as approved', () => {
    const f = new EventFactory();
    const events: StoredEvent[] = [...f.baseline(5, 3, NET.chicago)];
    for (let i = 0; i < 6; i++) events.push(...oktaPush(f, i * 1.5, NET.amsterdam, 'denied', `a${i}`));
    events.push(f.ev({ min: 10, outcome: 'approved', factor: 'push', source: NET.chicago, vendor: 'duo' }));
    assert.deepEqual(runRule(fatigueApproval, byTime(events)), []);
    const burst = runRule(pushBurst, byTime(events));
    assert.equal(burst.length, 1);
    assert.equal(burst[0]?.detail['burstOutcome'], 'denied');
  });

  it('rotating proxies: one finding naming every address, country and network, never "mostly" one of them', () => {
    const f = new EventFactory();
    const proxies: Network[] = [
      { ip: '192.0.2.1', geo: { country: 'BR', lat: -23.5, lon: -46.6, source: 'lookup' }, asn: 64601 },
      { ip: '192.0.2.2', geo: { country: 'DE', lat: 52.5, lon: 13.4, source: 'lookup' }, asn: 64602 },
      { ip: '192.0.2.3', geo: { country: 'VN', lat: 10.8, lon: 106.7, source: 'lookup' }, asn: 64603 },
      { ip: '192.0.2.4', geo: { country: 'US', lat: 40.7, lon: -74, source: 'lookup' }, asn: 64604 },
      { ip: '192.0.2.5', geo: { country: 'IN', lat: 19, lon: 72.8, source: 'lookup' }, asn: 64605 },
      { ip: '192.0.2.6', geo: { country: 'ZA', lat: -26.2, lon: 28, source: 'lookup' }, asn: 64606 },
    ];
    const events = proxies.flatMap((p, i) => oktaPush(f, i * 2, p, 'denied', `p${i}`));
    const [finding] = runRule(pushBurst, events);
    assert.ok(finding !== undefined);
    assert.doesNotMatch(finding.summary, /mostly/);
    assert.match(finding.summary, /from 6 addresses in 6 countries \(BR, DE, IN, US, VN, ZA\) on 6 networks \(AS64601, AS64602, AS64603, AS64604, AS64605, AS64606\)/);
    assert.deepEqual(finding.detail['countries'], ['BR', 'DE', 'IN', 'US', 'VN', 'ZA']);
    assert.equal(finding.detail['sourceCount'], 6);
  });
});
