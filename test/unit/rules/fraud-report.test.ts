import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fraudReport } from '../../../shared/rules/fraud-report.js';
import { runRule } from '../../../shared/rules/rule.js';
import { EventFactory, NET } from './events.js';

describe('fraud-report', () => {
  it('an Okta user report is high', () => {
    const f = new EventFactory();
    const out = runRule(fraudReport, [f.ev({ outcome: 'fraud_reported' })]);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.severity, 'high');
    assert.equal(out[0]?.detail['reports'], 1);
    assert.equal(
      out[0]?.summary,
      'The user reported 1 MFA prompt as fraud at 2024-03-05 02:00 UTC (user.account.report_suspicious_activity_by_enduser). Someone else is using their password.',
    );
  });

  it('a Duo fraud result names the source of the prompt', () => {
    const f = new EventFactory();
    const out = runRule(fraudReport, [f.ev({ outcome: 'fraud_reported', vendor: 'duo', factor: 'push', vendorEvent: 'authentication', reason: 'user_marked_fraud', source: NET.amsterdam })]);
    assert.match(out[0]?.summary ?? '', /\(authentication, user_marked_fraud\); the prompt came from 203\.0\.113\.9 \(Amsterdam, NL, AS64502\)/);
  });

  it('groups reports less than an hour apart', () => {
    const f = new EventFactory();
    const events = [f.ev({ min: 0, outcome: 'fraud_reported' }), f.ev({ min: 30, outcome: 'fraud_reported' }), f.ev({ min: 200, outcome: 'fraud_reported' })];
    const out = runRule(fraudReport, events);
    assert.equal(out.length, 2);
    assert.deepEqual(out[0]?.eventIds, [1, 2]);
    assert.match(out[0]?.summary ?? '', /reported 2 MFA prompts as fraud between 2024-03-05 02:00–02:30 UTC/);
  });

  it('negative: denials, time-outs and other events are not reports', () => {
    const f = new EventFactory();
    const events = [
      f.ev({ min: 0, outcome: 'denied', factor: 'push', reason: 'fraud?' }),
      f.ev({ min: 1, outcome: 'timeout', factor: 'push' }),
      f.ev({ min: 2, outcome: 'other', vendorEvent: 'user.account.report_suspicious_activity_by_enduser' }),
    ];
    assert.deepEqual(runRule(fraudReport, events), []);
  });
});
