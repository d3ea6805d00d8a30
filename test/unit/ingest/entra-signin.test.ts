import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecordError } from '../../../electron/ingest/parser.js';
import { entraAuditParser } from '../../../electron/ingest/vendors/entra-audit.js';
import { entraSignInParser } from '../../../electron/ingest/vendors/entra-signin.js';
import { corpusPath } from '../../support/corpus.js';
import { ENTRA_AUDIT_FILES, corpusFiles, corpusName, csvRecordOf, otherVendorDirs, parseAll, parseOne, readRecords, recordOf, sameEventsLowerCased } from './records.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

function corpusEvent(file: string, record: number) {
  const found = readRecords(corpusPath('entra', ...file.split('/'))).find((r) => r.record === record);
  assert.ok(found, `${file} #${record} missing`);
  return parseOne(entraSignInParser, found.value);
}

const signInFiles = corpusFiles('entra').filter((p) => !ENTRA_AUDIT_FILES.has(corpusName(p)));
const auditFiles = corpusFiles('entra').filter((p) => ENTRA_AUDIT_FILES.has(corpusName(p)));

describe('entra-signin: corpus files', () => {
  it('the corpus has both sign-in and audit files', () => {
    assert.equal(signInFiles.length, 13);
    assert.equal(auditFiles.length, ENTRA_AUDIT_FILES.size);
  });

  it('every sign-in record gives the same event with all its keys lower-cased', () => {
    assert.ok(sameEventsLowerCased(entraSignInParser, signInFiles) >= 30);
  });

  for (const path of signInFiles) {
    const name = corpusName(path);
    it(`${name} is a sign-in file (not audit) and every record parses`, () => {
      const records = readRecords(path);
      assert.equal(entraSignInParser.sniff(records.slice(0, 10)), true);
      assert.equal(entraSignInParser.sniff(records.slice(0, 1)), true, 'from its first record alone');
      assert.equal(entraAuditParser.sniff(records.slice(0, 10)), false);
      const { events, rejected } = parseAll(entraSignInParser, records, name);
      assert.deepEqual(rejected, []);
      assert.equal(events.length, records.length);
      for (const e of events) {
        assert.equal(e.vendor, 'entra');
        assert.equal(e.vendorEvent, 'Sign-in activity');
        assert.ok(Number.isFinite(e.time));
      }
    });
  }

  it('does not claim the Entra audit files', () => {
    for (const path of auditFiles) assert.equal(entraSignInParser.sniff(readRecords(path).slice(0, 10)), false, corpusName(path));
  });

  for (const dir of otherVendorDirs('entra')) {
    it(`does not claim the ${dir} corpus`, () => {
      for (const path of corpusFiles(dir)) assert.equal(entraSignInParser.sniff(readRecords(path).slice(0, 10)), false, corpusName(path));
    });
  }
});

describe('entra-signin: known corpus records', () => {
  it('diagnostic NonInteractiveUserSignInLogs success -> auth_success with vendor geo, ASN and correlation id', () => {
    const e = corpusEvent('elastic-integrations/test-non-interactive-user.log', 1);
    assert.equal(e.outcome, 'auth_success');
    assert.equal(e.user, 'hello.world@company.de');
    assert.equal(e.userDisplay, 'Hello World');
    assert.equal(e.time, Date.UTC(2021, 6, 30, 11, 20, 59, 778));
    assert.equal(e.vendorUid, '22222222-fb7b-4f83-bf74-3876f9ef3900');
    assert.equal(e.sessionId, '22222222-18ab-4afa-aa79-21af67c8b108');
    assert.equal(e.app, 'Microsoft Teams');
    assert.deepEqual(e.source, {
      ip: '81.2.69.144',
      geo: { city: 'Hannover', region: 'Niedersachsen', country: 'DE', lat: 50.12345678912345, lon: 9.123456789123455, source: 'vendor' },
      asn: 3320,
    });
  });

  it('createdDateTime with a -05:00 offset is converted to UTC', () => {
    const e = corpusEvent('elastic-integrations/test-signinlogs-raw.log', 1);
    assert.equal(e.time, Date.parse('2019-10-18T09:45:48.072Z'));
    // 50140 keep-me-signed-in interrupt: benign, kept with its code.
    assert.equal(e.outcome, 'other');
    assert.match(e.reason ?? '', /^50140: /);
  });

  it('MFA satisfied by a token claim is auth_success, not approved', () => {
    const e = corpusEvent('panther-analysis/azure_legacyauth.tests.ndjson', 2);
    assert.equal(e.outcome, 'auth_success');
    assert.match(e.reason ?? '', /satisfied by claim in the token/);
  });

  it('50126 and 50053 -> auth_failure; lower-cased Panther keys are read', () => {
    assert.equal(corpusEvent('panther-analysis/azure_ropc_login_no_mfa.tests.ndjson', 2).outcome, 'auth_failure');
    const locked = corpusEvent('panther-analysis/azure_excessive_account_lockouts.tests.ndjson', 1);
    assert.equal(locked.outcome, 'auth_failure');
    assert.match(locked.reason ?? '', /^50053: /);
    const sp = corpusEvent('panther-analysis/azure_failed_signins.tests.ndjson', 1);
    assert.equal(sp.user, 'some-service-principal');
    assert.equal(sp.time, Date.parse('2023-07-26T22:58:30.983Z'));
  });
});

/** Hand-made Graph signIn object following docs/log-sources.md §2 field paths (the corpus has no MFA prompts). */
function graphSignIn(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'hand-made-signin',
    createdDateTime: '2024-03-01T10:00:00Z',
    userPrincipalName: 'Victim@Contoso.com',
    userId: '11111111-1111-1111-1111-111111111111',
    userDisplayName: 'Victim',
    appDisplayName: 'Office 365',
    ipAddress: '203.0.113.9',
    clientAppUsed: 'Browser',
    correlationId: 'corr-hand-made',
    userAgent: 'Mozilla/5.0',
    location: { city: 'Paris', state: 'Paris', countryOrRegion: 'FR', geoCoordinates: { latitude: 48.85, longitude: 2.35 } },
    status: { errorCode: 0 },
    authenticationRequirement: 'multiFactorAuthentication',
    authenticationDetails: [
      { authenticationMethod: 'Password', succeeded: true, authenticationStepResultDetail: 'Correct password' },
      { authenticationMethod: 'Mobile app notification', succeeded: true, authenticationStepResultDetail: 'MFA successfully completed' },
    ],
    ...extra,
  };
}

function failedPush(detail: string, method = 'Mobile app notification'): Record<string, unknown> {
  return graphSignIn({
    status: { errorCode: 500121, failureReason: 'Authentication failed during strong authentication request.', additionalDetails: detail },
    authenticationDetails: [
      { authenticationMethod: 'Password', succeeded: true },
      { authenticationMethod: method, succeeded: false, authenticationStepResultDetail: detail },
    ],
  });
}

describe('entra-signin: hand-made records', () => {
  it('errorCode 0 with an MFA step done by the user -> approved push', () => {
    const e = parseOne(entraSignInParser, graphSignIn());
    assert.equal(e.outcome, 'approved');
    assert.equal(e.factor, 'push');
    assert.equal(e.user, 'victim@contoso.com');
    assert.equal(e.sessionId, 'corr-hand-made');
    assert.equal(e.vendorUid, 'hand-made-signin');
    assert.deepEqual(e.source?.geo, { city: 'Paris', region: 'Paris', country: 'FR', lat: 48.85, lon: 2.35, source: 'vendor' });
  });

  it('500121 sub-reasons: declined -> denied, no answer -> timeout, fraud code -> fraud_reported, bad code -> failed_other', () => {
    const denied = parseOne(entraSignInParser, failedPush('MFA denied; user declined the authentication'));
    assert.equal(denied.outcome, 'denied');
    assert.equal(denied.factor, 'push');
    assert.match(denied.reason ?? '', /^500121: .*user declined/);
    assert.equal(parseOne(entraSignInParser, failedPush('User did not respond to mobile app notification')).outcome, 'timeout');
    assert.equal(parseOne(entraSignInParser, failedPush('No phone input - timed out', 'Phone call')).outcome, 'timeout');
    assert.equal(parseOne(entraSignInParser, failedPush('MFA denied; Fraud Code Entered')).outcome, 'fraud_reported');
    const wrong = parseOne(entraSignInParser, failedPush('MFA denied; user entered incorrect code', 'OATH verification code'));
    assert.equal(wrong.outcome, 'failed_other');
    assert.equal(wrong.factor, 'totp');
  });

  it('50074 / 50076 -> mfa_required; 50088 -> failed_other keeping the code; 50126 -> auth_failure', () => {
    const code = (errorCode: number) => parseOne(entraSignInParser, graphSignIn({ status: { errorCode, failureReason: 'x' } }));
    assert.equal(code(50074).outcome, 'mfa_required');
    assert.equal(code(50076).outcome, 'mfa_required');
    const flood = code(50088);
    assert.equal(flood.outcome, 'failed_other');
    assert.match(flood.reason ?? '', /^50088: /);
    assert.equal(code(50126).outcome, 'auth_failure');
  });

  it('Log Analytics SigninLogs row: PascalCase columns and JSON-text AuthenticationDetails', () => {
    const row = {
      TimeGenerated: '2024-03-01T10:00:05Z',
      CreatedDateTime: '2024-03-01T10:00:00Z',
      Type: 'SigninLogs',
      Category: 'SignInLogs',
      OperationName: 'Sign-in activity',
      ResultType: '500121',
      ResultDescription: 'Authentication failed during strong authentication request.',
      UserPrincipalName: 'victim@contoso.com',
      IPAddress: '203.0.113.10',
      Location: 'FR',
      LocationDetails: JSON.stringify({ city: 'Paris', state: 'Paris', countryOrRegion: 'FR' }),
      Status: JSON.stringify({ errorCode: 500121, additionalDetails: 'MFA denied; user declined the authentication' }),
      AuthenticationRequirement: 'multiFactorAuthentication',
      AuthenticationDetails: JSON.stringify([{ authenticationMethod: 'Mobile app notification', succeeded: false }]),
      UserAgent: HOSTILE,
      CorrelationId: 'corr-la',
      Id: 'la-id',
    };
    assert.equal(entraSignInParser.sniff([recordOf(row)]), true);
    assert.equal(entraAuditParser.sniff([recordOf(row)]), false);
    const e = parseOne(entraSignInParser, row);
    assert.equal(e.outcome, 'denied');
    assert.equal(e.factor, 'push');
    assert.equal(e.time, Date.parse('2024-03-01T10:00:00Z'));
    assert.equal(e.source?.ip, '203.0.113.10');
    assert.equal(e.source?.geo?.city, 'Paris');
    assert.equal(e.sessionId, 'corr-la');
    assert.equal(e.vendorUid, 'la-id');
    assert.equal(e.userAgent, HOSTILE);
  });

  it('portal CSV row (column name -> cell text)', () => {
    const row = {
      'Date (UTC)': '2024-03-01T10:00:00Z',
      'Request ID': 'req-csv-1',
      User: 'Victim',
      Username: 'Victim@Contoso.com',
      'User ID': '11111111-1111-1111-1111-111111111111',
      'IP address': '203.0.113.11',
      Location: 'Paris, Ile-de-France, FR',
      Status: 'Failure',
      'Sign-in error code': '500121',
      'Failure reason': 'Authentication failed during strong authentication request.',
      'Client app': 'Browser',
      Browser: 'Chrome 120.0.0',
      'Operating System': 'Windows10',
      'Multifactor authentication result': 'MFA denied; user declined the authentication',
      'Multifactor authentication auth method': 'Mobile app notification',
      'Multifactor authentication auth detail': '',
      'Authentication requirement': 'Multifactor authentication',
      'Correlation ID': 'corr-csv',
      'User agent': HOSTILE,
      Application: 'Office 365',
    };
    const raw = Object.values(row).join(',');
    const record = csvRecordOf(row, raw);
    assert.equal(entraSignInParser.sniff([record]), true);
    const [e] = entraSignInParser.parse(record, { fileName: 'hand-made.csv' });
    assert.ok(e);
    assert.equal(e.outcome, 'denied');
    assert.equal(e.factor, 'push');
    assert.equal(e.user, 'victim@contoso.com');
    assert.equal(e.userDisplay, 'Victim');
    assert.equal(e.vendorUid, 'req-csv-1');
    assert.equal(e.sessionId, 'corr-csv');
    assert.deepEqual(e.source, { ip: '203.0.113.11', geo: { city: 'Paris', region: 'Ile-de-France', country: 'FR', source: 'vendor' } });
    assert.equal(e.userAgent, HOSTILE);
    assert.equal(record.text, raw, 'the record text is left as read');
  });

  it('portal CSV success row with a locale date in the file\'s order and an MFA result -> approved', () => {
    const row = {
      'Date (UTC)': '3/1/2024 10:00:00 PM',
      'Request ID': 'req-csv-2',
      Username: 'victim@contoso.com',
      'IP address': '203.0.113.11',
      Status: 'Success',
      'Sign-in error code': '0',
      'Multifactor authentication result': 'MFA successfully completed',
      'Multifactor authentication auth method': 'Text message',
      'Authentication requirement': 'Multifactor authentication',
    };
    const [e] = entraSignInParser.parse(recordOf(row), { fileName: 'portal.csv', time: { dateOrder: 'mdy' } });
    assert.equal(e?.time, Date.UTC(2024, 2, 1, 22, 0, 0));
    assert.equal(e?.outcome, 'approved');
    assert.equal(e?.factor, 'sms');
    // The same row in a day-first file is the 3rd of January; with no order decided it is rejected, not guessed.
    assert.equal(entraSignInParser.parse(recordOf(row), { fileName: 'portal.csv', time: { dateOrder: 'dmy' } })[0]?.time, Date.UTC(2024, 0, 3, 22, 0, 0));
    assert.throws(() => parseOne(entraSignInParser, row), /--date-order/);
  });

  it('keeps a hostile user agent verbatim', () => {
    assert.equal(parseOne(entraSignInParser, graphSignIn({ userAgent: HOSTILE })).userAgent, HOSTILE);
  });

  it('rejects a record without a time, and an audit record', () => {
    assert.throws(() => parseOne(entraSignInParser, graphSignIn({ createdDateTime: 'n/a' })), RecordError);
    assert.throws(() => parseOne(entraSignInParser, { activityDisplayName: 'User registered security info', activityDateTime: '2024-03-01T10:00:00Z' }), RecordError);
  });
});
