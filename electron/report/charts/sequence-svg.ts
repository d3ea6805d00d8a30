/**
 * One user's authentication sequence as a static SVG for the printed report: the same lanes
 * (shared/view/sequence.ts assignLanes), the same mark shapes and Okabe–Ito colours
 * (shared/view/palette.ts) and the same finding spans as the app's timeline, sized for the
 * width of an A4 or Letter page. Every label is text interpolated through the escaping builder.
 */
import { OUTCOMES, type Outcome, type StoredEvent } from '../../../shared/model/event.js';
import type { Finding } from '../../../shared/model/finding.js';
import { OUTCOME_STYLE, SEVERITY_COLOR, colorOf, isStroked, shapePath } from '../../../shared/view/palette.js';
import { buildSequence, laneGeometry, laneGroupOf, type SpanLayout } from '../../../shared/view/sequence.js';
import { tickLabel, zoneOffsetMs } from '../../../shared/view/time-axis.js';
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

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STEPS = [MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY];

const r1 = (n: number): number => Math.round(n * 10) / 10;

/** Ticks at round times of the display zone (midnight there, not in UTC), at most `max` of them. */
export function zoneTicks(d0: number, d1: number, max: number, zone: string): { values: number[]; labels: string[] } {
  const step = STEPS.find((s) => (d1 - d0) / s <= max) ?? Math.ceil((d1 - d0) / max / DAY) * DAY;
  const off = zoneOffsetMs((d0 + d1) / 2, zone);
  const values: number[] = [];
  for (let t = Math.ceil((d0 + off) / step) * step - off; t <= d1; t += step) values.push(t);
  const labels = values.map((v, i) => tickLabel(v, zone, step, i === 0 ? undefined : values[i - 1]));
  return { values, labels };
}

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

/** Attempts first, responses last, so the answers sit on top (as in the app). */
const GROUP_ORDER = { attempt: 0, challenge: 1, response: 2 } as const;
const DRAW_ORDER: readonly Outcome[] = [...OUTCOMES].sort((a, b) => GROUP_ORDER[laneGroupOf(a)] - GROUP_ORDER[laneGroupOf(b)]);

interface Placed {
  span: SpanLayout;
  x: number;
  w: number;
  row: number;
  labelX: number | null;
}

/** Rows of the findings band: earliest first, into the first row whose bar and label have ended. */
function placeSpans(spans: readonly SpanLayout[], x: (t: number) => number, fontPx: number): { placed: Placed[]; rows: number } {
  const rowEnd: number[] = [];
  const placed: Placed[] = [];
  for (const s of [...spans].sort((a, b) => a.finding.start - b.finding.start || a.row - b.row)) {
    const a = Math.max(0, x(s.finding.start));
    const b = Math.min(PLOT_W, x(s.finding.end));
    const w = Math.max(5, b - a);
    const x0 = Math.min(a, PLOT_W - w);
    const label = `${s.finding.rule} · ${s.finding.severity}`;
    const labelW = label.length * fontPx * CHAR_EM + 6;
    const labelX = Math.max(0, Math.min(x0 + 3, PLOT_W - labelW));
    const end = Math.max(x0 + w, labelX + labelW) + 6;
    let row = rowEnd.findIndex((e) => e <= Math.min(x0, labelX));
    if (row < 0 && rowEnd.length < MAX_BAND_ROWS) row = rowEnd.length;
    if (row >= 0) {
      rowEnd[row] = end;
      placed.push({ span: s, x: x0, w, row, labelX });
    } else {
      // No free row: the bar shares the last row without a label (the findings table names it).
      const last = MAX_BAND_ROWS - 1;
      rowEnd[last] = Math.max(rowEnd[last] ?? 0, x0 + w);
      placed.push({ span: s, x: x0, w, row: last, labelX: null });
    }
  }
  return { placed, rows: rowEnd.length };
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
  const { placed, rows } = placeSpans(model.spans, x, spanFont);
  const findingsTop = AXIS_H + 4;
  const lanesTop = findingsTop + (rows > 0 ? rows * ROW_H + 6 : 0);
  const height = lanesTop + geometry.height + 4;
  const laneY = (l: number): number => lanesTop + (geometry.top[l] ?? 0);

  const ticks = zoneTicks(d0, d1, 7, zone);
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
        p.labelX === null ? '' : html`<text class="span-label" x="${r1(p.labelX)}" y="${r1(findingsTop + p.row * ROW_H + ROW_H - 7)}">${f.rule} · ${f.severity}</text>`
      }</g>`,
    );
  }

  // Marks: one path per event, except marks of one outcome in one lane closer than 1.5 px
  // (they would print as one anyway), drawn in the app's order.
  let drawn = 0;
  const laneMid = (l: number): number => laneY(l) + LANE_H / 2;
  for (const outcome of DRAW_ORDER) {
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
