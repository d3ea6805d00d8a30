/**
 * What the attack map shows, aggregated so 100,000 events become a few dozen marks: places
 * login attempts came from, places the prompts were answered, and the links between the two
 * for each prompt that logged both ends.
 */
import type { MultiPoint } from 'geojson';
import type { Network, StoredEvent } from '../model/event.js';
import { isEvidence } from '../detect/prompt-counts.js';
import { AttemptStream } from '../rules/lib/prompts.js';
import { networkOf, placeOf } from './labels.js';
import { laneGroupOf } from './lanes.js';

export interface MapPlace {
  /** The place's name, or its ~1 km cell when it has none (placeKey). */
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
  /** Places login attempts came from, busiest first; a place only a link starts at counts 0. */
  sources: readonly MapPlace[];
  responders: readonly MapPlace[];
  links: readonly MapLink[];
  /** The ends of each linked prompt, by the id of every event of the prompt (send and answer). */
  ends: ReadonlyMap<number, PromptEnds>;
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

function located<N extends Network>(net: N | undefined): net is N {
  return coordsOf(net) !== null;
}

/**
 * Places are merged by name ("Chicago, US" once, however many addresses or coordinates the
 * vendors gave for it), so the map counts the same places as the lanes grouped by location; a
 * place with no name is one per ~1 km cell.
 */
function placeKey(net: Network): string {
  const name = placeOf(net);
  return name !== undefined ? `name:${name}` : `cell:${geoKey(net.geo?.lat ?? 0, net.geo?.lon ?? 0)}`;
}

function placeIn(map: Map<string, MapPlace>, net: Network, index: number): MapPlace {
  const key = placeKey(net);
  let p = map.get(key);
  if (p === undefined) map.set(key, (p = { key, lat: net.geo?.lat ?? 0, lon: net.geo?.lon ?? 0, label: labelOf(net), count: 0, lastIndex: index }));
  p.lastIndex = Math.max(p.lastIndex, index);
  return p;
}

/** The two ends of a prompt: where it was asked from and where it was answered. */
export interface PromptEnds {
  source: Network;
  responder: NonNullable<StoredEvent['responder']>;
}

/**
 * Aggregates events [0, through] (all when through is omitted). Counts follow the lanes and the
 * users list: a source place counts the login attempts from it (the events of the lanes "Login
 * attempts", shared/view/lanes.ts), a responding place the prompts answered there, and a link
 * joins a prompt's attempt (where it was requested) to the device that answered it, with the
 * prompt pairing the counts use (an Okta send and its answer are one prompt). Analyst-entered
 * events count nowhere.
 */
export function buildMap(events: readonly StoredEvent[], through = events.length - 1): MapModel {
  const sources = new Map<string, MapPlace>();
  const responders = new Map<string, MapPlace>();
  const links = new Map<string, MapLink>();
  const index = new Map<number, number>();
  const ends = new Map<number, PromptEnds>();
  const stream = new AttemptStream((item) => {
    if (item.kind !== 'attempt') return;
    const { first, answer } = item.attempt;
    const responder = answer?.responder;
    if (!located(responder)) return;
    const at = index.get(answer?.id ?? -1) ?? 0;
    const to = placeIn(responders, responder, at);
    to.count++;
    if (!located(first.source)) return;
    const from = placeIn(sources, first.source, index.get(first.id) ?? 0);
    const key = `${from.key}>${to.key}`;
    let link = links.get(key);
    if (link === undefined) links.set(key, (link = { key, from, to, count: 0 }));
    link.count++;
    for (const id of item.attempt.eventIds) ends.set(id, { source: first.source, responder });
  });
  const last = Math.min(through, events.length - 1);
  for (let i = 0; i <= last; i++) {
    const e = events[i];
    if (e === undefined || !isEvidence(e)) continue;
    index.set(e.id, i);
    if (laneGroupOf(e.outcome) === 'attempt' && located(e.source)) placeIn(sources, e.source, i).count++;
    stream.push(e);
  }
  stream.flush();
  const byCount = (a: { count: number }, b: { count: number }): number => b.count - a.count;
  return {
    sources: [...sources.values()].sort(byCount),
    responders: [...responders.values()].sort(byCount),
    links: [...links.values()].sort(byCount),
    ends,
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
