import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fatigueApproval } from '../../../shared/rules/fatigue-approval.js';
import { runRule } from '../../../shared/rules/rule.js';
import { byTime, EventFactory, NET } from './events.js';

describe('fatigue-approval', () => {
  it('fires critical when 10 denied pushes are followed by an approval (Duo, one record per attempt)', () => {
    const f = new EventFactory();
    const events = [
      ...f.series(10, 1.5, { outcome: 'denied', factor: 'push', source: NET.amsterdam, vendor: 'duo', reason: 'user_cancelled' }),
      f.ev({ min: 15.5, outcome: 'approved', factor: 'push', source: NET.amsterdam, vendor: 'duo', reason: 'user_approved' }),
    ];
    const out = runRule(fatigueApproval, events);
    assert.equal(out.length, 1);
    const finding = out[0];
    assert.equal(finding?.severity, 'critical');
    assert.equal(finding?.detail.approvals, 1);
    assert.equal(finding?.detail['approvedAt'], events[10]?.time);
    assert.equal(finding?.detail['minutesFromLastPromptToApproval'], 2);
    assert.equal(finding?.eventIds.length, 11);
    assert.match(finding?.summary ?? '', /^10 push requests in 14 minutes .* from 203\.0\.113\.9 \(Amsterdam, NL, AS64502\); 10 denied; approved at 02:15 UTC, 2 minutes after the last unapproved prompt\. Outcome: eventually approved; at least 5 within 10 minutes \(at most 7\)\.$/);
    assert.equal(finding?.detail['burstOutcome'], 'approved');
  });

  it('names a factor change that followed the approval, and includes it as evidence', () => {
    const f = new EventFactory();
    const events = [
      ...f.series(5, 1, { outcome: 'denied', factor: 'push', source: NET.amsterdam }),
      f.ev({ min: 6, outcome: 'approved', factor: 'push', source: NET.amsterdam }),
      f.ev({ min: 17, outcome: 'factor_change', vendorEvent: 'user.mfa.factor.activate' }),
    ];
    const [finding] = runRule(fatigueApproval, events);
    assert.ok(finding);
    assert.match(finding.summary, /a factor change \(user\.mfa\.factor\.activate\) followed 11 minutes later/);
    assert.ok(finding.eventIds.includes(7));
    assert.equal(finding.detail['factorChangeEvent'], 'user.mfa.factor.activate');
  });

  it('boundary: 4 unapproved prompts then an approval do not fire; 5 do', () => {
    const mk = (n: number): ReturnType<EventFactory['series']> => {
      const f = new EventFactory();
      return [...f.series(n, 1, { outcome: 'timeout', factor: 'push' }), f.ev({ min: n + 1, outcome: 'approved', factor: 'push' })];
    };
    assert.deepEqual(runRule(fatigueApproval, mk(4)), []);
    assert.equal(runRule(fatigueApproval, mk(5)).length, 1);
  });

  it('boundary: the approval must come within 10 minutes of the last unapproved prompt', () => {
    const mk = (gapMin: number): ReturnType<EventFactory['series']> => {
      const f = new EventFactory();
      return [...f.series(5, 1, { outcome: 'denied', factor: 'push' }), f.ev({ min: 4 + gapMin, outcome: 'approved', factor: 'push' })];
    };
    assert.equal(runRule(fatigueApproval, mk(10)).length, 1);
    assert.deepEqual(runRule(fatigueApproval, mk(10.05)), []);
  });

  it('pairs Okta sends: 5 ignored pushes then a 6th push approved in its own session', () => {
    const f = new EventFactory();
    const events = [
      ...f.series(5, 1, { outcome: 'challenge_sent', factor: 'push', source: NET.amsterdam }),
      f.ev({ min: 5, outcome: 'challenge_sent', factor: 'push', sessionId: 's6', source: NET.amsterdam }),
      f.ev({ min: 5.5, outcome: 'approved', factor: 'push', sessionId: 's6', source: NET.chicagoPhone }),
    ];
    const out = runRule(fatigueApproval, events);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.detail['unanswered'], 5);
    assert.equal(out[0]?.detail['prompts'], 5);
  });

  it('benign: an approval before the burst, or a user who approves after a couple of ignored prompts', () => {
    const f = new EventFactory();
    const early = [f.ev({ min: 0, outcome: 'approved', factor: 'push' }), ...f.series(5, 1, { min: 1, outcome: 'denied', factor: 'push' })];
    assert.deepEqual(runRule(fatigueApproval, early), []);
    const g = new EventFactory();
    const normal = [
      g.ev({ min: 0, outcome: 'timeout', factor: 'push' }),
      g.ev({ min: 2, outcome: 'timeout', factor: 'push' }),
      g.ev({ min: 3, outcome: 'approved', factor: 'push' }),
    ];
    assert.deepEqual(runRule(fatigueApproval, normal), []);
  });

  it('reports several approvals after one burst as one finding', () => {
    const f = new EventFactory();
    const events = byTime([
      ...f.series(6, 1, { outcome: 'denied', factor: 'push' }),
      f.ev({ min: 7, outcome: 'approved', factor: 'push' }),
      f.ev({ min: 9, outcome: 'approved', factor: 'push' }),
    ]);
    const out = runRule(fatigueApproval, events);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.detail.approvals, 2);
    assert.match(out[0]?.summary ?? '', /2 approvals in all/);
  });
});
