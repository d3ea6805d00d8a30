import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { postApprovalPersistence } from '../../../shared/rules/post-approval-persistence.js';
import { runRule } from '../../../shared/rules/rule.js';
import { EventFactory, HOUR, NET, T0 } from './events.js';

describe('post-approval-persistence', () => {
  it('a new factor 11 minutes after an approval that ended a burst is high', () => {
    const f = new EventFactory();
    const events = [
      ...f.series(5, 1, { outcome: 'denied', factor: 'push', source: NET.amsterdam }),
      f.ev({ min: 6, outcome: 'approved', factor: 'push', source: NET.amsterdam }),
      f.ev({ min: 17, outcome: 'factor_change', vendorEvent: 'user.mfa.factor.activate' }),
    ];
    const out = runRule(postApprovalPersistence, events);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.severity, 'high');
    assert.deepEqual(out[0]?.detail['why'], ['burst']);
    assert.deepEqual(out[0]?.eventIds, [6, 7]);
    assert.equal(out[0]?.detail['minutesToFirstChange'], 11);
    assert.equal(
      out[0]?.summary,
      'A prompt was approved at 2024-03-05 02:06 UTC after a burst of 5 unapproved prompts (4 minutes). Then 1 factor change followed: ' +
        'user.mfa.factor.activate at 02:17 UTC (11 minutes later). The attacker may have registered their own factor.',
    );
  });

  it('an approval from a newly seen country followed by a device enrolment', () => {
    const f = new EventFactory();
    const events = [
      ...f.baseline(5, 4),
      f.ev({ min: 0, outcome: 'approved', factor: 'push', source: NET.amsterdam }),
      f.ev({ min: 120, outcome: 'factor_change', vendorEvent: 'device.enrollment.create' }),
    ];
    const out = runRule(postApprovalPersistence, events);
    assert.equal(out.length, 1);
    assert.deepEqual(out[0]?.detail['why'], ['new-country']);
    assert.match(out[0]?.summary ?? '', /from NL, a country first seen for this user at 2024-03-05 02:00 UTC/);
  });

  it('an approval answered from a distant device followed by MFA being disabled', () => {
    const f = new EventFactory();
    const events = [
      f.ev({ min: 0, outcome: 'approved', factor: 'push', vendor: 'duo', source: NET.amsterdam, responder: NET.chicagoPhone }),
      f.ev({ min: 30, outcome: 'factor_change', vendor: 'entra', vendorEvent: 'Disable Strong Authentication' }),
    ];
    const out = runRule(postApprovalPersistence, events);
    assert.equal(out.length, 1);
    assert.deepEqual(out[0]?.detail['why'], ['mismatch']);
  });

  it('benign: an ordinary approval followed by enrolling a new phone', () => {
    const f = new EventFactory();
    const events = [
      ...f.baseline(5, 4),
      f.ev({ min: 0, outcome: 'approved', factor: 'push', source: NET.chicago, vendor: 'duo', responder: NET.chicagoPhone }),
      f.ev({ min: 5, outcome: 'factor_change', vendorEvent: 'user.mfa.factor.activate' }),
    ];
    assert.deepEqual(runRule(postApprovalPersistence, events), []);
  });

  it('a factor change before the suspicious approval does not count', () => {
    const f = new EventFactory();
    const events = [
      f.ev({ min: -10, outcome: 'factor_change', vendorEvent: 'user.mfa.factor.activate' }),
      ...f.series(5, 1, { outcome: 'denied', factor: 'push' }),
      f.ev({ min: 6, outcome: 'approved', factor: 'push' }),
    ];
    assert.deepEqual(runRule(postApprovalPersistence, events), []);
  });

  it('boundary: within 24 hours fires, 24 hours and a minute does not; 1 hour (Splunk PingID) narrows it', () => {
    const mk = (afterMs: number): ReturnType<EventFactory['series']> => {
      const f = new EventFactory();
      return [
        ...f.series(5, 1, { outcome: 'timeout', factor: 'push' }),
        f.ev({ min: 6, outcome: 'approved', factor: 'push' }),
        f.ev({ at: T0 + 6 * 60_000 + afterMs, outcome: 'factor_change', vendorEvent: 'Device Paired' }),
      ];
    };
    assert.equal(runRule(postApprovalPersistence, mk(24 * HOUR)).length, 1);
    assert.deepEqual(runRule(postApprovalPersistence, mk(24 * HOUR + 60_000)), []);
    assert.deepEqual(runRule(postApprovalPersistence, mk(2 * HOUR), { withinHours: 1 }), []);
  });

  it('groups every factor change after one approval', () => {
    const f = new EventFactory();
    const events = [
      ...f.series(5, 1, { outcome: 'denied', factor: 'push' }),
      f.ev({ min: 6, outcome: 'approved', factor: 'push' }),
      f.ev({ min: 10, outcome: 'factor_change', vendorEvent: 'user.mfa.factor.reset_all' }),
      f.ev({ min: 12, outcome: 'factor_change', vendorEvent: 'user.mfa.factor.activate' }),
    ];
    const out = runRule(postApprovalPersistence, events);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.detail['factorChanges'], 2);
    assert.deepEqual(out[0]?.detail['vendorEvents'], ['user.mfa.factor.activate', 'user.mfa.factor.reset_all']);
  });
});
