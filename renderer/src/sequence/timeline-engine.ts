/**
 * Mounts the timeline's drawing into its SVG and canvases and returns the handle the React
 * component drives it through. d3 owns the SVG's children and the canvases; everything that
 * changes per step (playhead, replay limit) is applied here imperatively so stepping never
 * re-renders 100,000 marks through React.
 */
import { pointer, select, zoomIdentity, type Selection, type ZoomTransform } from 'd3';
import type { LaneGeometry } from '../../../shared/view/lanes.js';
import type { ColorScheme } from '../../../shared/view/palette.js';
import type { SequenceModel } from '../../../shared/view/sequence.js';
import type { SpanLayout } from '../../../shared/view/spans.js';
import type { ChartLayout } from '../../../shared/view/chart-layout.js';
import { TIMING } from '../../../shared/view/timing.js';
import { axisLayer } from './timeline-axis.js';
import { drawDensity, drawMarks, prepareCanvas } from './timeline-draw.js';
import { drawGutter } from './timeline-gutter.js';
import { analystLayer, playheadLayer } from './timeline-overlay.js';
import { OVERVIEW_H, overviewStrip } from './timeline-overview.js';
import { nearestEvent, timeScale, type TimeFrame } from './timeline-scale.js';
import { spanLayer } from './timeline-spans.js';
import { zoomControl, type ZoomControl } from './timeline-zoom.js';

export interface TimelineEngine {
  follow(index: number): void;
  frame(f: TimeFrame): void;
  zoomBy(factor: number): void;
  showAll(): void;
  setThrough(): void;
  detach(): void;
}

export interface TimelineElements {
  svg: SVGSVGElement;
  marks: HTMLCanvasElement;
  density: HTMLCanvasElement;
}

export interface TimelineInput {
  model: SequenceModel;
  geometry: LaneGeometry;
  analyst: readonly number[];
  spans: readonly SpanLayout[];
  chart: ChartLayout;
  rows: number;
  overviewTop: number;
  scheme: ColorScheme;
  zone: string;
  clipId: string;
  /** What to show first: a frame, a remembered window, or everything (null). */
  start: { frame: TimeFrame } | { window: readonly [number, number] } | null;
}

/** Values that change per step, read by d3 callbacks without re-mounting. */
export interface TimelineLive {
  current: number;
  through: number;
  onSelect(index: number): void;
  /** The visible window after a pan or zoom; null when everything is shown. */
  onWindow(window: [number, number] | null): void;
}

export function mountTimeline(el: TimelineElements, input: TimelineInput, live: { readonly current: TimelineLive }): TimelineEngine {
  const { model, geometry, chart, scheme, zone, clipId } = input;
  const M = chart.metrics;
  const plotW = chart.plotWidth;
  const lanesH = geometry.height;
  const scale = timeScale(model.times, plotW);
  const { x0 } = scale;

  const svg = select(el.svg);
  svg.selectAll('*').remove();
  svg
    .append('defs')
    .append('clipPath')
    .attr('id', clipId)
    .append('rect')
    .attr('x', -1)
    .attr('y', 0)
    .attr('width', plotW + 2)
    .attr('height', chart.lanesBottom + 2);
  const labelLanes = drawGutter(svg, chart, model.layout, input.spans.length > 0);
  labelLanes(live.current.through);

  const plot = svg.append('g').attr('transform', `translate(${M.gutter},0)`);
  const drawAxis = axisLayer(plot, chart, zone, clipId);
  const drawSpans = spanLayer(plot, { chart, spans: input.spans, rows: input.rows, clipId, scheme });
  const drawAnalyst = analystLayer(plot, chart, model, input.analyst, clipId);
  const drawPlay = playheadLayer(plot, chart, model, clipId, scheme);
  const capture = plot
    .append('rect')
    .attr('class', 'seq-capture')
    .attr('x', 0)
    .attr('y', chart.findingsTop)
    .attr('width', plotW)
    .attr('height', chart.lanesBottom - chart.findingsTop);
  const overview = overviewStrip(plot, input.overviewTop, scale, zone);

  // The first frame of each mount is timed (User Timing) for the draw benchmark; later
  // frames (pan, zoom, steps) are not, so a long session does not pile up entries.
  let timed = false;
  const drawMarksNow = (): void => {
    const started = performance.now();
    const ctx = prepareCanvas(el.marks, plotW, lanesH);
    if (ctx === null) return;
    const marks = drawMarks(ctx, { model, geometry, laneHeight: M.laneHeight, domain: view.visible(), width: plotW, through: live.current.through, scheme, radius: M.markRadius });
    if (!timed) performance.measure(TIMING.timelineFirstDraw, { start: started, detail: { events: model.events.length, marks } });
    timed = true;
  };
  const drawDensityNow = (): void => {
    const ctx = prepareCanvas(el.density, plotW, OVERVIEW_H);
    if (ctx !== null) drawDensity(ctx, { model, domain: scale.full, width: plotW, height: OVERVIEW_H, through: live.current.through, scheme });
  };
  // A step inside the visible window moves only this: spans, ticks and marks stay as drawn.
  const drawPlayhead = (): void => {
    const i = live.current.current;
    const shown = i <= live.current.through ? i : -1;
    drawPlay(view.xs(), shown);
    overview.showPlay(model.events[shown]?.time ?? null);
  };
  const drawOverlay = (zoomed: boolean): void => {
    const xs = view.xs();
    drawAxis(xs);
    drawSpans(xs);
    overview.showWindow(zoomed ? view.visible() : null);
    drawAnalyst(xs, live.current.through);
    drawPlayhead();
  };

  const start = input.start;
  const initial: ZoomTransform = start === null ? zoomIdentity : 'frame' in start ? scale.framed(start.frame) : scale.window(start.window[0], start.window[1]);
  const view = zoomControl(capture, overview.brushG, scale, { lanesH, overviewH: OVERVIEW_H }, initial, (zoomed) => {
    live.current.onWindow(zoomed ? view.visible() : null);
    drawMarksNow();
    drawOverlay(zoomed);
  });
  selectOnClick(capture, input, view, live);

  let drawnThrough = live.current.through;
  drawDensityNow();
  view.set(initial); // draws marks, overlay and brush

  return {
    follow(index) {
      const e = model.events[index];
      if (e === undefined) return drawPlayhead();
      const t = view.transform();
      const x = t.applyX(x0(e.time));
      if (x >= plotW * 0.04 && x <= plotW * 0.96) return drawPlayhead();
      view.set(scale.at(plotW / 2 - t.k * x0(e.time), t.k));
    },
    frame(f) {
      view.set(scale.framed(f));
    },
    zoomBy(factor) {
      const t = view.transform();
      const e = model.events[live.current.current];
      const px = e === undefined ? plotW / 2 : Math.min(plotW, Math.max(0, t.applyX(x0(e.time))));
      const k = Math.min(scale.maxK, Math.max(1, t.k * factor));
      // Keep the playhead (or the centre) where it is on screen while zooming.
      view.set(scale.at(px - k * t.invertX(px), k));
    },
    showAll() {
      view.set(zoomIdentity);
    },
    setThrough() {
      if (live.current.through === drawnThrough) return;
      drawnThrough = live.current.through;
      labelLanes(drawnThrough);
      drawDensityNow();
      drawMarksNow();
      drawOverlay(view.transform().k > 1.000001);
    },
    detach() {
      capture.on('click', null);
      view.detach();
    },
  };
}

/** A click on the lanes selects the nearest drawn event, preferring the lane clicked. */
function selectOnClick(capture: Selection<SVGRectElement, unknown, null, undefined>, input: TimelineInput, view: ZoomControl, live: { readonly current: TimelineLive }): void {
  const { model, geometry, chart } = input;
  capture.on('click', (ev: MouseEvent) => {
    const [px, py] = pointer(ev);
    const y = py - chart.lanesTop;
    const lane = model.layout.lanes.findIndex((_, l) => y >= (geometry.top[l] ?? 0) && y < (geometry.top[l] ?? 0) + chart.metrics.laneHeight);
    const [v0, v1] = view.visible();
    const k = chart.plotWidth / Math.max(1, v1 - v0);
    const i = nearestEvent(model, view.xs().invert(px), 10 / k, lane, live.current.through);
    if (i >= 0) live.current.onSelect(i);
  });
}
