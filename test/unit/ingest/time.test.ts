/**
 * The time module: every timestamp form read exactly or rejected with its reason, the
 * day/month order decided from a whole file, zone-less times placed in an IANA zone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecordError } from '../../../electron/ingest/parser.js';
import { DateOrderEvidence, hasNumericDates } from '../../../electron/ingest/time/date-order.js';
import { fileTimes } from '../../../electron/ingest/time/file-times.js';
import { isoTimestamp, readTimestamp, type TimeSettings } from '../../../electron/ingest/time/timestamp.js';

const utc = (text: string, settings: TimeSettings = {}): number | undefined => readTimestamp(text, settings, 'utc');
const local = (text: string, settings: TimeSettings = {}): number | undefined => readTimestamp(text, settings, 'local');

test('ISO-8601 with 0 to 9 fraction digits, T or space, Z, offsets, with or without seconds', () => {
  assert.equal(utc('2025-06-19T02:06:05Z'), Date.UTC(2025, 5, 19, 2, 6, 5));
  assert.equal(utc('2025-06-19 02:06:05'), Date.UTC(2025, 5, 19, 2, 6, 5));
  assert.equal(utc('2025-06-19 02:06'), Date.UTC(2025, 5, 19, 2, 6));
  assert.equal(utc('2019-03-12T16:02:15.5522137+00:00'), Date.UTC(2019, 2, 12, 16, 2, 15, 552));
  assert.equal(utc('2025-06-19T02:06:05.123456789-05:30'), Date.UTC(2025, 5, 19, 7, 36, 5, 123));
  assert.equal(utc('2025-06-19T02:06:05+0100'), Date.UTC(2025, 5, 19, 1, 6, 5));
  assert.equal(utc('  2026-01-24T06:54:24.0000000Z '), Date.UTC(2026, 0, 24, 6, 54, 24));
  assert.equal(isoTimestamp('2025-06-19T02:06:05Z'), Date.UTC(2025, 5, 19, 2, 6, 5));
  assert.equal(isoTimestamp('6/19/2025 2:06:05 AM'), undefined, 'the vendors\' API fields are ISO only');
});

test('locale forms: US 12-hour, day-first with a comma and milliseconds, dotted, year first, offsets', () => {
  assert.equal(utc('6/19/2025 2:06:05 AM'), Date.UTC(2025, 5, 19, 2, 6, 5));
  assert.equal(utc('6/19/2025 2:06:05 PM'), Date.UTC(2025, 5, 19, 14, 6, 5));
  assert.equal(utc('6/19/2025 12:06 AM'), Date.UTC(2025, 5, 19, 0, 6));
  assert.equal(utc('6/19/2025 12:06 p.m.'), Date.UTC(2025, 5, 19, 12, 6));
  assert.equal(utc('21/04/2025, 09:45:54.000'), Date.UTC(2025, 3, 21, 9, 45, 54));
  assert.equal(utc('21.04.2025 09:45'), Date.UTC(2025, 3, 21, 9, 45));
  assert.equal(utc('2025/04/21 09:45:54'), Date.UTC(2025, 3, 21, 9, 45, 54));
  assert.equal(utc('1/9/2007 10:41:00 AM +01:00', { dateOrder: 'mdy' }), Date.UTC(2007, 0, 9, 9, 41));
  assert.equal(utc('5/5/2025 10:00'), Date.UTC(2025, 4, 5, 10), 'a day equal to its month reads the same either way');
});

test('an ambiguous day/month is read in the file\'s order, and rejected when none was decided', () => {
  assert.equal(utc('3/4/2025 10:00', { dateOrder: 'dmy' }), Date.UTC(2025, 3, 3, 10));
  assert.equal(utc('3/4/2025 10:00', { dateOrder: 'mdy' }), Date.UTC(2025, 2, 4, 10));
  assert.throws(() => utc('3/4/2025 10:00'), (e: unknown) => e instanceof RecordError && /--date-order/.test(e.message));
  // A value only the other order can read contradicts the file's order: rejected, not flipped.
  assert.throws(() => utc('21/04/2025 10:00', { dateOrder: 'mdy' }), /month\/day order/);
  assert.throws(() => utc('6/19/2025 10:00', { dateOrder: 'dmy' }), /day\/month order/);
});

test('impossible dates and times are rejected; text that is no timestamp is undefined', () => {
  for (const bad of ['2025-02-30T00:00:00Z', '2017-09-31T22:23:07.777Z', '31/31/2025 10:00', '6/19/2025 13:00 PM', '2025-06-19T24:00:00Z', '6/19/25 10:00']) {
    assert.throws(() => utc(bad), RecordError, bad);
  }
  assert.equal(isoTimestamp('2025-02-30T00:00:00Z'), undefined);
  for (const none of ['soon', '', '1718762765', 'Jun 19 02:06:05', '2025-06-19']) assert.equal(utc(none), undefined, none);
});

test('zone-less times: UTC where documented, else in the --tz zone, with daylight saving exactly', () => {
  const berlin = { zone: 'Europe/Berlin' };
  assert.equal(utc('2025-06-19 02:06:05', berlin), Date.UTC(2025, 5, 19, 2, 6, 5), 'a documented-UTC field ignores --tz');
  assert.equal(local('2025-06-19 02:06:05', berlin), Date.UTC(2025, 5, 19, 0, 6, 5), 'summer: UTC+2');
  assert.equal(local('2025-01-19 02:06:05', berlin), Date.UTC(2025, 0, 19, 1, 6, 5), 'winter: UTC+1');
  assert.equal(local('2025-06-19T02:06:05Z', berlin), Date.UTC(2025, 5, 19, 2, 6, 5), 'a zone in the text wins');
  assert.equal(local('6/19/2025 2:06:05 AM', { zone: 'America/New_York' }), Date.UTC(2025, 5, 19, 6, 6, 5));
  assert.equal(local('2025-06-19 02:06:05'), Date.UTC(2025, 5, 19, 2, 6, 5), 'no --tz: UTC');
  // 02:30 on 30 March 2025 never happened in Berlin; 02:30 on 26 October happened twice.
  assert.throws(() => local('2025-03-30 02:30:00', berlin), /does not exist in Europe\/Berlin/);
  assert.throws(() => local('2025-10-26 02:30:00', berlin), /happened twice in Europe\/Berlin .*: 2025-10-26T00:30:00.000Z or 2025-10-26T01:30:00.000Z/);
});

function decide(text: string, chunk = 7): ReturnType<DateOrderEvidence['decide']> {
  const evidence = new DateOrderEvidence();
  for (let i = 0; i < text.length; i += chunk) evidence.push(text.slice(i, i + chunk));
  evidence.end();
  return evidence.decide(undefined);
}

test('the day/month order comes from the whole file: a number over 12 settles it, and the reason names its line', () => {
  const dayFirst = decide('TimeGenerated [UTC],User\n"03/04/2025, 09:45:54.000",a\n"21/04/2025, 09:45:54.000",b\n');
  assert.equal(dayFirst?.order, 'dmy');
  assert.match(dayFirst?.reason ?? '', /line 3 has "21\/04\/2025, 09:45" \(21 cannot be a month\)/);
  const monthFirst = decide('a,b\nx,3/4/2025 1:00:00 AM\nx,6/19/2025 2:06:05 AM\n');
  assert.equal(monthFirst?.order, 'mdy');
  assert.match(monthFirst?.reason ?? '', /line 3/);
  const undecided = decide('a\n3/4/2025 10:00\n4/3/2025 10:00\n');
  assert.equal(undecided?.order, undefined);
  assert.match(undecided?.reason ?? '', /2 dates that read both ways were rejected — give --date-order/);
  const conflict = decide('a\n21/04/2025 10:00\n6/19/2025 10:00\n');
  assert.equal(conflict?.order, undefined);
  assert.match(conflict?.reason ?? '', /disagree: line 2 .* line 3/);
  assert.equal(decide('{"published":"2025-06-19T02:06:05Z"}\n'), undefined, 'ISO only: nothing to decide');
  const given = new DateOrderEvidence().decide('mdy');
  assert.deepEqual(given, { order: 'mdy', reason: 'numeric dates read month first (month/day/year), as given (--date-order mdy)' });
});

test('a file is read through for evidence only when its start holds a numeric date', async () => {
  assert.equal(hasNumericDates(['{"published":"2025-06-19T02:06:05Z","v":"1/2"}']), false);
  assert.equal(hasNumericDates(['x,"3/4/2025 10:00"']), true);
  let reads = 0;
  const again = async function* (): AsyncGenerator<string> {
    reads += 1;
    yield 'a\n3/4/2025 10:00\n';
    yield '13/4/2025 10:00\n';
  };
  const iso = await fileTimes({ zone: 'UTC' }, '{"t":"2025-06-19T02:06:05Z"}', false, again);
  assert.deepEqual(iso, { settings: { zone: 'UTC' } });
  assert.equal(reads, 0);
  const whole = await fileTimes({}, 'a\n3/4/2025 10:00\n', false, again);
  assert.equal(reads, 1);
  assert.equal(whole.settings.dateOrder, 'dmy', 'decided by a line past the head');
  assert.match(whole.dateOrderNote ?? '', /line 3/);
  const given = await fileTimes({ dateOrder: 'mdy' }, 'a\n3/4/2025 10:00\n', false, again);
  assert.equal(reads, 1, 'a given order needs no evidence');
  assert.equal(given.settings.dateOrder, 'mdy');
});
