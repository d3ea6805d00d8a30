import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Outcome, StoredEvent } from '../../../shared/model/event.js';
import { compareIds, type FindingSpan } from '../../../shared/model/finding-span.js';
import { mainIncident } from '../../../shared/model/incident.js';
import { assignLanes, laneGeometry, sortEvents } from '../../../shared/view/lanes.js';
import { OKABE_ITO, OUTCOME_STYLE, type PathSink, shapePath, traceShape } from '../../../shared/view/palette.js';
import { buildSequence, describeEvent, eventIndexOf } from '../../../shared/view/sequence.js';
import { findingStarts, indexById, layoutSpans } from '../../../shared/view/spans.js';
import { canStep, keyToCommand, step } from '../../../shared/view/stepping.js';
import { OUTCOMES } from '../../../shared/model/event.js';
import type { Finding } from '../../../shared/model/finding.js';

const T0 = Date.UTC(2026, 1, 12, 2, 0, 0);
const HOME = { ip: '198.51.100.23', geo: { city: 'London', country: 'GB', lat: 51.5, lon: -0.12, source: 'vendor' as const }, asn: 64501, asOrg: 'Example Broadband' };
const ATTACKER = { ip: '203.0.113.45', geo: { city: 'Amsterdam', country: 'NL', lat: 52.37, lon: 4.9, source: 'lookup' as const }, asn: 64496, asOrg: 'Example Hosting' };

let nextId = 1;
function ev(minute: number, outcome: Outcome, extra: Partial<StoredEvent> = {}): StoredEvent {
  const id = nextId++;
  return {
    id,
    time: T0 + minute * 60_000,
    vendor: 'okta',
    user: 'dana@example.com',
    outcome,
    vendorEvent: 'x',
    ref: { evidenceId: 1, record: id },
    ...extra,
  };
}

/** Two normal logins from home, then a burst from the attacker: denied, denied, approved. */
function scenario(): { events: StoredEvent[]; findings: FindingSpan[] } {
  nextId = 1;
  const events = [
    ev(0, 'mfa_required', { source: HOME }),
    ev(0.1, 'challenge_sent', { factor: 'push', source: HOME }),
    ev(0.2, 'approved', { factor: 'push', source: HOME }),
    ev(60, 'mfa_required', { source: ATTACKER }),
    ev(60.1, 'challenge_sent', { factor: 'push', source: ATTACKER }),
    ev(61, 'denied', { factor: 'push', source: ATTACKER }),
    ev(62, 'challenge_sent', { factor: 'push', source: ATTACKER }),
    ev(63, 'denied', { factor: 'push', source: ATTACKER }),
    ev(64, 'challenge_sent', { factor: 'sms', source: ATTACKER }),
    ev(65, 'approved', { factor: 'push', source: ATTACKER }),
    ev(66, 'session_start', { source: ATTACKER }),
  ];
  const findings: FindingSpan[] = [
    { id: 1, rule: 'push-burst', severity: 'high', start: T0 + 60 * 60_000, end: T0 + 64 * 60_000, eventIds: [4, 5, 6, 7, 8, 9], summary: 'burst' },
    { id: 2, rule: 'approval-after-denials', severity: 'critical', start: T0 + 63 * 60_000, end: T0 + 65 * 60_000, eventIds: [8, 10], summary: 'approved' },
  ];
  return { events, findings };
}

test('lanes: attempts by source, challenges by factor, responses by outcome, in that order', () => {
  const { events, findings } = scenario();
  const layout = assignLanes(events, findings, { grouping: 'ip' });
  assert.deepEqual(
    layout.lanes.map((l) => l.key),
    ['attempt:198.51.100.23', 'attempt:203.0.113.45', 'challenge:push', 'challenge:sms', 'response:approved', 'response:denied', 'response:timeout', 'response:fraud_reported'],
  );
  assert.deepEqual(
    layout.groups.map((g) => [g.group, g.first, g.last]),
    [
      ['attempt', 0, 1],
      ['challenge', 2, 3],
      ['response', 4, 7],
    ],
  );
  // Every event sits in the lane of its kind.
  assert.deepEqual([...layout.laneOf], [0, 2, 4, 1, 2, 5, 2, 5, 3, 4, 1]);
  // Empty response lanes are kept: no fraud report is itself evidence.
  assert.equal(layout.lanes[7]?.count, 0);
  assert.equal(layout.lanes[7]?.firstIndex, -1);
  assert.equal(layout.lanes[1]?.label, '203.0.113.45 · Amsterdam, NL');
  assert.match(layout.lanes[1]?.title ?? '', /AS64496 Example Hosting/);
});

test('lanes: grouping by location and by network', () => {
  const { events, findings } = scenario();
  assert.deepEqual(
    assignLanes(events, findings, { grouping: 'location' }).lanes.filter((l) => l.group === 'attempt').map((l) => l.label),
    ['London, GB', 'Amsterdam, NL'],
  );
  assert.deepEqual(
    assignLanes(events, findings, { grouping: 'network' }).lanes.filter((l) => l.group === 'attempt').map((l) => l.label),
    ['AS64501 Example Broadband', 'AS64496 Example Hosting'],
  );
});

test('lanes: sources beyond the cap share one lane, but a source a finding rests on keeps its own', () => {
  nextId = 1;
  const events: StoredEvent[] = [];
  for (let s = 0; s < 12; s++) for (let k = 0; k <= s; k++) events.push(ev(s * 10 + k * 0.01, 'auth_success', { source: { ip: `192.0.2.${s}` } }));
  const rare = ev(500, 'auth_failure', { source: { ip: '203.0.113.9' } });
  events.push(rare);
  const finding: FindingSpan = { id: 1, rule: 'r', severity: 'low', start: rare.time, end: rare.time, eventIds: [rare.id], summary: '' };
  const layout = assignLanes(events, [finding], { grouping: 'ip', maxSourceLanes: 4 });
  const attempts = layout.lanes.filter((l) => l.group === 'attempt');
  // The four busiest sources, the pinned rare one, and the overflow lane.
  assert.deepEqual(
    attempts.map((l) => l.label),
    ['192.0.2.8', '192.0.2.9', '192.0.2.10', '192.0.2.11', '203.0.113.9', 'Other sources (8)'],
  );
  const other = attempts[5];
  assert.equal(other?.count, 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8);
  assert.equal(layout.laneOf[0], 5);
  assert.equal(layout.laneOf[events.length - 1], 4);
});

test('lanes: events without a source or factor still land somewhere', () => {
  nextId = 1;
  const layout = assignLanes([ev(0, 'auth_failure'), ev(1, 'challenge_sent')], [], { grouping: 'network' });
  assert.equal(layout.lanes[0]?.label, 'No source recorded');
  assert.equal(layout.lanes[1]?.label, 'Unknown factor');
});

test('lanes: an empty sequence still has one placeholder lane per group', () => {
  const layout = assignLanes([], [], { grouping: 'ip' });
  assert.deepEqual(
    layout.lanes.map((l) => l.label),
    ['No login attempts logged', 'No challenges logged', 'Approved', 'Denied', 'Timed out', 'Fraud reported'],
  );
  assert.equal(layout.laneOf.length, 0);
});

test('lane geometry: a header row before each group', () => {
  const { events, findings } = scenario();
  const g = laneGeometry(assignLanes(events, findings, { grouping: 'ip' }), 20, 16);
  assert.deepEqual(g.groupTop, [0, 56, 112]);
  assert.deepEqual(g.top, [16, 36, 72, 92, 128, 148, 168, 188]);
  assert.equal(g.height, 208);
});

test('palette: every outcome has a style, the four responses differ in shape and in colour', () => {
  for (const o of OUTCOMES) assert.ok(OUTCOME_STYLE[o], o);
  const responses = (['approved', 'denied', 'timeout', 'fraud_reported'] as const).map((o) => OUTCOME_STYLE[o]);
  assert.equal(new Set(responses.map((s) => s.shape)).size, 4);
  assert.equal(new Set(responses.map((s) => s.color)).size, 4);
  // Okabe–Ito, as published, in the light scheme.
  assert.equal(OKABE_ITO.light.vermillion, '#d55e00');
  assert.equal(OKABE_ITO.light.green, '#009e73');
});

test('shapes: canvas and SVG trace the same path; a circle is two closed arcs in SVG', () => {
  const calls: string[] = [];
  const sink: PathSink = {
    moveTo: (x, y) => calls.push(`M${x},${y}`),
    lineTo: (x, y) => calls.push(`L${x},${y}`),
    arc: (x, y, r) => calls.push(`A${x},${y},${r}`),
    closePath: () => calls.push('Z'),
  };
  traceShape(sink, 'cross', 10, 10, 5);
  assert.deepEqual(calls, ['M5.5,5.5', 'L14.5,14.5', 'M14.5,5.5', 'L5.5,14.5']);
  assert.equal(shapePath('circle', 4), 'M4,0L4,0A4,4 0 1 1 -4,0A4,4 0 1 1 4,0');
  assert.match(shapePath('square', 5), /^M-4.4,-4.4L4.4,-4.4L4.4,4.4L-4.4,4.4Z$/);
});

test('sorting: by time then id, and an already sorted list is not copied', () => {
  const { events } = scenario();
  assert.equal(sortEvents(events), events);
  const shuffled = [events[3], events[0], events[2], events[1]].filter((e): e is StoredEvent => e !== undefined);
  assert.deepEqual(
    sortEvents(shuffled).map((e) => e.id),
    [1, 2, 3, 4],
  );
  const same = [{ ...events[0], id: 9 }, events[0]];
  assert.deepEqual(
    sortEvents(same).map((e) => e.id),
    [1, 9],
  );
});

test('stepping: events, findings, home and end; stays put at either end', () => {
  const starts = [3, 7];
  assert.equal(step('nextEvent', 0, 11, starts), 1);
  assert.equal(step('nextEvent', 10, 11, starts), 10);
  assert.equal(step('prevEvent', 0, 11, starts), 0);
  assert.equal(step('first', 6, 11, starts), 0);
  assert.equal(step('last', 6, 11, starts), 10);
  assert.equal(step('nextFinding', 0, 11, starts), 3);
  assert.equal(step('nextFinding', 3, 11, starts), 7);
  assert.equal(step('nextFinding', 7, 11, starts), 7);
  assert.equal(step('prevFinding', 9, 11, starts), 7);
  assert.equal(step('prevFinding', 7, 11, starts), 3);
  assert.equal(step('prevFinding', 3, 11, starts), 3);
  assert.equal(step('prevFinding', 5, 11, []), 5);
  assert.equal(step('nextEvent', 0, 0, starts), -1);
  assert.equal(canStep('nextFinding', 7, 11, starts), false);
  assert.equal(canStep('prevEvent', 1, 11, starts), true);
});

test('finding starts: the first event of each finding, by its events or else by its time', () => {
  const { events, findings } = scenario();
  const ids = indexById(events);
  const times = events.map((e) => e.time);
  assert.deepEqual(findingStarts(findings, ids, times), [3, 7]);
  const byTime: FindingSpan = { id: 3, rule: 't', severity: 'info', start: T0 + 61 * 60_000, end: T0 + 62 * 60_000, eventIds: [], summary: '' };
  assert.deepEqual(findingStarts([byTime], ids, times), [5]);
  const outside: FindingSpan = { ...byTime, start: T0 + 1000 * 60_000, end: T0 + 1001 * 60_000 };
  assert.deepEqual(findingStarts([outside], ids, times), []);
});

test('finding spans: cover the lanes of their events; overlapping findings take different rows', () => {
  const { events, findings } = scenario();
  const layout = assignLanes(events, findings, { grouping: 'ip' });
  const spans = layoutSpans(findings, indexById(events), events.map((e) => e.time), layout.laneOf);
  assert.deepEqual(
    spans.map((s) => [s.finding.id, s.firstIndex, s.lastIndex, s.laneMin, s.laneMax, s.row]),
    [
      [1, 3, 8, 1, 5, 0],
      [2, 7, 9, 4, 5, 1],
    ],
  );
  const later: FindingSpan = { id: 3, rule: 'x', severity: 'low', start: T0 + 66 * 60_000, end: T0 + 66 * 60_000, eventIds: [11], summary: '' };
  const again = layoutSpans([...findings, later], indexById(events), events.map((e) => e.time), layout.laneOf);
  assert.equal(again.find((s) => s.finding.id === 3)?.row, 0);
});

test('keyboard: arrows step events, Shift+arrows step findings, Home/End; other modifiers ignored', () => {
  const k = (key: string, mods: Partial<{ shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) =>
    keyToCommand({ key, shiftKey: false, altKey: false, ctrlKey: false, metaKey: false, ...mods });
  assert.equal(k('ArrowLeft'), 'prevEvent');
  assert.equal(k('ArrowRight'), 'nextEvent');
  assert.equal(k('ArrowLeft', { shiftKey: true }), 'prevFinding');
  assert.equal(k('ArrowRight', { shiftKey: true }), 'nextFinding');
  assert.equal(k('Home'), 'first');
  assert.equal(k('End'), 'last');
  assert.equal(k('ArrowRight', { altKey: true }), null);
  assert.equal(k('ArrowLeft', { metaKey: true }), null);
  assert.equal(k('a'), null);
});

test('model: one pass builds sorted events, outcome buckets and finding lookups', () => {
  const { events, findings } = scenario();
  const model = buildSequence([...events].reverse(), findings, { grouping: 'ip' });
  assert.deepEqual(
    model.events.map((e) => e.id),
    events.map((e) => e.id),
  );
  assert.deepEqual([...(model.byOutcome.get('denied') ?? [])], [5, 7]);
  assert.deepEqual([...(model.byOutcome.get('challenge_sent') ?? [])], [1, 4, 6, 8]);
  assert.deepEqual(model.findingStarts, [3, 7]);
  assert.deepEqual(
    model.findingsByEvent.get(8)?.map((f) => f.id),
    [1, 2],
  );
  assert.equal(model.times[10], T0 + 66 * 60_000);
  assert.deepEqual([...model.findingEventIndex.entries()].sort((a, b) => a[0] - b[0]), [[4, 3], [5, 4], [6, 5], [7, 6], [8, 7], [9, 8], [10, 9]]);
  assert.equal(eventIndexOf(model, 11), 10);
  assert.equal(eventIndexOf(model, 99), -1);
});

test('description: time in the display zone with the zone named, the source, the findings', () => {
  const { events, findings } = scenario();
  const e = events[9];
  const text = describeEvent({ ...e, responder: { ip: '198.51.100.77', name: 'iPhone 15', geo: HOME.geo } }, 9, 11, 'Europe/London', [findings[1]]);
  assert.equal(
    text,
    'Event 10 of 11, 2026-02-12 03:05:00 GMT: Approved (Push), from 203.0.113.45 (Amsterdam, NL, AS64496 Example Hosting), answered on iPhone 15 (London, GB). Part of approval-after-denials (critical).',
  );
});

test('main incident: the most severe finding and the findings chained to it in time', () => {
  const f = (id: number, start: number, end: number, severity: FindingSpan['severity'] = 'low'): FindingSpan => ({ id, rule: 'r', severity, start, end, eventIds: [], summary: '' });
  const H = 3_600_000;
  assert.equal(mainIncident([]), null);
  // An early low finding does not win over the critical one; the chain grows both ways.
  const incident = mainIncident([f(1, 0, 0), f(2, 100 * H, 101 * H), f(3, 101.5 * H, 102 * H, 'critical'), f(4, 102.5 * H, 103 * H), f(5, 110 * H, 110 * H)]);
  assert.deepEqual(
    incident && { start: incident.start, end: incident.end, ids: incident.findings.map((x) => x.id) },
    { start: 100 * H, end: 103 * H, ids: [2, 3, 4] },
  );
  // Equal severities: the earliest.
  assert.deepEqual(mainIncident([f(1, 5 * H, 6 * H, 'high'), f(2, 0, H, 'high')], H)?.findings.map((x) => x.id), [2]);
});

test('the stored Finding model fits FindingSpan (string ids included) and sorts stably', () => {
  const stored: Finding = {
    id: 'f3a9c2',
    rule: 'push-burst',
    severity: 'high',
    user: 'dana@example.com',
    source: null,
    users: ['dana@example.com'],
    start: T0,
    end: T0 + 60_000,
    eventIds: [1, 2],
    summary: 'burst',
    detail: { approvals: 0 },
  };
  const span: FindingSpan = stored; // compile-time: this line is the test
  const other: FindingSpan = { ...stored, id: 'a0' };
  assert.deepEqual(
    mainIncident([span, other])?.findings.map((f) => f.id),
    ['a0', 'f3a9c2'],
  );
  assert.equal(compareIds(2, 10), -8);
  assert.equal(compareIds('b', 'a'), 1);
});
