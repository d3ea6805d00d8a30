/** Counts over time, aggregated in the case file so the UI never holds millions of events. */
import type { Severity } from '../model/case.js';
import type { UserVerdict } from '../model/finding.js';

/** Equal-width time bins from `start`: bin i covers [start + i·binMs, start + (i+1)·binMs). */
export interface TimeBins {
  start: number;
  binMs: number;
  bins: number;
}

export interface SourceSeries {
  /** The log source (vendor id). */
  source: string;
  counts: number[];
  total: number;
}

/** Events outside the span a chart is drawn over: how many, and from when to when. */
export interface OutlierSpan {
  events: number;
  first: number;
  last: number;
}

/**
 * Where a case's events are: the span the charts are drawn over, and the stray events before
 * and after it (a sample file from another year, a clock set wrong) that are counted and marked
 * instead of stretching the axis over years of nothing.
 */
export interface EventSpread {
  first: number;
  last: number;
  before: OutlierSpan | null;
  after: OutlierSpan | null;
}

export interface CaseActivity {
  /** Null when the case has no events. */
  range: TimeBins | null;
  /** Null when the case has no events. */
  spread: EventSpread | null;
  /** Events per bin, one series per source, largest source first. */
  sources: SourceSeries[];
  findingsBySeverity: Record<Severity, number>;
  /** Users per verdict of the last detection run. */
  usersByVerdict: Record<UserVerdict, number>;
}

/** Prompt volume per user over the case's whole time span, so rows compare at a glance. */
export interface UserSparklines {
  range: TimeBins | null;
  /** Only users that have prompt events; the others asked for have none. */
  lines: { user: string; counts: number[] }[];
}

/** Bin widths the histograms snap to, so a bin is a duration a person can read. */
const NICE_BIN_MS = [
  60_000, 5 * 60_000, 15 * 60_000, 30 * 60_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000, 86_400_000, 7 * 86_400_000, 30 * 86_400_000,
];

/** At most `maxBins` bins of a nice width covering [first, last], starting on a bin boundary. */
export function timeBins(first: number, last: number, maxBins: number): TimeBins {
  const span = Math.max(1, last - first + 1);
  const binMs = NICE_BIN_MS.find((w) => Math.ceil(span / w) <= maxBins) ?? Math.ceil(span / maxBins / 86_400_000) * 86_400_000;
  const start = Math.floor(first / binMs) * binMs;
  return { start, binMs, bins: Math.floor((last - start) / binMs) + 1 };
}

export const DAY_MS = 86_400_000;
/** Active days further apart than this belong to separate periods of activity. */
const PERIOD_GAP_MS = 30 * DAY_MS;
/** A period holding less than this share of the events is an outlier unless it lies between larger ones. */
const MINOR_SHARE = 0.05;

/** Events per UTC day: `day` is the day's number since 1970-01-01. */
export interface DayCount {
  day: number;
  n: number;
}

/**
 * The days the charts are drawn over, from the events per day: the days are cut into periods of
 * activity wherever 30 days pass without an event, and the span runs from the first to the last
 * period holding at least 5 % of the events. Periods outside it are the outliers. A case whose
 * periods are all minor keeps its whole span. Returns the first and last day of the span.
 */
export function mainDays(days: readonly DayCount[]): { firstDay: number; lastDay: number } | null {
  const sorted = days.filter((d) => d.n > 0).sort((a, b) => a.day - b.day);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return null;
  const total = sorted.reduce((sum, d) => sum + d.n, 0);
  const periods: { firstDay: number; lastDay: number; n: number }[] = [];
  for (const d of sorted) {
    const open = periods[periods.length - 1];
    if (open !== undefined && (d.day - open.lastDay) * DAY_MS <= PERIOD_GAP_MS) {
      open.lastDay = d.day;
      open.n += d.n;
    } else {
      periods.push({ firstDay: d.day, lastDay: d.day, n: d.n });
    }
  }
  const major = periods.filter((p) => p.n >= total * MINOR_SHARE);
  const from = major[0];
  const to = major[major.length - 1];
  return from === undefined || to === undefined ? { firstDay: first.day, lastDay: last.day } : { firstDay: from.firstDay, lastDay: to.lastDay };
}
