import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEvents, encodeEvents } from '../../../shared/api/event-columns.js';
import type { StoredEvent } from '../../../shared/model/event.js';

const amsterdam = { ip: '146.70.117.86', geo: { city: 'Amsterdam', country: 'NL', lat: 52.37, lon: 4.9, source: 'vendor' as const }, asn: 9009, asOrg: 'M247' };
const phone = { ip: '99.102.140.220', name: "Dana's iPhone", geo: { city: 'Chicago', country: 'US', source: 'lookup' as const } };

const EVENTS: StoredEvent[] = [
  { id: 7, time: 1_741_917_900_000, vendor: 'okta', user: 'dana@example.com', outcome: 'challenge_sent', factor: 'push', vendorEvent: 'system.push.send_factor_verify_push', source: amsterdam, ref: { evidenceId: 1, line: 12, record: 12 }, vendorUid: 'u-7' },
  { id: 9, time: 1_741_917_905_000, vendor: 'duo', user: 'dana@example.com', outcome: 'denied', factor: 'push', vendorEvent: 'authentication', reason: 'user_marked_fraud', source: amsterdam, responder: phone, userAgent: '<img src=x onerror=alert(1)>', ref: { evidenceId: 2, record: 3 } },
  { id: 8, time: 1_741_917_905_000, vendor: 'okta', user: 'dana@example.com', outcome: 'session_start', vendorEvent: 'user.session.start', userDisplay: 'Dana', userVendorId: '00u1', device: 'Computer', app: 'Okta', sessionId: 's1', ref: { evidenceId: 1, line: 13, record: 13 } },
];

test('event columns: a user\'s events survive the round trip exactly, each text and network sent once', () => {
  const columns = encodeEvents('dana@example.com', EVENTS);
  assert.deepEqual(decodeEvents(JSON.parse(JSON.stringify(columns)) as typeof columns), EVENTS);
  assert.equal(columns.count, 3);
  assert.deepEqual(columns.networks, [amsterdam, phone]);
  assert.equal(columns.strings.filter((s) => s === 'okta').length, 1);
  assert.deepEqual(decodeEvents(encodeEvents('nobody', [])), []);
});
