/**
 * Pan and zoom of the timeline: d3-zoom on the lanes and a brush on the overview strip drive
 * one transform and follow each other, without feeding back into each other.
 */
import { brushX, zoom, zoomIdentity, type D3BrushEvent, type D3ZoomEvent, type ScaleLinear, type Selection, type ZoomTransform } from 'd3';
import type { TimeScale } from './timeline-scale.js';

export interface ZoomControl {
  transform(): ZoomTransform;
  /** Plot x of a time, as zoomed now. */
  xs(): ScaleLinear<number, number>;
  /** The visible time range. */
  visible(): [number, number];
  /** Moves the view (and the brush with it); the change callback draws. */
  set(t: ZoomTransform): void;
  detach(): void;
}

const isZoomed = (t: ZoomTransform): boolean => t.k > 1.000001;

export function zoomControl(
  capture: Selection<SVGRectElement, unknown, null, undefined>,
  brushG: Selection<SVGGElement, unknown, null, undefined>,
  scale: TimeScale,
  size: { lanesH: number; overviewH: number },
  initial: ZoomTransform,
  onChange: (zoomed: boolean) => void,
): ZoomControl {
  const { x0, full, plotW } = scale;
  let transform = initial;
  let syncing = false;
  const visible = (): [number, number] => {
    const [a, b] = transform.rescaleX(x0).domain();
    return [a ?? full[0], b ?? full[1]];
  };
  const zoomB = zoom<SVGRectElement, unknown>()
    .scaleExtent([1, scale.maxK])
    .extent([
      [0, 0],
      [plotW, size.lanesH],
    ])
    .translateExtent([
      [0, 0],
      [plotW, size.lanesH],
    ])
    .on('zoom', (ev: D3ZoomEvent<SVGRectElement, unknown>) => {
      transform = scale.at(ev.transform.x, ev.transform.k);
      onChange(isZoomed(transform));
      if (!syncing) syncBrush();
    });
  const brushB = brushX<unknown>()
    .extent([
      [0, 0],
      [plotW, size.overviewH],
    ])
    .on('brush end', (ev: D3BrushEvent<unknown>) => {
      // Programmatic moves (from zoom) carry no source event; ignore them to avoid a loop.
      if (syncing || ev.sourceEvent === null || ev.sourceEvent === undefined) return;
      const sel = ev.selection;
      if (sel === null) {
        if (ev.type === 'end') set(zoomIdentity, true);
        return;
      }
      const [s0, s1] = sel as [number, number];
      if (s1 - s0 >= 2) set(scale.window(x0.invert(s0), x0.invert(s1)), true);
    });
  const syncBrush = (): void => {
    syncing = true;
    const [d0, d1] = visible();
    brushB.move(brushG, isZoomed(transform) ? [x0(d0), x0(d1)] : null);
    syncing = false;
  };
  const set = (t: ZoomTransform, fromBrush = false): void => {
    syncing = fromBrush;
    zoomB.transform(capture, t);
    syncing = false;
  };
  brushG.call(brushB);
  capture.call(zoomB).on('dblclick.zoom', null);
  return {
    transform: () => transform,
    xs: () => transform.rescaleX(x0),
    visible,
    set: (t) => set(t),
    detach() {
      capture.on('.zoom', null);
      brushG.on('.brush', null);
    },
  };
}
