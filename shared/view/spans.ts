/** Findings over the lanes: which events they cover and the band row each one takes. */
import type { StoredEvent } from '../model/event.js';
import { compareIds, type FindingSpan } from '../model/finding-span.js';
import { lowerBound } from './stepping.js';

export function indexById(events: readonly StoredEvent[]): Map<number, number> {
  const map = new Map<number, number>();
  events.forEach((e, i) => map.set(e.id, i));
  return map;
}

/** The findings each event belongs to. */
export function findingsByEvent(findings: readonly FindingSpan[]): Map<number, FindingSpan[]> {
  const map = new Map<number, FindingSpan[]>();
  for (const f of findings) {
    for (const id of f.eventIds) {
      const list = map.get(id);
      if (list === undefined) map.set(id, [f]);
      else if (!list.includes(f)) list.push(f);
    }
  }
  return map;
}

/** First and last event index of a finding: its events where known, else its time range. */
export function findingExtent(f: FindingSpan, ids: ReadonlyMap<number, number>, times: ArrayLike<number>): [number, number] | null {
  let first = Infinity;
  let last = -Infinity;
  for (const id of f.eventIds) {
    const i = ids.get(id);
    if (i === undefined) continue;
    if (i < first) first = i;
    if (i > last) last = i;
  }
  if (first !== Infinity) return [first, last];
  const lo = lowerBound(times, f.start);
  const hi = lowerBound(times, f.end + 1) - 1;
  return lo <= hi ? [lo, hi] : null;
}

/** Sorted, distinct event indexes where findings start: the stops of "next / previous finding". */
export function findingStarts(findings: readonly FindingSpan[], ids: ReadonlyMap<number, number>, times: ArrayLike<number>): number[] {
  const starts = new Set<number>();
  for (const f of findings) {
    const extent = findingExtent(f, ids, times);
    if (extent !== null) starts.add(extent[0]);
  }
  return [...starts].sort((a, b) => a - b);
}

/** A finding placed over the lanes: its time range, the lanes its events sit in, and a label row. */
export interface SpanLayout {
  finding: FindingSpan;
  firstIndex: number;
  lastIndex: number;
  laneMin: number;
  laneMax: number;
  /** Row of the label band; overlapping findings take different rows. */
  row: number;
}

export function layoutSpans(findings: readonly FindingSpan[], ids: ReadonlyMap<number, number>, times: ArrayLike<number>, laneOf: Uint16Array): SpanLayout[] {
  const placed: SpanLayout[] = [];
  for (const f of findings) {
    const extent = findingExtent(f, ids, times);
    if (extent === null) continue;
    let laneMin = Infinity;
    let laneMax = -Infinity;
    const widen = (i: number): void => {
      const lane = laneOf[i] ?? 0;
      if (lane < laneMin) laneMin = lane;
      if (lane > laneMax) laneMax = lane;
    };
    let matched = false;
    for (const id of f.eventIds) {
      const i = ids.get(id);
      if (i !== undefined) {
        widen(i);
        matched = true;
      }
    }
    if (!matched) for (let i = extent[0]; i <= extent[1]; i++) widen(i);
    placed.push({ finding: f, firstIndex: extent[0], lastIndex: extent[1], laneMin, laneMax, row: 0 });
  }
  // Greedy interval colouring: earliest start first, lowest free row.
  placed.sort((a, b) => a.finding.start - b.finding.start || compareIds(a.finding.id, b.finding.id));
  const rowEnds: number[] = [];
  for (const s of placed) {
    let row = rowEnds.findIndex((end) => end < s.finding.start);
    if (row < 0) row = rowEnds.length;
    rowEnds[row] = s.finding.end;
    s.row = row;
  }
  return placed;
}
