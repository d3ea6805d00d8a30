import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newLocation } from '../../../shared/rules/new-location.js';
import { runRule } from '../../../shared/rules/rule.js';
import { byTime, EventFactory, HOUR, NET, T0 } from './events.js';

describe('new-location', () => {
  it('fires medium on MFA prompts from a country never seen in a sufficient baseline', () => {
    const f = new EventFactory();
    const events = [...f.baseline(5, 4), ...f.series(5, 1, { outcome: 'denied', factor: 'push', source: NET.amsterdam })];
    const out = runRule(newLocation, events);
    assert.equal(out.length, 1);
    const [finding] = out;
    assert.equal(finding?.severity, 'medium');
    assert.equal(finding?.detail['kind'], 'country');
    assert.equal(finding?.detail['country'], 'NL');
    assert.deepEqual(finding?.detail['baselineCountries'], ['US']);
    assert.equal(finding?.detail['baselineEvents'], 20);
    assert.equal(finding?.eventIds.length, 5);
    assert.match(finding?.summary ?? '', /^First MFA activity for this user from country NL: 5 MFA events \(2024-03-05 02:00–02:04 UTC\) from 203\.0\.113\.9 \(Amsterdam, NL, AS64502\); the 20 earlier located events came from US\.$/);
  });

  it('stays silent without enough history: too few events, or too short a span', () => {
    const f = new EventFactory();
    const few = [...f.baseline(3, 1), ...f.series(5, 1, { outcome: 'denied', factor: 'push', source: NET.amsterdam })];
    assert.deepEqual(runRule(newLocation, few), []);
    const g = new EventFactory();
    const oneDay = [...g.series(30, 10, { min: -24 * 60 + 60, outcome: 'approved', factor: 'push', source: NET.chicago }), ...g.series(5, 1, { min: 120, outcome: 'denied', factor: 'push', source: NET.amsterdam })];
    assert.deepEqual(runRule(newLocation, byTime(oneDay)), []);
  });

  it('benign: a traveller whose phone answers from the same new country is only low', () => {
    const f = new EventFactory();
    const events = [
      ...f.baseline(5, 4),
      ...f.series(3, 60, { outcome: 'approved', factor: 'push', vendor: 'duo', source: NET.london, responder: NET.londonPhone }),
    ];
    const out = runRule(newLocation, events);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.severity, 'low');
    assert.equal(out[0]?.detail['responderAgrees'], 3);
    assert.match(out[0]?.summary ?? '', /the answering phone was in the same place/);
  });

  it('benign: an Okta traveller, whose push is answered from the phone\'s own address in the new country, is only low', () => {
    const f = new EventFactory();
    const signIn = (min: number, session: string) => [
      f.ev({ min, outcome: 'mfa_required', source: NET.london, sessionId: session }),
      f.ev({ min: min + 0.1, outcome: 'challenge_sent', factor: 'push', source: NET.london, sessionId: session }),
      f.ev({ min: min + 0.2, outcome: 'approved', factor: 'push', source: NET.londonPhone, sessionId: session }),
    ];
    const out = runRule(newLocation, [...f.baseline(5, 4), ...signIn(0, 's1'), ...signIn(600, 's2')]);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.severity, 'low');
    assert.equal(out[0]?.detail['responderAgrees'], 2);
  });

  it('an Okta push from a new country answered by the phone at home is medium', () => {
    const f = new EventFactory();
    const attempts = [0, 1, 2].flatMap((i) => [
      f.ev({ min: i, outcome: 'challenge_sent', factor: 'push', source: NET.amsterdam, sessionId: `a${i}` }),
      f.ev({ min: i + 0.3, outcome: 'denied', factor: 'push', source: NET.chicagoPhone, sessionId: `a${i}` }),
    ]);
    const out = runRule(newLocation, [...f.baseline(5, 4), ...attempts]);
    const country = out.filter((x) => x.detail['kind'] === 'country');
    assert.equal(country.length, 1);
    assert.equal(country[0]?.severity, 'medium');
    assert.equal(country[0]?.detail['responderDiffers'], 3);
  });

  it('a new network in a known country is info, and can be switched off', () => {
    const f = new EventFactory();
    const events = [...f.baseline(5, 4), f.ev({ outcome: 'approved', factor: 'push', source: NET.chicagoHotel })];
    const out = runRule(newLocation, events);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.severity, 'info');
    assert.equal(out[0]?.detail['kind'], 'asn');
    assert.match(out[0]?.summary ?? '', /network AS64510 \(Hotel WiFi Inc\) in US/);
    assert.deepEqual(runRule(newLocation, events, { checkAsn: false }), []);
  });

  it('groups a day of activity from the new country; afterwards the country is known', () => {
    const f = new EventFactory();
    const events = [
      ...f.baseline(5, 4),
      ...f.series(3, 60, { outcome: 'denied', factor: 'push', source: NET.amsterdam }),
      f.ev({ at: T0 + 30 * HOUR, outcome: 'denied', factor: 'push', source: NET.amsterdam }),
    ];
    const out = runRule(newLocation, events);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.detail['events'], 3);
  });

  it('needs MFA activity: a new country seen only in a password sign-in raises nothing', () => {
    const f = new EventFactory();
    const events = [...f.baseline(5, 4), f.ev({ outcome: 'auth_success', source: NET.amsterdam })];
    assert.deepEqual(runRule(newLocation, events), []);
  });
});
