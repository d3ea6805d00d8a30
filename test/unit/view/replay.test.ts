import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  indexAtOffset,
  replayDuration,
  replayIndexAt,
  replayOffsets,
  verdictOf,
  visibleFindings,
  visibleThrough,
  visibleVerdict,
} from '../../../shared/view/replay.js';
import type { FindingSpan } from '../../../shared/model/finding-span.js';

const S = 1000;
const DAY = 86_400 * S;

test('schedule: real time at speed 1 with no cap', () => {
  assert.deepEqual([...replayOffsets([0, 2 * S, 5 * S], { speed: 1, idleGapCapSeconds: null })], [0, 2 * S, 5 * S]);
});

test('schedule: the speed factor divides every gap', () => {
  assert.deepEqual([...replayOffsets([0, 60 * S, 180 * S], { speed: 60, idleGapCapSeconds: null })], [0, S, 3 * S]);
});

test('schedule: idle gaps longer than the cap are compressed to the cap, after the speed factor', () => {
  // Three weeks of quiet, then pushes 100 s apart, at 10x with a 2 s cap.
  const times = [0, 21 * DAY, 21 * DAY + 100 * S, 21 * DAY + 115 * S];
  assert.deepEqual([...replayOffsets(times, { speed: 10, idleGapCapSeconds: 2 })], [0, 2 * S, 4 * S, 5.5 * S]);
  assert.deepEqual([...replayOffsets(times, { speed: 10, idleGapCapSeconds: Infinity })], [0, 2.1 * DAY, 2.1 * DAY + 10 * S, 2.1 * DAY + 11.5 * S]);
});

test('schedule: simultaneous and out-of-order events play together; bad speeds are refused', () => {
  assert.deepEqual([...replayOffsets([5 * S, 5 * S, 4 * S, 6 * S], { speed: 1, idleGapCapSeconds: null })], [0, 0, 0, 2 * S]);
  assert.deepEqual([...replayOffsets([], { speed: 1, idleGapCapSeconds: 1 })], []);
  assert.throws(() => replayOffsets([0, 1], { speed: 0, idleGapCapSeconds: 1 }), RangeError);
  assert.throws(() => replayOffsets([0, 1], { speed: Number.NaN, idleGapCapSeconds: 1 }), RangeError);
});

test('clock: the event due at an elapsed time, and the replay length', () => {
  const offsets = [0, 1000, 1000, 4000];
  assert.equal(indexAtOffset(offsets, -1), -1);
  assert.equal(indexAtOffset(offsets, 0), 0);
  assert.equal(indexAtOffset(offsets, 999), 0);
  assert.equal(indexAtOffset(offsets, 1000), 2);
  assert.equal(indexAtOffset(offsets, 10_000), 3);
  assert.equal(indexAtOffset([], 5), -1);
  assert.equal(replayDuration(offsets), 4000);
  assert.equal(replayDuration([]), 0);
});

test('clock: playing resumes from the anchor event, never goes back', () => {
  const offsets = [0, 1000, 2000, 3000];
  assert.equal(replayIndexAt(offsets, 1, 500, 500), 1);
  assert.equal(replayIndexAt(offsets, 1, 500, 1500), 2);
  assert.equal(replayIndexAt(offsets, 1, 500, 99_999), 3);
  assert.equal(replayIndexAt(offsets, 2, 500, 400), 2);
});

const f = (id: number, start: number, severity: FindingSpan['severity'], summary = `finding ${id}`): FindingSpan => ({
  id,
  rule: `rule-${id}`,
  severity,
  start,
  end: start + 10,
  eventIds: [],
  summary,
});

test('reveal: findings and verdict hidden until revealed; then only those begun by the playhead', () => {
  const findings = [f(1, 100, 'high'), f(2, 200, 'critical')];
  assert.deepEqual(visibleFindings(findings, { revealed: false }, 1e9), []);
  assert.equal(visibleVerdict(findings, { revealed: false }), null);
  assert.deepEqual(
    visibleFindings(findings, { revealed: true }, 150).map((x) => x.id),
    [1],
  );
  assert.deepEqual(
    visibleFindings(findings, { revealed: true }, 200).map((x) => x.id),
    [1, 2],
  );
  assert.equal(visibleVerdict(findings, { revealed: true })?.severity, 'critical');
});

test('reveal: events shown up to and including the playhead', () => {
  assert.equal(visibleThrough(4, 10), 4);
  assert.equal(visibleThrough(40, 10), 9);
  assert.equal(visibleThrough(-5, 10), -1);
});

test('verdict: most severe finding first, count in the headline, a plain line when nothing matched', () => {
  const v = verdictOf([f(1, 100, 'medium', 'new country'), f(2, 50, 'critical', 'approved after 10 denials')]);
  assert.equal(v.severity, 'critical');
  assert.equal(v.headline, 'CRITICAL: 2 findings. approved after 10 denials');
  assert.deepEqual(v.lines, ['critical · rule-2: approved after 10 denials', 'medium · rule-1: new country']);
  assert.deepEqual(verdictOf([]), { severity: null, headline: 'No findings: nothing here matched a detection rule.', lines: [] });
});
