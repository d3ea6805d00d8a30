/**
 * Where things sit in a sequence chart, for both drawings of it: the app's interactive timeline
 * (canvas marks under an SVG overlay, renderer/src/sequence) and the report's printed chart (an
 * SVG string, electron/report/charts/sequence-svg.ts). Each medium has its own sizes
 * (ChartMetrics: screen pixels or print units); the rules that turn sizes into positions (the
 * axis, then the findings band, then the lane groups; a finding's box over its lanes and its bar
 * in the band; the gutter's label and count; the analyst mark; how many ticks) live only here.
 */
import type { LaneGeometry } from './lanes.js';
import type { SpanLayout } from './spans.js';

export interface ChartMetrics {
  /** Width of the label column left of the plot. */
  gutter: number;
  /** Space right of the plot. */
  right: number;
  /** Height of the time axis above everything. */
  axisHeight: number;
  /** Space between the axis and the findings band. */
  bandGap: number;
  /** Height of one row of the findings band (bar plus gap). */
  rowHeight: number;
  laneHeight: number;
  /** Height of a lane group's header row. */
  headerHeight: number;
  markRadius: number;
  /** x of group headers, of lane labels, and of the right edge of lane counts, in the gutter. */
  groupLabelX: number;
  laneLabelX: number;
  countRight: number;
}

/** The app's timeline, in CSS pixels. */
export const SCREEN_CHART: ChartMetrics = {
  gutter: 250,
  right: 14,
  axisHeight: 28,
  bandGap: 6,
  rowHeight: 19,
  laneHeight: 22,
  headerHeight: 20,
  markRadius: 4.6,
  groupLabelX: 8,
  laneLabelX: 18,
  countRight: 240,
};

/** The printed chart, in viewBox units (700 across the text width of A4 or Letter). */
export const PRINT_CHART: ChartMetrics = {
  gutter: 196,
  right: 12,
  axisHeight: 24,
  bandGap: 4,
  rowHeight: 15,
  laneHeight: 16,
  headerHeight: 15,
  markRadius: 3.7,
  groupLabelX: 4,
  laneLabelX: 12,
  countRight: 188,
};

/** Space below the findings band before the first lane group. */
const BAND_BOTTOM = 6;
/** Gap between a lane label and its count. */
const LABEL_GAP = 10;

export interface ChartLayout {
  metrics: ChartMetrics;
  geometry: LaneGeometry;
  plotWidth: number;
  /** Top of the findings band, and of the first lane group. */
  findingsTop: number;
  lanesTop: number;
  /** Bottom of the last lane. */
  lanesBottom: number;
}

export function chartLayout(metrics: ChartMetrics, geometry: LaneGeometry, bandRows: number, width: number, minPlotWidth = 0): ChartLayout {
  const plotWidth = Math.max(minPlotWidth, width - metrics.gutter - metrics.right);
  const findingsTop = metrics.axisHeight + metrics.bandGap;
  const lanesTop = findingsTop + (bandRows > 0 ? bandRows * metrics.rowHeight + BAND_BOTTOM : 0);
  return { metrics, geometry, plotWidth, findingsTop, lanesTop, lanesBottom: lanesTop + geometry.height };
}

export function laneTop(c: ChartLayout, lane: number): number {
  return c.lanesTop + (c.geometry.top[lane] ?? 0);
}

/** y of the marks of a lane. */
export function laneMid(c: ChartLayout, lane: number): number {
  return laneTop(c, lane) + c.metrics.laneHeight / 2;
}

/** Baseline of a lane's label and count (text centred on the lane). */
export function laneTextY(c: ChartLayout, lane: number): number {
  return laneMid(c, lane) + c.metrics.laneHeight * 0.2;
}

/** Baseline of a lane group's header. */
export function groupTextY(c: ChartLayout, group: number): number {
  return c.lanesTop + (c.geometry.groupTop[group] ?? 0) + c.metrics.headerHeight * 0.7;
}

/** Width a lane's label may take before its count. */
export function laneLabelRoom(m: ChartMetrics, countWidth: number): number {
  return m.countRight - countWidth - LABEL_GAP - m.laneLabelX;
}

/** A finding's tinted box over the lanes its events sit in, a little taller than them. */
export function spanBoxY(c: ChartLayout, span: Pick<SpanLayout, 'laneMin' | 'laneMax'>): { y: number; height: number } {
  const pad = c.metrics.laneHeight * 0.14;
  const y = laneTop(c, span.laneMin) - pad;
  return { y, height: laneTop(c, span.laneMax) + c.metrics.laneHeight + pad - y };
}

/** A finding's bar in row `row` of the band, and the baseline of its label inside it. */
export function spanBarY(c: ChartLayout, row: number): { y: number; height: number; labelY: number } {
  const y = c.findingsTop + row * c.metrics.rowHeight;
  const height = c.metrics.rowHeight - 4;
  return { y, height, labelY: y + height - 4 };
}

/** Ticks the axis of a plot this wide asks d3 for. */
export function axisTickCount(plotWidth: number): number {
  return Math.max(2, Math.floor(plotWidth / 110));
}

/** Marks of one outcome in one lane closer than this are drawn once (it would add nothing visible). */
export const MARK_MERGE_PX = 2;

/**
 * An analyst-entered event is drawn like any event of its outcome, then framed: a dashed square
 * around the mark and an "A" at its top right, so it is never read as evidence.
 */
export const ANALYST_MARK = { letter: 'A', title: 'Analyst-entered event (not evidence)', legend: 'Analyst-entered (not evidence)' } as const;

export function analystFrame(m: ChartMetrics, x: number, y: number): { x: number; y: number; size: number; letterX: number; letterY: number } {
  const size = Math.round(m.markRadius * 3.7);
  return { x: x - size / 2, y: y - size / 2, size, letterX: x + size / 2 + 1, letterY: y - size / 2 + 1 };
}
