/**
 * One user's authentication sequence as a static SVG for the printed report: the same lanes
 * (shared/view/sequence.ts assignLanes), the same mark shapes and Okabe–Ito colours
 * (shared/view/palette.ts) and the same finding spans as the app's timeline, sized for the
 * width of an A4 or Letter page. Every label is text interpolated through the escaping builder.
 */
import { scaleUtc } from 'd3-scale';
import { OUTCOMES, type StoredEvent } from '../../../shared/model/event.js';
import type { Finding } from '../../../shared/model/finding.js';
import { OUTCOME_STYLE, SEVERITY_COLOR, colorOf, isStroked, shapePath } from '../../../shared/view/palette.js';
import { MARK_DRAW_ORDER, buildSequence, laneGeometry } from '../../../shared/view/sequence.js';
import { placeSpans, spanLabel } from '../../../shared/view/span-band.js';
import { zoneTicks } from '../../../shared/view/time-axis.js';
import { html, type Html } from '../html.js';
import { outcomeSymbol } from '../text.js';

/** viewBox width; printed at the text width (about 700 CSS px on A4 and Letter). */
export const CHART_WIDTH = 700;
const GUTTER = 196;
const RIGHT = 12;
const PLOT_W = CHART_WIDTH - GUTTER - RIGHT;
const AXIS_H = 24;
const ROW_H = 15;
const LANE_H = 16;
const HEADER_H = 15;
const MARK_R = 3.7;
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
}

/**
 * The chart of `events` (one user's, in [start, end]) with the spans of `findings` that overlap
 * the window. `zone` is the display zone of the axis; `key` makes the SVG's ids unique in the page.
 */
export function sequenceChart(
  key: string,
  events: readonly StoredEvent[],
  findings: readonly Finding[],
  window: { start: number; end: number },
  zone: string,
): SequenceChart {
  const visible = findings.filter((f) => f.end >= window.start && f.start <= window.end);
  const model = buildSequence(events, visible, { grouping: 'ip', maxSourceLanes: MAX_SOURCE_LANES });
  const { layout } = model;
  const geometry = laneGeometry(layout, LANE_H, HEADER_H);
  const d0 = window.start;
  const d1 = window.end;
  const k = PLOT_W / Math.max(1, d1 - d0);
  const x = (t: number): number => (t - d0) * k;

  const spanFont = 8.5;
  const { placed, rows } = placeSpans(model.spans, { x, plotWidth: PLOT_W, maxRows: MAX_BAND_ROWS, labelWidth: (label) => label.length * spanFont * CHAR_EM + 6 });
  const findingsTop = AXIS_H + 4;
  const lanesTop = findingsTop + (rows > 0 ? rows * ROW_H + 6 : 0);
  const height = lanesTop + geometry.height + 4;
  const laneY = (l: number): number => lanesTop + (geometry.top[l] ?? 0);

  // The app's axis: d3's round UTC times, shifted to round times of the display zone, as many
  // as the app puts on a plot this wide.
  const ticks = zoneTicks(d0, d1, zone, (a, b) =>
    scaleUtc()
      .domain([a, b])
      .ticks(Math.max(2, Math.floor(PLOT_W / 110)))
      .map((d) => d.getTime()),
  );
  const parts: Html[] = [];

  parts.push(html`<text class="group" x="4" y="${AXIS_H - 7}">Time (${zone})</text>`);

  // Zebra lanes and group separators.
  layout.lanes.forEach((_, l) => {
    if (l % 2 === 0) parts.push(html`<rect class="zebra" x="${GUTTER}" y="${r1(laneY(l))}" width="${PLOT_W}" height="${LANE_H}"/>`);
  });
  layout.groups.forEach((g, gi) => {
    const top = lanesTop + (geometry.groupTop[gi] ?? 0);
    parts.push(html`<text class="group" x="4" y="${r1(top + HEADER_H - 4.5)}">${g.label}</text>`);
    parts.push(html`<line class="sep" x1="4" x2="${CHART_WIDTH - RIGHT}" y1="${r1(top + 1)}" y2="${r1(top + 1)}"/>`);
  });

  // Lane labels and counts in the gutter (text, escaped).
  const labelFont = 9.2;
  layout.lanes.forEach((lane, l) => {
    const y = r1(laneY(l) + LANE_H / 2 + 3.2);
    const countText = lane.count.toLocaleString('en-US');
    const room = GUTTER - 14 - 12 - countText.length * labelFont * CHAR_EM;
    parts.push(html`<text class="lane" x="12" y="${y}"><title>${lane.title}</title>${fit(lane.label, room, labelFont)}</text>`);
    parts.push(html`<text class="count" x="${GUTTER - 8}" y="${y}" text-anchor="end">${countText}</text>`);
  });

  // Axis: ticks, labels and grid lines in the display zone.
  const plot: Html[] = [];
  plot.push(html`<line class="axis" x1="0" x2="${PLOT_W}" y1="${AXIS_H}" y2="${AXIS_H}"/>`);
  // Tick labels sit outside the clip, kept whole at the plot's edges.
  const tickText: Html[] = [];
  ticks.values.forEach((t, i) => {
    const tx = r1(x(t));
    const text = ticks.labels[i] ?? '';
    const half = (text.length * 8.5 * CHAR_EM) / 2;
    const anchor = tx < half ? 'start' : tx > PLOT_W - half ? 'end' : 'middle';
    const ax = anchor === 'start' ? Math.max(0, tx - 2) : anchor === 'end' ? Math.min(PLOT_W, tx + 2) : tx;
    plot.push(html`<line class="grid" x1="${tx}" x2="${tx}" y1="${AXIS_H}" y2="${r1(lanesTop + geometry.height)}"/>`);
    plot.push(html`<line class="axis" x1="${tx}" x2="${tx}" y1="${AXIS_H - 4}" y2="${AXIS_H}"/>`);
    tickText.push(html`<text class="tick" x="${ax}" y="${AXIS_H - 7}" text-anchor="${anchor}">${text}</text>`);
  });

  // Finding spans: a tinted box over the lanes of their events and a labelled bar above.
  for (const p of placed) {
    const f = p.span.finding;
    const color = colorOf(SEVERITY_COLOR[f.severity], 'light');
    const top = laneY(p.span.laneMin) - 2.5;
    const bottom = laneY(p.span.laneMax) + LANE_H + 2.5;
    plot.push(
      html`<g class="span"><title>${f.rule} (${f.severity}): ${f.summary}</title><rect class="span-box" x="${r1(p.x)}" y="${r1(top)}" width="${r1(p.w)}" height="${r1(bottom - top)}" fill="${color}" stroke="${color}"/><rect class="span-bar" x="${r1(p.x)}" y="${r1(findingsTop + p.row * ROW_H)}" width="${r1(p.w)}" height="${ROW_H - 4}" fill="${color}"/>${
        p.labelX === null ? '' : html`<text class="span-label" x="${r1(p.labelX)}" y="${r1(findingsTop + p.row * ROW_H + ROW_H - 7)}">${spanLabel(f)}</text>`
      }</g>`,
    );
  }

  // Marks: one path per event, except marks of one outcome in one lane closer than 1.5 px
  // (they would print as one anyway), drawn in the app's order.
  let drawn = 0;
  const laneMid = (l: number): number => laneY(l) + LANE_H / 2;
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
      if (mx - (lastX.get(lane) ?? -Infinity) < 1.5) continue;
      lastX.set(lane, mx);
      d += shapePath(style.shape, MARK_R, r1(mx), r1(laneMid(lane)));
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

  const label = `Sequence of ${events.length} events in ${layout.lanes.length} lanes, ${zone} times, with ${placed.length} finding spans.`;
  const svg = html`<svg class="seq" viewBox="0 0 ${CHART_WIDTH} ${r1(height)}" width="100%" role="img" aria-label="${label}">
<g class="gutter">${parts}</g>
<g transform="translate(${GUTTER},0)"><clipPath id="seq-clip-${key}"><rect x="-1" y="0" width="${PLOT_W + 2}" height="${r1(height)}"/></clipPath><g clip-path="url(#seq-clip-${key})">${plot}</g>${tickText}</g>
</svg>`;

  const present = OUTCOMES.filter((o) => (model.byOutcome.get(o)?.length ?? 0) > 0);
  const legend = html`<ul class="legend">${present.map((o) => html`<li>${outcomeSymbol(o)} ${OUTCOME_STYLE[o].label}</li>`)}<li><span class="legend-span"></span> Finding span (rule · severity)</li></ul>`;
  return { svg, legend, drawn, spans: placed.length };
}
