import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTime } from '../../shared/format/time.js';

const t = Date.UTC(2025, 2, 30, 1, 31, 5); // 2025-03-30 01:31:05 UTC, the night Europe moves to summer time

test('times are shown in the display zone with the zone named', () => {
  assert.equal(formatTime(t, 'UTC'), '2025-03-30 01:31:05 UTC');
  assert.equal(formatTime(t, 'Europe/Berlin'), '2025-03-30 03:31:05 GMT+2');
  assert.equal(formatTime(t - 3600_000, 'Europe/Berlin'), '2025-03-30 01:31:05 GMT+1');
  assert.equal(formatTime(t, 'America/New_York'), '2025-03-29 21:31:05 EDT');
});
