/** The seeded PRNG and the hand-written daylight-saving rules the generator relies on. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CITIES } from '../../../electron/scenario/places.js';
import { Rng } from '../../../electron/scenario/random.js';
import { localToUtc, utcOffset } from '../../../electron/scenario/timezone.js';

test('the same key gives the same stream; derived streams do not depend on parent use', () => {
  const a = new Rng('seed');
  const b = new Rng('seed');
  const xs = Array.from({ length: 50 }, () => a.nextU32());
  assert.deepEqual(Array.from({ length: 50 }, () => b.nextU32()), xs);
  assert.notDeepEqual(Array.from({ length: 50 }, () => new Rng('seed2').nextU32()), xs);
  const fresh = new Rng('root').derive('user', 7).next();
  const used = new Rng('root');
  used.next();
  used.next();
  assert.equal(used.derive('user', 7).next(), fresh);
});

test('helpers stay in range and are roughly uniform', () => {
  const r = new Rng('range');
  const counts = new Array<number>(6).fill(0);
  for (let i = 0; i < 60_000; i++) {
    const v = r.int(1, 6);
    assert.ok(v >= 1 && v <= 6);
    counts[v - 1] = (counts[v - 1] ?? 0) + 1;
  }
  for (const c of counts) assert.ok(c > 9_000 && c < 11_000, `bucket ${c}`);
  let heads = 0;
  for (let i = 0; i < 10_000; i++) if (r.weighted([['a', 3], ['b', 1]] as const) === 'a') heads++;
  assert.ok(heads > 7_200 && heads < 7_800, `weighted ${heads}`);
  let sum = 0;
  for (let i = 0; i < 10_000; i++) sum += r.normal(10, 2);
  assert.ok(Math.abs(sum / 10_000 - 10) < 0.1);
  assert.match(r.uuid4(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(r.hex(37).length, 37);
  assert.deepEqual(r.shuffle([1, 2, 3, 4]).sort(), [1, 2, 3, 4]);
});

test('the generator never calls Math.random', () => {
  const original = Math.random;
  Math.random = () => {
    throw new Error('Math.random used');
  };
  try {
    new Rng('x').shuffle([1, 2, 3]);
  } finally {
    Math.random = original;
  }
});

test('daylight-saving rules agree with the platform time-zone data for every place, all of 2024-2026', () => {
  const zones = new Map(CITIES.map((c) => [c.zone.id, c.zone]));
  for (const zone of zones.values()) {
    const fmt = new Intl.DateTimeFormat('en-US', { timeZone: zone.id, timeZoneName: 'longOffset' });
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2027, 0, 1); t += 3 * 3_600_000) {
      const name = fmt.formatToParts(t).find((p) => p.type === 'timeZoneName')?.value ?? '';
      const m = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name);
      const expected = m?.[1] === undefined ? 0 : (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
      assert.equal(utcOffset(zone, t), expected, `${zone.id} at ${new Date(t).toISOString()}`);
    }
  }
  // 09:00 in Chicago on 10 March 2025 (the day after the change) is 14:00 UTC.
  const chicago = CITIES.find((c) => c.id === 'chicago')?.zone;
  assert.ok(chicago !== undefined);
  assert.equal(new Date(localToUtc(chicago, Date.UTC(2025, 2, 10), 9 * 60)).toISOString(), '2025-03-10T14:00:00.000Z');
});
