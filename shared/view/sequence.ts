/**
 * Pure view logic of one user's authentication sequence: which lane each event sits in,
 * where findings lie over those lanes, and how the playhead steps. DOM-free so the
 * renderer and the unit tests share exactly the same rules.
 *
 * Lanes come in three groups, top to bottom in the order an attack unfolds:
 *   login attempts, one lane per source (IP, location or network: the analyst's choice);
 *   MFA challenges, one lane per factor;
 *   responses: approved, denied, timed out, fraud reported (always shown, so an empty
 *   "Fraud reported" lane says the user never reported the prompts).
 */
import type { Severity } from '../model/case.js';
import { FACTORS, OUTCOMES, type Factor, type Network, type Outcome, type StoredEvent } from '../model/event.js';
import { formatTime } from '../format/time.js';
import { OUTCOME_STYLE, SEVERITY_RANK } from './palette.js';

export {
  OKABE_ITO,
  OUTCOME_STYLE,
  SEVERITY_COLOR,
  SEVERITY_RANK,
  colorOf,
  isStroked,
  shapePath,
  traceShape,
  SvgPath,
  type ColorScheme,
  type MarkShape,
  type MarkStyle,
  type PaletteColor,
  type PathSink,
} from './palette.js';

/** Finding ids: the stored model uses a string hash; numbers are accepted for other sources. */
export type FindingId = string | number;

/**
 * A finding as the sequence views need it. The stored Finding (shared/model/finding.ts) is
 * assignable to this; a unit test holds that true.
 */
export interface FindingSpan {
  id: FindingId;
  rule: string;
  severity: Severity;
  /** UTC milliseconds. */
  start: number;
  /** UTC milliseconds. */
  end: number;
  eventIds: readonly number[];
  summary: string;
  /** The address or network the finding is about, when it is about one. */
  source?: string | null;
}

/** A stable order for ids of either kind: numbers numerically, otherwise as text. */
export function compareIds(a: FindingId, b: FindingId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export type LaneGroup = 'attempt' | 'challenge' | 'response';
export type SourceGrouping = 'ip' | 'location' | 'network';

export interface Lane {
  /** Stable key within one layout, e.g. "attempt:203.0.113.45", "response:denied". */
  key: string;
  group: LaneGroup;
  /** Short label drawn beside the lane. */
  label: string;
  /** Longer description for tooltips and screen readers. */
  title: string;
  count: number;
  /** Index (in the sorted events) of the lane's first event; -1 for an empty lane. */
  firstIndex: number;
}

export interface LaneGroupSpan {
  group: LaneGroup;
  label: string;
  /** First and last lane index of the group. */
  first: number;
  last: number;
}

export interface LaneLayout {
  lanes: readonly Lane[];
  /** Lane index of each event, parallel to the sorted events. */
  laneOf: Uint16Array;
  groups: readonly LaneGroupSpan[];
}

const RESPONSE_OUTCOMES = ['approved', 'denied', 'timeout', 'fraud_reported', 'failed_other'] as const;
type ResponseOutcome = (typeof RESPONSE_OUTCOMES)[number];
/** Responses that always get a lane, even with no events: their absence is evidence. */
const ALWAYS_SHOWN: ReadonlySet<Outcome> = new Set<Outcome>(['approved', 'denied', 'timeout', 'fraud_reported']);

export function laneGroupOf(outcome: Outcome): LaneGroup {
  switch (outcome) {
    case 'approved':
    case 'denied':
    case 'timeout':
    case 'fraud_reported':
    case 'failed_other':
      return 'response';
    case 'challenge_sent':
    case 'factor_change':
      return 'challenge';
    case 'mfa_required':
    case 'auth_success':
    case 'auth_failure':
    case 'session_start':
    case 'other':
      return 'attempt';
  }
}

/** Marks are drawn attempts first, responses last, so the answers an analyst reads sit on top. */
const GROUP_ORDER: Readonly<Record<LaneGroup, number>> = { attempt: 0, challenge: 1, response: 2 };
export const MARK_DRAW_ORDER: readonly Outcome[] = [...OUTCOMES].sort((a, b) => GROUP_ORDER[laneGroupOf(a)] - GROUP_ORDER[laneGroupOf(b)]);

export const FACTOR_LABEL: Readonly<Record<Factor, string>> = {
  push: 'Push',
  sms: 'SMS',
  voice: 'Voice call',
  totp: 'TOTP code',
  webauthn: 'WebAuthn / FIDO2',
  passcode: 'Passcode',
  hardware_token: 'Hardware token',
  bypass: 'Bypass code',
  email: 'E-mail',
  password: 'Password',
  remembered: 'Remembered device',
  unknown: 'Unknown factor',
};

const GROUP_LABEL: Readonly<Record<SourceGrouping, string>> = {
  ip: 'Login attempts by IP',
  location: 'Login attempts by location',
  network: 'Login attempts by network',
};

/** "Amsterdam, NL", or whatever part of the place is known. */
export function placeOf(net: Network | undefined): string | undefined {
  const geo = net?.geo;
  if (geo === undefined) return undefined;
  const parts = [geo.city, geo.country].filter((p): p is string => p !== undefined && p !== '');
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** "AS64496 Example Hosting B.V." */
export function networkOf(net: Network | undefined): string | undefined {
  if (net === undefined) return undefined;
  if (net.asn !== undefined) return net.asOrg !== undefined ? `AS${net.asn} ${net.asOrg}` : `AS${net.asn}`;
  return net.asOrg;
}

/**
 * The grouping key of a source. Called once per event, so it allocates as little as it can;
 * the label is built only for the first event of each key (sourceLabel).
 */
function sourceId(net: Network | undefined, grouping: SourceGrouping): string {
  if (net === undefined || net.ip === '') return '';
  switch (grouping) {
    case 'ip':
      return net.ip;
    case 'location': {
      const g = net.geo;
      return g === undefined || (g.city === undefined && g.country === undefined) ? '?' : `${g.city ?? ''}|${g.country ?? ''}`;
    }
    case 'network':
      return net.asn !== undefined ? String(net.asn) : net.asOrg !== undefined ? `org:${net.asOrg}` : '?';
  }
}

function sourceLabel(net: Network | undefined, grouping: SourceGrouping): { label: string; title: string } {
  if (net === undefined || net.ip === '') return { label: 'No source recorded', title: 'Events with no source address' };
  const place = placeOf(net);
  const network = networkOf(net);
  switch (grouping) {
    case 'ip': {
      const more = [place, network].filter((p): p is string => p !== undefined).join(' · ');
      return { label: more === '' ? net.ip : `${net.ip} · ${place ?? network ?? ''}`, title: more === '' ? net.ip : `${net.ip} · ${more}` };
    }
    case 'location':
      return place === undefined ? { label: 'Unknown location', title: 'Sources with no location' } : { label: place, title: place };
    case 'network':
      return network === undefined ? { label: 'Unknown network', title: 'Sources with no network (ASN) data' } : { label: network, title: network };
  }
}

/** Events in display order: by time, then id (the order they were stored in). */
export function sortEvents(events: readonly StoredEvent[]): readonly StoredEvent[] {
  for (let i = 1; i < events.length; i++) {
    const a = events[i - 1];
    const b = events[i];
    if (a !== undefined && b !== undefined && (a.time > b.time || (a.time === b.time && a.id > b.id))) {
      return [...events].sort((x, y) => x.time - y.time || x.id - y.id);
    }
  }
  return events;
}

export interface LaneOptions {
  grouping: SourceGrouping;
  /**
   * At most this many source lanes besides the ones findings rest on (those are always kept);
   * the rest share one "Other sources" lane so a user with hundreds of IPs stays readable.
   */
  maxSourceLanes?: number;
}

interface Bucket {
  key: string;
  label: string;
  title: string;
  count: number;
  firstIndex: number;
  pinned: boolean;
  /** Lane index, resolved once the lanes are ordered. */
  lane: number;
}

/** Assigns each event (already sorted) to a lane. */
export function assignLanes(events: readonly StoredEvent[], findings: readonly FindingSpan[], options: LaneOptions): LaneLayout {
  const maxSources = options.maxSourceLanes ?? 8;
  const inFinding = new Set<number>();
  for (const f of findings) for (const id of f.eventIds) inFinding.add(id);

  const sources = new Map<string, Bucket>();
  const factors = new Map<Factor, Bucket>();
  const responses = new Map<ResponseOutcome, Bucket>();
  // Per event: which bucket it fell in, resolved to a lane index once lanes are ordered.
  const bucketOf: Bucket[] = new Array<Bucket>(events.length);

  // The hot loop: one pass, no closures, one map lookup per event.
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const pinned = inFinding.size > 0 && inFinding.has(e.id);
    const group = laneGroupOf(e.outcome);
    let b: Bucket | undefined;
    if (group === 'attempt') {
      const key = sourceId(e.source, options.grouping);
      b = sources.get(key);
      if (b === undefined) sources.set(key, (b = { key, ...sourceLabel(e.source, options.grouping), count: 0, firstIndex: i, pinned: false, lane: 0 }));
    } else if (group === 'challenge') {
      const factor = e.factor ?? 'unknown';
      b = factors.get(factor);
      if (b === undefined) {
        const label = FACTOR_LABEL[factor];
        factors.set(factor, (b = { key: factor, label, title: `MFA challenges: ${label}`, count: 0, firstIndex: i, pinned: false, lane: 0 }));
      }
    } else {
      const outcome = e.outcome as ResponseOutcome;
      b = responses.get(outcome);
      if (b === undefined) {
        const label = OUTCOME_STYLE[outcome].label;
        responses.set(outcome, (b = { key: outcome, label, title: `Responses: ${label}`, count: 0, firstIndex: i, pinned: false, lane: 0 }));
      }
    }
    b.count++;
    if (pinned) b.pinned = true;
    bucketOf[i] = b;
  }

  // Pinned sources are capped too (at twice the limit) so a spray finding over thousands of IPs
  // cannot push the response lanes off screen.
  const busiest = (a: Bucket, b: Bucket): number => b.count - a.count || a.firstIndex - b.firstIndex;
  const all = [...sources.values()];
  const pinnedAll = all.filter((b) => b.pinned).sort(busiest);
  const pinned = pinnedAll.slice(0, maxSources * 2);
  const rest = all.filter((b) => !b.pinned).sort(busiest);
  const kept = [...pinned, ...rest.slice(0, maxSources)].sort((a, b) => a.firstIndex - b.firstIndex);
  const overflow = [...pinnedAll.slice(maxSources * 2), ...rest.slice(maxSources)];
  const sourceBuckets = [...kept];
  let other: Bucket | undefined;
  if (overflow.length > 0) {
    other = {
      key: '*',
      label: `Other sources (${overflow.length})`,
      title: `${overflow.length} less frequent sources`,
      count: overflow.reduce((n, b) => n + b.count, 0),
      firstIndex: overflow.reduce((m, b) => Math.min(m, b.firstIndex), Infinity),
      pinned: false,
      lane: 0,
    };
    sourceBuckets.push(other);
  }

  const factorBuckets = FACTORS.map((f) => factors.get(f)).filter((b): b is Bucket => b !== undefined);
  const responseBuckets = RESPONSE_OUTCOMES.map((o): Bucket | undefined => {
    const b = responses.get(o);
    if (b !== undefined || !ALWAYS_SHOWN.has(o)) return b;
    const label = OUTCOME_STYLE[o].label;
    return { key: o, label, title: `Responses: ${label}`, count: 0, firstIndex: -1, pinned: false, lane: 0 };
  }).filter((b): b is Bucket => b !== undefined);

  const lanes: Lane[] = [];
  const groups: LaneGroupSpan[] = [];
  const addGroup = (group: LaneGroup, label: string, buckets: readonly Bucket[], emptyLabel: string): void => {
    const first = lanes.length;
    const list: readonly Bucket[] = buckets.length > 0 ? buckets : [{ key: '', label: emptyLabel, title: emptyLabel, count: 0, firstIndex: -1, pinned: false, lane: 0 }];
    for (const b of list) {
      b.lane = lanes.length;
      lanes.push({ key: `${group}:${b.key}`, group, label: b.label, title: b.title, count: b.count, firstIndex: b.firstIndex });
    }
    groups.push({ group, label, first, last: lanes.length - 1 });
  };
  addGroup('attempt', GROUP_LABEL[options.grouping], sourceBuckets, 'No login attempts logged');
  addGroup('challenge', 'MFA challenges by factor', factorBuckets, 'No challenges logged');
  addGroup('response', 'Responses', responseBuckets, 'No responses logged');

  if (other !== undefined) for (const b of overflow) b.lane = other.lane;
  const laneOf = new Uint16Array(events.length);
  for (let i = 0; i < events.length; i++) laneOf[i] = bucketOf[i]?.lane ?? 0;
  return { lanes, laneOf, groups };
}

/** Vertical geometry of the lanes: each group starts with a header row. */
export interface LaneGeometry {
  /** Top y of each lane. */
  top: readonly number[];
  /** Top y of each group's header row. */
  groupTop: readonly number[];
  height: number;
}

export function laneGeometry(layout: LaneLayout, laneHeight: number, headerHeight: number): LaneGeometry {
  const top: number[] = [];
  const groupTop: number[] = [];
  let y = 0;
  for (const g of layout.groups) {
    groupTop.push(y);
    y += headerHeight;
    for (let l = g.first; l <= g.last; l++) {
      top[l] = y;
      y += laneHeight;
    }
  }
  return { top, groupTop, height: y };
}

/** Index of the first element of the sorted `values` that is >= `x`. */
export function lowerBound(values: ArrayLike<number>, x: number, lo = 0, hi = values.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] ?? Infinity) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

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

export type StepCommand = 'first' | 'prevFinding' | 'prevEvent' | 'nextEvent' | 'nextFinding' | 'last';

/**
 * Where the playhead goes for a command. Stepping past either end, or to a finding that does
 * not exist, leaves it where it is. Returns -1 only when there are no events.
 */
export function step(command: StepCommand, current: number, count: number, starts: readonly number[]): number {
  if (count <= 0) return -1;
  const at = Math.min(Math.max(current, 0), count - 1);
  switch (command) {
    case 'first':
      return 0;
    case 'last':
      return count - 1;
    case 'prevEvent':
      return Math.max(at - 1, 0);
    case 'nextEvent':
      return Math.min(at + 1, count - 1);
    case 'nextFinding': {
      const i = lowerBound(starts, at + 1);
      return starts[i] ?? at;
    }
    case 'prevFinding': {
      const i = lowerBound(starts, at) - 1;
      return i >= 0 ? (starts[i] ?? at) : at;
    }
  }
}

/** Whether a command can move the playhead from here (drives aria-disabled). */
export function canStep(command: StepCommand, current: number, count: number, starts: readonly number[]): boolean {
  return count > 0 && step(command, current, count, starts) !== current;
}

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** ← / → events, Shift+← / Shift+→ findings, Home / End. Other modifiers are left to the system. */
export function keyToCommand(k: KeyPress): StepCommand | null {
  if (k.altKey || k.ctrlKey || k.metaKey) return null;
  switch (k.key) {
    case 'ArrowLeft':
      return k.shiftKey ? 'prevFinding' : 'prevEvent';
    case 'ArrowRight':
      return k.shiftKey ? 'nextFinding' : 'nextEvent';
    case 'Home':
      return k.shiftKey ? null : 'first';
    case 'End':
      return k.shiftKey ? null : 'last';
    default:
      return null;
  }
}

export interface Incident {
  start: number;
  end: number;
  findings: readonly FindingSpan[];
}

/**
 * The incident to open on: the most severe finding (the earliest of equals) together with
 * every finding chained to it by less than `gapMs` of quiet on either side. The screen opens
 * framed on it, so a 26-minute attack is not a sliver at the end of a year of history, and a
 * low-severity finding early on does not steal the view.
 */
export function mainIncident(findings: readonly FindingSpan[], gapMs = 3_600_000): Incident | null {
  const sorted = [...findings].sort((a, b) => a.start - b.start || compareIds(a.id, b.id));
  let top: FindingSpan | undefined;
  for (const f of sorted) if (top === undefined || SEVERITY_RANK[f.severity] > SEVERITY_RANK[top.severity]) top = f;
  if (top === undefined) return null;
  let { start, end } = top;
  const members = new Set<FindingSpan>([top]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const f of sorted) {
      if (members.has(f) || f.start > end + gapMs || f.end < start - gapMs) continue;
      members.add(f);
      start = Math.min(start, f.start);
      end = Math.max(end, f.end);
      grew = true;
    }
  }
  return { start, end, findings: sorted.filter((f) => members.has(f)) };
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
  const layout = assignLanes(sorted, findings, options);
  return {
    events: sorted,
    times,
    layout,
    spans: layoutSpans(findings, found, times, layout.laneOf),
    findingStarts: findingStarts(findings, found, times),
    findingEventIndex: found,
    findingsByEvent: findingsByEvent(findings),
    byOutcome,
  };
}

/** Index of the event with this id, or -1. Linear: for occasional look-ups (search results, links). */
export function eventIndexOf(model: SequenceModel, id: number): number {
  const known = model.findingEventIndex.get(id);
  if (known !== undefined) return known;
  return model.events.findIndex((e) => e.id === id);
}

export const OUTCOME_LABEL: Readonly<Record<Outcome, string>> = Object.fromEntries(
  Object.entries(OUTCOME_STYLE).map(([o, s]) => [o, s.label]),
) as Record<Outcome, string>;

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
