/**
 * The findings band above the lanes of a sequence chart: each finding a bar at its time range
 * with a "rule · severity" label, in rows so that neither bars nor labels overlap. The app's
 * timeline places them at every zoom; the printed report places them once for its window.
 */
import type { FindingSpan } from '../model/finding-span.js';
import type { SpanLayout } from './spans.js';
import { SEVERITY_RANK } from '../model/case.js';

export interface PlacedSpan {
  span: SpanLayout;
  /** Left edge and width of the bar, in plot pixels (at least `minWidth` wide, centred on the range). */
  x: number;
  w: number;
  row: number;
  /** Where the label starts. */
  labelX: number;
}

export interface BandOptions {
  /** Plot x of a UTC time. */
  x: (t: number) => number;
  plotWidth: number;
  /** Rows the band may use. */
  maxRows: number;
  /** Width the label text takes, in plot pixels. */
  labelWidth: (label: string) => number;
  minWidth?: number;
}

export function spanLabel(f: Pick<FindingSpan, 'rule' | 'severity'>): string {
  return `${f.rule} · ${f.severity}`;
}

/** "+3 more" for the findings the band had no room for, or null when all were placed. */
export function moreLabel(hidden: readonly SpanLayout[]): string | null {
  return hidden.length === 0 ? null : `+${hidden.length} more`;
}

/**
 * The most severe first (critical before low, then earliest), each into the first row whose bar
 * and label have ended; the label slides left rather than be cut by the plot's edge. Every bar
 * placed has its label: a finding no row has room for is not drawn in the band but returned in
 * `hidden` (the band says "+N more"; the findings list names it), so the important finding is
 * never the one drawn unlabelled under another. Findings off screen are in neither list.
 */
export function placeSpans(spans: readonly SpanLayout[], options: BandOptions): { placed: PlacedSpan[]; hidden: SpanLayout[]; rows: number } {
  const { x, plotWidth, maxRows, labelWidth } = options;
  const minWidth = options.minWidth ?? 6;
  /** The stretches of each row taken by bars and labels placed so far. */
  const taken: [number, number][][] = [];
  const placed: PlacedSpan[] = [];
  const hidden: SpanLayout[] = [];
  const order = (a: SpanLayout, b: SpanLayout): number =>
    SEVERITY_RANK[b.finding.severity] - SEVERITY_RANK[a.finding.severity] || a.finding.start - b.finding.start || a.row - b.row;
  for (const s of [...spans].sort(order)) {
    const a = x(s.finding.start);
    const b = x(s.finding.end);
    const w = Math.max(minWidth, b - a);
    const left = a - (w - (b - a)) / 2;
    if (left + w <= 0 || left >= plotWidth) continue;
    const labelW = labelWidth(spanLabel(s.finding));
    const at = Math.max(0, Math.min(Math.max(left, 0) + 4, plotWidth - labelW - 4));
    // A row is free where nothing placed so far overlaps this bar and label.
    const from = Math.min(left, at);
    const to = Math.max(left + w, at + labelW + 10);
    let row = taken.findIndex((stretches) => stretches.every(([s0, s1]) => to <= s0 || from >= s1));
    if (row < 0 && taken.length < maxRows) row = taken.length;
    if (row < 0) {
      hidden.push(s);
      continue;
    }
    (taken[row] ??= []).push([from, to]);
    placed.push({ span: s, x: left, w, row, labelX: at });
  }
  return { placed, hidden, rows: taken.length };
}
