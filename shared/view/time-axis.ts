/**
 * Time-axis helpers for the display zone. Tick positions are computed by the renderer (d3) on
 * a zone-shifted clock; the labels are cut from `formatTime` so the axis can never disagree
 * with the rest of the UI about what time it is.
 */
import { formatTime } from '../format/time.js';

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds to add to a UTC instant to get the zone's wall-clock reading (DST included). */
export function zoneOffsetMs(ms: number, zone: string): number {
  if (zone === 'UTC') return 0;
  let f = offsetFormatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(zone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p['year'] ?? 1970, (p['month'] ?? 1) - 1, p['day'] ?? 1, p['hour'] ?? 0, p['minute'] ?? 0, p['second'] ?? 0);
  // Sub-second part is lost by the formatter; compare at whole seconds.
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * A short tick label. `stepMs` is the spacing between ticks; `previous` the preceding tick, so
 * the date is repeated only when it changes.
 *   step >= 1 day:   "2026-02-12"
 *   step >= 1 min:   "02:31", or "02-12 02:31" on the first tick of a day
 *   below:           "02:31:07"
 */
export function tickLabel(ms: number, zone: string, stepMs: number, previous?: number): string {
  const full = formatTime(ms, zone); // "YYYY-MM-DD HH:MM:SS ZONE"
  const date = full.slice(0, 10);
  const hm = full.slice(11, 16);
  if (stepMs >= DAY) return date;
  const newDay = previous === undefined || formatTime(previous, zone).slice(0, 10) !== date;
  if (stepMs >= MINUTE) return newDay ? `${date.slice(5)} ${hm}` : hm;
  const hms = full.slice(11, 19);
  return newDay ? `${date.slice(5)} ${hms}` : hms;
}

export interface Ticks {
  values: number[];
  labels: string[];
}

/**
 * Axis ticks at round times of the display zone, labelled through formatTime. `utcTicks` gives
 * round UTC instants between two times (d3's scaleUtc().ticks in the app and the report);
 * shifting the domain by the zone's offset first puts them at round local times instead
 * (midnight in the display zone, not in UTC). One offset for the whole window: across a DST
 * change the ticks land an hour off round, never mislabelled.
 */
export function zoneTicks(d0: number, d1: number, zone: string, utcTicks: (from: number, to: number) => number[]): Ticks {
  const off = zoneOffsetMs((d0 + d1) / 2, zone);
  const values = utcTicks(d0 + off, d1 + off).map((t) => t - off);
  const a = values[0];
  const b = values[1];
  const stepMs = a !== undefined && b !== undefined ? b - a : d1 - d0;
  const labels = values.map((v, i) => tickLabel(v, zone, stepMs, i === 0 ? undefined : values[i - 1]));
  return { values, labels };
}

/** "3 d 4 h", "26 min", "12 s": a duration for people. */
export function formatDuration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 === 0 || m >= 10 ? `${m} min` : `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}
