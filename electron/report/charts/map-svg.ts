/**
 * Offline map of one user's incident for the printed report: Natural Earth 1:110m countries
 * (world-atlas) drawn with d3-geo, the places login attempts came from (filled diamonds), the
 * places prompts were answered (rings) and a line for each attempt → device pair, aggregated by
 * shared/view/map.ts exactly as the app's map does. No tiles, no network.
 */
import { createRequire } from 'node:module';
import { geoGraticule10, geoNaturalEarth1, geoPath, type GeoProjection } from 'd3-geo';
import type { FeatureCollection, MultiLineString } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { StoredEvent } from '../../../shared/model/event.js';
import { buildMap, mapFrame, type MapModel, type MapPlace } from '../../../shared/view/map.js';
import { colorOf, shapePath } from '../../../shared/view/palette.js';
import { html, svgPath, type Html } from '../html.js';
import { num } from '../../../shared/format/count.js';

export const MAP_WIDTH = 700;
export const MAP_HEIGHT = 300;
const PAD = 16;

interface World {
  countries: FeatureCollection;
  borders: MultiLineString;
}

let world: World | null = null;

/** The world-atlas TopoJSON, read once from the installed package (no import attributes needed). */
function loadWorld(): World {
  if (world !== null) return world;
  const require = createRequire(import.meta.url);
  const topology = require('world-atlas/countries-110m.json') as Topology<{ countries: GeometryCollection; land: GeometryCollection }>;
  world = {
    countries: feature(topology, topology.objects.countries),
    borders: mesh(topology, topology.objects.countries, (a, b) => a !== b),
  };
  return world;
}

const radius = (count: number): number => Math.min(8, 3.4 + 1.5 * Math.log10(count + 1));
const r1 = (n: number): number => Math.round(n * 10) / 10;

export interface MapChart {
  svg: Html;
  legend: Html;
  model: MapModel;
}

interface Label {
  x: number;
  y: number;
  w: number;
  text: string;
}

/** Place labels that do not collide with one already placed (busiest places first). */
function labels(places: readonly { p: MapPlace; xy: [number, number] }[]): Label[] {
  const out: Label[] = [];
  const font = 9;
  for (const { p, xy } of places) {
    const text = `${p.label} (${num(p.count)})`;
    const w = text.length * font * 0.56;
    for (const [dx, dy] of [
      [10, 3],
      [10, -8],
      [10, 14],
      [-10 - w, 3],
    ] as const) {
      const x = Math.max(2, Math.min(MAP_WIDTH - w - 2, xy[0] + dx));
      const y = Math.max(11, Math.min(MAP_HEIGHT - 4, xy[1] + dy));
      const clash = out.some((o) => x < o.x + o.w + 4 && o.x < x + w + 4 && Math.abs(o.y - y) < 11);
      if (!clash) {
        out.push({ x, y, w, text });
        break;
      }
    }
  }
  return out;
}

/** The map of these events (one user's incident window). */
export function mapChart(events: readonly StoredEvent[]): MapChart {
  const { countries, borders } = loadWorld();
  const model = buildMap(events);
  const frame = mapFrame([...model.sources, ...model.responders]);
  const extent: [[number, number], [number, number]] = [
    [PAD, PAD],
    [MAP_WIDTH - PAD, MAP_HEIGHT - PAD],
  ];
  const projection: GeoProjection = geoNaturalEarth1().fitExtent(extent, frame);
  const path = geoPath(projection).digits(1);
  // Land at 1:110m needs no resampling; nothing outside the frame is drawn.
  const flat = geoPath(
    geoNaturalEarth1()
      .scale(projection.scale())
      .translate(projection.translate())
      .precision(0)
      .clipExtent([
        [0, 0],
        [MAP_WIDTH, MAP_HEIGHT],
      ]),
  ).digits(1);

  const source = colorOf('blue', 'light');
  const device = colorOf('orange', 'light');
  const at = (p: MapPlace): [number, number] | null => projection([p.lon, p.lat]);
  const links = model.links.map((l) => {
    const d = path({
      type: 'LineString',
      coordinates: [
        [l.from.lon, l.from.lat],
        [l.to.lon, l.to.lat],
      ],
    });
    return d === null ? '' : html`<path class="link" d="${svgPath(d)}" stroke-width="${r1(Math.min(3, 0.8 + Math.log10(l.count + 1)))}"><title>${l.from.label} → ${l.to.label}: ${num(l.count)}</title></path>`;
  });
  const placed: { p: MapPlace; xy: [number, number] }[] = [];
  const marks: Html[] = [];
  for (const p of model.responders) {
    const xy = at(p);
    if (xy === null) continue;
    placed.push({ p, xy });
    marks.push(html`<path d="${shapePath('ring', radius(p.count) + 3, r1(xy[0]), r1(xy[1]))}" fill="none" stroke="${device}" stroke-width="2"><title>Prompts answered in ${p.label}: ${num(p.count)}</title></path>`);
  }
  for (const p of model.sources) {
    const xy = at(p);
    if (xy === null) continue;
    placed.push({ p, xy });
    marks.push(html`<path d="${shapePath('diamond', radius(p.count), r1(xy[0]), r1(xy[1]))}" fill="${source}" stroke="#fff" stroke-width="0.6"><title>Login attempts from ${p.label}: ${num(p.count)}</title></path>`);
  }
  // One label per place (a city can be both a source and a device location).
  const byKey = new Map<string, { p: MapPlace; xy: [number, number] }>();
  for (const item of placed.sort((a, b) => b.p.count - a.p.count)) if (!byKey.has(item.p.key)) byKey.set(item.p.key, item);
  const text = labels([...byKey.values()]).map((l) => html`<text class="place" x="${r1(l.x)}" y="${r1(l.y)}">${l.text}</text>`);

  const aria = `Map: login attempts from ${model.sources.length} places, prompts answered in ${model.responders.length} places.`;
  const svg = html`<svg class="map" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" width="100%" role="img" aria-label="${aria}">
<rect class="sea" x="0" y="0" width="${MAP_WIDTH}" height="${MAP_HEIGHT}"/>
<path class="graticule" d="${svgPath(flat(geoGraticule10()) ?? '')}"/>
<path class="land" d="${svgPath(flat(countries) ?? '')}"/>
<path class="borders" d="${svgPath(flat(borders) ?? '')}"/>
<g class="links">${links}</g>
<g>${marks}</g>
<g>${text}</g>
${frame.type === 'Sphere' ? html`<text class="place" x="${MAP_WIDTH / 2}" y="${MAP_HEIGHT / 2}" text-anchor="middle">No located events in this window</text>` : ''}
</svg>`;
  const legend = html`<ul class="legend">
<li><svg class="sym" width="10" height="10" viewBox="-7 -7 14 14" aria-hidden="true"><path d="${shapePath('diamond', 4.6)}" fill="${source}"/></svg> Login attempt source</li>
<li><svg class="sym" width="10" height="10" viewBox="-7 -7 14 14" aria-hidden="true"><path d="${shapePath('ring', 4.4)}" fill="none" stroke="${device}" stroke-width="2.2"/></svg> Responding device</li>
<li><span class="legend-link"></span> Prompt: attempt → device</li>
</ul>`;
  return { svg, legend, model };
}
