import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Outcome, StoredEvent } from '../../../shared/model/event.js';
import { buildMap, coordsOf, mapFrame } from '../../../shared/view/map.js';
import { formatDuration, tickLabel, zoneOffsetMs } from '../../../shared/view/time-axis.js';

const LONDON = { ip: '198.51.100.77', name: 'iPhone', geo: { city: 'London', country: 'GB', lat: 51.5072, lon: -0.1276, source: 'vendor' as const } };
const AMS = { ip: '203.0.113.45', geo: { city: 'Amsterdam', country: 'NL', lat: 52.3676, lon: 4.9041, source: 'lookup' as const } };

function ev(id: number, outcome: Outcome, extra: Partial<StoredEvent>): StoredEvent {
  return { id, time: id * 1000, vendor: 'okta', user: 'u', outcome, vendorEvent: 'x', ref: { evidenceId: 1, record: id }, ...extra };
}

test('map: places are aggregated, links join the attempt and the answering device of one prompt', () => {
  const events = [
    ev(1, 'mfa_required', { source: AMS }),
    ev(2, 'denied', { source: AMS, responder: LONDON }),
    ev(3, 'approved', { source: AMS, responder: LONDON }),
    ev(4, 'approved', { source: { ip: '192.0.2.1' }, responder: LONDON }),
  ];
  const m = buildMap(events);
  // A source place counts login attempts, as the lanes do; prompts starting there still link it.
  assert.deepEqual(
    m.sources.map((p) => [p.label, p.count, p.lastIndex]),
    [['Amsterdam, NL', 1, 2]],
  );
  assert.deepEqual(
    m.responders.map((p) => [p.label, p.count]),
    [['London, GB', 3]],
  );
  assert.deepEqual(
    m.links.map((l) => [l.from.label, l.to.label, l.count]),
    [['Amsterdam, NL', 'London, GB', 2]],
  );
  // A replay shows only what has happened so far.
  assert.equal(buildMap(events, 0).responders.length, 0);
});

test('map: an Okta push joins the send\'s source to the answer\'s device; analyst entries count nowhere; one name is one place', () => {
  const CHICAGO_A = { ip: '198.51.100.9', geo: { city: 'Chicago', country: 'US', lat: 41.88, lon: -87.63, source: 'vendor' as const } };
  const CHICAGO_B = { ip: '198.51.100.10', geo: { city: 'Chicago', country: 'US', lat: 41.85, lon: -87.65, source: 'lookup' as const } };
  const events = [
    ev(1, 'mfa_required', { source: AMS, sessionId: 's' }),
    ev(2, 'challenge_sent', { source: AMS, factor: 'push', sessionId: 's' }),
    ev(3, 'approved', { source: CHICAGO_A, responder: CHICAGO_A, factor: 'push', sessionId: 's' }),
    ev(4, 'challenge_sent', { source: AMS, factor: 'push', sessionId: 's', time: 400_000 }),
    ev(5, 'denied', { source: CHICAGO_B, responder: CHICAGO_B, factor: 'push', sessionId: 's', time: 401_000 }),
    ev(6, 'mfa_required', { source: AMS, vendor: 'analyst' }),
  ];
  const m = buildMap(events);
  assert.deepEqual(
    m.links.map((l) => [l.from.label, l.to.label, l.count]),
    [['Amsterdam, NL', 'Chicago, US', 2]],
  );
  assert.deepEqual(
    m.responders.map((p) => [p.label, p.count]),
    [['Chicago, US', 2]],
  );
  assert.deepEqual(
    m.sources.map((p) => [p.label, p.count]),
    [['Amsterdam, NL', 1]],
  );
  // Every event of the prompt knows both ends, so the playhead on the send draws the line too.
  assert.equal(m.ends.get(2)?.responder.ip, CHICAGO_A.ip);
  assert.equal(m.ends.get(3)?.source.ip, AMS.ip);
});

test('map: implausible coordinates are ignored', () => {
  assert.equal(coordsOf({ ip: 'x', geo: { lat: 91, lon: 0, source: 'vendor' } }), null);
  assert.equal(coordsOf({ ip: 'x', geo: { lat: Number.NaN, lon: 0, source: 'vendor' } }), null);
  assert.equal(coordsOf({ ip: 'x', geo: { source: 'vendor' } }), null);
  assert.deepEqual(coordsOf(AMS), [52.3676, 4.9041]);
});

test('map frame: the whole sphere without places; around places, at least the minimum span and inside the world', () => {
  assert.deepEqual(mapFrame([]), { type: 'Sphere' });
  const model = buildMap([ev(1, 'denied', { source: AMS, responder: LONDON })]);
  const frame = mapFrame([...model.sources, ...model.responders]);
  assert.equal(frame.type, 'MultiPoint');
  if (frame.type !== 'MultiPoint') return;
  const lons = frame.coordinates.map((c) => c[0]);
  const lats = frame.coordinates.map((c) => c[1]);
  assert.ok(Math.max(...lons) - Math.min(...lons) >= 36);
  assert.ok(Math.max(...lats) - Math.min(...lats) >= 20);
  assert.ok(Math.min(...lons) < LONDON.geo.lon && Math.max(...lons) > AMS.geo.lon);
  assert.ok(lats.every((lat) => Math.abs(lat) <= 85));
});

test('axis: zone offsets follow daylight saving', () => {
  const winter = Date.UTC(2026, 0, 15, 12);
  const summer = Date.UTC(2026, 6, 15, 12, 0, 0, 250);
  assert.equal(zoneOffsetMs(winter, 'UTC'), 0);
  assert.equal(zoneOffsetMs(winter, 'Europe/Berlin'), 3_600_000);
  assert.equal(zoneOffsetMs(summer, 'Europe/Berlin'), 7_200_000);
  assert.equal(zoneOffsetMs(summer, 'America/New_York'), -4 * 3_600_000);
  assert.equal(zoneOffsetMs(winter, 'Asia/Kolkata'), 5.5 * 3_600_000);
});

test('axis: tick labels are cut from formatTime in the display zone; the date only when it changes', () => {
  const t = Date.UTC(2026, 1, 12, 2, 31, 7);
  assert.equal(tickLabel(t, 'UTC', 86_400_000), '2026-02-12');
  assert.equal(tickLabel(t, 'UTC', 600_000), '02-12 02:31');
  assert.equal(tickLabel(t, 'UTC', 600_000, t - 600_000), '02:31');
  assert.equal(tickLabel(t, 'America/New_York', 600_000, t - 600_000), '21:31');
  assert.equal(tickLabel(t, 'America/New_York', 600_000, t + 6 * 3_600_000), '02-11 21:31');
  assert.equal(tickLabel(t, 'UTC', 5000, t - 5000), '02:31:07');
});

test('durations for people', () => {
  assert.equal(formatDuration(12_000), '12 s');
  assert.equal(formatDuration(90_000), '1 min 30 s');
  assert.equal(formatDuration(26 * 60_000), '26 min');
  assert.equal(formatDuration(3 * 3_600_000 + 5 * 60_000), '3 h 5 min');
  assert.equal(formatDuration(3 * 86_400_000 + 4 * 3_600_000), '3 d 4 h');
});
