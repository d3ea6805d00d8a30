/**
 * One user's authentication sequence as a static SVG for the printed report: the same lanes
 * (shared/view/sequence.ts assignLanes), the same mark shapes and Okabe–Ito colours
 * (shared/view/palette.ts), the same findings band (span-band.ts), the same layout and analyst
 * marks (chart-layout.ts) and the same zone axis (time-axis.ts) as the app's timeline, at the
 * print sizes. What is this medium's own: one SVG path per outcome instead of stamped bitmaps,
 * label widths estimated from the font instead of measured, no overview strip or interaction.
 * Every label is text interpolated through the escaping builder.
 */
import { scaleUtc } from 'd3-scale';
import type { AnalystEvent } from '../../../shared/model/analyst-event.js';
import { OUTCOMES, type StoredEvent } from '../../../shared/model/event.js';
import type { Finding } from '../../../shared/model/finding.js';
import {
  ANALYST_MARK,
  MARK_MERGE_PX,
  PRINT_CHART as M,
  analystFrame,
  axisTickCount,
  chartLayout,
  groupTextY,
  laneLabelRoom,
  laneMid,
  laneTextY,
  laneTop,
  spanBarY,
  spanBoxY,
} from '../../../shared/view/chart-layout.js';
import { analystIndexes, withAnalystEvents } from '../../../shared/view/entries.js';
import { laneGeometry, MARK_DRAW_ORDER } from '../../../shared/view/lanes.js';
import { colorOf, isStroked, OUTCOME_STYLE, SEVERITY_COLOR, shapePath } from '../../../shared/view/palette.js';
import { buildSequence } from '../../../shared/view/sequence.js';
import { moreLabel, placeSpans, spanLabel } from '../../../shared/view/span-band.js';
import { zoneTicks } from '../../../shared/view/time-axis.js';
import { html, type Html } from '../html.js';
import { outcomeSymbol } from '../text.js';

/** viewBox width; printed at the text width (about 700 CSS px on A4 and Letter). */
export const CHART_WIDTH = 700;
const MAX_SOURCE_LANES = 6;
const MAX_BAND_ROWS = 8;
/** Average advance of the chart's sans-serif per font-size unit, for fitting labels. */
const CHAR_EM = 0.52;

const r1 = (n: number): number => Math.round(n * 10) / 10;

function fit(text: string, widthPx: number, fontPx: number): string {
  const room = Math.floor(widthPx / (fontPx * CHAR_EM));
  return text.length <= room ? text : `${text.slice(0, Math.max(3, room - 1)).trimEnd()}…`;
}

export interface SequenceChart {
  svg: Html;
  legend: Html;
  /** Events drawn and findings spanned, for the caption. */
  drawn: number;
  spans: number;
  /** Analyst-entered events drawn (framed, never counted as evidence). */
  analyst: number;
}

/**
 * The chart of `events` (one user's, in [start, end]) with the analyst's entries of the window
 * among them, as the app draws them, and the spans of `findings` that overlap the window. `zone`
 * is the display zone of the axis; `key` makes the SVG's ids unique in the page.
 */
export function sequenceChart(
  key: string,
  events: readonly StoredEvent[],
  entries: readonly AnalystEvent[],
  findings: readonly Finding[],
  window: { start: number; end: number },
  zone: string,
): SequenceChart {
  const visible = findings.filter((f) => f.end >= window.start && f.start <= window.end);
  const inWindow = entries.filter((a) => a.time >= window.start && a.time <= window.end);
  const model = buildSequence(withAnalystEvents(events, inWindow), visible, { grouping: 'ip', maxSourceLanes: MAX_SOURCE_LANES });
  const { layout } = model;
  const analyst = analystIndexes(model.events);
  const geometry = laneGeometry(layout, M.laneHeight, M.headerHeight);
  const plotW = CHART_WIDTH - M.gutter - M.right;
  const d0 = window.start;
  const d1 = window.end;
  const k = plotW / Math.max(1, d1 - d0);
  const x = (t: number): number => (t - d0) * k;

  const spanFont = 8.5;
  const { placed, hidden, rows } = placeSpans(model.spans, { x, plotWidth: plotW, maxRows: MAX_BAND_ROWS, labelWidth: (label) => label.length * spanFont * CHAR_EM + 6 });
  const chart = chartLayout(M, geometry, rows, CHART_WIDTH);
  const axisH = M.axisHeight;
  const height = chart.lanesBottom + 4;

  // The app's axis: d3's round UTC times, shifted to round times of the display zone, as many
  // as the app puts on a plot this wide.
  const ticks = zoneTicks(d0, d1, zone, (a, b) =>
    scaleUtc()
      .domain([a, b])
      .ticks(axisTickCount(plotW))
      .map((d) => d.getTime()),
  );
  const parts: Html[] = [];

  parts.push(html`<text class="group" x="${M.groupLabelX}" y="${axisH - 7}">Time (${zone})</text>`);
  if (rows > 0) parts.push(html`<text class="group" x="${M.groupLabelX}" y="${r1(spanBarY(chart, 0).labelY)}">Findings</text>`);

  // Zebra lanes and group separators.
  layout.lanes.forEach((_, l) => {
    if (l % 2 === 0) parts.push(html`<rect class="zebra" x="${M.gutter}" y="${r1(laneTop(chart, l))}" width="${plotW}" height="${M.laneHeight}"/>`);
  });
  layout.groups.forEach((g, gi) => {
    const top = chart.lanesTop + (geometry.groupTop[gi] ?? 0);
    parts.push(html`<text class="group" x="${M.groupLabelX}" y="${r1(groupTextY(chart, gi))}">${g.label}</text>`);
    parts.push(html`<line class="sep" x1="${M.groupLabelX}" x2="${CHART_WIDTH - M.right}" y1="${r1(top + 1)}" y2="${r1(top + 1)}"/>`);
  });

  // Lane labels and counts in the gutter (text, escaped).
  const labelFont = 9.2;
  layout.lanes.forEach((lane, l) => {
    const y = r1(laneTextY(chart, l));
    // Of evidence only (shared/view/lanes.ts): the analyst's entries are drawn but never counted.
    const countText = lane.count.toLocaleString('en-US');
    const room = laneLabelRoom(M, countText.length * labelFont * CHAR_EM);
    parts.push(html`<text class="lane" x="${M.laneLabelX}" y="${y}"><title>${lane.title}</title>${fit(lane.label, room, labelFont)}</text>`);
    parts.push(html`<text class="count" x="${M.countRight}" y="${y}" text-anchor="end">${countText}</text>`);
  });

  // Axis: ticks, labels and grid lines in the display zone.
  const plot: Html[] = [];
  plot.push(html`<line class="axis" x1="0" x2="${plotW}" y1="${axisH}" y2="${axisH}"/>`);
  // Tick labels sit outside the clip, kept whole at the plot's edges.
  const tickText: Html[] = [];
  ticks.values.forEach((t, i) => {
    const tx = r1(x(t));
    const text = ticks.labels[i] ?? '';
    const half = (text.length * 8.5 * CHAR_EM) / 2;
    const anchor = tx < half ? 'start' : tx > plotW - half ? 'end' : 'middle';
    const ax = anchor === 'start' ? Math.max(0, tx - 2) : anchor === 'end' ? Math.min(plotW, tx + 2) : tx;
    plot.push(html`<line class="grid" x1="${tx}" x2="${tx}" y1="${axisH}" y2="${r1(chart.lanesBottom)}"/>`);
    plot.push(html`<line class="axis" x1="${tx}" x2="${tx}" y1="${axisH - 4}" y2="${axisH}"/>`);
    tickText.push(html`<text class="tick" x="${ax}" y="${axisH - 7}" text-anchor="${anchor}">${text}</text>`);
  });

  // Finding spans: a tinted box over the lanes of their events and a labelled bar above.
  for (const p of placed) {
    const f = p.span.finding;
    const color = colorOf(SEVERITY_COLOR[f.severity], 'light');
    const box = spanBoxY(chart, p.span);
    const bar = spanBarY(chart, p.row);
    plot.push(
      html`<g class="span"><title>${f.rule} (${f.severity}): ${f.summary}</title><rect class="span-box" x="${r1(p.x)}" y="${r1(box.y)}" width="${r1(p.w)}" height="${r1(box.height)}" fill="${color}" stroke="${color}"/><rect class="span-bar" x="${r1(p.x)}" y="${r1(bar.y)}" width="${r1(p.w)}" height="${bar.height}" fill="${color}"/><text class="span-label" x="${r1(p.labelX)}" y="${r1(bar.labelY)}">${spanLabel(f)}</text></g>`,
    );
  }
  const more = moreLabel(hidden);
  if (more !== null) {
    parts.push(html`<text class="group" x="${M.countRight}" y="${r1(spanBarY(chart, rows - 1).labelY)}" text-anchor="end"><title>${hidden.map((h) => spanLabel(h.finding)).join(', ')}</title>${more}</text>`);
  }

  // Marks: one path per event, except marks of one outcome in one lane closer than the app's
  // merge distance (they would print as one anyway), drawn in the app's order.
  let drawn = 0;
  for (const outcome of MARK_DRAW_ORDER) {
    const idx = model.byOutcome.get(outcome);
    if (idx === undefined) continue;
    const style = OUTCOME_STYLE[outcome];
    const color = colorOf(style.color, 'light');
    const stroked = isStroked(style.shape);
    const lastX = new Map<number, number>();
    let d = '';
    for (const i of idx) {
      const t = model.times[i] ?? 0;
      if (t < d0 || t > d1) continue;
      const lane = layout.laneOf[i] ?? 0;
      const mx = x(t);
      if (mx - (lastX.get(lane) ?? -Infinity) < MARK_MERGE_PX) continue;
      lastX.set(lane, mx);
      d += shapePath(style.shape, M.markRadius, r1(mx), r1(laneMid(chart, lane)));
      drawn++;
    }
    if (d !== '') {
      plot.push(
        stroked
          ? html`<path class="mark" d="${d}" fill="none" stroke="${color}" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round"/>`
          : html`<path class="mark" d="${d}" fill="${color}"/>`,
      );
    }
  }

  // The analyst's entries: framed as in the app, on top of the marks.
  for (const i of analyst) {
    const e = model.events[i];
    if (e === undefined) continue;
    const f = analystFrame(M, x(e.time), laneMid(chart, layout.laneOf[i] ?? 0));
    plot.push(
      html`<g class="analyst"><title>${ANALYST_MARK.title}: ${e.reason ?? ''}</title><rect x="${r1(f.x)}" y="${r1(f.y)}" width="${f.size}" height="${f.size}" rx="1.5"/><text x="${r1(f.letterX)}" y="${r1(f.letterY)}">${ANALYST_MARK.letter}</text></g>`,
    );
  }

  const label = `Sequence of ${events.length} events${analyst.length > 0 ? ` and ${analyst.length} analyst-entered` : ''} in ${layout.lanes.length} lanes, ${zone} times, with ${placed.length} finding spans.`;
  const svg = html`<svg class="seq" viewBox="0 0 ${CHART_WIDTH} ${r1(height)}" width="100%" role="img" aria-label="${label}">
<g class="gutter">${parts}</g>
<g transform="translate(${M.gutter},0)"><clipPath id="seq-clip-${key}"><rect x="-1" y="0" width="${plotW + 2}" height="${r1(height)}"/></clipPath><g clip-path="url(#seq-clip-${key})">${plot}</g>${tickText}</g>
</svg>`;

  const present = OUTCOMES.filter((o) => (model.byOutcome.get(o)?.length ?? 0) > 0);
  const legend = html`<ul class="legend">${present.map((o) => html`<li>${outcomeSymbol(o)} ${OUTCOME_STYLE[o].label}</li>`)}<li><span class="legend-span"></span> Finding span (rule · severity)</li>${
    analyst.length > 0 ? html`<li><span class="legend-analyst">${ANALYST_MARK.letter}</span> ${ANALYST_MARK.legend}</li>` : ''
  }</ul>`;
  return { svg, legend, drawn, spans: placed.length, analyst: analyst.length };
}
