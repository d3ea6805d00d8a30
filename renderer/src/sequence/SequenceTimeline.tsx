/**
 * The authentication sequence of one user as lanes over time. Dense marks live on a canvas
 * (see timeline-draw.ts); SVG carries what needs crisp text or interaction: lane labels, the
 * axis, finding spans, the playhead and the overview brush (timeline-engine.ts mounts them).
 * d3-zoom on the x axis pans and zooms, the overview brush and the zoom drive each other, and
 * the view follows the playhead.
 *
 * React owns only the boxes, the toolbar, the legend and the live description.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { OUTCOMES } from '../../../shared/model/event.js';
import { analystIndexes } from '../../../shared/view/entries.js';
import { laneGeometry } from '../../../shared/view/lanes.js';
import { describeEvent, type SequenceModel } from '../../../shared/view/sequence.js';
import type { SpanLayout } from '../../../shared/view/spans.js';
import { SCREEN_CHART, chartLayout } from '../../../shared/view/chart-layout.js';
import { MarkLegend } from './MarkLegend.js';
import { mountTimeline, type TimelineEngine, type TimelineLive } from './timeline-engine.js';
import { OVERVIEW_H } from './timeline-overview.js';
import type { TimeFrame } from './timeline-scale.js';
import { useColorScheme } from '../theme/ThemeProvider.js';
import { useElementWidth } from './useElementWidth.js';

export type { TimeFrame } from './timeline-scale.js';

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
const OVERVIEW_GAP = 30;
const OVERVIEW_AXIS_H = 22;
const MAX_BAND_ROWS = 4;

export function SequenceTimeline(props: SequenceTimelineProps) {
  const { model, spans, current, zone, through, frame, largeType = false } = props;
  const wrapRef = useRef<HTMLDivElement>(null);
  const measured = useElementWidth(wrapRef);
  const width = measured ?? 0;
  const scheme = useColorScheme();
  const marksRef = useRef<HTMLCanvasElement>(null);
  const densityRef = useRef<HTMLCanvasElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const engineRef = useRef<TimelineEngine | null>(null);
  /** The visible window survives re-mounts (resize, regrouping, reveal). */
  const windowRef = useRef<[number, number] | null>(null);
  /** The last frame brought into view, so each frame object is applied once. */
  const appliedFrame = useRef<TimeFrame | null>(null);
  const clipId = `seq-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;

  // Per-step values read by d3 callbacks without re-mounting.
  const live = useRef<TimelineLive>({ current, through: through ?? Infinity, onSelect: props.onSelect, onWindow: () => undefined });
  useLayoutEffect(() => {
    live.current = {
      current,
      through: through ?? Infinity,
      onSelect: props.onSelect,
      onWindow: (w) => {
        windowRef.current = w;
      },
    };
  });

  const geometry = useMemo(() => laneGeometry(model.layout, M.laneHeight, M.headerHeight), [model.layout]);
  const analyst = useMemo(() => analystIndexes(model.events), [model.events]);
  // Rows of the findings band: enough for findings that overlap in time, plus spare rows so
  // labels of findings that only meet on screen (zoomed out) can still be placed.
  const timeRows = spans.reduce((n, s) => Math.max(n, s.row + 1), 0);
  const rows = Math.min(MAX_BAND_ROWS, Math.max(timeRows, Math.min(spans.length, 3)));
  const chart = useMemo(() => chartLayout(M, geometry, rows, width, 200), [width, geometry, rows]);
  const overviewTop = chart.lanesBottom + OVERVIEW_GAP;
  const total = overviewTop + OVERVIEW_H + OVERVIEW_AXIS_H;
  const replaying = through !== undefined;

  useLayoutEffect(() => {
    const svg = svgRef.current;
    const marks = marksRef.current;
    const density = densityRef.current;
    // Nothing is drawn until the box has been measured: a guessed width would mean drawing twice.
    if (svg === null || marks === null || density === null || measured === null) return;
    // A frame not yet shown wins over the remembered window, so the first draw is the right one.
    const pending = frame !== undefined && frame !== null && frame !== appliedFrame.current ? frame : null;
    if (pending !== null) appliedFrame.current = pending;
    const remembered = windowRef.current;
    const start = pending !== null ? { frame: pending } : remembered !== null ? { window: remembered } : null;
    const engine = mountTimeline({ svg, marks, density }, { model, geometry, analyst, spans, chart, rows, overviewTop, scheme, zone, clipId, start }, live);
    engineRef.current = engine;
    return () => {
      engine.detach();
      engineRef.current = null;
    };
    // `frame` is read for the first draw only; later frames arrive through the effect below.
    // `largeType` changes only CSS, but lane and span labels are fitted by measuring text.
  }, [model, geometry, analyst, spans, chart, rows, overviewTop, scheme, zone, clipId, measured, largeType]);

  useEffect(() => {
    engineRef.current?.setThrough();
  }, [through]);
  useEffect(() => {
    engineRef.current?.follow(current);
  }, [current]);
  useEffect(() => {
    if (frame === undefined || frame === null || frame === appliedFrame.current) return;
    appliedFrame.current = frame;
    engineRef.current?.frame(frame);
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
      <div ref={wrapRef} className="seq-chart" style={{ height: total }}>
        <canvas
          ref={marksRef}
          className="seq-canvas"
          aria-hidden="true"
          style={{ left: M.gutter, top: chart.lanesTop, width: chart.plotWidth, height: geometry.height }}
        />
        <canvas
          ref={densityRef}
          className="seq-canvas"
          aria-hidden="true"
          style={{ left: M.gutter, top: overviewTop, width: chart.plotWidth, height: OVERVIEW_H }}
        />
        <svg
          ref={svgRef}
          className="seq-svg"
          width={width}
          height={total}
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
