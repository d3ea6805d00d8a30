import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SpanLayout } from '../../../shared/view/spans.js';
import { moreLabel, placeSpans, spanLabel } from '../../../shared/view/span-band.js';
import { zoneTicks } from '../../../shared/view/time-axis.js';

const MIN = 60_000;
function span(id: string, startMin: number, endMin: number, row = 0): SpanLayout {
  return {
    finding: { id, rule: 'push-burst', severity: 'high', start: startMin * MIN, end: endMin * MIN, eventIds: [], summary: '' },
    firstIndex: 0,
    lastIndex: 0,
    laneMin: 0,
    laneMax: 0,
    row,
  };
}
const options = { x: (t: number) => t / MIN, plotWidth: 500, maxRows: 3, labelWidth: (label: string) => label.length * 5 };

test('spans that overlap, bar or label, take different rows; apart they share one', () => {
  const { placed, rows } = placeSpans([span('b', 10, 40), span('a', 0, 30), span('c', 300, 320)], options);
  const byId = new Map(placed.map((p) => [p.span.finding.id, p]));
  assert.equal(byId.get('a')?.row, 0);
  assert.equal(byId.get('b')?.row, 1);
  assert.equal(byId.get('c')?.row, 0);
  assert.equal(rows, 2);
  // A label never runs past the plot's right edge.
  const edge = placeSpans([span('e', 495, 499)], options).placed[0];
  assert.ok(edge !== undefined && edge.labelX !== null && edge.labelX + options.labelWidth(spanLabel(edge.span.finding)) <= options.plotWidth);
});

test('a short span gets the minimum width centred on its time; with no free row it is not drawn but counted as more', () => {
  const [p] = placeSpans([span('a', 100, 100)], options).placed;
  assert.deepEqual([p?.x, p?.w], [97, 6]);
  const crowded = placeSpans([span('1', 0, 50), span('2', 1, 50), span('3', 2, 50), span('4', 3, 50, 7)], options);
  assert.equal(crowded.rows, 3);
  assert.deepEqual(
    crowded.hidden.map((h) => h.finding.id),
    ['4'],
  );
  assert.equal(moreLabel(crowded.hidden), '+1 more');
  assert.equal(moreLabel([]), null);
  // Every bar drawn has its label.
  assert.ok(crowded.placed.every((q) => q.labelX >= 0));
  // Off screen is neither drawn nor "more".
  const off = placeSpans([span('x', 900, 950)], options);
  assert.deepEqual([off.placed.length, off.hidden.length], [0, 0]);
});

test('the most severe findings get the rows first: a critical finding is labelled even when low ones came earlier', () => {
  const at = (id: string, severity: 'low' | 'high' | 'critical', start: number): SpanLayout => {
    const s = span(id, start, start + 40);
    return { ...s, finding: { ...s.finding, severity } };
  };
  const { placed, hidden } = placeSpans([at('low-1', 'low', 0), at('low-2', 'low', 1), at('low-3', 'low', 2), at('crit', 'critical', 10), at('high', 'high', 12)], options);
  const labelled = placed.map((q) => q.span.finding.id);
  assert.ok(labelled.includes('crit') && labelled.includes('high'), labelled.join());
  assert.equal(placed.find((q) => q.span.finding.id === 'crit')?.row, 0);
  assert.deepEqual(hidden.map((h) => h.finding.id).sort(), ['low-2', 'low-3']);
});

test('zone ticks sit at round local times and are labelled in the zone', () => {
  // 01:00 to 07:00 UTC on 2025-03-14 is 21:00 to 03:00 in New York (EDT, UTC-4).
  const d0 = Date.UTC(2025, 2, 14, 1);
  const d1 = Date.UTC(2025, 2, 14, 7);
  const hourly = (a: number, b: number): number[] => {
    const out: number[] = [];
    for (let t = Math.ceil(a / 3_600_000) * 3_600_000; t <= b; t += 3_600_000) out.push(t);
    return out;
  };
  const ticks = zoneTicks(d0, d1, 'America/New_York', hourly);
  assert.equal(ticks.values[0], d0);
  assert.deepEqual(ticks.labels.slice(0, 4), ['03-13 21:00', '22:00', '23:00', '03-14 00:00']);
});
