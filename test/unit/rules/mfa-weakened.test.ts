import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mfaWeakened, weakeningKind } from '../../../shared/rules/mfa-weakened.js';
import { runRule } from '../../../shared/rules/rule.js';
import { EventFactory } from './events.js';

describe('mfa-weakened', () => {
  it('classifies MFA switched off (medium) and single factors removed (low)', () => {
    const f = new EventFactory();
    const cases: [string, string | undefined, 'off' | 'removed' | null][] = [
      ['user.mfa.factor.reset_all', undefined, 'off'],
      ['system.mfa.factor.deactivate', undefined, 'off'],
      ['Disable Strong Authentication', undefined, 'off'],
      ['2sv_disable', undefined, 'off'],
      ['DeactivateMFADevice', undefined, 'off'],
      ['DeleteVirtualMFADevice', undefined, 'off'],
      ['user.mfa.factor.deactivate', undefined, 'removed'],
      ['user.mfa.factor.suspend', undefined, 'removed'],
      ['User deleted security info', undefined, 'removed'],
      ['Device Unpaired', 'Device Unpaired "iPhone"', 'removed'],
      ['user.mfa.factor.activate', undefined, null],
      ['user.mfa.factor.unsuspend', undefined, null],
      ['device.enrollment.create', undefined, null],
      ['Update user', 'StrongAuthenticationMethod', null],
      ['Device Paired', 'Device Paired SMS "Mobile 1"', null],
    ];
    for (const [vendorEvent, reason, kind] of cases) {
      const e = f.ev({ outcome: 'factor_change', vendorEvent, ...(reason === undefined ? {} : { reason }) });
      assert.equal(weakeningKind(e), kind, vendorEvent);
    }
    assert.equal(weakeningKind(f.ev({ outcome: 'other', vendorEvent: 'user.mfa.factor.deactivate' })), null);
  });

  it('MFA disabled is medium; a single factor removed is low', () => {
    const f = new EventFactory();
    const off = runRule(mfaWeakened, [f.ev({ outcome: 'factor_change', vendor: 'cloudtrail', vendorEvent: 'DeactivateMFADevice' })]);
    assert.equal(off[0]?.severity, 'medium');
    assert.equal(off[0]?.summary, 'For this user MFA was switched off or all factors removed: 1 change (2024-03-05 02:00 UTC): DeactivateMFADevice.');
    const g = new EventFactory();
    const one = runRule(mfaWeakened, [g.ev({ outcome: 'factor_change', vendorEvent: 'user.mfa.factor.deactivate' })]);
    assert.equal(one[0]?.severity, 'low');
  });

  it('groups changes less than an hour apart', () => {
    const f = new EventFactory();
    const events = [
      f.ev({ min: 0, outcome: 'factor_change', vendorEvent: 'user.mfa.factor.deactivate' }),
      f.ev({ min: 1, outcome: 'factor_change', vendorEvent: 'user.mfa.factor.deactivate' }),
      f.ev({ min: 2, outcome: 'factor_change', vendorEvent: 'user.mfa.factor.reset_all' }),
      f.ev({ min: 300, outcome: 'factor_change', vendorEvent: 'user.mfa.factor.suspend' }),
    ];
    const out = runRule(mfaWeakened, events);
    assert.equal(out.length, 2);
    assert.equal(out[0]?.severity, 'medium');
    assert.equal(out[0]?.detail['changes'], 3);
    assert.equal(out[1]?.severity, 'low');
  });

  it('negative: enrolments and unrelated events raise nothing; post-approval-persistence suppresses it', () => {
    const f = new EventFactory();
    const events = [
      f.ev({ min: 0, outcome: 'factor_change', vendorEvent: 'user.mfa.factor.activate' }),
      f.ev({ min: 1, outcome: 'denied', factor: 'push', reason: 'deleted' }),
    ];
    assert.deepEqual(runRule(mfaWeakened, events), []);
    assert.deepEqual(mfaWeakened.suppressedBy, ['post-approval-persistence']);
  });
});
