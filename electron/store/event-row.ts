/**
 * The events table's columns and the mapping between an `AuthEvent` and a row, both ways.
 * Pure code, no SQL execution: the import's parse thread builds rows with it and the writer
 * thread binds them as they come.
 */
import { createHash } from 'node:crypto';
import { FACTORS, OUTCOMES, VENDORS, type AuthEvent, type Geo, type Network, type StoredEvent } from '../../shared/model/event.js';

/** Insert order. The parse side fills everything up to `raw`; the writer adds the last two. */
export const EVENT_COLUMNS = [
  'time',
  'user',
  'outcome',
  'factor',
  'vendor',
  'vendor_event',
  'reason',
  'user_display',
  'user_vendor_id',
  'src_ip',
  'src_city',
  'src_region',
  'src_country',
  'src_lat',
  'src_lon',
  'src_geo_source',
  'src_asn',
  'src_as_org',
  'dev_ip',
  'dev_name',
  'dev_city',
  'dev_region',
  'dev_country',
  'dev_lat',
  'dev_lon',
  'dev_geo_source',
  'dev_asn',
  'dev_as_org',
  'user_agent',
  'device',
  'app',
  'session_id',
  'vendor_uid',
  'user_email',
  'line',
  'record',
  'raw',
  'evidence_id',
  'dedup_key',
] as const;

/** The columns that hold numbers; every other parsed column holds text. */
export const NUMERIC_COLUMNS: ReadonlySet<string> = new Set(['time', 'src_lat', 'src_lon', 'src_asn', 'dev_lat', 'dev_lon', 'dev_asn', 'line', 'record']);

/** Length of a dedup key (the first 16 bytes of a SHA-256). */
export const DEDUP_KEY_BYTES = 16;

export type Cell = string | number | null;
/** A cell as the import binds it: text may also come as its UTF-8 bytes. */
export type BoundCell = Cell | Uint8Array;
/** Values for EVENT_COLUMNS up to and including `raw`. */
export type EventRow = Cell[];
export const ROW_PARSED_LENGTH = EVENT_COLUMNS.indexOf('raw') + 1;

/**
 * Longest normalised text kept whole. Log content is attacker-controlled and a line may be
 * 1 MiB: one 500 KB user name made its user impossible to open and the PDF report never
 * finish. Real values are far shorter (an e-mail address is at most 254 characters, a user
 * agent a few hundred); the verbatim record beside the row keeps every byte.
 */
export const FIELD_MAX_CHARS = { name: 512, long: 2048 } as const;

/**
 * `v` cut to `max` characters with a visible mark. The mark carries the whole value's length
 * and a SHA-256 prefix, so two long values that share their start stay two users.
 */
export function capField(v: string, max: number): string {
  if (v.length <= max) return v;
  const end = /[\uD800-\uDBFF]/.test(v.charAt(max - 1)) ? max - 1 : max;
  const digest = createHash('sha256').update(v).digest('hex').slice(0, 16);
  return `${v.slice(0, end)}… [truncated: ${v.length.toLocaleString('en-US')} characters, SHA-256 ${digest}…; the record holds it whole]`;
}

function text(v: unknown, max: number = FIELD_MAX_CHARS.name): string | null {
  return typeof v === 'string' ? capField(v, max) : null;
}

function real(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function whole(v: unknown): number | null {
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : null;
}

const OUTCOME_SET: ReadonlySet<string> = new Set(OUTCOMES);
const FACTOR_SET: ReadonlySet<string> = new Set(FACTORS);
const VENDOR_SET: ReadonlySet<string> = new Set(VENDORS);

/**
 * Why an event from a vendor parser cannot be stored, or undefined when it can. Parsers are
 * typed, but a bug must cost one record, not the whole file's transaction.
 */
export function eventProblem(e: AuthEvent): string | undefined {
  if (typeof e.time !== 'number' || !Number.isFinite(e.time)) return 'the event has no valid time';
  if (!VENDOR_SET.has(e.vendor)) return `unknown vendor ${JSON.stringify(e.vendor)}`;
  if (!OUTCOME_SET.has(e.outcome)) return `unknown outcome ${JSON.stringify(e.outcome)}`;
  if (e.factor !== undefined && !FACTOR_SET.has(e.factor)) return `unknown factor ${JSON.stringify(e.factor)}`;
  if (typeof e.user !== 'string') return 'the event has no user text';
  if (typeof e.vendorEvent !== 'string') return 'the event has no vendor event name';
  return undefined;
}

function place(net: Network | undefined): Cell[] {
  const g = net?.geo;
  return [text(g?.city), text(g?.region), text(g?.country), real(g?.lat), real(g?.lon), g === undefined ? null : g.source];
}

/** The row of an event that passed `eventProblem`. */
export function toEventRow(e: AuthEvent, line: number | undefined, record: number, raw: string): EventRow {
  const src = e.source;
  const dev = e.responder;
  return [
    Math.round(e.time),
    capField(e.user, FIELD_MAX_CHARS.name),
    e.outcome,
    e.factor ?? null,
    e.vendor,
    capField(e.vendorEvent, FIELD_MAX_CHARS.name),
    text(e.reason, FIELD_MAX_CHARS.long),
    text(e.userDisplay),
    text(e.userVendorId),
    text(src?.ip),
    ...place(src),
    whole(src?.asn),
    text(src?.asOrg),
    text(dev?.ip),
    text(dev?.name),
    ...place(dev),
    whole(dev?.asn),
    text(dev?.asOrg),
    text(e.userAgent, FIELD_MAX_CHARS.long),
    text(e.device, FIELD_MAX_CHARS.long),
    text(e.app, FIELD_MAX_CHARS.long),
    text(e.sessionId),
    text(e.vendorUid),
    text(e.userEmail),
    line ?? null,
    record,
    raw,
  ];
}

/** A row as read back with `SELECT *`. */
export interface EventRecordRow {
  id: number;
  time: number;
  user: string;
  outcome: string;
  factor: string | null;
  vendor: string;
  vendor_event: string;
  reason: string | null;
  user_display: string | null;
  user_vendor_id: string | null;
  src_ip: string | null;
  src_city: string | null;
  src_region: string | null;
  src_country: string | null;
  src_lat: number | null;
  src_lon: number | null;
  src_geo_source: string | null;
  src_asn: number | null;
  src_as_org: string | null;
  dev_ip: string | null;
  dev_name: string | null;
  dev_city: string | null;
  dev_region: string | null;
  dev_country: string | null;
  dev_lat: number | null;
  dev_lon: number | null;
  dev_geo_source: string | null;
  dev_asn: number | null;
  dev_as_org: string | null;
  user_agent: string | null;
  device: string | null;
  app: string | null;
  session_id: string | null;
  vendor_uid: string | null;
  user_email: string | null;
  evidence_id: number;
  line: number | null;
  record: number;
  raw: string;
}

export function geoOf(city: string | null, region: string | null, country: string | null, lat: number | null, lon: number | null, source: string | null): Geo | undefined {
  if (source !== 'vendor' && source !== 'lookup') return undefined;
  const geo: Geo = { source };
  if (city !== null) geo.city = city;
  if (region !== null) geo.region = region;
  if (country !== null) geo.country = country;
  if (lat !== null) geo.lat = lat;
  if (lon !== null) geo.lon = lon;
  return geo;
}

export function network(ip: string | null, geo: Geo | undefined, asn: number | null, asOrg: string | null): Network | undefined {
  if (ip === null) return undefined;
  const net: Network = { ip };
  if (geo !== undefined) net.geo = geo;
  if (asn !== null) net.asn = asn;
  if (asOrg !== null) net.asOrg = asOrg;
  return net;
}

export function fromEventRow(r: Omit<EventRecordRow, 'raw'>): StoredEvent {
  const e: StoredEvent = {
    id: r.id,
    time: r.time,
    vendor: r.vendor as StoredEvent['vendor'],
    user: r.user,
    outcome: r.outcome as StoredEvent['outcome'],
    vendorEvent: r.vendor_event,
    ref: r.line === null ? { evidenceId: r.evidence_id, record: r.record } : { evidenceId: r.evidence_id, line: r.line, record: r.record },
  };
  if (r.factor !== null) e.factor = r.factor as NonNullable<StoredEvent['factor']>;
  if (r.reason !== null) e.reason = r.reason;
  if (r.user_display !== null) e.userDisplay = r.user_display;
  if (r.user_vendor_id !== null) e.userVendorId = r.user_vendor_id;
  const source = network(r.src_ip, geoOf(r.src_city, r.src_region, r.src_country, r.src_lat, r.src_lon, r.src_geo_source), r.src_asn, r.src_as_org);
  if (source !== undefined) e.source = source;
  const dev = network(r.dev_ip, geoOf(r.dev_city, r.dev_region, r.dev_country, r.dev_lat, r.dev_lon, r.dev_geo_source), r.dev_asn, r.dev_as_org);
  if (dev !== undefined) e.responder = r.dev_name === null ? dev : { ...dev, name: r.dev_name };
  if (r.user_agent !== null) e.userAgent = r.user_agent;
  if (r.device !== null) e.device = r.device;
  if (r.app !== null) e.app = r.app;
  if (r.session_id !== null) e.sessionId = r.session_id;
  if (r.vendor_uid !== null) e.vendorUid = r.vendor_uid;
  if (r.user_email !== null) e.userEmail = r.user_email;
  return e;
}
