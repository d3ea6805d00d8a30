/**
 * Local time for the generated people. The generator writes its own small daylight-saving
 * rules instead of asking Intl/ICU: ICU's zone data differs between Node builds, and the same
 * seed must give byte-identical files everywhere. The rules are those in force in the 2020s.
 */

/** Daylight-saving rule families used by the places in `places.ts`. */
export type DstRule = 'none' | 'eu' | 'us' | 'au';

export interface Zone {
  /** IANA name, for labels and people's profiles only. */
  id: string;
  /** Standard-time offset east of UTC, in minutes. */
  std: number;
  dst: DstRule;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** UTC midnight of the n-th (1-based) `weekday` (0 = Sunday) of a month; n = -1 means the last. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = Date.UTC(year, month, 1);
    const shift = (weekday - new Date(first).getUTCDay() + 7) % 7;
    return first + (shift + (n - 1) * 7) * DAY_MS;
  }
  const last = Date.UTC(year, month + 1, 0);
  const back = (new Date(last).getUTCDay() - weekday + 7) % 7;
  return last - back * DAY_MS;
}

/** Is daylight-saving time in force at `utc` (UTC milliseconds)? */
function inDst(zone: Zone, utc: number): boolean {
  const year = new Date(utc).getUTCFullYear();
  const hour = 3_600_000;
  switch (zone.dst) {
    case 'none':
      return false;
    case 'eu':
      // Last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC, everywhere at once.
      return utc >= nthWeekday(year, 2, 0, -1) + hour && utc < nthWeekday(year, 9, 0, -1) + hour;
    case 'us': {
      // Second Sunday of March 02:00 local standard time to first Sunday of November 02:00 local daylight time.
      const start = nthWeekday(year, 2, 0, 2) + 2 * hour - zone.std * MINUTE_MS;
      const end = nthWeekday(year, 10, 0, 1) + 2 * hour - (zone.std + 60) * MINUTE_MS;
      return utc >= start && utc < end;
    }
    case 'au': {
      // Southern hemisphere: off from first Sunday of April 03:00 local daylight time,
      // on from first Sunday of October 02:00 local standard time.
      const end = nthWeekday(year, 3, 0, 1) + 3 * hour - (zone.std + 60) * MINUTE_MS;
      const start = nthWeekday(year, 9, 0, 1) + 2 * hour - zone.std * MINUTE_MS;
      return utc < end || utc >= start;
    }
  }
}

/** Offset east of UTC in minutes at the instant `utc`. */
export function utcOffset(zone: Zone, utc: number): number {
  return zone.std + (inDst(zone, utc) ? 60 : 0);
}

/**
 * UTC instant of a local wall-clock time: `dayUtc` is UTC midnight of the local calendar date,
 * `minutes` the minutes after local midnight (may exceed 1440 for a night that runs past midnight).
 */
export function localToUtc(zone: Zone, dayUtc: number, minutes: number): number {
  const guess = dayUtc + minutes * MINUTE_MS - zone.std * MINUTE_MS;
  // One correction step is enough: offsets change by at most an hour.
  return Math.round(dayUtc + minutes * MINUTE_MS - utcOffset(zone, guess) * MINUTE_MS);
}

/** Local hour (0-23, fractional) of an instant. */
export function localHour(zone: Zone, utc: number): number {
  const local = utc + utcOffset(zone, utc) * MINUTE_MS;
  return (((local % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000;
}

/** Local weekday (0 = Sunday) of the local calendar date starting at UTC midnight `dayUtc`. */
export function weekday(dayUtc: number): number {
  return new Date(dayUtc).getUTCDay();
}

export { DAY_MS, MINUTE_MS };
