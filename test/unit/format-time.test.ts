import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTime, parseZonedTime, toZonedInput } from '../../shared/format/time.js';

const t = Date.UTC(2025, 2, 30, 1, 31, 5); // 2025-03-30 01:31:05 UTC, the night Europe moves to summer time

test('times are shown in the display zone with the zone named', () => {
  assert.equal(formatTime(t, 'UTC'), '2025-03-30 01:31:05 UTC');
  assert.equal(formatTime(t, 'Europe/Berlin'), '2025-03-30 03:31:05 GMT+2');
  assert.equal(formatTime(t - 3600_000, 'Europe/Berlin'), '2025-03-30 01:31:05 GMT+1');
  assert.equal(formatTime(t, 'America/New_York'), '2025-03-29 21:31:05 EDT');
});

test('wall-clock input in the display zone becomes the instant it names, and back', () => {
  assert.equal(parseZonedTime('2025-03-30T01:31:05', 'UTC'), t);
  assert.equal(parseZonedTime('2025-03-30T03:31:05', 'Europe/Berlin'), t);
  assert.equal(parseZonedTime('2025-03-29 21:31', 'America/New_York'), t - 5000);
  assert.equal(toZonedInput(t, 'Europe/Berlin'), '2025-03-30T03:31:05');
  assert.equal(toZonedInput(t, 'America/New_York'), '2025-03-29T21:31:05');
  for (const zone of ['UTC', 'Europe/Berlin', 'Asia/Tokyo', 'America/Los_Angeles', 'Australia/Sydney']) {
    for (const ms of [t, t - 3600_000, Date.UTC(2025, 9, 26, 0, 30), Date.UTC(2024, 1, 29, 12)]) {
      assert.equal(parseZonedTime(toZonedInput(ms, zone), zone), ms, `${zone} ${ms}`);
    }
  }
  // 02:30 does not exist in Berlin that night: read with the winter offset, shown as 03:30 summer time.
  assert.equal(parseZonedTime('2025-03-30T02:30', 'Europe/Berlin'), Date.UTC(2025, 2, 30, 1, 30));
  // 02:30 happens twice when the clocks go back: the earlier one.
  assert.equal(parseZonedTime('2025-10-26T02:30', 'Europe/Berlin'), Date.UTC(2025, 9, 26, 0, 30));
  for (const bad of ['', '02:31', '2025-02-30T10:00', '2025-13-01T10:00', '2025-01-01T24:00', 'yesterday']) assert.equal(parseZonedTime(bad, 'UTC'), null, bad);
});
