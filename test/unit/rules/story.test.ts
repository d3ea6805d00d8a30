/**
 * One finding per story, and context that lowers or raises severity: supporting findings folded
 * into the campaign they belong to, resets judged by the enrolment that followed, a first trip
 * approved at once kept low.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectInMemory } from '../../../shared/detect/engine-core.js';
import { resolveConfig } from '../../../shared/detect/params.js';
import type { Network, StoredEvent } from '../../../shared/model/event.js';
import { mfaWeakened } from '../../../shared/rules/mfa-weakened.js';
import { newLocation } from '../../../shared/rules/new-location.js';
import { runRule } from '../../../shared/rules/rule.js';
import { EventFactory, NET } from './events.js';

const PROXIES: Network[] = [
  { ip: '192.0.2.1', geo: { country: 'BR', lat: -23.5, lon: -46.6, source: 'lookup' }, asn: 64601 },
  { ip: '192.0.2.2', geo: { country: 'DE', lat: 52.5, lon: 13.4, source: 'lookup' }, asn: 64602 },
  { ip: '192.0.2.3', geo: { country: 'VN', lat: 10.8, lon: 106.7, source: 'lookup' }, asn: 64603 },
  { ip: '192.0.2.4', geo: { country: 'ZA', lat: -26.2, lon: 28, source: 'lookup' }, asn: 64604 },
  { ip: '192.0.2.5', geo: { country: 'IN', lat: 19, lon: 72.8, source: 'lookup' }, asn: 64605 },
  { ip: '192.0.2.6', geo: { country: 'JP', lat: 35.7, lon: 139.7, source: 'lookup' }, asn: 64606 },
];

function proxyBurst(): StoredEvent[] {
  const f = new EventFactory();
  const events = [...f.baseline(5, 3)];
  PROXIES.forEach((p, i) => {
    events.push(f.ev({ min: i * 2, outcome: 'challenge_sent', factor: 'push', source: p, sessionId: `p${i}` }));
    events.push(f.ev({ min: i * 2 + 0.2, outcome: 'denied', factor: 'push', source: NET.chicagoPhone, sessionId: `p${i}` }));
  });
  return events;
}

describe('one finding per story', () => {
  it('a rotating-proxy burst is one push-burst finding; its new countries and "impossible travel" are told inside it', async () => {
    const r = await detectInMemory(proxyBurst());
    const rules = r.findings.map((f) => f.rule);
    assert.equal(rules.filter((x) => x === 'push-burst').length, 1);
    assert.ok(!rules.includes('new-location'), rules.join(','));
    assert.ok(!rules.includes('impossible-travel'), rules.join(','));
    const burst = r.findings.find((f) => f.rule === 'push-burst');
    assert.match(burst?.summary ?? '', /Within it: .*first MFA activity for this user from BR, DE, IN, JP, VN and ZA/);
    assert.match(burst?.summary ?? '', /\d+ jumps between addresses up to [\d,]+ km apart, faster than any airliner: not travel but two places at once/);
    assert.deepEqual(burst?.detail['foldedRules'], ['impossible-travel', 'new-location']);
  });

  it('with push-burst off, the supporting findings stand on their own again', async () => {
    const r = await detectInMemory(proxyBurst(), resolveConfig({ 'push-burst': { enabled: false } }));
    assert.ok(r.findings.some((f) => f.rule === 'new-location'));
    assert.ok(r.findings.some((f) => f.rule === 'impossible-travel'));
  });
});

describe('context that lowers or raises severity', () => {
  const reset = (f: EventFactory, min: number): StoredEvent =>
    f.ev({ min, outcome: 'factor_change', vendorEvent: 'user.mfa.factor.reset_all', source: NET.chicagoHotel });

  it('a help-desk reset followed by the user enrolling from their usual address is lowered, with the reason', () => {
    const f = new EventFactory();
    const events = [...f.baseline(5, 3), reset(f, 0), f.ev({ min: 40, outcome: 'factor_change', vendorEvent: 'user.mfa.factor.activate', source: NET.chicago })];
    const [finding] = runRule(mfaWeakened, events);
    assert.equal(finding?.severity, 'low');
    assert.equal(finding?.detail['lowered'], true);
    assert.match(finding?.summary ?? '', /A new factor was enrolled 40 minutes later from 198\.51\.100\.7 .*an address this user has signed in from for days: the user re-enrolling after a reset \(severity lowered\)\./);
  });

  it('the same reset followed by an enrolment from an address the user never used is high', () => {
    const f = new EventFactory();
    const events = [...f.baseline(5, 3), reset(f, 0), f.ev({ min: 20, outcome: 'factor_change', vendorEvent: 'user.mfa.factor.activate', source: NET.amsterdam })];
    const [finding] = runRule(mfaWeakened, events);
    assert.equal(finding?.severity, 'high');
    assert.equal(finding?.detail['enrolmentFamiliar'], 'never seen');
    assert.match(finding?.summary ?? '', /where this user had never signed in/);
  });

  it('an address first used minutes before the enrolment is not familiar (the impostor signing in first)', () => {
    const f = new EventFactory();
    const events = [
      ...f.baseline(5, 3),
      reset(f, 0),
      f.ev({ min: 15, outcome: 'auth_success', source: NET.amsterdam }),
      f.ev({ min: 17, outcome: 'factor_change', vendorEvent: 'user.mfa.factor.activate', source: NET.amsterdam }),
    ];
    assert.equal(runRule(mfaWeakened, events)[0]?.severity, 'high');
  });

  it('a first sign-in from a new country approved at once, with nothing refused and no phone elsewhere, is low with the reason', () => {
    const f = new EventFactory();
    const events = [...f.baseline(5, 3), f.ev({ min: 0, outcome: 'mfa_required', source: NET.london, vendor: 'entra' }), f.ev({ min: 0.5, outcome: 'approved', factor: 'push', source: NET.london, vendor: 'entra' })];
    const [finding] = runRule(newLocation, events);
    assert.equal(finding?.severity, 'low');
    assert.match(finding?.summary ?? '', /approved at once.*severity lowered/);
  });

  it('the same new country with prompts ignored before the approval stays medium', () => {
    const f = new EventFactory();
    const events = [
      ...f.baseline(5, 3),
      ...f.series(2, 2, { outcome: 'timeout', factor: 'push', source: NET.london, vendor: 'duo' }),
      f.ev({ min: 6, outcome: 'approved', factor: 'push', source: NET.london, vendor: 'duo' }),
    ];
    assert.equal(runRule(newLocation, events)[0]?.severity, 'medium');
  });
});
