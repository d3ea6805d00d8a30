/**
 * The printed map is drawn whole: its land and border paths run to tens of thousands of
 * characters, which the report's cut for over-long text (a hostile 500 KB user name) must not touch.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapChart } from '../../../electron/report/charts/map-svg.js';
import { svgPath, TEXT_MAX_CHARS } from '../../../electron/report/html.js';
import type { StoredEvent } from '../../../shared/model/event.js';

const event = (id: number, city: string, lat: number, lon: number): StoredEvent => ({
  id,
  time: Date.UTC(2025, 2, 14, 2, id),
  user: 'dana@example.com',
  outcome: 'denied',
  factor: 'push',
  vendor: 'okta',
  vendorEvent: 'user.mfa.okta_verify.deny_push',
  source: { ip: `203.0.113.${id}`, geo: { city, country: 'NL', lat, lon, source: 'vendor' } },
  ref: { evidenceId: 1, record: id },
});

test('the map keeps its long land path whole', () => {
  const chart = mapChart([event(1, 'Amsterdam<script>', 52.37, 4.9), event(2, 'Chicago', 41.88, -87.63)]);
  const svg = String(chart.svg);
  const land = /<path class="land" d="([^"]*)"/.exec(svg)?.[1] ?? '';
  assert.ok(land.length > TEXT_MAX_CHARS, `the land path is ${land.length} characters`);
  assert.doesNotMatch(svg, /cut here/);
});

test('only SVG path data passes as a path', () => {
  assert.equal(svgPath('M1,2L3.5,-4e-1Z').value, 'M1,2L3.5,-4e-1Z');
  assert.throws(() => svgPath('M1,2"/><script>alert(1)</script>'), /not SVG path data/);
});
