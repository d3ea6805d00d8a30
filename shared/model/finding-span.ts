/**
 * A finding as the timeline views, replay and incident framing need it: a time range, the
 * events it rests on and its severity. The stored Finding (finding.ts) is assignable to it; a
 * unit test holds that true.
 */
import type { Severity } from './case.js';

/** Finding ids: the stored model uses a string hash; numbers are accepted for other sources. */
export type FindingId = string | number;

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
