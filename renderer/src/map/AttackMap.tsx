/**
 * Offline map of one user's sequence: where login attempts came from, where the prompts were
 * answered, and a line joining the two ends of each prompt that logged both. The playhead's
 * event is ringed, its line drawn bold, and its places labelled with the analyst's notes on its
 * address and device. A text list beside the map carries the same
 * information for screen readers and for anyone who cannot tell the marks apart.
 */
import { useDeferredValue, useMemo, useRef } from 'react';
import { geoGraticule10, geoNaturalEarth1, geoPath } from 'd3';
import type { StoredEvent } from '../../../shared/model/event.js';
import { buildMap, mapFrame, coordsOf, type MapModel, type MapPlace } from '../../../shared/view/map.js';
import { placeOf } from '../../../shared/view/labels.js';
import { colorOf, type ColorScheme, shapePath } from '../../../shared/view/palette.js';
import { useAnnotations } from '../annotations/AnnotationsProvider.js';
import { useElementWidth } from '../sequence/useElementWidth.js';
import { BORDERS, COUNTRIES } from './world.js';
import './map.css';

export interface AttackMapProps {
  /** The user's events, sorted (SequenceModel.events). */
  events: readonly StoredEvent[];
  /** Index of the playhead's event. */
  current: number;
  /** Replay: only events up to this index are placed. */
  through?: number;
  scheme: ColorScheme;
}

/** Longest note shown on the map; the whole note is in the label's tooltip and the event detail. */
const NOTE_CHARS = 48;

const EMPTY: MapModel = { sources: [], responders: [], links: [], ends: new Map() };

const radius = (count: number): number => Math.min(9, 3.5 + 1.6 * Math.log10(count + 1));

function PlaceList({ title, places: all }: { title: string; places: readonly MapPlace[] }) {
  // A place only a prompt line starts at has no login attempts to list.
  const places = all.filter((p) => p.count > 0);
  const top = places.slice(0, 4);
  return (
    <p className="map-list">
      <span className="map-list-title">{title}</span>{' '}
      {top.length === 0 ? <span className="muted">none located</span> : top.map((p) => `${p.label} (${p.count.toLocaleString('en-US')})`).join(' · ')}
      {places.length > top.length && <span className="muted"> · {places.length - top.length} more</span>}
    </p>
  );
}

export function AttackMap({ events, current, through, scheme }: AttackMapProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const annotations = useAnnotations();
  // Projecting the world costs tens of milliseconds; deferring it lets the timeline paint first.
  const measured = useDeferredValue(useElementWidth(wrapRef));
  const width = measured ?? 480;
  const height = Math.round(Math.min(360, Math.max(200, width * 0.58)));
  const upTo = through ?? events.length - 1;

  // Every event, aggregated once; the frame comes from it so a replay does not pan the map
  // as places appear.
  const whole = useMemo(() => (measured === null ? EMPTY : buildMap(events)), [events, measured === null]);
  const frame = useMemo(() => mapFrame([...whole.sources, ...whole.responders]), [whole]);
  const projection = useMemo(() => {
    const pad = 14;
    const extent: [[number, number], [number, number]] = [
      [pad, pad],
      [width - pad, height - pad],
    ];
    return geoNaturalEarth1().fitExtent(extent, frame);
  }, [frame, width, height]);
  const path = useMemo(() => geoPath(projection), [projection]);
  const base = useMemo(() => {
    if (measured === null) return { land: '', borders: '', graticule: '', sphere: '' };
    // Land at 1:110m needs no great-circle resampling, and nothing outside the frame is drawn.
    const flat = geoPath(
      geoNaturalEarth1()
        .scale(projection.scale())
        .translate(projection.translate())
        .precision(0)
        .clipExtent([
          [0, 0],
          [width, height],
        ]),
    );
    return { land: flat(COUNTRIES) ?? '', borders: flat(BORDERS) ?? '', graticule: flat(geoGraticule10()) ?? '', sphere: path({ type: 'Sphere' }) ?? '' };
  }, [path, projection, measured, width, height]);
  const model = useMemo(
    () => (measured === null ? EMPTY : upTo >= events.length - 1 ? whole : buildMap(events, upTo)),
    [whole, events, upTo, measured],
  );

  const e = current <= upTo ? events[current] : undefined;
  // The playhead's prompt: from where it was requested to the device that answered it.
  const ends = e === undefined ? undefined : model.ends.get(e.id);
  const srcNet = ends?.source ?? e?.source;
  const devNet = ends?.responder ?? e?.responder;
  const src = coordsOf(srcNet);
  const dev = coordsOf(devNet);
  const at = (c: [number, number] | null): [number, number] | null => (c === null ? null : (projection([c[1], c[0]]) ?? null));
  const srcXY = at(src);
  const devXY = at(dev);
  const currentLine =
    src !== null && dev !== null
      ? path({
          type: 'LineString',
          coordinates: [
            [src[1], src[0]],
            [dev[1], dev[0]],
          ],
        })
      : null;

  const sourceColor = colorOf('blue', scheme);
  const deviceColor = colorOf('orange', scheme);
  // Sources are filled diamonds; devices are rings drawn a little larger, so where the user
  // signs in and answers from the same city both stay visible.
  const placeMark = (p: MapPlace, kind: 'source' | 'device') => {
    const xy = projection([p.lon, p.lat]);
    if (xy === null) return null;
    const r = radius(p.count);
    const source = kind === 'source';
    return (
      <path
        key={`${kind}-${p.key}`}
        className={`map-place map-${kind}`}
        d={source ? shapePath('diamond', r, xy[0], xy[1]) : shapePath('ring', r + 3.5, xy[0], xy[1])}
        fill={source ? sourceColor : 'none'}
        stroke={source ? undefined : deviceColor}
      >
        <title>{`${source ? 'Login attempts from' : 'Prompts answered in'} ${p.label}: ${p.count.toLocaleString('en-US')}`}</title>
      </path>
    );
  };
  // The analyst's note on the address or device of the playhead's event labels its place.
  const noteOn = (...entities: (string | undefined)[]): string | undefined =>
    entities.map((t) => (t === undefined ? '' : (annotations.get('entity', t)?.note ?? ''))).find((n) => n !== '');
  // Labels on the right half of the map run leftwards so the frame does not cut them.
  const label = (xy: [number, number] | null, text: string | undefined, dy: number, note: string | undefined) => {
    if (xy === null || text === undefined) return null;
    const right = xy[0] > width * 0.55;
    const x = right ? xy[0] - 12 : xy[0] + 10;
    return (
      <text className="map-label" x={x} y={xy[1] + dy} textAnchor={right ? 'end' : 'start'}>
        {note !== undefined && <title>{`${text}: ${note}`}</title>}
        {text}
        {note !== undefined && (
          <tspan className="map-note" x={x} dy={14}>
            {`✎ ${note.length > NOTE_CHARS ? `${note.slice(0, NOTE_CHARS - 1)}…` : note}`}
          </tspan>
        )}
      </text>
    );
  };

  return (
    <section className="map panel" aria-label="Map">
      <h2>Map</h2>
      <div ref={wrapRef} className="map-frame">
        {measured !== null && (
        <svg
          width={width}
          height={height}
          role="img"
          aria-label={`Login attempts from ${model.sources.length} places; prompts answered in ${model.responders.length} places.`}
        >
          <path className="map-sphere" d={base.sphere} />
          <path className="map-graticule" d={base.graticule} />
          <path className="map-land" d={base.land} />
          <path className="map-borders" d={base.borders} />
          {model.links.map((l) => (
            <path
              key={l.key}
              className="map-link"
              d={
                path({
                  type: 'LineString',
                  coordinates: [
                    [l.from.lon, l.from.lat],
                    [l.to.lon, l.to.lat],
                  ],
                }) ?? ''
              }
            />
          ))}
          {currentLine !== null && <path className="map-link-current" d={currentLine} />}
          {model.responders.map((p) => placeMark(p, 'device'))}
          {model.sources.map((p) => placeMark(p, 'source'))}
          {srcXY !== null && <circle className="map-halo" cx={srcXY[0]} cy={srcXY[1]} r={15} />}
          {devXY !== null && <circle className="map-halo" cx={devXY[0]} cy={devXY[1]} r={15} />}
          {label(srcXY, placeOf(srcNet), -6, noteOn(srcNet?.ip))}
          {label(devXY, placeOf(devNet), devXY !== null && srcXY !== null && devXY[1] > srcXY[1] ? 14 : -6, noteOn(devNet?.name, devNet?.ip))}
        </svg>
        )}
      </div>
      <ul className="map-legend" aria-label="Map legend">
        <li>
          <svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true">
            <path d={shapePath('diamond', 4.6)} fill={sourceColor} />
          </svg>
          Login attempt source
        </li>
        <li>
          <svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true">
            <path d={shapePath('ring', 4.4)} fill="none" stroke={deviceColor} strokeWidth={2.4} />
          </svg>
          Responding device
        </li>
        <li>
          <span className="map-legend-link" aria-hidden="true" />
          Prompt: attempt to device
        </li>
        <li>
          <span className="map-legend-halo" aria-hidden="true" />
          Current event
        </li>
      </ul>
      <PlaceList title="Attempts from" places={model.sources} />
      <PlaceList title="Answered in" places={model.responders} />
    </section>
  );
}
