/** Geography of networks: distances, comparisons, and how a place is written in a summary. */
import type { RuleEvent } from '../rule.js';
import type { Network } from '../../model/event.js';

const EARTH_RADIUS_KM = 6371.0088;

function rad(deg: number): number {
  return (deg * Math.PI) / 180;
}

/** Great-circle distance (haversine) in km. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface Coordinates {
  lat: number;
  lon: number;
}

export function coordinatesOf(net: Network | undefined): Coordinates | null {
  const lat = net?.geo?.lat;
  const lon = net?.geo?.lon;
  if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  // (0,0) is what some geo databases return for "unknown"; nobody signs in from the Gulf of Guinea.
  if (lat === 0 && lon === 0) return null;
  return { lat, lon };
}

/** Country in a comparable form ("nl" and "NL" are one country), or null. */
export function countryOf(net: Network | undefined): string | null {
  const c = net?.geo?.country;
  if (c === undefined) return null;
  // Almost every value is already an ISO code: returned as it is, without the two new strings
  // trimming and upper-casing make (this runs for every event in several rules).
  if (c.length === 2 && isCapital(c.charCodeAt(0)) && isCapital(c.charCodeAt(1))) return c;
  const t = c.trim();
  return t === '' ? null : t.toUpperCase();
}

const isCapital = (code: number): boolean => code >= 65 && code <= 90;

export function distanceKm(a: Network | undefined, b: Network | undefined): number | null {
  const p = coordinatesOf(a);
  const q = coordinatesOf(b);
  return p === null || q === null ? null : haversineKm(p.lat, p.lon, q.lat, q.lon);
}

export type PlaceComparison = { verdict: 'agree' | 'differ' | 'unknown'; km: number | null };

/**
 * Whether two networks are in roughly the same place. With coordinates on both sides the
 * distance decides (so Basel and Lörrach agree across a border, and New York and Los Angeles
 * differ inside one country); otherwise the countries decide; otherwise we cannot tell.
 * IP addresses alone never decide: a phone on a mobile network always has another IP than the laptop.
 */
export function comparePlaces(a: Network | undefined, b: Network | undefined, minDistanceKm: number): PlaceComparison {
  const km = distanceKm(a, b);
  if (km !== null) return { verdict: km >= minDistanceKm ? 'differ' : 'agree', km };
  const ca = countryOf(a);
  const cb = countryOf(b);
  if (ca !== null && cb !== null) return { verdict: ca === cb ? 'agree' : 'differ', km: null };
  return { verdict: 'unknown', km: null };
}

/** "Amsterdam, NL", "NL", or null when the network has no geography. */
export function placeOf(net: Network | undefined): string | null {
  const geo = net?.geo;
  if (geo === undefined) return null;
  const parts = [geo.city, geo.country].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return parts.length === 0 ? null : parts.join(', ');
}

/** "45.155.205.77 (Amsterdam, NL, AS49505)" */
export function describeNetwork(net: Network): string {
  const extra = [placeOf(net), net.asn === undefined ? null : `AS${net.asn}`].filter((p): p is string => p !== null);
  return extra.length === 0 ? net.ip : `${net.ip} (${extra.join(', ')})`;
}

/** Most addresses named one by one in a summary; beyond this they are counted, countries and networks listed. */
const LISTED_ADDRESSES = 3;

/**
 * Sentence fragment naming where a set of events came from, empty when no event has a source:
 *   one address:          "from 45.155.205.77 (Amsterdam, NL, AS49505)"
 *   one address dominates: "from 3 addresses, mostly 45.155.205.77 (...) (7 of 9)"
 *   spread out (proxies):  "from 12 addresses in 9 countries (BR, DE, ...) on 11 networks (AS7922, ...)"
 * "Mostly" only when one address holds more than half of the events: rotating proxies use each
 * address once, and naming one of them as "mostly" used would be false.
 */
export function describeSources(events: Iterable<RuleEvent>): { text: string; ips: string[] } {
  const byIp = new Map<string, { net: Network; count: number }>();
  let total = 0;
  for (const e of events) {
    if (e.source === undefined || e.source.ip === '') continue;
    total++;
    const entry = byIp.get(e.source.ip);
    if (entry === undefined) byIp.set(e.source.ip, { net: e.source, count: 1 });
    else entry.count++;
  }
  const ranked = [...byIp.values()].sort((x, y) => y.count - x.count || (x.net.ip < y.net.ip ? -1 : 1));
  const top = ranked[0];
  const ips = ranked.map((r) => r.net.ip);
  if (top === undefined) return { text: '', ips };
  if (ranked.length === 1) return { text: `from ${describeNetwork(top.net)}`, ips };
  if (top.count * 2 > total) return { text: `from ${ranked.length} addresses, mostly ${describeNetwork(top.net)} (${top.count} of ${total})`, ips };
  const spread = spreadOf(ranked.map((r) => r.net));
  const named = ranked.length <= LISTED_ADDRESSES ? `: ${ranked.map((r) => describeNetwork(r.net)).join(', ')}` : '';
  return { text: `from ${ranked.length} addresses${spread}${named}`, ips };
}

/** " in 9 countries (BR, DE, ...) on 11 networks (AS7922, ...)": the spread of a set of addresses. */
function spreadOf(nets: readonly Network[]): string {
  const countries = [...new Set(nets.map((n) => countryOf(n)).filter((c): c is string => c !== null))].sort();
  const asns = [...new Set(nets.map((n) => n.asn).filter((a): a is number => a !== undefined))].sort((a, b) => a - b);
  const parts: string[] = [];
  if (countries.length > 0) parts.push(` in ${countries.length === 1 ? '1 country' : `${countries.length} countries`} (${countries.join(', ')})`);
  if (asns.length > 0) parts.push(` on ${asns.length === 1 ? '1 network' : `${asns.length} networks`} (${asns.map((a) => `AS${a}`).join(', ')})`);
  return parts.join('');
}

/** Distinct countries and networks (ASNs) of a set of events' sources, for finding details. */
export function sourceSpread(events: Iterable<RuleEvent>): { countries: string[]; asns: number[] } {
  const countries = new Set<string>();
  const asns = new Set<number>();
  for (const e of events) {
    const c = countryOf(e.source);
    if (c !== null) countries.add(c);
    if (e.source?.asn !== undefined) asns.add(e.source.asn);
  }
  return { countries: [...countries].sort(), asns: [...asns].sort((a, b) => a - b) };
}
