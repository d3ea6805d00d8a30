/**
 * Safe reads from vendor records, which are attacker-influenced JSON of unknown shape:
 * every accessor checks the type it returns and never throws.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follow a dotted path ("client.geographicalContext.city") through nested objects. */
export function at(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** A non-empty string at `path`, or undefined. Numbers are given as their decimal text. */
export function str(value: unknown, path: string): string | undefined {
  const v = at(value, path);
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** A finite number at `path` (numeric strings accepted), or undefined. */
export function num(value: unknown, path: string): number | undefined {
  const v = at(value, path);
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function obj(value: unknown, path: string): JsonObject | undefined {
  const v = at(value, path);
  return isObject(v) ? v : undefined;
}

export function arr(value: unknown, path: string): unknown[] {
  const v = at(value, path);
  return Array.isArray(v) ? v : [];
}

/**
 * Parse an ISO-8601 timestamp to UTC milliseconds. A timestamp without a zone is taken as
 * UTC, which is what every vendor here documents for such fields (M365 CreationTime, ...).
 * Returns undefined for text that is not a timestamp.
 */
export function isoTime(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(t)) return undefined;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(t) ? t : `${t}Z`;
  const ms = Date.parse(zoned.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms : undefined;
}

/** Canonical user identity: trimmed and lower-case. */
export function canonicalUser(name: string | undefined): string {
  return (name ?? '').trim().toLowerCase();
}

/**
 * Strip a port from an address as vendors write it: `1.2.3.4:443`, `[v6]:443`, `v6#443`,
 * `v6 port 443`. A bare IPv6 address is returned unchanged.
 */
export function stripPort(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  const a = address.trim();
  if (a === '') return undefined;
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d+)?$/i.exec(a);
  if (bracketed) return bracketed[1];
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(a);
  if (v4) return v4[1];
  const hashOrWord = /^([0-9a-f:.]+)(?:#\d+| port \d+)$/i.exec(a);
  if (hashOrWord) return hashOrWord[1];
  return a;
}
