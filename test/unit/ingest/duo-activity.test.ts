/**
 * Duo activity log (Admin API v2) and telephony v2: real records of Elastic's cisco_duo
 * pipeline tests and an API page built from the documented fields (test/fixtures/duo/SOURCES.md).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NotAuthentication, RecordError } from '../../../electron/ingest/parser.js';
import { PARSER_LIST } from '../../../electron/ingest/recognition/formats.js';
import { duoActivityParser as parser } from '../../../electron/ingest/vendors/duo-activity.js';
import { duoAdminParser } from '../../../electron/ingest/vendors/duo-admin.js';
import { duoAuthParser } from '../../../electron/ingest/vendors/duo-auth.js';
import { duoTelephonyParser } from '../../../electron/ingest/vendors/duo-telephony.js';
import { fixturePath } from '../../support/corpus.js';
import { corpusFiles, parseAll, parseOne, readRecords, recordOf } from './records.js';

const elastic = (): ReturnType<typeof readRecords> => readRecords(fixturePath('duo', 'test-activity.log'));
/** The API page: readRecords does not know `response.items`, so the page is opened here. */
function apiItems(): ReturnType<typeof readRecords> {
  const [page] = readRecords(fixturePath('duo', 'activity-api-page.json'));
  const items = (page?.value as { response: { items: unknown[] } }).response.items;
  return items.map((value, i) => recordOf(value, i + 1));
}

test('real activity records: user, key, address, place, device, time and id', () => {
  const { events, rejected } = parseAll(parser, elastic());
  assert.deepEqual(rejected, []);
  assert.deepEqual(
    events.map((e) => [e.vendorEvent, e.outcome, e.factor, e.user, e.source?.ip]),
    [
      ['webauthncredential_create', 'other', 'webauthn', 'sogilby', '216.160.83.56'],
      ['password_change', 'factor_change', 'password', 'jdoe', '192.168.1.23'],
      ['login_attempt', 'auth_failure', 'password', 'tharris', '216.160.83.56'],
      ['mfa_challenge', 'approved', undefined, 'rpatel', '10.0.0.50'],
    ],
  );
  const first = events[0];
  assert.equal(first?.time, Date.parse('2023-03-21T15:51:22.591Z'));
  assert.equal(first?.vendorUid, '720b8360-078b-47c4-adc7-7968df1caef0');
  assert.equal(first?.userVendorId, 'DU64TKJPJ0SHFWKO2LNBC');
  assert.equal(first?.app, 'Acme Corp');
  assert.equal(first?.device, 'Mac OS X 10.15.7, Chrome 111.0.0.0');
  assert.equal(first?.reason, 'FAILURE; webauthn_credential');
  assert.match(first?.userAgent ?? '', /^Mozilla\/5\.0 \(Macintosh/, 'read from target.details, JSON text');
  assert.deepEqual(first?.source?.geo, { source: 'vendor', city: 'Ann Arbor', region: 'Michigan', country: 'US' });
});

test('an API page: sign-in, push refused and approved, the user removing a phone; policy, group and profile changes skipped', () => {
  const events = [];
  const skipped = [];
  for (const record of apiItems()) {
    try {
      events.push(...parser.parse(record, { fileName: 'page' }));
    } catch (err) {
      assert.ok(err instanceof NotAuthentication, String(err));
      skipped.push(err.message);
    }
  }
  assert.deepEqual(
    events.map((e) => [e.vendorEvent, e.outcome, e.user, e.factor, e.reason]),
    [
      ['login_attempt', 'auth_success', 'ivan@contoso.example', 'password', 'SUCCESS; password_auth'],
      ['mfa_challenge', 'failed_other', 'ivan@contoso.example', 'push', 'FAILURE; mfa_challenge'],
      ['mfa_challenge', 'approved', 'ivan@contoso.example', 'push', 'SUCCESS; mfa_challenge'],
      ['phone_delete', 'factor_change', 'ivan@contoso.example', undefined, 'SUCCESS; phone'],
    ],
  );
  assert.deepEqual(skipped, ['Duo activity user_update', 'Duo activity policy_update', 'Duo activity group_update']);
});

test('an administrator acting on a user is recorded against the user, by the administrator', () => {
  const [record] = elastic();
  const value = {
    ...(record?.value as Record<string, unknown>),
    actor: { key: 'DEADMIN1', name: 'Admin One', type: 'admin' },
    target: { key: 'DU1', name: 'Victim@Example.com', type: 'user', details: null },
    action: { details: null, name: 'bypass_create' },
    outcome: { result: 'SUCCESS' },
  };
  const e = parseOne(parser, value);
  assert.deepEqual([e.outcome, e.user, e.userDisplay, e.userVendorId, e.reason], ['factor_change', 'victim@example.com', 'Victim@Example.com', 'DU1', 'SUCCESS; user; by Admin One']);
});

test('`action` as the bare string duo_client documents reads like action.name', () => {
  const [, , third] = elastic();
  const value = { ...(third?.value as Record<string, unknown>), action: 'login_attempt' };
  assert.deepEqual(parseOne(parser, value), parseOne(parser, third?.value));
});

test('recognised by content, apart from the other Duo logs', () => {
  for (const record of [...elastic(), ...apiItems()]) {
    assert.equal(PARSER_LIST.find((p) => p.input === 'object' && p.sniff([record]))?.id, 'duo-activity');
    for (const other of [duoAuthParser, duoAdminParser, duoTelephonyParser]) assert.throws(() => other.parse(record, { fileName: 'x' }), RecordError, other.id);
  }
  for (const path of corpusFiles('duo')) for (const record of readRecords(path)) assert.equal(parser.sniff([record]), false, path);
});

test('malformed activity records are rejected with the reason', () => {
  const [record] = elastic();
  const base = record?.value as Record<string, unknown>;
  assert.throws(() => parseOne(parser, { ...base, ts: '2023-02-30T10:00:00+00:00' }), /unreadable time/);
  assert.throws(() => parseOne(parser, { ...base, actor: 'sogilby' }), /not a Duo activity record/);
});

test('telephony v2 records: the send in an authentication context is a prompt, with its id', () => {
  const { events, rejected } = parseAll(duoTelephonyParser, readRecords(fixturePath('duo', 'test-telephony-v2.log')));
  assert.deepEqual(rejected, []);
  assert.deepEqual(
    events.map((e) => [e.outcome, e.factor, e.vendorUid, e.time]),
    [
      ['other', 'sms', '220f89ff-bff8-4466-b6cb-b7787940ce68', Date.parse('2023-03-21T22:34:49.466Z')],
      ['challenge_sent', 'voice', '60799fee-f08f-4ba8-971f-4e53b3473e9a', Date.parse('2023-01-26T20:54:12.573Z')],
      ['challenge_sent', 'sms', '5bf1a860-fe39-49e3-be29-217659663a74', Date.parse('2022-10-25T16:07:45.304Z')],
    ],
  );
});
