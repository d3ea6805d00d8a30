import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../../shared/rules/rule.js';
import { vendorAnomaly, vendorAnomalyKind } from '../../../shared/rules/vendor-anomaly.js';
import { EventFactory, NET } from './events.js';

describe('vendor-anomaly', () => {
  it('Duo anomalous_push pushes are one medium finding per hour', () => {
    const f = new EventFactory();
    const events = f.series(3, 5, { outcome: 'failed_other', factor: 'push', vendor: 'duo', vendorEvent: 'authentication', reason: 'anomalous_push', source: NET.amsterdam });
    const out = runRule(vendorAnomaly, events);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.severity, 'medium');
    assert.equal(out[0]?.detail['kind'], 'duo-anomalous-push');
    assert.equal(
      out[0]?.summary,
      'Duo refused to send pushes it judged anomalous (reason anomalous_push): 3 events (2024-03-05 02:00–02:10 UTC) from 203.0.113.9 (Amsterdam, NL, AS64502).',
    );
  });

  it('matches each documented vendor signal, case-insensitively', () => {
    const f = new EventFactory();
    const cases: [Parameters<EventFactory['ev']>[0], string][] = [
      [{ outcome: 'other', vendorEvent: 'security.threat.detected' }, 'okta-threat'],
      [{ outcome: 'other', vendorEvent: 'USER.RISK.DETECT' }, 'okta-risk'],
      [{ outcome: 'other', vendorEvent: 'user.mfa.attempt_bypass' }, 'okta-mfa-bypass'],
      [{ outcome: 'failed_other', vendor: 'entra', vendorEvent: 'Sign-in activity', reason: '50088' }, 'entra-50088'],
      [{ outcome: 'failed_other', vendor: 'entra', vendorEvent: 'Sign-in activity', reason: 'AADSTS50088: Limit on telecom MFA calls reached.' }, 'entra-50088'],
      [{ outcome: 'other', vendor: 'google', vendorEvent: 'suspicious_login' }, 'google-suspicious-login'],
      [{ outcome: 'denied', vendor: 'duo', reason: 'Anomalous Push' }, 'duo-anomalous-push'],
    ];
    for (const [spec, kind] of cases) assert.equal(vendorAnomalyKind(f.ev(spec))?.kind, kind, JSON.stringify(spec));
  });

  it('gives the same verdicts asked again, and after more distinct reasons than it remembers', () => {
    const f = new EventFactory();
    const telecom = f.ev({ outcome: 'failed_other', vendor: 'entra', vendorEvent: 'Sign-in activity', reason: 'AADSTS50088' });
    const other = f.ev({ outcome: 'failed_other', vendor: 'entra', vendorEvent: 'Sign-in activity', reason: 'AADSTS500121' });
    for (let round = 0; round < 3; round++) {
      assert.equal(vendorAnomalyKind(telecom)?.kind, 'entra-50088');
      assert.equal(vendorAnomalyKind(other), null);
      for (let i = 0; i < 6_000; i++) assert.equal(vendorAnomalyKind(f.ev({ outcome: 'failed_other', vendor: 'entra', vendorEvent: 'Sign-in activity', reason: `code ${i}x` })), null);
    }
  });

  it('negative: other codes, look-alike numbers and ordinary denials', () => {
    const f = new EventFactory();
    const events = [
      f.ev({ min: 0, outcome: 'failed_other', vendor: 'entra', reason: '500121' }),
      f.ev({ min: 1, outcome: 'failed_other', vendor: 'entra', reason: 'code 500881' }),
      f.ev({ min: 2, outcome: 'failed_other', vendor: 'entra', reason: '150088' }),
      f.ev({ min: 3, outcome: 'denied', vendor: 'duo', reason: 'user_cancelled' }),
      f.ev({ min: 4, outcome: 'other', vendorEvent: 'user.risk.change' }),
      f.ev({ min: 5, outcome: 'other', vendorEvent: 'security.threat.detected.extra' }),
    ];
    assert.deepEqual(runRule(vendorAnomaly, events), []);
  });

  it('keeps different verdicts in separate findings', () => {
    const f = new EventFactory();
    const events = [
      f.ev({ min: 0, outcome: 'failed_other', factor: 'push', vendor: 'duo', reason: 'anomalous_push' }),
      f.ev({ min: 1, outcome: 'other', vendorEvent: 'security.threat.detected' }),
    ];
    const out = runRule(vendorAnomaly, events);
    assert.deepEqual(out.map((x) => x.detail['kind']), ['duo-anomalous-push', 'okta-threat']);
  });
});
