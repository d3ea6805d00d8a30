/**
 * The timeline's time scale: the whole sequence's domain, the closest zoom, and the zoom
 * transforms that show a window or frame an incident. x only: the lanes never move vertically.
 */
import { scaleLinear, zoomIdentity, type ScaleLinear, type ZoomTransform } from 'd3';
import { lowerBound } from '../../../shared/view/stepping.js';
import type { SequenceModel } from '../../../shared/view/sequence.js';

/** Closest zoom: about a minute across the plot. */
const MIN_WINDOW_MS = 60_000;

/** A time range to bring into view. A new object re-frames even when the range is the same. */
export interface TimeFrame {
  start: number;
  end: number;
}

export interface TimeScale {
  /** Plot x of a time, unzoomed. */
  x0: ScaleLinear<number, number>;
  full: [number, number];
  plotW: number;
  /** Largest zoom factor. */
  maxK: number;
  /** A transform whose translation keeps the plot covered. */
  at(tx: number, k: number): ZoomTransform;
  /** The transform that shows [t0, t1] across the plot (as near as the zoom limits allow). */
  window(t0: number, t1: number): ZoomTransform;
  /** The transform that shows a frame with some room either side. */
  framed(f: TimeFrame): ZoomTransform;
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

export function timeScale(times: Float64Array, plotW: number): TimeScale {
  const full = fullDomain(times);
  const x0 = scaleLinear().domain(full).range([0, plotW]);
  const maxK = Math.max(1, (full[1] - full[0]) / MIN_WINDOW_MS);
  const at = (tx: number, k: number): ZoomTransform => zoomIdentity.translate(Math.min(0, Math.max(plotW - k * plotW, tx)), 0).scale(k);
  const window = (t0: number, t1: number): ZoomTransform => {
    const k = Math.min(maxK, Math.max(1, plotW / Math.max(1e-9, x0(t1) - x0(t0))));
    return at(plotW / 2 - (k * (x0(t0) + x0(t1))) / 2, k);
  };
  const framed = (f: TimeFrame): ZoomTransform => {
    const pad = Math.max((f.end - f.start) * 0.15, 30_000);
    return window(f.start - pad, f.end + pad);
  };
  return { x0, full, plotW, maxK, at, window, framed };
}

/** Nearest drawn event to time t within tol, preferring the clicked lane. */
export function nearestEvent(model: SequenceModel, t: number, tol: number, lane: number, through: number): number {
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
