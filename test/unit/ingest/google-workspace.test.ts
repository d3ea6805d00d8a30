import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthEvent } from '../../../shared/model/event.js';
import { RecordError, type SourceRecord } from '../../../electron/ingest/parser.js';
import { googleWorkspaceParser as parser } from '../../../electron/ingest/vendors/google-workspace.js';
import { cloudTrailParser } from '../../../electron/ingest/vendors/cloudtrail.js';
import { pingOneParser } from '../../../electron/ingest/vendors/pingone.js';
import { corpusPath } from '../../support/corpus.js';
import { corpusFiles, otherVendorDirs, readRecords, recordOf, sniffSample } from './records.js';

const ctx = { fileName: 'test.json' };
const ELASTIC_LOGIN = corpusPath('google-workspace', 'elastic-integrations', 'test-login.log');

function only(events: AuthEvent[]): AuthEvent {
  assert.equal(events.length, 1);
  const [e] = events;
  assert.ok(e);
  return e;
}

function elasticRecord(n: number): SourceRecord {
  const r = readRecords(ELASTIC_LOGIN)[n - 1];
  assert.ok(r, `record ${n} of test-login.log`);
  return r;
}

/** An API-shaped login activity (hand-made, values from docs/log-sources.md §5). */
function loginActivity(events: unknown[], extra: Record<string, unknown> = {}): SourceRecord {
  return recordOf({
    kind: 'admin#reports#activity',
    id: { time: '2024-03-01T10:00:00.123Z', uniqueQualifier: '-42', applicationName: 'login', customerId: 'C1' },
    actor: { email: 'Alice@Example.com', profileId: '1001' },
    ipAddress: '203.0.113.7',
    events,
    ...extra,
  });
}

test('Elastic login_challenge (backup code, "Challenge Passed.") is an approved passcode challenge', () => {
  const e = only(parser.parse(elasticRecord(11), ctx));
  assert.equal(e.vendor, 'google');
  assert.equal(e.vendorEvent, 'login_challenge');
  assert.equal(e.outcome, 'approved');
  assert.equal(e.factor, 'passcode');
  assert.deepEqual(e.source, { ip: '67.43.156.13' });
  assert.equal(e.user, 'foo@bar.com');
  assert.equal(e.time, Date.UTC(2020, 9, 2, 15, 0, 0));
  assert.equal(e.reason, 'Challenge Passed.');
});

test('Elastic login_failure with access_code_disallowed is a primary failure, keeping the method', () => {
  const e = only(parser.parse(elasticRecord(10), ctx));
  assert.equal(e.outcome, 'auth_failure');
  assert.equal(e.factor, 'passcode');
  assert.equal(e.reason, 'login_failure_access_code_disallowed');
});

test('is_suspicious=true is visible in reason; account warnings name the affected user', () => {
  const suspicious = only(parser.parse(elasticRecord(15), ctx));
  assert.equal(suspicious.outcome, 'auth_success');
  assert.equal(suspicious.factor, 'password');
  assert.match(suspicious.reason ?? '', /is_suspicious/);

  const warning = only(parser.parse(elasticRecord(2), ctx));
  assert.equal(warning.vendorEvent, 'suspicious_login');
  assert.equal(warning.outcome, 'other');
  assert.equal(warning.user, 'foo@elastic.co');
});

test('new-style multiValue google_prompt: passed -> approved push, failed -> denied', () => {
  const passed = only(
    parser.parse(
      loginActivity([
        {
          type: 'login',
          name: 'login_verification',
          parameters: [
            { name: 'login_challenge_method', multiValue: ['password', 'google_prompt'] },
            { name: 'login_challenge_status', value: 'passed' },
            { name: 'is_second_factor', boolValue: true },
          ],
        },
      ]),
      ctx,
    ),
  );
  assert.equal(passed.outcome, 'approved');
  assert.equal(passed.factor, 'push');
  assert.equal(passed.user, 'alice@example.com');
  assert.equal(passed.userDisplay, 'Alice@Example.com');
  assert.equal(passed.userVendorId, '1001');

  const failed = only(
    parser.parse(
      loginActivity([
        {
          type: 'login',
          name: 'login_challenge',
          parameters: [
            { name: 'login_challenge_method', multiValue: ['google_prompt'] },
            { name: 'login_challenge_status', value: 'Challenge Failed.' },
          ],
        },
      ]),
      ctx,
    ),
  );
  assert.equal(failed.outcome, 'denied');
  assert.equal(failed.factor, 'push');
});

test('login_failure: invalid second factor by method; other failure types are auth_failure', () => {
  const cases: Array<[string, string, string, string | undefined]> = [
    ['google_prompt', 'login_failure_invalid_second_factor', 'denied', 'push'],
    ['google_authenticator', 'login_failure_invalid_second_factor', 'failed_other', 'totp'],
    ['idv_preregistered_phone', 'login_failure_invalid_second_factor', 'failed_other', 'sms'],
    ['security_key', 'login_failure_missing_second_factor', 'failed_other', 'webauthn'],
    ['password', 'login_failure_invalid_password', 'auth_failure', 'password'],
  ];
  for (const [method, type, outcome, factor] of cases) {
    const e = only(
      parser.parse(
        loginActivity([
          {
            type: 'login',
            name: 'login_failure',
            parameters: [
              { name: 'login_challenge_method', value: method },
              { name: 'login_failure_type', value: type },
            ],
          },
        ]),
        ctx,
      ),
    );
    assert.equal(e.outcome, outcome, `${method}/${type}`);
    assert.equal(e.factor, factor, `${method}/${type}`);
  }
});

test('one activity with several events gives one event each, with distinct vendor uids', () => {
  const events = parser.parse(
    loginActivity([
      { type: 'login', name: 'login_challenge', parameters: [{ name: 'login_challenge_method', value: 'google_prompt' }] },
      {
        type: 'login',
        name: 'login_success',
        parameters: [
          { name: 'login_challenge_method', multiValue: ['password', 'google_prompt'] },
          { name: 'is_second_factor', boolValue: true },
        ],
      },
    ]),
    ctx,
  );
  assert.equal(events.length, 2);
  assert.equal(events[0]?.outcome, 'challenge_sent');
  assert.equal(events[1]?.outcome, 'approved');
  assert.notEqual(events[0]?.vendorUid, events[1]?.vendorUid);
  assert.match(events[0]?.vendorUid ?? '', /-42/);
});

test('Panther flattened 2SV changes are factor_change; other applications stay other', () => {
  const enroll = only(
    parser.parse(
      recordOf({
        id: { applicationName: 'user_accounts', time: '2022-12-29 22:42:44.467000000', uniqueQualifier: '5' },
        actor: { email: 'some.user@somedomain.com' },
        kind: 'admin#reports#activity',
        type: '2sv_change',
        name: '2sv_disable',
      }),
      ctx,
    ),
  );
  assert.equal(enroll.outcome, 'factor_change');
  assert.equal(enroll.time, Date.UTC(2022, 11, 29, 22, 42, 44, 467));

  const drive = readRecords(corpusPath('google-workspace', 'panther-analysis', 'gsuite_doc_ownership_transfer.tests.ndjson'));
  for (const r of drive) assert.equal(only(parser.parse(r, ctx)).outcome, 'other');
});

test('every record of every Google corpus file parses, or is rejected only for a missing id.time', () => {
  let parsed = 0;
  let rejected = 0;
  for (const file of corpusFiles('google-workspace')) {
    for (const r of readRecords(file)) {
      try {
        for (const e of parser.parse(r, ctx)) {
          assert.ok(Number.isFinite(e.time));
          assert.equal(e.vendor, 'google');
        }
        parsed += 1;
      } catch (err) {
        assert.ok(err instanceof RecordError, `${file} record ${r.record}: ${String(err)}`);
        assert.match(err.message, /no id\.time/);
        rejected += 1;
      }
    }
  }
  // Panther's trimmed test events often lack id.time; the Elastic and full Panther ones parse.
  assert.equal(parsed + rejected, 152);
  assert.ok(parsed >= 100, `parsed ${parsed}`);
});

test('sniff recognises every Google corpus file and no other vendor file', () => {
  for (const file of corpusFiles('google-workspace')) {
    assert.equal(parser.sniff(sniffSample(readRecords(file))), true, file);
  }
  const others = otherVendorDirs('google-workspace').flatMap((dir) => corpusFiles(dir));
  for (const file of others) {
    assert.equal(parser.sniff(sniffSample(readRecords(file))), false, file);
  }
  // and the other formats of this batch do not claim Google files
  for (const file of corpusFiles('google-workspace')) {
    const sample = sniffSample(readRecords(file));
    assert.equal(cloudTrailParser.sniff(sample), false, file);
    assert.equal(pingOneParser.sniff(sample), false, file);
  }
});

test('sniff tolerates one odd record but not two', () => {
  const good = readRecords(ELASTIC_LOGIN).slice(0, 4);
  const odd = recordOf({ hello: 'world' });
  assert.equal(parser.sniff([...good, odd]), true);
  assert.equal(parser.sniff([...good.slice(0, 2), odd, odd]), false);
  assert.equal(parser.sniff([]), false);
});

test('malformed records are rejected with a reason', () => {
  assert.throws(() => parser.parse({ record: 1, text: '"x"', value: 'x' }, ctx), RecordError);
  assert.throws(
    () => parser.parse(loginActivity([], { id: { time: 'yesterday', applicationName: 'login' } }), ctx),
    /unreadable id\.time/,
  );
});

test('hostile strings in e-mail, IP field and parameters are stored verbatim', () => {
  const payload = '<SCRIPT>alert("x")</SCRIPT><img src=x onerror=alert(1)>';
  const e = only(
    parser.parse(
      loginActivity(
        [
          {
            type: 'login',
            name: 'login_failure',
            parameters: [{ name: 'login_failure_type', value: `${payload}` }],
          },
        ],
        { actor: { email: `${payload}@evil.example` }, ipAddress: payload },
      ),
      ctx,
    ),
  );
  assert.equal(e.user, `${payload}@evil.example`.toLowerCase());
  assert.equal(e.userDisplay, `${payload}@evil.example`);
  assert.equal(e.reason, payload);
  assert.equal(e.source, undefined, 'a non-IP in ipAddress is not a source IP');
});
