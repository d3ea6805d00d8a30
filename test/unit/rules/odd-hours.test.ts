import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activeHoursText, oddHours } from '../../../shared/rules/odd-hours.js';
import { runRule } from '../../../shared/rules/rule.js';
import { DAY, EventFactory, HOUR, NET, T0 } from './events.js';

describe('odd-hours', () => {
  it('flags prompts at 02:00 UTC for a 09:00–16:00 worker, as low', () => {
    const f = new EventFactory();
    const events = [...f.baseline(6, 6), ...f.series(5, 2, { outcome: 'denied', factor: 'push', source: NET.amsterdam })];
    const out = runRule(oddHours, events);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.severity, 'low');
    assert.equal(out[0]?.eventIds.length, 5);
    assert.equal(
      out[0]?.summary,
      "5 MFA events at 2024-03-05 02:00–02:08 UTC from 203.0.113.9 (Amsterdam, NL, AS64502), outside this user's usual hours " +
        '(09:00–11:59, 13:00–15:59 UTC, from 36 earlier events on 6 days).',
    );
  });

  it('an hour next to a used hour is not odd (tolerance 1); two hours away is', () => {
    const f = new EventFactory();
    const base = f.baseline(6, 6);
    const nextHour = f.ev({ at: Math.floor(T0 / DAY) * DAY + 16 * HOUR + 30 * 60_000, outcome: 'denied', factor: 'push' });
    assert.deepEqual(runRule(oddHours, [...base, nextHour]), []);
    const g = new EventFactory();
    const twoAway = g.ev({ at: Math.floor(T0 / DAY) * DAY + 17 * HOUR + 30 * 60_000, outcome: 'denied', factor: 'push' });
    assert.equal(runRule(oddHours, [...g.baseline(6, 6), twoAway]).length, 1);
  });

  it('silent without enough history (4 days) and for non-MFA events', () => {
    const f = new EventFactory();
    assert.deepEqual(runRule(oddHours, [...f.baseline(4, 10), f.ev({ outcome: 'denied', factor: 'push' })]), []);
    const g = new EventFactory();
    assert.deepEqual(runRule(oddHours, [...g.baseline(6, 6), g.ev({ outcome: 'auth_success' }), g.ev({ min: 1, outcome: 'session_start' })]), []);
  });

  it('does not learn flagged hours: the attacker returning the next night is flagged again', () => {
    const f = new EventFactory();
    const events = [
      ...f.baseline(6, 6),
      ...f.series(3, 1, { outcome: 'denied', factor: 'push' }),
      ...f.series(3, 1, { min: 24 * 60, outcome: 'denied', factor: 'push' }),
    ];
    assert.equal(runRule(oddHours, events).length, 2);
  });

  it('the password step of the night sign-in does not make its hour usual before the prompts it leads to', () => {
    const f = new EventFactory();
    const events = [
      ...f.baseline(6, 6),
      f.ev({ min: 0, outcome: 'auth_success', factor: 'password', source: NET.amsterdam }),
      ...f.series(3, 1, { min: 0.5, outcome: 'denied', factor: 'push', source: NET.amsterdam }),
    ];
    const out = runRule(oddHours, events);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.eventIds.length, 3);
  });

  it('a late sign-in approved from the user\'s own network is info; one from a new network is low', () => {
    const f = new EventFactory();
    const own = runRule(oddHours, [...f.baseline(6, 6), ...f.series(2, 1, { outcome: 'approved', factor: 'push', source: NET.chicago })]);
    assert.equal(own.length, 1);
    assert.equal(own[0]?.severity, 'info');
    assert.match(own[0]?.summary ?? '', /every prompt approved from networks this user already used\.$/);
    const g = new EventFactory();
    const elsewhere = runRule(oddHours, [...g.baseline(6, 6), ...g.series(2, 1, { outcome: 'approved', factor: 'push', source: NET.chicagoHotel })]);
    assert.equal(elsewhere[0]?.severity, 'low');
  });

  it('writes active hours as ranges', () => {
    const hist = new Array<number>(24).fill(0);
    assert.equal(activeHoursText(hist), 'none');
    hist[0] = 1;
    hist[7] = 2;
    hist[8] = 1;
    hist[23] = 4;
    assert.equal(activeHoursText(hist), '00:00–00:59, 07:00–08:59, 23:00–23:59 UTC');
  });
});
