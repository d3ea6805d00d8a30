/**
 * Canvas drawing of the dense layers: every event mark, and the overview density strip.
 * SVG would need one element per event; at 100,000 events that is seconds of layout, while
 * one batched canvas path per outcome draws in milliseconds.
 */
import type { Outcome } from '../../../shared/model/event.js';
import { type LaneGeometry, MARK_DRAW_ORDER } from '../../../shared/view/lanes.js';
import { colorOf, type ColorScheme, isStroked, OUTCOME_STYLE, traceShape } from '../../../shared/view/palette.js';
import type { SequenceModel } from '../../../shared/view/sequence.js';
import { MARK_MERGE_PX } from '../../../shared/view/chart-layout.js';

/** Sizes a canvas for its CSS box and the screen's pixel ratio; returns a context in CSS pixels. */
export function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * dpr));
  const h = Math.max(1, Math.round(height * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (ctx === null) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

/** First position in `idx` whose event time is >= t (idx ascending, so times ascending). */
function lowerBoundBy(idx: Int32Array, times: Float64Array, t: number): number {
  let lo = 0;
  let hi = idx.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[idx[mid] ?? 0] ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface MarksInput {
  model: SequenceModel;
  geometry: LaneGeometry;
  laneHeight: number;
  /** Visible time window, UTC ms, mapped onto [0, width]. */
  domain: readonly [number, number];
  width: number;
  /** Last event index to draw (replay hides the future). */
  through: number;
  scheme: ColorScheme;
  radius: number;
}

interface Sprite {
  image: HTMLCanvasElement;
  /** Side in CSS pixels. */
  size: number;
}

const sprites = new Map<string, Sprite>();

/**
 * One pre-rendered mark per outcome, colour scheme, size and pixel ratio. Stamping a small
 * bitmap is far cheaper than filling a path with thousands of sub-paths (measured: a batched
 * path of 20,000 shapes took ~230 ms in software-rendered Chromium).
 */
function spriteFor(outcome: Outcome, scheme: ColorScheme, radius: number, dpr: number): Sprite {
  const key = `${outcome}|${scheme}|${radius}|${dpr}`;
  const cached = sprites.get(key);
  if (cached !== undefined) return cached;
  const style = OUTCOME_STYLE[outcome];
  // Largest reach is the star's 1.3 r; one pixel each side for the stroke and anti-aliasing.
  const size = Math.ceil(radius * 2.6 + 3);
  const image = document.createElement('canvas');
  image.width = Math.ceil(size * dpr);
  image.height = Math.ceil(size * dpr);
  const ctx = image.getContext('2d');
  if (ctx !== null) {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.beginPath();
    traceShape(ctx, style.shape, size / 2, size / 2, radius);
    const color = colorOf(style.color, scheme);
    if (isStroked(style.shape)) {
      ctx.lineWidth = 1.7;
      ctx.lineJoin = 'round';
      ctx.lineCap = 'round';
      ctx.strokeStyle = color;
      ctx.stroke();
    } else {
      ctx.fillStyle = color;
      ctx.fill();
    }
  }
  const sprite = { image, size };
  sprites.set(key, sprite);
  return sprite;
}

/** Zebra lanes and marks. Returns how many marks were stamped after pixel de-duplication. */
export function drawMarks(ctx: CanvasRenderingContext2D, input: MarksInput): number {
  const { model, geometry, laneHeight, domain, width, through, scheme, radius } = input;
  const { times } = model;
  const laneOf = model.layout.laneOf;
  const laneCount = model.layout.lanes.length;
  const dpr = window.devicePixelRatio || 1;

  ctx.fillStyle = scheme === 'dark' ? 'rgba(255,255,255,0.045)' : 'rgba(0,0,0,0.035)';
  for (let l = 0; l < laneCount; l += 2) ctx.fillRect(0, geometry.top[l] ?? 0, width, laneHeight);

  const [d0, d1] = domain;
  const k = width / Math.max(1, d1 - d0);
  // Marks straddling the edges are still drawn; the margin is in time units.
  const pad = (radius * 2) / k;
  const lastX = new Float64Array(laneCount);
  const laneMid = Float64Array.from(geometry.top, (top) => top + laneHeight / 2);
  let stamped = 0;

  for (const outcome of MARK_DRAW_ORDER) {
    const idx = model.byOutcome.get(outcome);
    if (idx === undefined || idx.length === 0) continue;
    const { image, size } = spriteFor(outcome, scheme, radius, dpr);
    const half = size / 2;
    const lo = lowerBoundBy(idx, times, d0 - pad);
    const hi = lowerBoundBy(idx, times, d1 + pad);
    lastX.fill(-Infinity);
    for (let j = lo; j < hi; j++) {
      const i = idx[j] ?? 0;
      if (i > through) break;
      const x = ((times[i] ?? 0) - d0) * k;
      const lane = laneOf[i] ?? 0;
      // Closer than MARK_MERGE_PX to the previous mark of this outcome in this lane: at 9 px a mark
      // 2 px away adds nothing visible, and skipping it halves the stamps of a dense year.
      if (x - (lastX[lane] ?? -Infinity) < MARK_MERGE_PX) continue;
      lastX[lane] = x;
      // Whole device pixels keep the stamped bitmap sharp.
      const left = Math.round((x - half) * dpr) / dpr;
      const top = Math.round(((laneMid[lane] ?? 0) - half) * dpr) / dpr;
      ctx.drawImage(image, left, top, size, size);
      stamped++;
    }
  }
  return stamped;
}

/**
 * Outcomes that colour the overview strip: the user explicitly refusing a prompt. Timeouts and
 * wrong passwords are everyday noise in a busy account and would colour the whole year.
 */
const REFUSALS: ReadonlySet<Outcome> = new Set<Outcome>(['denied', 'fraud_reported']);

export interface DensityInput {
  model: SequenceModel;
  /** The full time range of the overview, mapped onto [0, width]. */
  domain: readonly [number, number];
  width: number;
  height: number;
  through: number;
  scheme: ColorScheme;
}

/**
 * Overview strip: events per 2-px column on a log scale (so a burst of 15 still shows beside
 * weeks of hundreds), with refusals (denied, fraud reported) in vermillion. Reads only typed
 * arrays, never the event objects.
 */
export function drawDensity(ctx: CanvasRenderingContext2D, input: DensityInput): void {
  const { model, domain, width, height, through, scheme } = input;
  const binWidth = 2;
  const bins = Math.max(1, Math.ceil(width / binWidth));
  const all = new Uint32Array(bins);
  const bad = new Uint32Array(bins);
  const [d0, d1] = domain;
  const k = bins / Math.max(1, d1 - d0);
  const { times } = model;
  const bin = (t: number): number => Math.min(bins - 1, Math.max(0, Math.floor((t - d0) * k)));
  const last = Math.min(through, times.length - 1);
  for (let i = 0; i <= last; i++) all[bin(times[i] ?? 0)]++;
  for (const outcome of REFUSALS) {
    const idx = model.byOutcome.get(outcome);
    if (idx === undefined) continue;
    for (let j = 0; j < idx.length; j++) {
      const i = idx[j] ?? 0;
      if (i > last) break;
      bad[bin(times[i] ?? 0)]++;
    }
  }
  let max = 1;
  for (const n of all) if (n > max) max = n;
  const scale = (n: number): number => (n === 0 ? 0 : Math.max(2, (Math.log1p(n) / Math.log1p(max)) * (height - 2)));
  ctx.fillStyle = scheme === 'dark' ? 'rgba(201,204,209,0.5)' : 'rgba(61,61,61,0.4)';
  for (let b = 0; b < bins; b++) {
    const h = scale(all[b] ?? 0);
    if (h > 0) ctx.fillRect(b * binWidth, height - h, binWidth - 0.5, h);
  }
  ctx.fillStyle = colorOf('vermillion', scheme);
  for (let b = 0; b < bins; b++) {
    const h = scale(bad[b] ?? 0);
    if (h > 0) ctx.fillRect(b * binWidth, height - h, binWidth - 0.5, h);
  }
}
