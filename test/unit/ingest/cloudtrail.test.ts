import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthEvent } from '../../../shared/model/event.js';
import { RecordError, type SourceRecord } from '../../../electron/ingest/parser.js';
import { cloudTrailParser as parser } from '../../../electron/ingest/vendors/cloudtrail.js';
import { googleWorkspaceParser } from '../../../electron/ingest/vendors/google-workspace.js';
import { pingOneParser } from '../../../electron/ingest/vendors/pingone.js';
import { corpusPath } from '../../support/corpus.js';
import { corpusFiles, otherVendorDirs, readRecords, recordOf, sniffSample } from './records.js';

const ctx = { fileName: 'trail.json' };

function only(events: AuthEvent[]): AuthEvent {
  assert.equal(events.length, 1);
  const [e] = events;
  assert.ok(e);
  return e;
}

function records(...parts: string[]): SourceRecord[] {
  return readRecords(corpusPath('aws-cloudtrail', ...parts));
}

function pick(list: SourceRecord[], n: number): SourceRecord {
  const r = list[n - 1];
  assert.ok(r, `record ${n}`);
  return r;
}

/** A hand-made ConsoleLogin in the documented shape (docs/log-sources.md §6). */
function consoleLogin(result: 'Success' | 'Failure', mfaUsed: 'Yes' | 'No' | 'NO', extra: Record<string, unknown> = {}): SourceRecord {
  return recordOf({
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: 'arn:aws:iam::111122223333:user/Alice', accountId: '111122223333', userName: 'Alice' },
    eventTime: '2024-03-01T10:00:00Z',
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    sourceIPAddress: '198.51.100.4',
    userAgent: 'Mozilla/5.0',
    responseElements: { ConsoleLogin: result },
    additionalEventData: { MFAUsed: mfaUsed, MobileVersion: 'No' },
    eventID: 'e-1',
    ...(result === 'Failure' ? { errorMessage: 'Failed authentication' } : {}),
    ...extra,
  });
}

test('Panther ConsoleLogin Failure with MFAUsed=Yes is a failed MFA challenge (failed_other)', () => {
  const e = only(parser.parse(pick(records('panther-analysis', 'aws_cloudtrail_unsuccessful_mfa_attempt.tests.ndjson'), 2), ctx));
  assert.equal(e.vendor, 'cloudtrail');
  assert.equal(e.vendorEvent, 'ConsoleLogin');
  assert.equal(e.outcome, 'failed_other');
  assert.equal(e.factor, 'unknown');
  assert.equal(e.user, 'anaya');
  assert.deepEqual(e.source, { ip: '192.0.2.0' });
  assert.equal(e.reason, 'Failed authentication');
  assert.equal(e.vendorUid, 'd38ce1b3-4575-4cb8-a632-611b8243bfc3');
  assert.equal(e.time, Date.UTC(2022, 10, 10, 16, 24, 34));
});

test('Panther ConsoleLogin Success with a U2F MFAIdentifier is an approved webauthn sign-in', () => {
  const e = only(parser.parse(pick(records('panther-analysis', 'aws_cloudtrail_unsuccessful_mfa_attempt.tests.ndjson'), 1), ctx));
  assert.equal(e.outcome, 'approved');
  assert.equal(e.factor, 'webauthn');
});

test('Elastic ConsoleLogin without MFA: Success -> auth_success, Failure -> auth_failure', () => {
  const list = records('elastic-integrations', 'test-console-login-json.log');
  const ok = only(parser.parse(pick(list, 1), ctx));
  assert.equal(ok.outcome, 'auth_success');
  assert.equal(ok.factor, 'password');
  assert.equal(ok.user, 'johndoe');
  assert.equal(ok.userDisplay, 'JohnDoe');
  assert.equal(ok.userAgent, 'Mozilla/5.0 (Windows NT 6.1; WOW64; rv:24.0) Gecko/20100101 Firefox/24.0');
  const failed = only(parser.parse(pick(list, 2), ctx));
  assert.equal(failed.outcome, 'auth_failure');
  // Assumed-role sign-in: no userName, the ARN's session name is the user.
  const role = only(parser.parse(pick(list, 3), ctx));
  assert.equal(role.user, 'mysessionname');
  assert.equal(role.factor, undefined);
});

test('the four ConsoleLogin combinations, MFAUsed compared case-insensitively', () => {
  assert.equal(only(parser.parse(consoleLogin('Success', 'Yes'), ctx)).outcome, 'approved');
  assert.equal(only(parser.parse(consoleLogin('Failure', 'Yes'), ctx)).outcome, 'failed_other');
  assert.equal(only(parser.parse(consoleLogin('Success', 'NO'), ctx)).outcome, 'auth_success');
  assert.equal(only(parser.parse(consoleLogin('Failure', 'No'), ctx)).outcome, 'auth_failure');
});

test('root is named root@<account>', () => {
  const list = records('panther-analysis', 'aws_console_root_login_failed.tests.ndjson');
  const e = only(parser.parse(pick(list, 1), ctx));
  assert.equal(e.user, 'root@123456789012');
  assert.equal(e.outcome, 'auth_failure');
});

test('CheckMfa maps its result and MfaType', () => {
  const e = only(
    parser.parse(
      recordOf({
        eventVersion: '1.08',
        eventTime: '2024-03-01T10:00:05Z',
        eventSource: 'signin.amazonaws.com',
        eventName: 'CheckMfa',
        userIdentity: { type: 'IAMUser', accountId: '111122223333', userName: 'alice' },
        sourceIPAddress: '198.51.100.4',
        responseElements: { CheckMfa: 'Failure' },
        additionalEventData: { MfaType: 'U2F MFA' },
        eventID: 'e-2',
      }),
      ctx,
    ),
  );
  assert.equal(e.outcome, 'failed_other');
  assert.equal(e.factor, 'webauthn');
});

test('StreamAlert IAM MFA-device calls are factor changes; a failed attempt keeps its error', () => {
  const list = records('streamalert', 'cloudtrail_mfa_policy_abuse_attempt.json');
  assert.equal(list.length, 4);
  const events = list.map((r) => only(parser.parse(r, ctx)));
  assert.deepEqual(
    events.map((e) => [e.vendorEvent, e.outcome]),
    [
      ['DeactivateMFADevice', 'factor_change'],
      ['DeactivateMFADevice', 'factor_change'],
      ['CreateVirtualMFADevice', 'factor_change'],
      ['CreateVirtualMFADevice', 'factor_change'],
    ],
  );
  assert.match(events[2]?.reason ?? '', /^EntityAlreadyExists: /);
  assert.equal(events[3]?.factor, 'totp');
  assert.equal(events[0]?.source, undefined, '"..." is not an IP');
});

test('EnableMFADevice names the affected user from requestParameters, not the caller', () => {
  const e = only(
    parser.parse(
      recordOf({
        eventVersion: '1.08',
        eventTime: '2024-03-01T11:00:00Z',
        eventSource: 'iam.amazonaws.com',
        eventName: 'EnableMFADevice',
        userIdentity: { type: 'IAMUser', accountId: '111122223333', userName: 'admin', accessKeyId: 'ASIAEXAMPLE' },
        sourceIPAddress: 'AWS Internal',
        requestParameters: { userName: 'Bob', serialNumber: 'arn:aws:iam::111122223333:mfa/bob-phone' },
        eventID: 'e-3',
      }),
      ctx,
    ),
  );
  assert.equal(e.outcome, 'factor_change');
  assert.equal(e.user, 'bob');
  assert.equal(e.factor, 'totp');
  assert.equal(e.sessionId, 'ASIAEXAMPLE');
  assert.equal(e.source, undefined, 'AWS service names are not source IPs');
});

test('a whole {"Records":[...]} object yields one event per member', () => {
  const events = parser.parse(
    recordOf({ Records: [JSON.parse(consoleLogin('Success', 'Yes').text) as unknown, JSON.parse(consoleLogin('Failure', 'No').text) as unknown] }),
    ctx,
  );
  assert.deepEqual(
    events.map((e) => e.outcome),
    ['approved', 'auth_failure'],
  );
});

test('Sentinel / Log Analytics AWSCloudTrail rows are read (nested parts as JSON text)', () => {
  const e = only(
    parser.parse(
      recordOf({
        TimeGenerated: '2024-03-01T10:00:00Z',
        EventName: 'ConsoleLogin',
        EventSource: 'signin.amazonaws.com',
        AwsEventId: 'la-1',
        UserIdentityType: 'IAMUser',
        UserIdentityUserName: 'carol',
        SourceIpAddress: '198.51.100.9',
        ResponseElements: '{"ConsoleLogin":"Failure"}',
        AdditionalEventData: '{"MFAUsed":"Yes"}',
        ErrorMessage: 'Failed authentication',
      }),
      ctx,
    ),
  );
  assert.equal(e.outcome, 'failed_other');
  assert.equal(e.user, 'carol');
  assert.equal(e.vendorUid, 'la-1');
  assert.deepEqual(e.source, { ip: '198.51.100.9' });
});

test('other API calls are kept as other; OTRF @timestamp records parse', () => {
  const list = records('otrf-security-datasets', 'ec2_proxy_s3_exfiltration_2020-09-14011940.json');
  const e = only(parser.parse(pick(list, 1), ctx));
  assert.equal(e.outcome, 'other');
  assert.equal(e.vendorEvent, 'DescribeInstanceTypes');
  assert.equal(e.user, 'pedro');
  assert.equal(e.time, Date.parse('2020-09-14T00:44:23.000Z'));
});

test('every record of every CloudTrail corpus file parses, or is rejected for a missing eventTime', () => {
  let parsed = 0;
  const rejected: string[] = [];
  for (const file of corpusFiles('aws-cloudtrail')) {
    for (const r of readRecords(file)) {
      try {
        for (const e of parser.parse(r, ctx)) assert.ok(Number.isFinite(e.time));
        parsed += 1;
      } catch (err) {
        assert.ok(err instanceof RecordError, `${file} record ${r.record}: ${String(err)}`);
        rejected.push(err.message);
      }
    }
  }
  // Only Panther's trimmed test event with just p_event_time lacks eventTime.
  assert.deepEqual(rejected, ['CloudTrail record has no eventTime']);
  assert.equal(parsed, 130);
});

test('sniff recognises every CloudTrail corpus file and no other vendor file', () => {
  for (const file of corpusFiles('aws-cloudtrail')) {
    assert.equal(parser.sniff(sniffSample(readRecords(file))), true, file);
    const sample = sniffSample(readRecords(file));
    assert.equal(googleWorkspaceParser.sniff(sample), false, file);
    assert.equal(pingOneParser.sniff(sample), false, file);
  }
  for (const file of otherVendorDirs('aws-cloudtrail').flatMap((dir) => corpusFiles(dir))) {
    assert.equal(parser.sniff(sniffSample(readRecords(file))), false, file);
  }
});

test('hostile user agent and user name are stored verbatim', () => {
  const ua = '<img src=x onerror="alert(document.cookie)">\u0000\u202e';
  const e = only(
    parser.parse(
      consoleLogin('Success', 'No', {
        userAgent: ua,
        userIdentity: { type: 'IAMUser', accountId: '1', userName: '<B>Mallory</B>' },
      }),
      ctx,
    ),
  );
  assert.equal(e.userAgent, ua);
  assert.equal(e.user, '<b>mallory</b>');
  assert.equal(e.userDisplay, '<B>Mallory</B>');
});

test('records without eventName or with a bad time are rejected', () => {
  assert.throws(() => parser.parse(recordOf({ eventTime: '2024-03-01T10:00:00Z', eventSource: 'x' }), ctx), /no eventName/);
  assert.throws(() => parser.parse(consoleLogin('Success', 'No', { eventTime: 'soon' }), ctx), /unreadable eventTime/);
});
