import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { impossibleTravel } from '../../../shared/rules/impossible-travel.js';
import { haversineKm } from '../../../shared/rules/lib/geo.js';
import { runRule } from '../../../shared/rules/rule.js';
import { countryOnly, EventFactory, HOUR, NET, T0 } from './events.js';

describe('impossible-travel', () => {
  it('fires medium on Chicago then Amsterdam 65 minutes later', () => {
    const f = new EventFactory();
    const events = [
      f.ev({ min: 0, outcome: 'auth_success', source: NET.chicago }),
      f.ev({ min: 65, outcome: 'denied', factor: 'push', source: NET.amsterdam }),
    ];
    const out = runRule(impossibleTravel, events);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.severity, 'medium');
    assert.deepEqual(out[0]?.eventIds, [1, 2]);
    const speed = out[0]?.detail['maxSpeedKmh'];
    assert.ok(typeof speed === 'number' && speed > 6000 && speed < 6300);
    assert.match(out[0]?.summary ?? '', /^198\.51\.100\.7 \(Chicago, US, AS64500\) at 2024-03-05 02:00 UTC then 203\.0\.113\.9 \(Amsterdam, NL, AS64502\) at 03:05 UTC: 6,\d{3} km in 1 hour 5 minutes \(about 6,\d{3} km\/h\), faster than any airliner: nobody travelled; the address changed \(a proxy or VPN exit, or a second person on the account\)\.$/);
  });

  it('does not fire when there was time to fly (10 hours)', () => {
    const f = new EventFactory();
    const events = [f.ev({ min: 0, outcome: 'auth_success', source: NET.chicago }), f.ev({ min: 600, outcome: 'auth_success', source: NET.amsterdam })];
    assert.deepEqual(runRule(impossibleTravel, events), []);
  });

  it('ignores geo-IP noise: under 500 km, however fast', () => {
    const f = new EventFactory();
    const events = [f.ev({ min: 0, outcome: 'auth_success', source: NET.basel }), f.ev({ min: 0.1, outcome: 'auth_success', source: NET.loerrach })];
    assert.deepEqual(runRule(impossibleTravel, events), []);
  });

  it('boundary: exactly 1000 km/h does not fire; slightly faster does', () => {
    const km = haversineKm(41.88, -87.63, 34.05, -118.24);
    const mk = (hours: number): ReturnType<EventFactory['ev']>[] => {
      const f = new EventFactory();
      return [f.ev({ at: T0, outcome: 'auth_success', source: NET.chicago }), f.ev({ at: T0 + hours * HOUR, outcome: 'auth_success', source: NET.losAngeles })];
    };
    assert.deepEqual(runRule(impossibleTravel, mk(km / 1000)), []);
    assert.equal(runRule(impossibleTravel, mk(km / 1000 - 0.01)).length, 1);
  });

  it('two places at the same moment', () => {
    const f = new EventFactory();
    const events = [f.ev({ min: 0, outcome: 'approved', factor: 'push', source: NET.chicago }), f.ev({ min: 0, outcome: 'approved', factor: 'push', source: NET.amsterdam })];
    const out = runRule(impossibleTravel, events);
    assert.equal(out[0]?.detail['maxSpeedKmh'], null);
    assert.equal(out[0]?.detail.approvals, 1);
    assert.match(out[0]?.summary ?? '', /at the same moment/);
  });

  it('groups back-and-forth jumps into one finding and skips events without coordinates', () => {
    const f = new EventFactory();
    const events = [
      f.ev({ min: 0, outcome: 'auth_success', source: NET.chicago }),
      f.ev({ min: 5, outcome: 'denied', factor: 'push', source: NET.amsterdam }),
      f.ev({ min: 7, outcome: 'denied', factor: 'push', source: countryOnly('192.0.2.9', 'JP') }),
      f.ev({ min: 10, outcome: 'auth_success', source: NET.chicago }),
      f.ev({ min: 15, outcome: 'denied', factor: 'push', source: NET.amsterdam }),
    ];
    const out = runRule(impossibleTravel, events);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.detail['jumps'], 3);
    assert.deepEqual(out[0]?.eventIds, [1, 2, 4, 5]);
    assert.match(out[0]?.summary ?? '', /3 such jumps in 15 minutes/);
  });
});
