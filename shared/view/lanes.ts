/**
 * Which lane each event of a user's sequence sits in. Lanes come in three groups, top to
 * bottom in the order an attack unfolds:
 *   login attempts, one lane per source (IP, location or network: the analyst's choice);
 *   MFA challenges, one lane per factor;
 *   responses: approved, denied, timed out, fraud reported (always shown, so an empty
 *   "Fraud reported" lane says the user never reported the prompts).
 */
import { FACTORS, OUTCOMES, type Factor, type Network, type Outcome, type StoredEvent } from '../model/event.js';
import type { FindingSpan } from '../model/finding-span.js';
import type { UserCounts } from '../model/finding.js';
import { isEvidence } from '../detect/prompt-counts.js';
import { count } from '../format/count.js';
import { FACTOR_LABEL, networkOf, placeOf } from './labels.js';
import { OUTCOME_STYLE } from './palette.js';

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
  /** What `count` counts: the lane's events, or (response lanes given prompt counts) MFA prompts. */
  unit: 'event' | 'MFA prompt';
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

const GROUP_LABEL: Readonly<Record<SourceGrouping, string>> = {
  ip: 'Login attempts by IP',
  location: 'Login attempts by location',
  network: 'Login attempts by network',
};
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
  /**
   * The user's prompt counts (detect/prompt-counts.ts). Given, the response lanes count prompts
   * by outcome, as the users list and the report do; without, they count events.
   */
  prompts?: UserCounts;
}

interface Bucket {
  key: string;
  label: string;
  title: string;
  count: number;
  unit?: 'MFA prompt';
  firstIndex: number;
  pinned: boolean;
  /** Lane index, resolved once the lanes are ordered. */
  lane: number;
}

/** Prompt counts of the response lanes: what the users list calls Approved, Denied, Timed out, and fraud reports. */
const PROMPT_COUNT: Readonly<Partial<Record<ResponseOutcome, keyof UserCounts>>> = { approved: 'approved', denied: 'denied', timeout: 'timeouts', fraud_reported: 'fraud' };

/**
 * The response lanes in their fixed order, the always-shown ones even when empty. With prompt
 * counts, a lane counts prompts: the time-out lane then also counts prompts no answer was ever
 * logged for (Okta writes nothing for an ignored push), so its label says so.
 */
function responseLanes(responses: ReadonlyMap<ResponseOutcome, Bucket>, prompts: UserCounts | undefined): Bucket[] {
  const buckets: Bucket[] = [];
  for (const o of RESPONSE_OUTCOMES) {
    let b = responses.get(o);
    if (b === undefined && !ALWAYS_SHOWN.has(o)) continue;
    const label = OUTCOME_STYLE[o].label;
    b ??= { key: o, label, title: `Responses: ${label}`, count: 0, firstIndex: -1, pinned: false, lane: 0 };
    const key = PROMPT_COUNT[o];
    if (prompts !== undefined && key !== undefined) {
      const events = b.count;
      b.count = prompts[key];
      b.unit = 'MFA prompt';
      if (o === 'timeout') b.label = 'Timed out / unanswered';
      b.title = `Responses: ${b.label} (${count(events, 'event')} logged in this lane)`;
    }
    buckets.push(b);
  }
  return buckets;
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
    // Analyst-entered events sit in their lane but count nowhere: they are not evidence.
    if (isEvidence(e)) b.count++;
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
  const responseBuckets = responseLanes(responses, options.prompts);

  const lanes: Lane[] = [];
  const groups: LaneGroupSpan[] = [];
  const addGroup = (group: LaneGroup, label: string, buckets: readonly Bucket[], emptyLabel: string): void => {
    const first = lanes.length;
    const list: readonly Bucket[] = buckets.length > 0 ? buckets : [{ key: '', label: emptyLabel, title: emptyLabel, count: 0, firstIndex: -1, pinned: false, lane: 0 }];
    for (const b of list) {
      b.lane = lanes.length;
      lanes.push({ key: `${group}:${b.key}`, group, label: b.label, title: b.title, count: b.count, unit: b.unit ?? 'event', firstIndex: b.firstIndex });
    }
    groups.push({ group, label, first, last: lanes.length - 1 });
  };
  addGroup('attempt', GROUP_LABEL[options.grouping], sourceBuckets, 'No login attempts logged');
  addGroup('challenge', 'MFA challenges by factor', factorBuckets, 'No challenges logged');
  const prompts = options.prompts?.challenges;
  addGroup('response', prompts === undefined ? 'Responses' : `Responses to ${count(prompts, 'MFA prompt')}`, responseBuckets, 'No responses logged');

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
