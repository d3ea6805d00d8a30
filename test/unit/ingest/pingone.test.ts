import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthEvent } from '../../../shared/model/event.js';
import { RecordError } from '../../../electron/ingest/parser.js';
import { pingOneParser as parser } from '../../../electron/ingest/vendors/pingone.js';
import { cloudTrailParser } from '../../../electron/ingest/vendors/cloudtrail.js';
import { googleWorkspaceParser } from '../../../electron/ingest/vendors/google-workspace.js';
import { corpusPath } from '../../support/corpus.js';
import { corpusFiles, otherVendorDirs, readRecords, recordOf, sniffSample } from './records.js';

const ctx = { fileName: 'pingid.log' };
const PINGID = corpusPath('pingone', 'splunk-attack_data', 'pingid.log');

function only(events: AuthEvent[]): AuthEvent {
  assert.equal(events.length, 1);
  const [e] = events;
  assert.ok(e);
  return e;
}

/** All PingID sample events, oldest first (the file is newest first). */
function pingIdEvents(): AuthEvent[] {
  return readRecords(PINGID)
    .map((r) => only(parser.parse(r, ctx)))
    .sort((a, b) => a.time - b.time);
}

function byUid(events: AuthEvent[], uid: string): AuthEvent {
  const e = events.find((x) => x.vendorUid === uid);
  assert.ok(e, uid);
  return e;
}

test('every pingid.log record parses; the timestamp is `recorded`', () => {
  const events = pingIdEvents();
  assert.equal(events.length, 62);
  const first = byUid(events, '09137e91-598c-11ee-b8a3-0a7079fd2ed9');
  assert.equal(first.time, Date.parse('2023-05-10T16:07:27.763Z'));
  assert.equal(first.vendor, 'pingone');
});

test('"Auth. Timed Out, Unresponsive User" is a push timeout, and a later swipe/banner for the same user an approval', () => {
  const events = pingIdEvents();
  const timeout = byUid(events, '136105d4-6390-11ee-9f1c-02efd5dffee3');
  assert.equal(timeout.outcome, 'timeout');
  assert.equal(timeout.vendorEvent, 'FAILURE,authFail');
  assert.equal(timeout.factor, 'push');
  assert.equal(timeout.user, 'victim_user');
  assert.equal(timeout.app, 'VPN');
  assert.equal(timeout.device, 'samsung SM-S901U');
  assert.deepEqual(timeout.source, { ip: '74.208.236.210' });
  assert.equal(timeout.sessionId, 'webs_0UR7Iu9bk-bkIp0SiOWLkHjbYfgsSybqVm8G67Zrlxg');

  const approval = byUid(events, '6d57fe8c-63a9-11ee-9e44-068ff0122d83');
  assert.equal(approval.outcome, 'approved');
  assert.equal(approval.factor, 'push');
  assert.equal(approval.user, timeout.user);
  assert.ok(approval.time > timeout.time);
  assert.equal(approval.reason, 'VPN Banner "samsung SM-S901U"');

  // The whole sample: 25 FAILURE,authFail time-outs plus one with no result at all.
  assert.equal(events.filter((e) => e.outcome === 'timeout').length, 26);
  assert.equal(events.filter((e) => e.outcome === 'approved').length, 4);
});

test('a time-out record without `result` is read from resources[].pingidmsg', () => {
  const e = byUid(pingIdEvents(), '4b2e9647-5989-11ee-89b7-0ab60babd515');
  assert.equal(e.outcome, 'timeout');
  assert.equal(e.app, 'SSO');
  assert.equal(e.device, 'iPhone 12 Pro Max');
});

test('POLICY records: verification IP as responder, message IP and country as source', () => {
  const events = pingIdEvents();
  const policy = byUid(events, 'b2aa4972-5989-11ee-b78d-0a26c03d27c3');
  assert.equal(policy.vendorEvent, 'POLICY');
  assert.equal(policy.outcome, 'mfa_required');
  assert.deepEqual(policy.responder, { ip: '41.76.192.9', name: 'iPhone 6S' });
  assert.deepEqual(policy.source, { ip: '144.172.122.200', geo: { country: 'US', source: 'vendor' } });
  // Same websession as the SSO swipe that came from the source address.
  const swipe = byUid(events, 'b60b4f8f-5989-11ee-8390-02f081d638e1');
  assert.equal(swipe.sessionId, policy.sessionId);
  assert.deepEqual(swipe.source, { ip: '144.172.122.200' });

  // "IP Address: N/A" gives no source; the responder is still known.
  const vpnPolicy = byUid(events, '074d6480-598c-11ee-a826-02acf93995d7');
  assert.equal(vpnPolicy.source, undefined);
  assert.equal(vpnPolicy.responder?.ip, '41.76.192.9');
  assert.equal(vpnPolicy.app, 'VPN');
});

test('Device Paired records are factor changes with the paired factor', () => {
  const events = pingIdEvents();
  const sms = byUid(events, 'b2eb1fef-651b-11ee-b38b-0ac7a554ed19');
  assert.equal(sms.outcome, 'factor_change');
  assert.equal(sms.factor, 'sms');
  const app = byUid(events, 'a30e5953-6511-11ee-8fa4-064681a157ad');
  assert.equal(app.outcome, 'factor_change');
  assert.equal(app.factor, 'push');
});

test('UNSUCCESSFUL_ATTEMPT and other FAIL statuses are failed_other unless the message says more', () => {
  const base = {
    source: 'PINGID',
    id: 'x-1',
    recorded: '2024-03-01T10:00:00.000Z',
    actors: [{ type: 'user', name: 'Bob' }],
    resources: [{ ipaddress: '198.51.100.1', websession: 'webs_1', devicemodel: 'Pixel 8' }],
  };
  const failed = only(parser.parse(recordOf({ ...base, result: { status: 'UNSUCCESSFUL_ATTEMPT', message: 'SSO OTP "Pixel 8"' } }), ctx));
  assert.equal(failed.outcome, 'failed_other');
  assert.equal(failed.factor, 'totp');
  assert.equal(failed.user, 'bob');
  const denied = only(parser.parse(recordOf({ ...base, result: { status: 'FAILURE,authFail', message: 'SSO Swipe Denied "Pixel 8"' } }), ctx));
  assert.equal(denied.outcome, 'denied');
});

test('PingOne platform audit activities are read; admin configuration events stay other', () => {
  const e = only(
    parser.parse(
      recordOf({
        id: 'a-1',
        recordedAt: '2022-07-06T11:31:55.312Z',
        createdAt: '2022-07-06T11:31:55.329Z',
        correlationId: 'c-1',
        actors: { client: { id: 'adminui', name: 'adminui', type: 'CLIENT' }, user: { id: 'u-1', name: 'Example@Gmail.com', type: 'USER' } },
        action: { type: 'APPLICATION.UPDATED', description: 'Application Updated' },
        resources: [{ type: 'APPLICATION', id: 'app-1', name: 'testapp' }],
        result: { status: 'SUCCESS', description: 'Updated Application testapp' },
      }),
      ctx,
    ),
  );
  assert.equal(e.outcome, 'other');
  assert.equal(e.vendorEvent, 'APPLICATION.UPDATED');
  assert.equal(e.user, 'example@gmail.com');
  assert.equal(e.userVendorId, 'u-1');
  assert.equal(e.sessionId, 'c-1');
  assert.equal(e.vendorUid, 'a-1');
  assert.equal(e.time, Date.parse('2022-07-06T11:31:55.312Z'));
});

test('sniff recognises pingid.log and no other vendor file; PingOne audit is recognised', () => {
  assert.equal(parser.sniff(sniffSample(readRecords(PINGID))), true);
  assert.equal(parser.sniff(sniffSample(readRecords(PINGID), 62)), true);
  assert.equal(cloudTrailParser.sniff(sniffSample(readRecords(PINGID))), false);
  assert.equal(googleWorkspaceParser.sniff(sniffSample(readRecords(PINGID))), false);
  for (const file of otherVendorDirs('pingone').flatMap((dir) => corpusFiles(dir))) {
    assert.equal(parser.sniff(sniffSample(readRecords(file))), false, file);
  }
  const audit = recordOf({ id: 'a', recordedAt: '2022-07-06T06:12:00.400Z', action: { type: 'ACTION.CREATED' }, result: { status: 'SUCCESS' } });
  assert.equal(parser.sniff([audit]), true);
});

test('records of neither shape, or without a time, are rejected', () => {
  assert.throws(() => parser.parse(recordOf({ uuid: 'okta', eventType: 'user.session.start' }), ctx), RecordError);
  assert.throws(
    () => parser.parse(recordOf({ source: 'PINGID', id: 'x', actors: [], resources: [] }), ctx),
    /no recorded/,
  );
});

test('hostile strings in names and messages are stored verbatim', () => {
  const name = '<svg onload=alert(1)>Eve';
  const message = 'SSO Swipe "<script>fetch(`//x`)</script>"';
  const e = only(
    parser.parse(
      recordOf({
        source: 'PINGID',
        id: 'h-1',
        recorded: '2024-03-01T10:00:00.000Z',
        actors: [{ type: 'user', name }],
        resources: [{ ipaddress: '198.51.100.1', devicemodel: '<b>phone</b>' }],
        result: { status: 'SUCCESS', message },
      }),
      ctx,
    ),
  );
  assert.equal(e.userDisplay, name);
  assert.equal(e.user, name.toLowerCase());
  assert.equal(e.reason, message);
  assert.equal(e.device, '<b>phone</b>');
});
