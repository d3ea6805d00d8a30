/**
 * Safe reads from vendor records, which are attacker-influenced JSON of unknown shape:
 * every accessor checks the type it returns and never throws. Vendor-neutral helpers only;
 * what one vendor or one group of vendors means by a field stays in its own module.
 */
import { isIP } from 'node:net';
import type { Geo } from '../../../shared/model/event.js';
import { ipv4Number } from '../geo/ip-number.js';
import { countryCode } from './country.js';
import { isoTimestamp } from '../time/timestamp.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------
// Values

/** A non-empty string as stored (untrimmed), a finite number as its decimal text; otherwise undefined. */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    // Read for nearly every field of every record: text that starts with a printable ASCII
    // character (never white space) is not blank, and is spared the trim.
    const first = value.charCodeAt(0);
    if (first > 0x20 && first < 0x7f) return value;
    return value.trim() === '' ? undefined : value;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A finite number, or non-blank text that `Number` reads as one (" 12 ", "1e3"); otherwise undefined. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Stricter than `asNumber`: a finite number, or text that is a plain decimal ("-12", " 3.5 "); otherwise undefined. */
export function asDecimal(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** A boolean, or the text true / false in any case; otherwise undefined. */
export function asBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return undefined;
}

export function asObject(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value of JSON text, or undefined when the text is not JSON. Never throws. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------
// Paths

/**
 * Field names and dotted paths are literals of the vendor modules, read for every record:
 * each is prepared once (split, lower-cased) and kept. The bound only guards against a caller
 * that builds names from data.
 */
const PREPARED_LIMIT = 10_000;

interface Name {
  exact: string;
  lower: string;
  /** Printable ASCII: a key can only match it case-insensitively if it has the same length. */
  ascii: boolean;
}

const names = new Map<string, Name>();
const paths = new Map<string, readonly string[]>();
const splitPaths = new Map<string, readonly Name[]>();

function nameOf(key: string): Name {
  let name = names.get(key);
  if (name === undefined) {
    name = { exact: key, lower: key.toLowerCase(), ascii: /^[ -~]*$/.test(key) };
    if (names.size < PREPARED_LIMIT) names.set(key, name);
  }
  return name;
}

function keysOf(path: string): readonly string[] {
  let keys = paths.get(path);
  if (keys === undefined) {
    keys = path.split('.');
    if (paths.size < PREPARED_LIMIT) paths.set(path, keys);
  }
  return keys;
}

function namesOf(path: string): readonly Name[] {
  let list = splitPaths.get(path);
  if (list === undefined) {
    list = keysOf(path).map(nameOf);
    if (splitPaths.size < PREPARED_LIMIT) splitPaths.set(path, list);
  }
  return list;
}

/** Follow a dotted path ("client.geographicalContext.city") through nested objects. */
export function at(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of keysOf(path)) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

function matchKey(object: JsonObject, name: Name): unknown {
  if (Object.hasOwn(object, name.exact)) return object[name.exact];
  // Most lookups that get here are fields the record does not have: the length test spares
  // lower-casing every key of the object for each of them.
  for (const k in object) {
    if (name.ascii && k.length !== name.exact.length) continue;
    if (k.toLowerCase() === name.lower && Object.hasOwn(object, k)) return object[k];
  }
  return undefined;
}

/** An own property, matched exactly first and then case-insensitively. */
export function ciKey(object: JsonObject, key: string): unknown {
  return matchKey(object, nameOf(key));
}

/** True when `path` names a nested field (has a dot). */
export function isDotted(path: string): boolean {
  return keysOf(path).length > 1;
}

const asStored = (container: unknown): unknown => container;

/**
 * Follow a dotted path matching each key with `ciKey` (camelCase, PascalCase and lower-cased
 * exports of one field are the same field). `open` is applied to every value before it is
 * entered (a vendor may decode JSON text there); the final value is returned as stored.
 */
export function ciAt(value: unknown, path: string, open: (container: unknown) => unknown = asStored): unknown {
  const exact = open === asStored ? exactAt(value, path) : undefined;
  return exact !== undefined ? exact : ciPath(value, path, open);
}

/**
 * `ciAt` for keys spelt exactly as given, or undefined. Exports nearly always spell keys as
 * documented: this costs a property read per key, and only a miss pays for the case-insensitive
 * search (which tries exact matches first, so the two agree). About a tenth of the time of
 * reading an Okta record.
 */
function exactAt(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of keysOf(path)) {
    if (!isObject(current)) return undefined;
    // A parsed record holds no functions: a function is the prototype's, not the record's.
    const next = key === '__proto__' ? undefined : current[key];
    current = typeof next === 'function' ? undefined : next;
  }
  return current;
}

function ciPath(value: unknown, path: string, open: (container: unknown) => unknown): unknown {
  let current: unknown = value;
  for (const name of namesOf(path)) {
    const container = open(current);
    if (!isObject(container)) return undefined;
    current = matchKey(container, name);
  }
  return current;
}

/** A non-empty string at `path`, or undefined. Numbers are given as their decimal text. */
export function str(value: unknown, path: string): string | undefined {
  return asText(at(value, path));
}

/** A finite number at `path` (numeric strings accepted), or undefined. */
export function num(value: unknown, path: string): number | undefined {
  return asNumber(at(value, path));
}

export function obj(value: unknown, path: string): JsonObject | undefined {
  return asObject(at(value, path));
}

export function arr(value: unknown, path: string): unknown[] {
  return asArray(at(value, path));
}

// ---------------------------------------------------------------------------------------
// Small utilities

/** First of several candidate values that is set. */
export function firstOf<T>(...values: (T | undefined)[]): T | undefined {
  for (const v of values) if (v !== undefined) return v;
  return undefined;
}

/** Copy of an object without its undefined properties, so events carry only what the record gave. */
export function prune<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  // for-in rather than Object.entries: no array of pairs per object (events are built per record).
  for (const k in source) {
    const v = source[k];
    if (v !== undefined && Object.hasOwn(source, k)) out[k] = v;
  }
  return out as T;
}

/** Join the parts that are set and non-empty; undefined when nothing is left. */
export function joinParts(parts: ReadonlyArray<string | undefined>, separator: string): string | undefined {
  let joined: string | undefined;
  for (const p of parts) if (p !== undefined && p !== '') joined = joined === undefined ? p : joined + separator + p;
  return joined;
}

/**
 * A vendor-supplied location from whatever parts the record gave; undefined when it gave
 * none. Coordinates are kept only as a pair.
 */
export function vendorGeo(parts: { city?: string; region?: string; country?: string; lat?: number; lon?: number }): Geo | undefined {
  const geo: Geo = { source: 'vendor' };
  if (parts.city !== undefined) geo.city = parts.city;
  if (parts.region !== undefined) geo.region = parts.region;
  if (parts.country !== undefined) geo.country = countryCode(parts.country);
  if (parts.lat !== undefined && parts.lon !== undefined) {
    geo.lat = parts.lat;
    geo.lon = parts.lon;
  }
  return Object.keys(geo).length > 1 ? geo : undefined;
}

// ---------------------------------------------------------------------------------------
// Time, identity, addresses

/**
 * An ISO-8601 timestamp as UTC milliseconds (a timestamp without a zone is taken as UTC, which
 * is what every vendor here documents for such fields: M365 CreationTime, ...); undefined for
 * text that is not one. Other forms and zones: time/timestamp.ts.
 */
export const isoTime = isoTimestamp;

/** Canonical user identity: trimmed and lower-case. */
export function canonicalUser(name: string | undefined): string {
  return (name ?? '').trim().toLowerCase();
}

/**
 * The source or device address of a record, validated: an IPv4 or IPv6 literal with any port
 * or brackets removed (`1.2.3.4:5678`, `[2001:db8::1]:443`, `v6#443`, `v6 port 443`, and the
 * `v6:port` / `v6.port` / `v6pport` suffixes Duo writes), else undefined. Vendors put host
 * names, `-`, `N/A`, `unknown`, `<IP ADDRESS>` or scrubbed values where an address goes;
 * those stay in the verbatim record and never become an address. Every vendor parser reads
 * addresses through this one function.
 */
export function ipAddress(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const a = text.trim();
  if (a === '') return undefined;
  // Nearly every address is a bare IPv4 one: checked by hand, without a regular expression.
  if (ipv4Number(a) !== undefined) return a;
  const address = withoutPort(a);
  if (address === undefined) return undefined;
  if (isIP(address) !== 0) return address;
  // An IPv6 address with a bare `:port`, `.port` or `pport` suffix: cut only when what is left is valid.
  const suffixed = /^([0-9a-f:.]+?)(?::|\.|p)\d{1,5}$/i.exec(address);
  return suffixed?.[1] !== undefined && isIP(suffixed[1]) === 6 ? suffixed[1] : undefined;
}

function withoutPort(a: string): string | undefined {
  if (!a.includes(':') && !a.includes('[') && !a.includes('#') && !a.includes(' ')) return a;
  const bracketed = /^\[([0-9a-f:.%]+)\](?::\d{1,5})?$/i.exec(a);
  if (bracketed) return bracketed[1];
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(a);
  if (v4) return v4[1];
  const hashOrWord = /^([0-9a-f:.]+)(?:#\d{1,5}| port \d{1,5})$/i.exec(a);
  if (hashOrWord) return hashOrWord[1];
  return a;
}
