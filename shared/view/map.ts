/**
 * What the attack map shows, aggregated so 100,000 events become a few dozen marks: places
 * login attempts came from, places the prompts were answered, and the links between the two
 * for each prompt that logged both ends.
 */
import type { MultiPoint } from 'geojson';
import type { Network, StoredEvent } from '../model/event.js';
import { networkOf, placeOf } from './labels.js';

export interface MapPlace {
  /** "lat,lon" rounded to ~1 km, so one city is one mark. */
  key: string;
  lat: number;
  lon: number;
  label: string;
  count: number;
  /** Last event index seen at this place. */
  lastIndex: number;
}

export interface MapLink {
  key: string;
  from: MapPlace;
  to: MapPlace;
  count: number;
}

export interface MapModel {
  sources: readonly MapPlace[];
  responders: readonly MapPlace[];
  links: readonly MapLink[];
}

export function geoKey(lat: number, lon: number): string {
  return `${lat.toFixed(2)},${lon.toFixed(2)}`;
}

/** Lat/lon of a network end, if it has a plausible one. */
export function coordsOf(net: Network | undefined): [number, number] | null {
  const lat = net?.geo?.lat;
  const lon = net?.geo?.lon;
  if (lat === undefined || lon === undefined || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return [lat, lon];
}

function labelOf(net: Network): string {
  return placeOf(net) ?? networkOf(net) ?? net.ip;
}

/** A number per ~1 km cell: Map lookups on numbers avoid building a string per event. */
function cell(lat: number, lon: number): number {
  return Math.round((lat + 90) * 100) * 36_001 + Math.round((lon + 180) * 100);
}

function located(net: Network | undefined): boolean {
  const lat = net?.geo?.lat;
  const lon = net?.geo?.lon;
  return lat !== undefined && lon !== undefined && Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}

function bump(map: Map<number, MapPlace>, net: Network, index: number): MapPlace {
  const lat = net.geo?.lat ?? 0;
  const lon = net.geo?.lon ?? 0;
  const c = cell(lat, lon);
  let p = map.get(c);
  if (p === undefined) map.set(c, (p = { key: geoKey(lat, lon), lat, lon, label: labelOf(net), count: 0, lastIndex: index }));
  p.count++;
  p.lastIndex = index;
  return p;
}

/** Aggregates events [0, through] (all when through is omitted). */
export function buildMap(events: readonly StoredEvent[], through = events.length - 1): MapModel {
  const sources = new Map<number, MapPlace>();
  const responders = new Map<number, MapPlace>();
  const links = new Map<MapPlace, Map<MapPlace, MapLink>>();
  const last = Math.min(through, events.length - 1);
  for (let i = 0; i <= last; i++) {
    const e = events[i];
    const from = e.source !== undefined && located(e.source) ? bump(sources, e.source, i) : undefined;
    const to = e.responder !== undefined && located(e.responder) ? bump(responders, e.responder, i) : undefined;
    if (from !== undefined && to !== undefined) {
      let byTo = links.get(from);
      if (byTo === undefined) links.set(from, (byTo = new Map<MapPlace, MapLink>()));
      let link = byTo.get(to);
      if (link === undefined) byTo.set(to, (link = { key: `${from.key}>${to.key}`, from, to, count: 0 }));
      link.count++;
    }
  }
  const byCount = (a: { count: number }, b: { count: number }): number => b.count - a.count;
  return {
    sources: [...sources.values()].sort(byCount),
    responders: [...responders.values()].sort(byCount),
    links: [...links.values()].flatMap((m) => [...m.values()]).sort(byCount),
  };
}

/** Smallest area a map zooms to, in degrees, so one city does not fill the frame. */
const MIN_SPAN_LON = 36;
const MIN_SPAN_LAT = 20;

/** What a map projection is fitted to: d3-geo's whole sphere, or points around the places. */
export type MapFrame = { type: 'Sphere' } | MultiPoint;

/**
 * The frame of a map of these places: the corners and edge middles ([lon, lat]) of a box around
 * every place, widened to the minimum span; the whole world without places.
 */
export function mapFrame(places: readonly MapPlace[]): MapFrame {
  if (places.length === 0) return { type: 'Sphere' };
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLon = Infinity;
  let maxLon = -Infinity;
  for (const p of places) {
    minLat = Math.min(minLat, p.lat);
    maxLat = Math.max(maxLat, p.lat);
    minLon = Math.min(minLon, p.lon);
    maxLon = Math.max(maxLon, p.lon);
  }
  const widen = (lo: number, hi: number, span: number, limit: number): [number, number] => {
    const pad = Math.max((span - (hi - lo)) / 2, (hi - lo) * 0.15);
    return [Math.max(-limit, lo - pad), Math.min(limit, hi + pad)];
  };
  const [lat0, lat1] = widen(minLat, maxLat, MIN_SPAN_LAT, 85);
  const [lon0, lon1] = widen(minLon, maxLon, MIN_SPAN_LON, 180);
  return {
    type: 'MultiPoint',
    coordinates: [
      [lon0, lat0],
      [lon1, lat0],
      [lon0, lat1],
      [lon1, lat1],
      [(lon0 + lon1) / 2, lat0],
      [(lon0 + lon1) / 2, lat1],
    ],
  };
}
