/**
 * Colours and mark shapes of the sequence views. Every outcome has a SHAPE as well as a
 * colour so nothing depends on colour vision; the colours are the Okabe–Ito set, chosen to
 * stay distinct under the common colour-vision deficiencies. Canvas and SVG draw the same
 * shapes through `traceShape`, so the dense canvas layer and the SVG highlights match.
 */
import type { Severity } from '../model/case.js';
import type { Outcome } from '../model/event.js';

export type ColorScheme = 'light' | 'dark';

export type PaletteColor = 'neutral' | 'orange' | 'sky' | 'green' | 'yellow' | 'blue' | 'vermillion' | 'purple';

/**
 * Okabe–Ito. Each scheme keeps the hues but moves lightness so every mark reaches 3:1 against
 * its background (WCAG 1.4.11, checked by test/unit/view/contrast.test.ts): on light, orange,
 * sky, yellow and purple are darkened; on dark, black, blue and vermillion are lightened.
 */
export const OKABE_ITO: Readonly<Record<ColorScheme, Readonly<Record<PaletteColor, string>>>> = {
  light: {
    neutral: '#3d3d3d',
    orange: '#b87f00',
    sky: '#4692bd',
    green: '#009e73',
    yellow: '#928b28',
    blue: '#0072b2',
    vermillion: '#d55e00',
    purple: '#be719b',
  },
  dark: {
    neutral: '#c9ccd1',
    orange: '#e69f00',
    sky: '#56b4e9',
    green: '#19c08f',
    yellow: '#f0e442',
    blue: '#4aa3df',
    vermillion: '#ff7b2e',
    purple: '#e08fbd',
  },
};

export function colorOf(color: PaletteColor, scheme: ColorScheme): string {
  return OKABE_ITO[scheme][color];
}

export type MarkShape =
  | 'circle'
  | 'ring'
  | 'square'
  | 'squareOpen'
  | 'triangleUp'
  | 'triangleDown'
  | 'diamond'
  | 'diamondOpen'
  | 'cross'
  | 'plus'
  | 'star'
  | 'dot';

/** Shapes drawn as outlines (stroked); all others are filled. */
const STROKED: ReadonlySet<MarkShape> = new Set<MarkShape>(['ring', 'squareOpen', 'diamondOpen', 'cross', 'plus']);

export function isStroked(shape: MarkShape): boolean {
  return STROKED.has(shape);
}

export interface MarkStyle {
  shape: MarkShape;
  color: PaletteColor;
  /** Human name of the outcome, used in legends and descriptions. */
  label: string;
}

/**
 * One style per outcome. The four responses an investigator reads first (approved, denied,
 * timed out, fraud) get four different shapes AND four hues that separate under
 * deuteranopia and protanopia (green / vermillion / orange / purple).
 */
export const OUTCOME_STYLE: Readonly<Record<Outcome, MarkStyle>> = {
  approved: { shape: 'circle', color: 'green', label: 'Approved' },
  denied: { shape: 'cross', color: 'vermillion', label: 'Denied' },
  timeout: { shape: 'triangleDown', color: 'orange', label: 'Timed out' },
  fraud_reported: { shape: 'star', color: 'purple', label: 'Fraud reported' },
  failed_other: { shape: 'diamond', color: 'vermillion', label: 'Failed (other)' },
  challenge_sent: { shape: 'triangleUp', color: 'blue', label: 'Challenge sent' },
  factor_change: { shape: 'plus', color: 'purple', label: 'Factor changed' },
  mfa_required: { shape: 'diamondOpen', color: 'blue', label: 'MFA required' },
  auth_success: { shape: 'square', color: 'neutral', label: 'Sign-in succeeded' },
  auth_failure: { shape: 'squareOpen', color: 'vermillion', label: 'Sign-in failed' },
  session_start: { shape: 'ring', color: 'neutral', label: 'Session started' },
  other: { shape: 'dot', color: 'neutral', label: 'Other' },
};

/** Finding severities: colour for the span, but the severity is always written out too. */
export const SEVERITY_COLOR: Readonly<Record<Severity, PaletteColor>> = {
  critical: 'vermillion',
  high: 'orange',
  medium: 'yellow',
  low: 'sky',
  info: 'neutral',
};

/** The subset of CanvasRenderingContext2D / d3-path that shapes are traced with. */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, r: number, a0: number, a1: number): void;
  closePath(): void;
}

const TAU = Math.PI * 2;

function polygon(sink: PathSink, points: readonly (readonly [number, number])[]): void {
  const [first, ...rest] = points;
  if (first === undefined) return;
  sink.moveTo(first[0], first[1]);
  for (const [px, py] of rest) sink.lineTo(px, py);
  sink.closePath();
}

/**
 * Adds one mark of `shape`, centred on (x, y) with nominal radius r, to the current path.
 * Sizes are balanced by eye so a square, a triangle and a circle look equally heavy.
 */
export function traceShape(sink: PathSink, shape: MarkShape, x: number, y: number, r: number): void {
  switch (shape) {
    case 'circle':
    case 'ring':
      sink.moveTo(x + r, y);
      sink.arc(x, y, r, 0, TAU);
      return;
    case 'dot':
      sink.moveTo(x + r * 0.55, y);
      sink.arc(x, y, r * 0.55, 0, TAU);
      return;
    case 'square':
    case 'squareOpen': {
      const h = r * 0.88;
      polygon(sink, [
        [x - h, y - h],
        [x + h, y - h],
        [x + h, y + h],
        [x - h, y + h],
      ]);
      return;
    }
    case 'triangleUp':
      polygon(sink, [
        [x, y - r * 1.15],
        [x + r * 1.05, y + r * 0.8],
        [x - r * 1.05, y + r * 0.8],
      ]);
      return;
    case 'triangleDown':
      polygon(sink, [
        [x, y + r * 1.15],
        [x - r * 1.05, y - r * 0.8],
        [x + r * 1.05, y - r * 0.8],
      ]);
      return;
    case 'diamond':
    case 'diamondOpen':
      polygon(sink, [
        [x, y - r * 1.25],
        [x + r, y],
        [x, y + r * 1.25],
        [x - r, y],
      ]);
      return;
    case 'cross': {
      const h = r * 0.9;
      sink.moveTo(x - h, y - h);
      sink.lineTo(x + h, y + h);
      sink.moveTo(x + h, y - h);
      sink.lineTo(x - h, y + h);
      return;
    }
    case 'plus':
      sink.moveTo(x - r, y);
      sink.lineTo(x + r, y);
      sink.moveTo(x, y - r);
      sink.lineTo(x, y + r);
      return;
    case 'star': {
      const outer = r * 1.3;
      const inner = outer * 0.45;
      const points: [number, number][] = [];
      for (let i = 0; i < 10; i++) {
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        const rr = i % 2 === 0 ? outer : inner;
        points.push([x + rr * Math.cos(a), y + rr * Math.sin(a)]);
      }
      polygon(sink, points);
      return;
    }
  }
}

const fmt = (n: number): string => String(Math.round(n * 100) / 100);

/** A PathSink that writes SVG path data, for legends and the few marks drawn in SVG. */
export class SvgPath implements PathSink {
  private d = '';
  moveTo(x: number, y: number): void {
    this.d += `M${fmt(x)},${fmt(y)}`;
  }
  lineTo(x: number, y: number): void {
    this.d += `L${fmt(x)},${fmt(y)}`;
  }
  closePath(): void {
    this.d += 'Z';
  }
  /** Clockwise arc; a full turn is split in two because one SVG arc cannot close on itself. */
  arc(x: number, y: number, r: number, a0: number, a1: number): void {
    const sweep = Math.min(a1 - a0, TAU);
    const at = (a: number): string => `${fmt(x + r * Math.cos(a))},${fmt(y + r * Math.sin(a))}`;
    this.d += this.d === '' ? `M${at(a0)}` : `L${at(a0)}`;
    if (sweep >= TAU - 1e-9) {
      this.d += `A${fmt(r)},${fmt(r)} 0 1 1 ${at(a0 + Math.PI)}A${fmt(r)},${fmt(r)} 0 1 1 ${at(a0)}`;
    } else {
      this.d += `A${fmt(r)},${fmt(r)} 0 ${sweep > Math.PI ? 1 : 0} 1 ${at(a0 + sweep)}`;
    }
  }
  toString(): string {
    return this.d;
  }
}

/** SVG path data for one mark centred on the origin. */
export function shapePath(shape: MarkShape, r: number, x = 0, y = 0): string {
  const p = new SvgPath();
  traceShape(p, shape, x, y, r);
  return p.toString();
}
