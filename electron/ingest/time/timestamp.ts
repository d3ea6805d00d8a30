/**
 * The one place where timestamp text becomes UTC milliseconds (docs/export-shapes.md §0 "Time
 * normalisation"). Forms read:
 *
 * - ISO-8601 / RFC 3339 with 0–9 fraction digits, `T` or a space, `Z` or `±hh[:]mm`, with or
 *   without seconds: `2025-06-19T02:06:05.5522137+00:00`, `2025-06-19 02:06:05`;
 * - numeric locale dates as exports render them: `6/19/2025 2:06:05 AM`,
 *   `21/04/2025, 09:45:54.000`, `19.06.2025 02:06`, `2025/06/19 02:06:05`, with or without
 *   seconds and fraction, 12-hour (AM/PM) or 24-hour, optionally followed by `Z`, `UTC` or an
 *   offset (Elastic's Azure fixtures carry `1/9/2007 10:41:00 AM +01:00`).
 *
 * Nothing is guessed. Whether `3/4/2025` is the 3rd of April or the 4th of March is the
 * file's day/month order (`TimeSettings.dateOrder`, decided from the whole file or given by
 * the analyst, see date-order.ts); a value only one order can read (`21/04/2025`) reads
 * under that order alone, and a value neither can read, or that needs an order nobody
 * decided, is rejected with the reason. A value with no zone is UTC where the vendor
 * documents UTC (`Zoneless 'utc'`), and otherwise in the analyst's `--tz` zone, or UTC when
 * none was given (the import summary says so).
 */
import { RecordError } from '../parser.js';
import { zonedToUtc } from './zone.js';

import { DATE_ORDERS, type DateOrder } from '../../../shared/api/jobs.js';

export { DATE_ORDERS, type DateOrder };

/** How the timestamps of one file are read: the same on both import threads. */
export interface TimeSettings {
  /** IANA zone of zone-less local times (`--tz`); validated before the import starts. */
  zone?: string;
  /** Day/month order of numeric dates, when decided for the file (option or evidence). */
  dateOrder?: DateOrder;
}

/** 'utc': the vendor documents the field as UTC (Entra `Date (UTC)`, `TimeGenerated`). 'local': the exporter's clock. */
export type Zoneless = 'utc' | 'local';

export const NO_TIME_SETTINGS: TimeSettings = Object.freeze({});

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i;
const LOCALE =
  /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(?:([AaPp])\.?[Mm]\.?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** Minutes east of UTC, when the text names its zone. */
  offset?: number;
}

function offsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined) return undefined;
  if (/^(z|utc|gmt)$/i.test(zone)) return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

function fraction(text: string | undefined): number {
  return text === undefined ? 0 : Number(text.slice(0, 3).padEnd(3, '0'));
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The parts make a real date and time; a leap second reads as :59. */
function valid(p: Parts): boolean {
  if (p.year < 1970 || p.year > 9999 || p.month < 1 || p.month > 12) return false;
  if (p.day < 1 || p.day > daysIn(p.year, p.month)) return false;
  // Written so that NaN (a 12-hour reading of 13 PM) fails too.
  if (!(p.hour >= 0 && p.hour <= 23 && p.minute <= 59 && p.second <= 60)) return false;
  return p.offset === undefined || Math.abs(p.offset) <= 18 * 60;
}

function toUtc(p: Parts, zoneless: Zoneless, settings: TimeSettings, shown: string): number {
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, Math.min(p.second, 59), p.ms);
  if (p.offset !== undefined) return wall - p.offset * 60_000;
  if (zoneless === 'utc' || settings.zone === undefined) return wall;
  return zonedToUtc(wall, settings.zone, shown);
}

function isoParts(m: RegExpExecArray): Parts {
  const offset = offsetMinutes(m[8]);
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6] ?? '0'),
    ms: fraction(m[7]),
    ...(offset === undefined ? {} : { offset }),
  };
}

/** Hour of a 12-hour clock reading, or NaN when it is not one. */
function hour24(hour: number, meridiem: string | undefined): number {
  if (meridiem === undefined) return hour;
  if (hour < 1 || hour > 12) return Number.NaN;
  return (hour % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
}

/** Which orders can read a numeric `a/b/year` date: both, one, or none. */
function readableOrders(a: number, b: number): DateOrder[] {
  const orders: DateOrder[] = [];
  if (a >= 1 && a <= 31 && b >= 1 && b <= 12) orders.push('dmy');
  if (a >= 1 && a <= 12 && b >= 1 && b <= 31) orders.push('mdy');
  return orders;
}

const ORDER_NAMES: { readonly [O in DateOrder]: string } = { dmy: 'day/month', mdy: 'month/day' };

function unreadable(shown: string, a: number, b: number, orders: readonly DateOrder[], given: DateOrder | undefined): string {
  if (orders.length === 0) return `${shown} is not a date in either day/month order`;
  if (given !== undefined) return `${shown} is not a date in this file's ${ORDER_NAMES[given]} order (it reads only as ${ORDER_NAMES[orders[0] ?? 'dmy']})`;
  return `${shown} could be ${a}/${b} as day/month or as month/day, and nothing in the file decides which; give the order (--date-order dmy or mdy)`;
}

function localeParts(m: RegExpExecArray, settings: TimeSettings, shown: string): Parts {
  const [, first = '', , second = '', third = '', h = '', min = '', sec, frac, meridiem, zone] = m;
  const offset = offsetMinutes(zone);
  const time = { hour: hour24(Number(h), meridiem), minute: Number(min), second: Number(sec ?? '0'), ms: fraction(frac) };
  const zoned = offset === undefined ? {} : { offset };
  if (first.length === 4) return { year: Number(first), month: Number(second), day: Number(third), ...time, ...zoned };
  if (third.length !== 4) throw new RecordError(`${shown} is not a date PushTrail reads (a four-digit year must come first or last)`);
  const a = Number(first);
  const b = Number(second);
  const orders = readableOrders(a, b);
  const given = settings.dateOrder;
  // A day equal to its month reads the same either way.
  const order = a === b && orders.length > 0 ? 'dmy' : given !== undefined && orders.includes(given) ? given : given === undefined && orders.length === 1 ? orders[0] : undefined;
  if (order === undefined) throw new RecordError(unreadable(shown, a, b, orders, given));
  const [day, month] = order === 'dmy' ? [a, b] : [b, a];
  return { year: Number(third), month, day, ...time, ...zoned };
}

/**
 * UTC milliseconds of `text`; undefined when it is no timestamp form read here (the caller
 * names the field in its own message). Throws RecordError for a timestamp that is recognisably
 * one but cannot be read exactly (impossible date, ambiguous order, a zone's skipped hour).
 */
export function readTimestamp(text: string | undefined, settings: TimeSettings, zoneless: Zoneless): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  const shown = JSON.stringify(t.length > 60 ? `${t.slice(0, 60)}...` : t);
  const iso = ISO.exec(t);
  let parts: Parts;
  if (iso !== null) parts = isoParts(iso);
  else {
    const locale = LOCALE.exec(t);
    if (locale === null) return undefined;
    parts = localeParts(locale, settings, shown);
  }
  if (!valid(parts)) throw new RecordError(`${shown} is not a valid date and time`);
  return toUtc(parts, zoneless, settings, shown);
}

/** ISO-8601 only, zone-less meaning UTC: the vendors' documented API fields. Never throws. */
export function isoTimestamp(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = ISO.exec(text.trim());
  if (m === null) return undefined;
  const parts = isoParts(m);
  if (!valid(parts)) return undefined;
  return toUtc(parts, 'utc', NO_TIME_SETTINGS, '');
}
