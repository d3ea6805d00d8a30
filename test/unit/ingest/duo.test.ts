import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecordError, type VendorParser } from '../../../electron/ingest/parser.js';
import { duoAdminParser } from '../../../electron/ingest/vendors/duo-admin.js';
import { duoAuthParser } from '../../../electron/ingest/vendors/duo-auth.js';
import { duoTelephonyParser } from '../../../electron/ingest/vendors/duo-telephony.js';
import { corpusPath } from '../../support/corpus.js';
import { corpusFiles, corpusName, otherVendorDirs, parseAll, parseOne, readRecords, recordOf } from './records.js';

const HOSTILE = '<img src=x onerror=alert(1)>';
const PARSERS = [duoAuthParser, duoAdminParser, duoTelephonyParser];

function corpusValue(file: string, record: number): unknown {
  const found = readRecords(corpusPath('duo', ...file.split('/'))).find((r) => r.record === record);
  assert.ok(found, `${file} #${record} missing`);
  return found.value;
}

/** Which Duo log each corpus file holds (SOURCES.md). */
function expectedParser(name: string): VendorParser {
  if (name.endsWith('test-telephony.log')) return duoTelephonyParser;
  if (name.endsWith('test-admin.log') || name.includes('/duo_admin_')) return duoAdminParser;
  return duoAuthParser;
}

/**
 * Corpus records rejected on purpose: Panther's duo_user_* test events are trimmed to no
 * timestamp at all, and the second StreamAlert fixture is an `override_record`, not a Duo log.
 */
const EXPECTED_REJECTS: Record<string, { records: number[]; why: RegExp }> = {
  'duo/panther-analysis/duo_user_action_fraudulent.tests.ndjson': { records: [1], why: /no parseable time/ },
  'duo/panther-analysis/duo_user_anomalous_push.tests.ndjson': { records: [1, 2, 3], why: /no parseable time/ },
  'duo/panther-analysis/duo_user_bypass_code_used.tests.ndjson': { records: [1, 2, 3], why: /no parseable time/ },
  'duo/panther-analysis/duo_user_endpoint_failure_multi.tests.ndjson': { records: [1, 2, 3, 4, 5, 6, 7], why: /no parseable time/ },
  'duo/streamalert/duo_anonymous_ip_failure.json': { records: [2], why: /not a Duo authentication record/ },
};

describe('duo: corpus files', () => {
  for (const path of corpusFiles('duo')) {
    const name = corpusName(path);
    const parser = expectedParser(name);
    it(`${name} is recognised as ${parser.id} only; records parse or are rejected for a stated reason`, () => {
      const records = readRecords(path);
      for (const p of PARSERS) assert.equal(p.sniff(records.slice(0, 10)), p === parser, `${p.id} sniff`);
      for (const p of PARSERS) assert.equal(p.sniff(records.slice(0, 1)), p === parser, `${p.id} sniff of the first record alone`);
      const { events, rejected } = parseAll(parser, records, name);
      const expected = EXPECTED_REJECTS[name];
      assert.deepEqual(
        rejected.map((r) => r.record),
        expected?.records ?? [],
      );
      for (const r of rejected) {
        assert.ok(r.error instanceof RecordError);
        assert.match(r.error.message, expected?.why ?? /^$/);
      }
      assert.equal(events.length + rejected.length, records.length);
      for (const e of events) {
        assert.equal(e.vendor, 'duo');
        assert.ok(Number.isFinite(e.time));
      }
    });
  }

  for (const dir of otherVendorDirs('duo')) {
    it(`no Duo format claims the ${dir} corpus`, () => {
      for (const path of corpusFiles(dir)) {
        const sample = readRecords(path).slice(0, 10);
        for (const p of PARSERS) assert.equal(p.sniff(sample), false, `${p.id} on ${corpusName(path)}`);
      }
    });
  }
});

describe('duo: StreamAlert fixtures', () => {
  it('a record still in its `{data, log: "duo:..."}` wrapper (as the importer reads it) parses like the bare record', () => {
    for (const path of corpusFiles('duo', 'streamalert')) {
      for (const r of readRecords(path)) {
        const wrapped = recordOf({ data: r.value, log: 'duo:authentication', service: 'stream_alert_app', source: 'prefix_cluster_duo_auth_sm-app-name_app' });
        assert.equal(duoAuthParser.sniff([wrapped]), duoAuthParser.sniff([r]), corpusName(path));
        const read = (record: typeof r): unknown => {
          try {
            return duoAuthParser.parse(record, { fileName: 'x' });
          } catch (error) {
            return error instanceof RecordError ? error.message : error;
          }
        };
        assert.deepEqual(read(wrapped), read(r), corpusName(path));
      }
    }
  });
});

describe('duo-auth: known corpus records', () => {
  it('anomalous_push (Panther test event, trimmed of its time) is rejected as is; with a time it maps to failed_other', () => {
    const value = corpusValue('panther-analysis/duo_user_anomalous_push.tests.ndjson', 1);
    assert.throws(() => parseOne(duoAuthParser, value), RecordError);
    // Same record with only an isotimestamp added (the one field Panther trimmed).
    const e = parseOne(duoAuthParser, { ...(value as object), isotimestamp: '2024-03-01T10:00:00+00:00' });
    assert.equal(e.user, 'example@example.io');
    assert.equal(e.outcome, 'failed_other');
    assert.equal(e.reason, 'anomalous_push');
    assert.equal(e.factor, 'push');
    assert.deepEqual(e.source, { ip: '12.12.112.25' });
    assert.deepEqual(e.responder, { ip: '12.12.12.12' });
    assert.equal(e.app, 'Slack');
    assert.equal(e.time, Date.UTC(2024, 2, 1, 10, 0, 0));
  });

  it('user_approved push: access device -> source, auth device -> responder with Duo geo and phone name', () => {
    const e = parseOne(duoAuthParser, corpusValue('elastic-integrations/test-auth.log', 1));
    assert.equal(e.outcome, 'approved');
    assert.equal(e.factor, 'push');
    assert.equal(e.user, 'narroway@example.com');
    assert.equal(e.userVendorId, 'DU3KC77WJ06Y5HIV7XKQ');
    assert.equal(e.time, Date.parse('2020-02-13T18:56:20.351Z'));
    assert.equal(e.vendorUid, '340a23e3-23f3-23c1-87dc-1491a23dfdbb');
    assert.equal(e.sessionId, undefined, 'a txid is not a session');
    assert.deepEqual(e.source, { ip: '89.160.20.156', geo: { city: 'Ann Arbor', region: 'Michigan', country: 'US', source: 'vendor' } });
    assert.deepEqual(e.responder, {
      ip: '192.168.225.254',
      geo: { city: 'Ann Arbor', region: 'Michigan', country: 'US', source: 'vendor' },
      name: 'My iPhone X (734-555-2342)',
    });
    assert.equal(e.app, 'Microsoft Azure Active Directory');
    assert.equal(e.device, 'Mac OS X 10.14.1, Chrome 67.0.3396.99');
  });

  it('user_marked_fraud -> fraud_reported; user_mistake -> denied; enrollment -> factor_change', () => {
    const outcomes = readRecords(corpusPath('duo', 'elastic-integrations', 'test-auth.log')).map((r) => parseOne(duoAuthParser, r.value).outcome);
    assert.equal(outcomes.filter((o) => o === 'fraud_reported').length, 1);
    assert.equal(outcomes.filter((o) => o === 'denied').length, 9);
    assert.equal(outcomes.filter((o) => o === 'approved').length, 6);
    assert.equal(outcomes.filter((o) => o === 'factor_change').length, 1);
  });

  it('addresses with ports are stripped, in every form the Elastic test file uses', () => {
    const ips = readRecords(corpusPath('duo', 'elastic-integrations', 'test-auth.log'))
      .slice(5, 13)
      .map((r) => {
        const e = parseOne(duoAuthParser, r.value);
        return [e.source?.ip, e.responder?.ip];
      });
    assert.deepEqual(ips[0], ['89.160.20.112', '192.168.225.254']);
    for (const pair of ips.slice(1)) assert.deepEqual(pair, ['2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6', '2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6']);
  });

  it('v1 StreamAlert records: "Duo Push" / FRAUD / "Anonymous IP" compare case-insensitively', () => {
    const fraud = parseOne(duoAuthParser, corpusValue('streamalert/duo_fraud.json', 1));
    assert.equal(fraud.outcome, 'fraud_reported');
    assert.equal(fraud.factor, 'push');
    assert.equal(fraud.user, 'user.name@email.com');
    assert.equal(fraud.time, 1505316499000);
    assert.deepEqual(fraud.source, { ip: '12.123.123.12', geo: { city: 'Place', region: 'State', country: 'US', source: 'vendor' } });
    const anon = parseOne(duoAuthParser, corpusValue('streamalert/duo_anonymous_ip_failure.json', 1));
    assert.equal(anon.outcome, 'failed_other');
    assert.equal(anon.reason, 'Anonymous IP');
  });
});

describe('duo-admin and duo-telephony: known corpus records', () => {
  it('admin_2fa_error "reported as fraudulent" -> fraud_reported for the admin (e-mail identity)', () => {
    const e = parseOne(duoAdminParser, corpusValue('panther-analysis/duo_admin_marked_push_fraudulent.tests.ndjson', 1));
    assert.equal(e.outcome, 'fraud_reported');
    assert.equal(e.user, 'example@example.io');
    assert.equal(e.userDisplay, 'John P. Admin');
    assert.equal(e.factor, 'push');
    assert.deepEqual(e.source, { ip: '12.12.12.12' });
    assert.equal(e.vendorUid, undefined, 'no txid: the importer hashes the record');
    assert.equal(e.time, Date.UTC(2022, 11, 14, 20, 11, 53));
  });

  it('bypass_create -> factor_change for the target user, admin in the reason', () => {
    const e = parseOne(duoAdminParser, corpusValue('panther-analysis/duo_admin_bypass_code_created.tests.ndjson', 1));
    assert.equal(e.outcome, 'factor_change');
    assert.equal(e.factor, 'bypass');
    assert.equal(e.user, 'target@example.io');
    assert.match(e.reason ?? '', /by Homer Simpson/);
  });

  it('user_update to status Bypass -> factor_change; to Active -> other', () => {
    assert.equal(parseOne(duoAdminParser, corpusValue('panther-analysis/duo_admin_user_mfa_bypass_enabled.tests.ndjson', 3)).outcome, 'factor_change');
    assert.equal(parseOne(duoAdminParser, corpusValue('panther-analysis/duo_admin_user_mfa_bypass_enabled.tests.ndjson', 1)).outcome, 'other');
  });

  it('a malformed isotimestamp falls back to the Unix timestamp', () => {
    const e = parseOne(duoAdminParser, corpusValue('elastic-integrations/test-admin.log', 1));
    assert.equal(e.time, 1626781291000);
    assert.equal(e.vendorEvent, 'activation_begin');
    assert.equal(e.outcome, 'other');
  });

  it('telephony: an SMS in an authentication context -> challenge_sent sms to the phone', () => {
    const e = parseOne(duoTelephonyParser, corpusValue('elastic-integrations/test-telephony.log', 3));
    assert.equal(e.outcome, 'challenge_sent');
    assert.equal(e.factor, 'sms');
    assert.equal(e.device, '+121234512345');
    assert.equal(e.user, '');
    assert.equal(e.vendorUid, undefined);
    assert.equal(e.vendorEvent, 'telephony:authentication');
    assert.equal(e.time, Date.parse('2020-03-20T15:38:12Z'));
    assert.equal(parseOne(duoTelephonyParser, corpusValue('elastic-integrations/test-telephony.log', 2)).outcome, 'other');
    assert.equal(parseOne(duoTelephonyParser, corpusValue('elastic-integrations/test-telephony.log', 1)).factor, 'voice');
  });
});

/** Hand-made v2 authlog (fields of docs/log-sources.md §4) for reasons and factors the corpus lacks. */
function authlog(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    txid: 'hand-made-txid',
    isotimestamp: '2024-03-01T10:00:00.000000+00:00',
    timestamp: 1709287200,
    event_type: 'authentication',
    factor: 'duo_push',
    result: 'denied',
    reason: 'no_response',
    user: { name: 'Victim@Example.com', key: 'DUVICTIM' },
    access_device: { ip: '198.51.100.40', location: { city: 'Kyiv', country: 'Ukraine' } },
    auth_device: { ip: '203.0.113.41', name: 'Victim phone', location: { city: 'Austin', state: 'Texas', country: 'United States' } },
    application: { name: 'VPN' },
    ...extra,
  };
}

describe('duo: hand-made records', () => {
  it('reasons: no_response -> timeout, user_cancelled -> denied, valid_passcode -> approved, bypass_user -> auth_success', () => {
    assert.equal(parseOne(duoAuthParser, authlog()).outcome, 'timeout');
    assert.equal(parseOne(duoAuthParser, authlog({ reason: 'user_cancelled' })).outcome, 'denied');
    assert.equal(parseOne(duoAuthParser, authlog({ result: 'SUCCESS', reason: 'valid_passcode', factor: 'passcode' })).outcome, 'approved');
    assert.equal(parseOne(duoAuthParser, authlog({ result: 'success', reason: 'bypass_user' })).outcome, 'auth_success');
    assert.equal(parseOne(duoAuthParser, authlog({ result: 'denied', reason: 'locked_out' })).outcome, 'failed_other');
    assert.equal(parseOne(duoAuthParser, authlog({ result: 'ERROR', reason: 'error' })).outcome, 'failed_other');
  });

  it('factor names map to the model factors', () => {
    const cases: [string, string | undefined][] = [
      ['duo_push', 'push'],
      ['phone_call', 'voice'],
      ['sms_passcode', 'sms'],
      ['sms_refresh', 'sms'],
      ['duo_mobile_passcode', 'totp'],
      ['passcode', 'passcode'],
      ['yubikey_passcode', 'hardware_token'],
      ['hardware_token', 'hardware_token'],
      ['bypass_code', 'bypass'],
      ['u2f_token', 'webauthn'],
      ['webauthn', 'webauthn'],
      ['remembered_device', 'remembered'],
      ['trusted_network', undefined],
      ['not_available', undefined],
      ['some_future_factor', 'unknown'],
    ];
    for (const [factor, expected] of cases) assert.equal(parseOne(duoAuthParser, authlog({ factor })).factor, expected, factor);
  });

  it('source and responder differ: the login came from one place, the phone answered from another', () => {
    const e = parseOne(duoAuthParser, authlog({ result: 'success', reason: 'user_approved' }));
    assert.equal(e.outcome, 'approved');
    assert.equal(e.source?.geo?.country, 'UA');
    assert.equal(e.responder?.geo?.country, 'US');
    assert.equal(e.responder?.name, 'Victim phone');
    assert.equal(e.user, 'victim@example.com');
  });

  it('keeps hostile strings verbatim', () => {
    const e = parseOne(
      duoAuthParser,
      authlog({
        auth_device: { ip: '203.0.113.41', name: HOSTILE },
        access_device: { ip: '198.51.100.40', hostname: HOSTILE },
        application: { name: '<script>alert(1)</script>' },
      }),
    );
    assert.equal(e.responder?.name, HOSTILE);
    assert.equal(e.device, HOSTILE);
    assert.equal(e.app, '<script>alert(1)</script>');
  });

  it('rejects a record without a time; sniff tolerates one odd record', () => {
    assert.throws(() => parseOne(duoAuthParser, authlog({ isotimestamp: undefined, timestamp: undefined })), RecordError);
    const good = recordOf(authlog());
    assert.equal(duoAuthParser.sniff([good, good, recordOf({ override_record: {} })]), true);
    assert.equal(duoAuthParser.sniff([recordOf({ kind: 'admin#reports#activity', id: {} })]), false);
  });
});
