/**
 * The authentication sequence of one user as lanes over time. Dense marks live on a canvas
 * (see timeline-draw.ts); SVG carries what needs crisp text or interaction: lane labels, the
 * axis, finding spans, the playhead and the overview brush. d3-zoom on the x axis pans and
 * zooms, the overview brush and the zoom drive each other, and the view follows the playhead.
 *
 * d3 owns the SVG's children and the canvases; React owns only the boxes, the toolbar, the
 * legend and the live description. Everything that changes per step (playhead, replay limit)
 * is applied imperatively so stepping never re-renders 100,000 marks through React.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import {
  axisBottom,
  axisTop,
  brushX,
  pointer,
  scaleLinear,
  select,
  zoom,
  zoomIdentity,
  type D3BrushEvent,
  type D3ZoomEvent,
  type ScaleLinear,
  type ZoomTransform,
} from 'd3';
import { OUTCOMES } from '../../../shared/model/event.js';
import { analystIndexes } from '../../../shared/view/entries.js';
import { laneGeometry, type LaneGeometry } from '../../../shared/view/lanes.js';
import { colorOf, isStroked, OUTCOME_STYLE, SEVERITY_COLOR, shapePath } from '../../../shared/view/palette.js';
import { describeEvent, type SequenceModel } from '../../../shared/view/sequence.js';
import type { SpanLayout } from '../../../shared/view/spans.js';
import { lowerBound } from '../../../shared/view/stepping.js';
import { placeSpans, spanLabel } from '../../../shared/view/span-band.js';
import {
  ANALYST_MARK,
  SCREEN_CHART,
  analystFrame,
  axisTickCount,
  chartLayout,
  groupTextY,
  laneLabelRoom,
  laneMid,
  laneTextY,
  spanBarY,
  spanBoxY,
  type ChartLayout,
} from '../../../shared/view/chart-layout.js';
import { MarkLegend } from './MarkLegend.js';
import { drawDensity, drawMarks, prepareCanvas } from './timeline-draw.js';
import { zoneTicks } from './time-ticks.js';
import { TIMING } from '../../../shared/view/timing.js';
import { useColorScheme } from '../theme/ThemeProvider.js';
import { useElementWidth } from './useElementWidth.js';

/** A time range to bring into view. A new object re-frames even when the range is the same. */
export interface TimeFrame {
  start: number;
  end: number;
}

export interface SequenceTimelineProps {
  model: SequenceModel;
  /** Finding spans to draw; a replay passes none until the trainer reveals them. */
  spans: readonly SpanLayout[];
  /** Index of the playhead's event in model.events; -1 for none. */
  current: number;
  zone: string;
  /** Replay: events after this index are not drawn. Omitted: all events. */
  through?: number;
  frame?: TimeFrame | null;
  /** The presentation layout's larger type is on: labels are re-measured when it changes. */
  largeType?: boolean;
  onSelect: (index: number) => void;
}

const M = SCREEN_CHART;
const CONTEXT_GAP = 30;
const CONTEXT_H = 38;
const CONTEXT_AXIS_H = 22;
/** Probe text for the average advance of the span-label font (its size changes with the layout). */
const LABEL_PROBE = 'approval-after-denials · critical';
const MAX_BAND_ROWS = 4;
/** Closest zoom: about a minute across the plot. */
const MIN_WINDOW_MS = 60_000;

interface Dims {
  chart: ChartLayout;
  plotW: number;
  findingsTop: number;
  lanesTop: number;
  lanesH: number;
  contextTop: number;
  total: number;
}

/** The shared chart layout (shared/view/chart-layout.ts), plus the overview strip only the app has. */
function dimsFor(width: number, geometry: LaneGeometry, rows: number): Dims {
  const chart = chartLayout(M, geometry, rows, width, 200);
  const lanesH = geometry.height;
  const contextTop = chart.lanesBottom + CONTEXT_GAP;
  return { chart, plotW: chart.plotWidth, findingsTop: chart.findingsTop, lanesTop: chart.lanesTop, lanesH, contextTop, total: contextTop + CONTEXT_H + CONTEXT_AXIS_H };
}

function fullDomain(times: Float64Array): [number, number] {
  const first = times[0];
  const last = times[times.length - 1];
  if (first === undefined || last === undefined) {
    const now = Date.now();
    return [now - 3_600_000, now];
  }
  const pad = Math.max((last - first) * 0.02, 5 * 60_000);
  return [first - pad, last + pad];
}

/** Nearest drawn event to time t within tol, preferring the clicked lane. */
function nearestEvent(model: SequenceModel, t: number, tol: number, lane: number, through: number): number {
  const { times } = model;
  const lo = lowerBound(times, t - tol);
  const hi = Math.min(lowerBound(times, t + tol), through + 1, lo + 50_000);
  let best = -1;
  let bestScore = Infinity;
  for (let i = lo; i < hi; i++) {
    const dt = Math.abs((times[i] ?? 0) - t);
    const score = (model.layout.laneOf[i] === lane ? 0 : tol) + dt;
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}

interface Engine {
  follow(index: number): void;
  frame(f: TimeFrame): void;
  zoomBy(factor: number): void;
  showAll(): void;
  setThrough(): void;
}

export function SequenceTimeline(props: SequenceTimelineProps) {
  const { model, spans, current, zone, through, frame, largeType = false } = props;
  const wrapRef = useRef<HTMLDivElement>(null);
  const measured = useElementWidth(wrapRef);
  const width = measured ?? 0;
  const scheme = useColorScheme();
  const marksRef = useRef<HTMLCanvasElement>(null);
  const densityRef = useRef<HTMLCanvasElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const engineRef = useRef<Engine | null>(null);
  /** The visible window survives re-setups (resize, regrouping, reveal). */
  const windowRef = useRef<[number, number] | null>(null);
  /** The last frame brought into view, so each frame object is applied once. */
  const appliedFrame = useRef<TimeFrame | null>(null);
  const clipId = `seq-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;

  // Per-step values read by d3 callbacks without re-running the setup.
  const live = useRef({ current, through: through ?? Infinity, onSelect: props.onSelect });
  useLayoutEffect(() => {
    live.current = { current, through: through ?? Infinity, onSelect: props.onSelect };
  });

  const geometry = useMemo(() => laneGeometry(model.layout, M.laneHeight, M.headerHeight), [model.layout]);
  const analyst = useMemo(() => analystIndexes(model.events), [model.events]);
  // Rows of the findings band: enough for findings that overlap in time, plus spare rows so
  // labels of findings that only meet on screen (zoomed out) can still be placed.
  const timeRows = spans.reduce((n, s) => Math.max(n, s.row + 1), 0);
  const rows = Math.min(MAX_BAND_ROWS, Math.max(timeRows, Math.min(spans.length, 3)));
  const dims = useMemo(() => dimsFor(width, geometry, rows), [width, geometry, rows]);
  const replaying = through !== undefined;

  useLayoutEffect(() => {
    const svgEl = svgRef.current;
    const marksEl = marksRef.current;
    const densityEl = densityRef.current;
    // Nothing is drawn until the box has been measured: a guessed width would mean drawing twice.
    if (svgEl === null || marksEl === null || densityEl === null || measured === null) return;
    const { chart, plotW, findingsTop, lanesTop, lanesH, contextTop } = dims;
    const { times, layout } = model;
    const full = fullDomain(times);
    const x0: ScaleLinear<number, number> = scaleLinear().domain(full).range([0, plotW]);
    const maxK = Math.max(1, (full[1] - full[0]) / MIN_WINDOW_MS);
    const clampTx = (tx: number, k: number): number => Math.min(0, Math.max(plotW - k * plotW, tx));
    const windowTransform = (t0: number, t1: number): ZoomTransform => {
      const k = Math.min(maxK, Math.max(1, plotW / Math.max(1e-9, x0(t1) - x0(t0))));
      const centre = (x0(t0) + x0(t1)) / 2;
      return zoomIdentity.translate(clampTx(plotW / 2 - k * centre, k), 0).scale(k);
    };
    const framed = (f: TimeFrame): ZoomTransform => {
      const pad = Math.max((f.end - f.start) * 0.15, 30_000);
      return windowTransform(f.start - pad, f.end + pad);
    };
    // A frame not yet shown wins over the remembered window, so the first draw is the right one.
    const pending = frame !== undefined && frame !== null && frame !== appliedFrame.current ? frame : null;
    if (pending !== null) appliedFrame.current = pending;
    let transform =
      pending !== null ? framed(pending) : windowRef.current === null ? zoomIdentity : windowTransform(windowRef.current[0], windowRef.current[1]);
    let syncing = false;
    const visible = (): [number, number] => {
      const [a, b] = transform.rescaleX(x0).domain();
      return [a ?? full[0], b ?? full[1]];
    };

    const svg = select(svgEl);
    svg.selectAll('*').remove();
    svg
      .append('defs')
      .append('clipPath')
      .attr('id', clipId)
      .append('rect')
      .attr('x', -1)
      .attr('y', 0)
      .attr('width', plotW + 2)
      .attr('height', lanesTop + lanesH + 2);

    // Gutter: group headers, lane labels and counts. Text only, through .text().
    const gutter = svg.append('g').attr('class', 'seq-gutter');
    if (spans.length > 0) {
      gutter
        .append('text')
        .attr('class', 'seq-group-label')
        .attr('x', M.groupLabelX)
        .attr('y', spanBarY(chart, 0).labelY)
        .text('Findings');
    }
    layout.groups.forEach((g, gi) => {
      gutter
        .append('text')
        .attr('class', 'seq-group-label')
        .attr('x', M.groupLabelX)
        .attr('y', groupTextY(chart, gi))
        .text(g.label);
    });
    const laneLabels = gutter
      .selectAll('g.seq-lane')
      .data(layout.lanes)
      .join('g')
      .attr('class', 'seq-lane')
      .attr('transform', (_, l) => `translate(0,${laneTextY(chart, l)})`);
    laneLabels.append('title').text((lane) => `${lane.title}: ${lane.count.toLocaleString('en-US')} events`);
    const laneName = laneLabels.append('text').attr('class', 'seq-lane-label').attr('x', M.laneLabelX);
    const laneCount = laneLabels
      .append('text')
      .attr('class', 'seq-lane-count')
      .attr('x', M.countRight)
      .attr('text-anchor', 'end');
    const labelLanes = (): void => {
      const upTo = live.current.through;
      // In a replay a lane stays anonymous and uncounted until its first event has been shown.
      laneCount.text((lane) => (Number.isFinite(upTo) ? '' : lane.count.toLocaleString('en-US')));
      laneName.text((lane) => (lane.firstIndex >= 0 && lane.firstIndex > upTo ? '…' : lane.label));
      // Measured truncation: the label ends before its count, whatever the font and layout.
      const counts = laneCount.nodes();
      laneName.each(function (lane, l) {
        const room = laneLabelRoom(M, counts[l]?.getComputedTextLength() ?? 0);
        const full = this.getComputedTextLength();
        if (full <= room) return;
        // First cut in proportion, then trim the last few characters by measurement.
        let keep = Math.max(4, Math.floor((lane.label.length * room) / full));
        this.textContent = `${lane.label.slice(0, keep).trimEnd()}…`;
        while (keep > 4 && this.getComputedTextLength() > room) {
          keep--;
          this.textContent = `${lane.label.slice(0, keep).trimEnd()}…`;
        }
      });
    };
    labelLanes();

    const plot = svg.append('g').attr('transform', `translate(${M.gutter},0)`);
    const grid = plot.append('g').attr('class', 'seq-grid').attr('clip-path', `url(#${clipId})`);
    const axisG = plot.append('g').attr('class', 'seq-axis').attr('transform', `translate(0,${M.axisHeight})`);
    const spansG = plot.append('g').attr('class', 'seq-spans').attr('clip-path', `url(#${clipId})`);
    const probe = plot.append('text').attr('class', 'seq-span-label').attr('visibility', 'hidden').text(LABEL_PROBE);
    /** Width per character of span labels, measured (presentation layout enlarges them). */
    const labelCharW = (): number => (probe.node()?.getComputedTextLength() ?? LABEL_PROBE.length * 7) / LABEL_PROBE.length;
    // Analyst-entered events: a dashed frame and an "A" around their mark, so they are never read
    // as evidence. Few per user, so SVG; under the playhead so the current mark stays on top.
    const analystG = plot.append('g').attr('class', 'seq-analyst').attr('clip-path', `url(#${clipId})`);
    const playG = plot.append('g').attr('class', 'seq-playhead').attr('clip-path', `url(#${clipId})`);
    const playLine = playG.append('line').attr('y1', findingsTop).attr('y2', lanesTop + lanesH);
    const playHalo = playG.append('circle').attr('class', 'seq-halo').attr('r', 10.5);
    const playMark = playG.append('path').attr('class', 'seq-current-mark');
    const capture = plot
      .append('rect')
      .attr('class', 'seq-capture')
      .attr('x', 0)
      .attr('y', findingsTop)
      .attr('width', plotW)
      .attr('height', lanesTop + lanesH - findingsTop);

    const overview = plot.append('g').attr('transform', `translate(0,${contextTop})`);
    overview.append('rect').attr('class', 'seq-overview-frame').attr('width', plotW).attr('height', CONTEXT_H);
    overview
      .append('g')
      .attr('class', 'seq-axis')
      .attr('transform', `translate(0,${CONTEXT_H})`)
      .call((g) => {
        const ticks = zoneTicks(full[0], full[1], Math.max(2, Math.floor(plotW / 120)), zone);
        g.call(
          axisBottom(x0)
            .tickValues(ticks.values)
            .tickFormat((_, i) => ticks.labels[i] ?? '')
            .tickSizeOuter(0),
        );
      });
    // The brushed window can be a pixel wide (minutes out of weeks); this marker never is.
    const overviewWindow = overview.append('rect').attr('class', 'seq-overview-window').attr('y', -4).attr('height', CONTEXT_H + 8);
    const overviewPlay = overview.append('line').attr('class', 'seq-overview-play').attr('y1', -3).attr('y2', CONTEXT_H + 3);
    const brushG = overview.append('g').attr('class', 'seq-brush');

    // The first frame of each setup is timed (User Timing) for the draw benchmark; later
    // frames (pan, zoom, steps) are not, so a long session does not pile up entries.
    let timed = false;
    const drawMarksNow = (): void => {
      const started = performance.now();
      const ctx = prepareCanvas(marksEl, plotW, lanesH);
      if (ctx === null) return;
      const marks = drawMarks(ctx, { model, geometry, laneHeight: M.laneHeight, domain: visible(), width: plotW, through: live.current.through, scheme, radius: M.markRadius });
      if (!timed) performance.measure(TIMING.timelineFirstDraw, { start: started, detail: { events: model.events.length, marks } });
      timed = true;
    };
    const drawDensityNow = (): void => {
      const ctx = prepareCanvas(densityEl, plotW, CONTEXT_H);
      if (ctx !== null) drawDensity(ctx, { model, domain: full, width: plotW, height: CONTEXT_H, through: live.current.through, scheme });
    };

    const drawOverlay = (): void => {
      const xs = transform.rescaleX(x0);
      const [d0, d1] = visible();
      const ticks = zoneTicks(d0, d1, axisTickCount(plotW), zone);
      axisG.call(
        axisTop(xs)
          .tickValues(ticks.values)
          .tickFormat((_, i) => ticks.labels[i] ?? '')
          .tickSizeOuter(0),
      );
      grid
        .selectAll('line')
        .data(ticks.values)
        .join('line')
        .attr('x1', (t) => xs(t))
        .attr('x2', (t) => xs(t))
        .attr('y1', findingsTop)
        .attr('y2', lanesTop + lanesH);

      // Finding spans: a tinted box over the lanes their events sit in, and a labelled bar in
      // the band above the lanes (shared/view/span-band.ts places them, as in the report).
      const charW = spans.length > 0 ? labelCharW() : 0;
      const { placed } = placeSpans(spans, {
        x: xs,
        plotWidth: plotW,
        maxRows: rows,
        // Measured on a probe, so allow for labels with wider letters than the probe's.
        labelWidth: (label) => label.length * charW * 1.08 + 6,
      });
      const place = new Map(placed.map((p) => [p.span.finding.id, p]));
      const spanX = (s: SpanLayout): [number, number] => {
        const p = place.get(s.finding.id);
        return p === undefined ? [0, 0] : [p.x, p.w];
      };
      const groups = spansG
        .selectAll<SVGGElement, SpanLayout>('g.seq-span')
        .data(spans, (s) => String(s.finding.id))
        .join((enter) => {
          const g = enter.append('g').attr('class', 'seq-span');
          g.append('title');
          g.append('rect').attr('class', 'seq-span-box');
          g.append('rect').attr('class', 'seq-span-bar');
          g.append('text').attr('class', 'seq-span-label');
          return g;
        });
      const rowOf = (s: SpanLayout): number => place.get(s.finding.id)?.row ?? 0;
      const labelX = new Map([...place].map(([id, p]) => [id, p.labelX]));
      groups.select('title').text((s) => `${s.finding.rule} (${s.finding.severity}): ${s.finding.summary}`);
      groups
        .select('rect.seq-span-box')
        .attr('x', (s) => spanX(s)[0])
        .attr('width', (s) => spanX(s)[1])
        .attr('y', (s) => spanBoxY(chart, s).y)
        .attr('height', (s) => spanBoxY(chart, s).height)
        .attr('fill', (s) => colorOf(SEVERITY_COLOR[s.finding.severity], scheme))
        .attr('stroke', (s) => colorOf(SEVERITY_COLOR[s.finding.severity], scheme));
      groups
        .select('rect.seq-span-bar')
        .attr('x', (s) => spanX(s)[0])
        .attr('width', (s) => spanX(s)[1])
        .attr('y', (s) => spanBarY(chart, rowOf(s)).y)
        .attr('height', spanBarY(chart, 0).height)
        .attr('fill', (s) => colorOf(SEVERITY_COLOR[s.finding.severity], scheme));
      groups
        .select('text.seq-span-label')
        .attr('x', (s) => labelX.get(s.finding.id) ?? 0)
        .attr('y', (s) => spanBarY(chart, rowOf(s)).labelY)
        .attr('display', (s) => (labelX.get(s.finding.id) === null ? 'none' : null))
        .text((s) => spanLabel(s.finding));

      const zoomed = transform.k > 1.000001;
      const w0 = x0(d0);
      const ww = Math.max(6, x0(d1) - w0);
      overviewWindow
        .attr('display', zoomed ? null : 'none')
        .attr('x', Math.min(plotW - ww, Math.max(0, (w0 + x0(d1)) / 2 - ww / 2)))
        .attr('width', ww);

      const marks = analystG
        .selectAll<SVGGElement, number>('g')
        .data(analyst.filter((a) => a <= live.current.through))
        .join((enter) => {
          const g = enter.append('g');
          g.append('title').text(ANALYST_MARK.title);
          g.append('rect').attr('class', 'seq-analyst-frame');
          g.append('text').attr('class', 'seq-analyst-letter').text(ANALYST_MARK.letter);
          return g;
        });
      const frameOf = (a: number): ReturnType<typeof analystFrame> => analystFrame(M, xs(model.events[a]?.time ?? 0), laneMid(chart, layout.laneOf[a] ?? 0));
      marks
        .select('rect')
        .attr('x', (a) => frameOf(a).x)
        .attr('y', (a) => frameOf(a).y)
        .attr('width', (a) => frameOf(a).size)
        .attr('height', (a) => frameOf(a).size);
      marks
        .select('text')
        .attr('x', (a) => frameOf(a).letterX)
        .attr('y', (a) => frameOf(a).letterY);

      drawPlayhead();
    };

    // A step inside the visible window moves only this: spans, ticks and marks stay as drawn.
    const drawPlayhead = (): void => {
      const xs = transform.rescaleX(x0);
      const i = live.current.current;
      const e = model.events[i];
      if (e === undefined || i > live.current.through) {
        playG.attr('display', 'none');
        overviewPlay.attr('display', 'none');
        return;
      }
      const x = xs(e.time);
      const y = laneMid(chart, layout.laneOf[i] ?? 0);
      const style = OUTCOME_STYLE[e.outcome];
      const color = colorOf(style.color, scheme);
      const stroked = isStroked(style.shape);
      playG.attr('display', null);
      playLine.attr('x1', x).attr('x2', x);
      playHalo.attr('cx', x).attr('cy', y);
      playMark
        .attr('d', shapePath(style.shape, 6.4, x, y))
        .attr('fill', stroked ? 'none' : color)
        .attr('stroke', stroked ? color : 'none');
      overviewPlay.attr('display', null).attr('x1', x0(e.time)).attr('x2', x0(e.time));
    };

    const zoomB = zoom<SVGRectElement, unknown>()
      .scaleExtent([1, maxK])
      .extent([
        [0, 0],
        [plotW, lanesH],
      ])
      .translateExtent([
        [0, 0],
        [plotW, lanesH],
      ])
      .on('zoom', (ev: D3ZoomEvent<SVGRectElement, unknown>) => {
        // x only: the lanes never move vertically.
        transform = zoomIdentity.translate(clampTx(ev.transform.x, ev.transform.k), 0).scale(ev.transform.k);
        windowRef.current = transform.k <= 1.000001 ? null : visible();
        drawMarksNow();
        drawOverlay();
        if (!syncing) syncBrush();
      });
    const brushB = brushX<unknown>()
      .extent([
        [0, 0],
        [plotW, CONTEXT_H],
      ])
      .on('brush end', (ev: D3BrushEvent<unknown>) => {
        // Programmatic moves (from zoom) carry no source event; ignore them to avoid a loop.
        if (syncing || ev.sourceEvent === null || ev.sourceEvent === undefined) return;
        const sel = ev.selection;
        if (sel === null) {
          if (ev.type === 'end') setTransform(zoomIdentity, true);
          return;
        }
        const [s0, s1] = sel as [number, number];
        if (s1 - s0 >= 2) setTransform(windowTransform(x0.invert(s0), x0.invert(s1)), true);
      });
    const syncBrush = (): void => {
      syncing = true;
      const [d0, d1] = visible();
      brushB.move(brushG, transform.k <= 1.000001 ? null : [x0(d0), x0(d1)]);
      syncing = false;
    };
    const setTransform = (t: ZoomTransform, fromBrush = false): void => {
      syncing = fromBrush;
      zoomB.transform(capture, t);
      syncing = false;
    };

    brushG.call(brushB);
    capture.call(zoomB).on('dblclick.zoom', null);
    capture.on('click', (ev: MouseEvent) => {
      const [px, py] = pointer(ev);
      const y = py - lanesTop;
      const lane = layout.lanes.findIndex((_, l) => y >= (geometry.top[l] ?? 0) && y < (geometry.top[l] ?? 0) + M.laneHeight);
      const k = plotW / Math.max(1, visible()[1] - visible()[0]);
      const i = nearestEvent(model, transform.rescaleX(x0).invert(px), 10 / k, lane, live.current.through);
      if (i >= 0) live.current.onSelect(i);
    });

    let drawnThrough = live.current.through;
    drawDensityNow();
    setTransform(transform); // draws marks, overlay and brush

    engineRef.current = {
      follow(index) {
        const e = model.events[index];
        if (e === undefined) return drawPlayhead();
        const x = transform.applyX(x0(e.time));
        if (x >= plotW * 0.04 && x <= plotW * 0.96) return drawPlayhead();
        const k = transform.k;
        setTransform(zoomIdentity.translate(clampTx(plotW / 2 - k * x0(e.time), k), 0).scale(k));
      },
      frame(f) {
        appliedFrame.current = f;
        setTransform(framed(f));
      },
      zoomBy(factor) {
        const e = model.events[live.current.current];
        const px = e === undefined ? plotW / 2 : Math.min(plotW, Math.max(0, transform.applyX(x0(e.time))));
        const k = Math.min(maxK, Math.max(1, transform.k * factor));
        // Keep the playhead (or the centre) where it is on screen while zooming.
        const anchor = transform.invertX(px);
        setTransform(zoomIdentity.translate(clampTx(px - k * anchor, k), 0).scale(k));
      },
      showAll() {
        setTransform(zoomIdentity);
      },
      setThrough() {
        if (live.current.through === drawnThrough) return;
        drawnThrough = live.current.through;
        labelLanes();
        drawDensityNow();
        drawMarksNow();
        drawOverlay();
      },
    };
    return () => {
      capture.on('.zoom', null).on('click', null);
      brushG.on('.brush', null);
      engineRef.current = null;
    };
    // `frame` is read for the first draw only; later frames arrive through the effect below.
    // `largeType` changes only CSS, but lane and span labels are fitted by measuring text.
  }, [model, geometry, analyst, spans, dims, scheme, zone, clipId, measured, largeType]);

  useEffect(() => {
    engineRef.current?.setThrough();
  }, [through]);
  useEffect(() => {
    engineRef.current?.follow(current);
  }, [current]);
  useEffect(() => {
    if (frame !== undefined && frame !== null && frame !== appliedFrame.current) engineRef.current?.frame(frame);
  }, [frame]);

  const outcomes = useMemo(() => OUTCOMES.filter((o) => (model.byOutcome.get(o)?.length ?? 0) > 0), [model.byOutcome]);
  const event = model.events[current];
  const shown = event !== undefined && (through === undefined || current <= through);
  const visibleIds = useMemo(() => new Set(spans.map((s) => s.finding.id)), [spans]);
  const description = shown
    ? describeEvent(event, current, model.events.length, zone, (model.findingsByEvent.get(event.id) ?? []).filter((f) => visibleIds.has(f.id)))
    : 'No event selected.';

  const onKeyDown = (e: KeyboardEvent): void => {
    const engine = engineRef.current;
    if (engine === null || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === '+' || e.key === '=') engine.zoomBy(2);
    else if (e.key === '-' || e.key === '_') engine.zoomBy(0.5);
    else if (e.key === '0') engine.showAll();
    else return;
    e.preventDefault();
  };

  return (
    <section className="seq-timeline" aria-label="Authentication sequence" tabIndex={0} onKeyDown={onKeyDown}>
      <div className="seq-timeline-head">
        <MarkLegend outcomes={outcomes} scheme={scheme} analyst={analyst.length > 0} />
        <div className="seq-zoom" role="group" aria-label="Zoom">
          <button type="button" onClick={() => engineRef.current?.zoomBy(2)} aria-keyshortcuts="+">
            Zoom in
          </button>
          <button type="button" onClick={() => engineRef.current?.zoomBy(0.5)} aria-keyshortcuts="-">
            Zoom out
          </button>
          <button type="button" onClick={() => engineRef.current?.showAll()} aria-keyshortcuts="0">
            Show all
          </button>
        </div>
      </div>
      <div ref={wrapRef} className="seq-chart" style={{ height: dims.total }}>
        <canvas
          ref={marksRef}
          className="seq-canvas"
          aria-hidden="true"
          style={{ left: M.gutter, top: dims.lanesTop, width: dims.plotW, height: dims.lanesH }}
        />
        <canvas
          ref={densityRef}
          className="seq-canvas"
          aria-hidden="true"
          style={{ left: M.gutter, top: dims.contextTop, width: dims.plotW, height: CONTEXT_H }}
        />
        <svg
          ref={svgRef}
          className="seq-svg"
          width={width}
          height={dims.total}
          role="img"
          aria-label={`Timeline of ${model.events.length.toLocaleString('en-US')} events in ${model.layout.lanes.length} lanes${replaying ? ', replay in progress' : ''}. Times in ${zone}.`}
        />
      </div>
      <p className="seq-now" aria-live="polite" aria-atomic="true">
        {description}
      </p>
      <p className="seq-hint muted">
        Times in {zone}. Drag or scroll on the lanes to pan and zoom, brush the overview strip to pick a window, click a mark to select it.
      </p>
    </section>
  );
}
