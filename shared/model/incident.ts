/** The incident of one user: the worst finding and the findings chained to it in time. */
import { SEVERITY_RANK } from './case.js';
import { compareIds, type FindingSpan } from './finding-span.js';

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
