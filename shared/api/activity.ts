/** Counts over time, aggregated in the case file so the UI never holds millions of events. */
import type { Severity } from '../model/case.js';

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

export interface CaseActivity {
  /** Null when the case has no events. */
  range: TimeBins | null;
  /** Events per bin, one series per source, largest source first. */
  sources: SourceSeries[];
  findingsBySeverity: Record<Severity, number>;
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
