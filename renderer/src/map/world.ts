/**
 * The offline world: Natural Earth 1:110m countries from the world-atlas package, bundled by
 * Vite as a JSON asset. No tiles, no network.
 */
import type { FeatureCollection, MultiLineString } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlas from 'world-atlas/countries-110m.json';

// The JSON's inferred type is its literal shape; it is the published TopoJSON Topology.
const topology = atlas as unknown as Topology<{ countries: GeometryCollection; land: GeometryCollection }>;

export const COUNTRIES: FeatureCollection = feature(topology, topology.objects.countries);
/** Borders between countries only (not coastlines), drawn thinner than the land. */
export const BORDERS: MultiLineString = mesh(topology, topology.objects.countries, (a, b) => a !== b);
