import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pushBurst } from '../../../shared/rules/push-burst.js';
import { runRule } from '../../../shared/rules/rule.js';
import { byTime, EventFactory, NET } from './events.js';

describe('push-burst', () => {
  it('fires on 5 denied pushes within 10 minutes (Elastic default) as high', () => {
    const f = new EventFactory();
    const events = f.series(5, 2, { outcome: 'denied', factor: 'push', source: NET.amsterdam, vendor: 'duo', reason: 'user_cancelled' });
    const out = runRule(pushBurst, events);
    assert.equal(out.length, 1);
    const [finding] = out;
    assert.equal(finding?.severity, 'high');
    assert.equal(finding?.rule, 'push-burst');
    assert.deepEqual(finding?.users, ['alice@example.com']);
    assert.deepEqual(finding?.eventIds, [1, 2, 3, 4, 5]);
    assert.equal(finding?.detail['prompts'], 5);
    assert.equal(finding?.detail['denied'], 5);
    assert.equal(finding?.detail.approvals, 0);
    assert.match(finding?.summary ?? '', /^5 push requests in 8 minutes \(2024-03-05 02:00–02:08 UTC\) from 203\.0\.113\.9 \(Amsterdam, NL, AS64502\); 5 denied/);
  });

  it('does not fire on 4 prompts (one below the threshold)', () => {
    const f = new EventFactory();
    assert.deepEqual(runRule(pushBurst, f.series(4, 1, { outcome: 'denied', factor: 'push' })), []);
  });

  it('counts a window as inclusive: 5 prompts exactly 10 minutes apart end to end fire', () => {
    const f = new EventFactory();
    assert.equal(runRule(pushBurst, f.series(5, 2.5, { outcome: 'timeout', factor: 'push' })).length, 1);
  });

  it('does not fire when the 5 prompts span 10 minutes and 1 second', () => {
    const f = new EventFactory();
    const events = f.series(5, 2.5, { outcome: 'timeout', factor: 'push' });
    const last = events[4];
    assert.ok(last);
    last.time += 1000;
    assert.deepEqual(runRule(pushBurst, events), []);
  });

  it('counts an Okta send and its answer once: 4 send+deny pairs do not fire, 5 do', () => {
    const pairs = (n: number): ReturnType<EventFactory['ev']>[] => {
      const f = new EventFactory();
      const out = [];
      for (let i = 0; i < n; i++) {
        out.push(f.ev({ min: i, outcome: 'challenge_sent', factor: 'push', sessionId: `s${i}`, source: NET.amsterdam }));
        out.push(f.ev({ min: i + 0.2, outcome: 'denied', factor: 'push', sessionId: `s${i}`, source: NET.amsterdam }));
      }
      return out;
    };
    assert.deepEqual(runRule(pushBurst, pairs(4)), []);
    const out = runRule(pushBurst, pairs(5));
    assert.equal(out.length, 1);
    assert.equal(out[0]?.detail['prompts'], 5);
    assert.equal(out[0]?.eventIds.length, 10);
  });

  it('counts ignored Okta pushes (sends with no answer) as unanswered prompts', () => {
    const f = new EventFactory();
    const out = runRule(pushBurst, f.series(6, 1, { outcome: 'challenge_sent', factor: 'push', source: NET.amsterdam }));
    assert.equal(out.length, 1);
    assert.equal(out[0]?.detail['unanswered'], 6);
    assert.match(out[0]?.summary ?? '', /6 unanswered/);
  });

  it('counts PingID time-outs without a factor, and Duo anomalous_push (failed_other + push)', () => {
    const f = new EventFactory();
    const events = [
      ...f.series(3, 1, { outcome: 'timeout', vendor: 'pingone', vendorEvent: 'FAILURE,authFail' }),
      ...f.series(2, 1, { min: 3, outcome: 'failed_other', factor: 'push', vendor: 'duo', reason: 'anomalous_push' }),
    ];
    const out = runRule(pushBurst, byTime(events));
    assert.equal(out.length, 1);
    assert.equal(out[0]?.detail['timedOut'], 3);
    assert.equal(out[0]?.detail['failed'], 2);
  });

  it('benign: one or two ignored pushes raise nothing', () => {
    const f = new EventFactory();
    const events = [
      f.ev({ min: 0, outcome: 'challenge_sent', factor: 'push' }),
      f.ev({ min: 3, outcome: 'challenge_sent', factor: 'push' }),
      f.ev({ min: 4, outcome: 'approved', factor: 'push' }),
    ];
    assert.deepEqual(runRule(pushBurst, events), []);
  });

  it('benign: MFA interrupts, approvals, TOTP typos and unlabelled failures are not prompts', () => {
    const f = new EventFactory();
    const events = byTime([
      ...f.series(10, 0.5, { outcome: 'mfa_required', vendor: 'entra', reason: '50074' }),
      ...f.series(10, 0.5, { outcome: 'approved', factor: 'push' }),
      ...f.series(10, 0.5, { outcome: 'failed_other', factor: 'totp', reason: 'invalid code' }),
      ...f.series(10, 0.5, { outcome: 'failed_other', reason: '53003' }),
      ...f.series(10, 0.5, { outcome: 'denied', factor: 'passcode' }),
    ]);
    assert.deepEqual(runRule(pushBurst, events), []);
  });

  it('separates bursts more than gapMinutes (90) apart into two findings; closer ones are one campaign', () => {
    const near = new EventFactory();
    const one = [...near.series(5, 1, { outcome: 'denied', factor: 'push' }), ...near.series(5, 1, { min: 60, outcome: 'denied', factor: 'push' })];
    assert.equal(runRule(pushBurst, one).length, 1);
    const f = new EventFactory();
    const events = [...f.series(5, 1, { outcome: 'denied', factor: 'push' }), ...f.series(5, 1, { min: 100, outcome: 'denied', factor: 'push' })];
    const out = runRule(pushBurst, events);
    assert.equal(out.length, 2);
    assert.deepEqual(out[0]?.eventIds, [1, 2, 3, 4, 5]);
    assert.deepEqual(out[1]?.eventIds, [6, 7, 8, 9, 10]);
  });

  it('merges overlapping windows into one campaign and leaves out a lone prompt long after', () => {
    const f = new EventFactory();
    const events = [...f.series(12, 3, { outcome: 'denied', factor: 'sms' }), f.ev({ min: 200, outcome: 'denied', factor: 'sms' })];
    // One prompt every 3 minutes: only 4 in any 10-minute window, but 12 in 33 minutes is sustained pressure.
    const slow = runRule(pushBurst, events);
    assert.equal(slow.length, 1);
    assert.equal(slow[0]?.detail['pressure'], 'sustained');
    assert.equal(slow[0]?.detail['prompts'], 12);
    assert.deepEqual(runRule(pushBurst, events, { sustainedThreshold: 13, nightThreshold: 13 }), []);
    const g = new EventFactory();
    const fast = [...g.series(12, 1, { outcome: 'denied', factor: 'sms' }), g.ev({ min: 200, outcome: 'denied', factor: 'sms' })];
    const out = runRule(pushBurst, fast);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.eventIds.length, 12);
    assert.match(out[0]?.summary ?? '', /^12 SMS prompts in 11 minutes/);
  });

  it('follows the threshold parameter (Splunk 10 in 5 minutes)', () => {
    const f = new EventFactory();
    const slower = { sustainedThreshold: 20, nightThreshold: 20 };
    assert.deepEqual(runRule(pushBurst, f.series(9, 0.5, { outcome: 'denied', factor: 'push' }), { threshold: 10, windowMinutes: 5, ...slower }), []);
    const g = new EventFactory();
    assert.equal(runRule(pushBurst, g.series(10, 0.5, { outcome: 'denied', factor: 'push' }), { threshold: 10, windowMinutes: 5 }).length, 1);
  });
});
