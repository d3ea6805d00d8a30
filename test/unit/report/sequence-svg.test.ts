import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sequenceChart } from '../../../electron/report/charts/sequence-svg.js';
import type { AnalystEvent } from '../../../shared/model/analyst-event.js';
import type { StoredEvent } from '../../../shared/model/event.js';

const T0 = Date.UTC(2025, 2, 14, 2, 0);
const MIN = 60_000;
const event = (id: number, minute: number, outcome: StoredEvent['outcome']): StoredEvent => ({
  id,
  time: T0 + minute * MIN,
  user: 'dana@example.com',
  outcome,
  factor: 'push',
  vendor: 'okta',
  vendorEvent: 'x',
  ref: { evidenceId: 1, record: id },
});
const entry = (id: number, minute: number): AnalystEvent => ({
  id,
  time: T0 + minute * MIN,
  user: 'dana@example.com',
  outcome: 'approved',
  factor: 'push',
  description: 'She says she approved <script>alert(1)</script>',
  analyst: 'ana',
  createdAt: T0,
});

test("the printed chart frames the analyst's entries of its window, escapes their words and leaves them out of the lane counts", () => {
  const events = [event(1, 1, 'denied'), event(2, 2, 'denied'), event(3, 3, 'approved')];
  const window = { start: T0, end: T0 + 10 * MIN };
  const chart = sequenceChart('k', events, [entry(1, 4), entry(2, 60)], [], window, 'UTC');
  const svg = chart.svg.value;
  assert.equal(chart.analyst, 1, 'only the entry inside the window');
  assert.equal(svg.match(/<g class="analyst">/g)?.length, 1);
  assert.doesNotMatch(svg, /<script/);
  assert.match(svg, /&lt;script&gt;alert\(1\)/);
  // The Approved lane holds the evidence's approval and the entry; it counts the evidence only.
  assert.match(svg, />Approved<\/text><text class="count"[^>]*>1<\/text>/);
  assert.match(chart.legend.value, /Analyst-entered \(not evidence\)/);

  const plain = sequenceChart('k', events, [], [], window, 'UTC');
  assert.equal(plain.analyst, 0);
  assert.doesNotMatch(plain.svg.value, /class="analyst"/);
  assert.doesNotMatch(plain.legend.value, /Analyst-entered/);
});
