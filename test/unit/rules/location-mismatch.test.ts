import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { locationMismatch } from '../../../shared/rules/location-mismatch.js';
import { runRule } from '../../../shared/rules/rule.js';
import { countryOnly, EventFactory, NET } from './events.js';

const duo = { vendor: 'duo', factor: 'push', vendorEvent: 'authentication' } as const;

describe('location-mismatch', () => {
  it('Duo: a push from Amsterdam approved on a phone in Chicago is high', () => {
    const f = new EventFactory();
    const out = runRule(locationMismatch, [f.ev({ ...duo, outcome: 'approved', source: NET.amsterdam, responder: NET.chicagoPhone, reason: 'user_approved' })]);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.severity, 'high');
    assert.equal(out[0]?.detail.approvals, 1);
    assert.equal(out[0]?.detail['via'], 'responder');
    const km = out[0]?.detail['maxDistanceKm'];
    assert.ok(typeof km === 'number' && km > 6500 && km < 6800, `distance ${String(km)}`);
    assert.match(
      out[0]?.summary ?? '',
      /^1 MFA event \(2024-03-05 02:00 UTC\) where the sign-in came from 203\.0\.113\.9 \(Amsterdam, NL, AS64502\) but the answering device was at 198\.51\.100\.200 \(Chicago, US, AS64501\), 6,\d{3} km away; 1 approved \(last at 02:00 UTC\)\./,
    );
  });

  it('a mismatch on a refused prompt is medium', () => {
    const f = new EventFactory();
    const out = runRule(locationMismatch, [f.ev({ ...duo, outcome: 'denied', source: NET.amsterdam, responder: NET.chicagoPhone })]);
    assert.equal(out[0]?.severity, 'medium');
    assert.equal(out[0]?.detail.approvals, 0);
  });

  it('benign: a traveller whose phone is with them (London laptop, London phone) raises nothing', () => {
    const f = new EventFactory();
    const events = f.series(5, 30, { ...duo, outcome: 'approved', source: NET.london, responder: NET.londonPhone });
    assert.deepEqual(runRule(locationMismatch, events), []);
  });

  it('benign: border towns in two countries a few km apart agree; an IP change alone never counts', () => {
    const f = new EventFactory();
    const events = [
      f.ev({ ...duo, min: 0, outcome: 'approved', source: NET.basel, responder: NET.loerrach }),
      f.ev({ ...duo, min: 1, outcome: 'approved', source: NET.chicago, responder: { ip: '192.0.2.55' } }),
      f.ev({ ...duo, min: 2, outcome: 'approved', source: { ip: '192.0.2.56' }, responder: { ip: '192.0.2.57' } }),
    ];
    assert.deepEqual(runRule(locationMismatch, events), []);
  });

  it('compares by distance inside one country (Chicago vs Los Angeles) and by country without coordinates', () => {
    const f = new EventFactory();
    const far = runRule(locationMismatch, [f.ev({ ...duo, outcome: 'approved', source: NET.losAngeles, responder: NET.chicagoPhone })]);
    assert.equal(far.length, 1);
    const g = new EventFactory();
    const byCountry = runRule(locationMismatch, [
      g.ev({ ...duo, min: 0, outcome: 'denied', source: countryOnly('192.0.2.1', 'nl'), responder: countryOnly('192.0.2.2', 'US') }),
    ]);
    assert.equal(byCountry.length, 1);
    assert.match(byCountry[0]?.summary ?? '', /in another country/);
    const h = new EventFactory();
    const same = runRule(locationMismatch, [h.ev({ ...duo, outcome: 'denied', source: countryOnly('192.0.2.1', 'US'), responder: countryOnly('192.0.2.2', 'us') })]);
    assert.deepEqual(same, []);
  });

  it('Okta: a push sent for a sign-in from Amsterdam and answered from Chicago in the same session', () => {
    const f = new EventFactory();
    const events = [
      f.ev({ min: 0, outcome: 'challenge_sent', factor: 'push', sessionId: 'idx1', source: NET.amsterdam }),
      f.ev({ min: 0.5, outcome: 'approved', factor: 'push', sessionId: 'idx1', source: NET.chicagoPhone }),
    ];
    const out = runRule(locationMismatch, events);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.severity, 'high');
    assert.equal(out[0]?.detail['via'], 'session');
    assert.deepEqual(out[0]?.eventIds, [1, 2]);
    assert.match(out[0]?.summary ?? '', /the same session was then used from 198\.51\.100\.200/);
  });

  it('session: different session ids, or a session older than 30 minutes, do not link', () => {
    const f = new EventFactory();
    const events = [
      f.ev({ min: 0, outcome: 'challenge_sent', factor: 'push', sessionId: 'a', source: NET.amsterdam }),
      f.ev({ min: 0.5, outcome: 'approved', factor: 'push', sessionId: 'b', source: NET.chicagoPhone }),
      f.ev({ min: 1, outcome: 'challenge_sent', factor: 'push', sessionId: 'c', source: NET.amsterdam }),
      f.ev({ min: 40, outcome: 'approved', factor: 'push', sessionId: 'c', source: NET.chicagoPhone }),
    ];
    assert.deepEqual(runRule(locationMismatch, events), []);
  });

  it('groups mismatches less than an hour apart; a later one is a new finding', () => {
    const f = new EventFactory();
    const events = [
      ...f.series(3, 10, { ...duo, outcome: 'denied', source: NET.amsterdam, responder: NET.chicagoPhone }),
      f.ev({ ...duo, min: 200, outcome: 'approved', source: NET.amsterdam2, responder: NET.chicagoPhone }),
    ];
    const out = runRule(locationMismatch, events);
    assert.equal(out.length, 2);
    assert.equal(out[0]?.detail['events'], 3);
    assert.equal(out[0]?.severity, 'medium');
    assert.equal(out[1]?.severity, 'high');
  });
});
