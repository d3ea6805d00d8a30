/**
 * Pure view logic of one user's authentication sequence: everything the timeline draws,
 * built once per data or grouping change from the lanes (lanes.ts), the finding spans
 * (spans.ts) and the stepping stops. DOM-free so the renderer, the report and the unit tests
 * share exactly the same rules.
 */
import { OUTCOMES, type Outcome, type StoredEvent } from '../model/event.js';
import type { FindingSpan } from '../model/finding-span.js';
import type { UserCounts } from '../model/finding.js';
import { countPrompts } from '../detect/prompt-counts.js';
import { formatTime } from '../format/time.js';
import { FACTOR_LABEL, OUTCOME_LABEL, networkOf, placeOf } from './labels.js';
import { assignLanes, type LaneLayout, type LaneOptions } from './lanes.js';
import { findingStarts, findingsByEvent, layoutSpans, type SpanLayout } from './spans.js';

/** Everything the sequence views draw for one user, computed once per data or grouping change. */
export interface SequenceModel {
  /** Sorted by time, then id. */
  events: readonly StoredEvent[];
  times: Float64Array;
  layout: LaneLayout;
  spans: readonly SpanLayout[];
  findingStarts: readonly number[];
  /**
   * Event index of each event a finding names. Only those: a map of every event costs more
   * than the rest of the model at 100,000 events (use eventIndexOf for any other id).
   */
  findingEventIndex: ReadonlyMap<number, number>;
  findingsByEvent: ReadonlyMap<number, readonly FindingSpan[]>;
  /** The user's prompt counts (detect/prompt-counts.ts), as the users list and the report count them. */
  counts: UserCounts;
  /** Event indexes per outcome, ascending: the canvas draws each outcome as one batch. */
  byOutcome: ReadonlyMap<Outcome, Int32Array>;
}

const OUTCOME_CODE = Object.fromEntries(OUTCOMES.map((o, i) => [o, i])) as Record<Outcome, number>;

/**
 * One pass over the events: times, outcome codes, the index of finding events, and whether
 * the input was already in order. Property reads on 100,000 objects are the dominant cost of
 * building the model, so they happen here once.
 */
function scan(events: readonly StoredEvent[], times: Float64Array, codes: Uint8Array, wanted: ReadonlySet<number>, found: Map<number, number>): boolean {
  let ordered = true;
  let prevTime = -Infinity;
  let prevId = -Infinity;
  const look = wanted.size > 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const t = e.time;
    const id = e.id;
    if (t < prevTime || (t === prevTime && id < prevId)) ordered = false;
    prevTime = t;
    prevId = id;
    times[i] = t;
    codes[i] = OUTCOME_CODE[e.outcome];
    if (look && wanted.has(id)) found.set(id, i);
  }
  return ordered;
}

export function buildSequence(events: readonly StoredEvent[], findings: readonly FindingSpan[], options: LaneOptions): SequenceModel {
  const n = events.length;
  const times = new Float64Array(n);
  const codes = new Uint8Array(n);
  const wanted = new Set<number>();
  for (const f of findings) for (const id of f.eventIds) wanted.add(id);
  let found = new Map<number, number>();
  let sorted = events;
  if (!scan(events, times, codes, wanted, found)) {
    sorted = [...events].sort((x, y) => x.time - y.time || x.id - y.id);
    found = new Map();
    scan(sorted, times, codes, wanted, found);
  }
  const counts = new Int32Array(OUTCOMES.length);
  for (let i = 0; i < n; i++) counts[codes[i] ?? 0]++;
  const buckets = OUTCOMES.map((_, c) => new Int32Array(counts[c] ?? 0));
  const fill = new Int32Array(OUTCOMES.length);
  for (let i = 0; i < n; i++) {
    const c = codes[i] ?? 0;
    const arr = buckets[c];
    if (arr !== undefined) arr[fill[c]++] = i;
  }
  const byOutcome = new Map<Outcome, Int32Array>();
  OUTCOMES.forEach((o, c) => {
    const arr = buckets[c];
    if (arr !== undefined && arr.length > 0) byOutcome.set(o, arr);
  });
  const prompts = countPrompts(sorted);
  const layout = assignLanes(sorted, findings, { ...options, prompts });
  return {
    events: sorted,
    times,
    layout,
    spans: layoutSpans(findings, found, times, layout.laneOf),
    findingStarts: findingStarts(findings, found, times),
    findingEventIndex: found,
    findingsByEvent: findingsByEvent(findings),
    counts: prompts,
    byOutcome,
  };
}

/** Index of the event with this id, or -1. Linear: for occasional look-ups (search results, links). */
export function eventIndexOf(model: SequenceModel, id: number): number {
  const known = model.findingEventIndex.get(id);
  if (known !== undefined) return known;
  return model.events.findIndex((e) => e.id === id);
}

/** The sentence the aria-live region reads when the playhead moves. */
export function describeEvent(e: StoredEvent, index: number, count: number, zone: string, findings: readonly FindingSpan[] = []): string {
  const kind = e.vendor === 'analyst' ? ', analyst-entered (not evidence)' : '';
  const head = `Event ${(index + 1).toLocaleString('en-US')} of ${count.toLocaleString('en-US')}${kind}, ${formatTime(e.time, zone)}`;
  const clauses = [e.factor !== undefined ? `${OUTCOME_LABEL[e.outcome]} (${FACTOR_LABEL[e.factor]})` : OUTCOME_LABEL[e.outcome]];
  if (e.source !== undefined) {
    const where = [placeOf(e.source), networkOf(e.source)].filter((p): p is string => p !== undefined).join(', ');
    clauses.push(`from ${e.source.ip}${where === '' ? '' : ` (${where})`}`);
  }
  if (e.responder !== undefined) {
    const where = placeOf(e.responder);
    clauses.push(`answered on ${e.responder.name ?? e.responder.ip}${where === undefined ? '' : ` (${where})`}`);
  }
  const part = findings.length > 0 ? ` Part of ${findings.map((f) => `${f.rule} (${f.severity})`).join(', ')}.` : '';
  return `${head}: ${clauses.join(', ')}.${part}`;
}
