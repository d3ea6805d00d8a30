/**
 * The findings band above the lanes of a sequence chart: each finding a bar at its time range
 * with a "rule · severity" label, in rows so that neither bars nor labels overlap. The app's
 * timeline places them at every zoom; the printed report places them once for its window.
 */
import type { FindingSpan } from '../model/finding-span.js';
import type { SpanLayout } from './spans.js';

export interface PlacedSpan {
  span: SpanLayout;
  /** Left edge and width of the bar, in plot pixels (at least `minWidth` wide, centred on the range). */
  x: number;
  w: number;
  row: number;
  /** Where the label starts; null when no row had room (the bar shares the last row unlabelled). */
  labelX: number | null;
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

/**
 * Earliest first, into the first row whose bar and label have ended; the label slides left
 * rather than be cut by the plot's edge. A span that fits nowhere, or is off screen, keeps a
 * row without a label (its tooltip and the findings list still name it).
 */
export function placeSpans(spans: readonly SpanLayout[], options: BandOptions): { placed: PlacedSpan[]; rows: number } {
  const { x, plotWidth, maxRows, labelWidth } = options;
  const minWidth = options.minWidth ?? 6;
  const rowEnd: number[] = [];
  const placed: PlacedSpan[] = [];
  for (const s of [...spans].sort((a, b) => a.finding.start - b.finding.start || a.row - b.row)) {
    const a = x(s.finding.start);
    const b = x(s.finding.end);
    const w = Math.max(minWidth, b - a);
    const left = a - (w - (b - a)) / 2;
    const labelW = labelWidth(spanLabel(s.finding));
    const at = Math.max(0, Math.min(Math.max(left, 0) + 4, plotWidth - labelW - 4));
    const onScreen = left + w > 0 && left < plotWidth;
    let row = rowEnd.findIndex((end) => end <= Math.min(left, at));
    if (row < 0 && rowEnd.length < maxRows) row = rowEnd.length;
    if (row >= 0 && onScreen) {
      rowEnd[row] = Math.max(left + w, at + labelW + 10);
      placed.push({ span: s, x: left, w, row, labelX: at });
    } else {
      const fallback = Math.max(0, Math.min(s.row, maxRows - 1));
      rowEnd[fallback] = Math.max(rowEnd[fallback] ?? -Infinity, left + w);
      placed.push({ span: s, x: left, w, row: fallback, labelX: null });
    }
  }
  return { placed, rows: rowEnd.length };
}
