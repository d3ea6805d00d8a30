/** Every time PushTrail shows is formatted here, in the case's display zone, with the zone named. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** "2026-11-29 04:52:54 UTC" in the given IANA zone. */
export function formatTime(ms: number, zone: string): string {
  const parts = Object.fromEntries(formatter(zone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const name = zone === 'UTC' ? 'UTC' : (parts['timeZoneName'] ?? zone);
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}:${parts['second']} ${name}`;
}

/** Zones offered in the display setting; any IANA zone is accepted by the backend. */
export const COMMON_ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
];

/** Wall-clock fields of an instant in a zone. */
function wallClock(ms: number, zone: string): Record<string, string> {
  return Object.fromEntries(formatter(zone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
}

/** "2026-11-29T02:31:05": the value of an `<input type="datetime-local" step="1">` for an instant in a zone. */
export function toZonedInput(ms: number, zone: string): string {
  const p = wallClock(ms, zone);
  return `${p['year']}-${p['month']}-${p['day']}T${p['hour']}:${p['minute']}:${p['second']}`;
}

/**
 * The instant a wall-clock time names in a zone ("2026-11-29T02:31" or with seconds), as UTC
 * milliseconds; null when the text is not such a time. In a daylight-saving gap the time is
 * read with the offset before the change; in an overlap, the earlier of the two instants.
 */
export function parseZonedTime(local: string, zone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (m === null) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  // The zone's offset at an instant: its wall clock there minus the instant itself.
  const offsetAt = (ms: number): number => {
    const p = wallClock(ms, zone);
    return Date.UTC(Number(p['year']), Number(p['month']) - 1, Number(p['day']), Number(p['hour']), Number(p['minute']), Number(p['second'])) - ms;
  };
  const candidates = [...new Set([offsetAt(asUtc - 86_400_000), offsetAt(asUtc + 86_400_000)])].map((o) => asUtc - o);
  const exact = candidates.filter((t) => toZonedInput(t, zone) === `${local.trim().replace(' ', 'T')}${m[6] === undefined ? ':00' : ''}`);
  return exact.length > 0 ? Math.min(...exact) : (candidates[0] ?? null);
}
