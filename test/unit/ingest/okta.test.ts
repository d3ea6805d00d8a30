import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecordError } from '../../../electron/ingest/parser.js';
import { oktaParser } from '../../../electron/ingest/vendors/okta.js';
import { corpusPath } from '../../support/corpus.js';
import { corpusFiles, corpusName, otherVendorDirs, parseAll, parseOne, readRecords, recordOf, sameEventsLowerCased } from './records.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

function corpusRecord(file: string, record: number): unknown {
  const found = readRecords(corpusPath('okta', ...file.split('/'))).find((r) => r.record === record);
  assert.ok(found, `${file} #${record} missing`);
  return found.value;
}

function corpusEvent(file: string, record: number) {
  return parseOne(oktaParser, corpusRecord(file, record));
}

/**
 * Corpus records rejected on purpose: Panther trimmed these test events to no `published`
 * (or to the text "redacted"), and an event without a time cannot be placed on a timeline.
 */
const EXPECTED_REJECTS: Record<string, number[]> = {
  'okta/panther-analysis/okta_potentially_stolen_session.tests.ndjson': [1, 2, 3, 4],
  'okta/panther-analysis/okta_sso_to_aws.tests.ndjson': [1, 2],
  'okta/panther-analysis/okta_support_reset.tests.ndjson': [2],
  'okta/panther-analysis/okta_user_mfa_reset.tests.ndjson': [1],
};

describe('okta: corpus files', () => {
  for (const path of corpusFiles('okta')) {
    const name = corpusName(path);
    it(`${name} is recognised and every record parses or is rejected for having no time`, () => {
      const records = readRecords(path);
      assert.ok(records.length > 0);
      assert.equal(oktaParser.sniff(records.slice(0, 10)), true);
      assert.equal(oktaParser.sniff(records.slice(0, 1)), true, 'from its first record alone');
      const { events, rejected } = parseAll(oktaParser, records, name);
      assert.deepEqual(
        rejected.map((r) => r.record),
        EXPECTED_REJECTS[name] ?? [],
      );
      for (const r of rejected) {
        assert.ok(r.error instanceof RecordError);
        assert.match(r.error.message, /published/);
      }
      assert.equal(events.length + rejected.length, records.length);
      for (const e of events) {
        assert.equal(e.vendor, 'okta');
        assert.ok(Number.isFinite(e.time));
        assert.equal(e.user, e.user.toLowerCase());
      }
    });
  }

  it('every corpus record gives the same event with all its keys lower-cased, as SIEM exports write them', () => {
    // The parser reads the documented spelling first and searches other spellings only when
    // that finds nothing: both ways must give one event.
    assert.ok(sameEventsLowerCased(oktaParser, corpusFiles('okta')) >= 80);
  });

  for (const dir of otherVendorDirs('okta')) {
    it(`does not claim the ${dir} corpus`, () => {
      for (const path of corpusFiles(dir)) {
        assert.equal(oktaParser.sniff(readRecords(path).slice(0, 10)), false, corpusName(path));
      }
    });
  }
});

describe('okta: known corpus records', () => {
  it('user.account.report_suspicious_activity_by_enduser -> fraud_reported with the reported event in the reason', () => {
    const e = corpusEvent('panther-analysis/okta_user_reported_suspicious_activity.tests.ndjson', 2);
    assert.equal(e.outcome, 'fraud_reported');
    assert.equal(e.vendorEvent, 'user.account.report_suspicious_activity_by_enduser');
    assert.equal(e.user, 'homer.simpson@duff.com');
    assert.equal(e.userDisplay, 'Homer Simpson');
    assert.equal(e.time, Date.UTC(2022, 11, 14, 15, 58, 58, 851));
    assert.equal(e.vendorUid, 'ABC1234');
    // Panther lower-cases authenticationcontext: still read.
    assert.equal(e.sessionId, 'aaa1234');
    assert.deepEqual(e.source, {
      ip: '1.2.3.4',
      geo: { city: 'Springfield', region: 'Texas', country: 'US', lat: 30, lon: -55, source: 'vendor' },
      asn: 11427,
      asOrg: 'charter communications inc',
    });
    assert.match(e.reason ?? '', /system\.email\.new_device_notification\.sent_message/);
    assert.match(e.reason ?? '', /9\.8\.7\.6/);
    assert.match(e.reason ?? '', /ABC12345/);
  });

  it('auth_via_mfa FAILURE INVALID_CREDENTIALS without a known push factor -> failed_other', () => {
    const e = corpusEvent('panther-analysis/okta_idp_signin.tests.ndjson', 1);
    assert.equal(e.outcome, 'failed_other');
    assert.equal(e.reason, 'INVALID_CREDENTIALS');
    // An authentication event is about the actor, not the (unrelated) target of the test event.
    assert.equal(e.user, 'homer.simpson@duff.com');
    assert.equal(e.time, Date.UTC(2022, 5, 22, 18, 18, 29, 15));
  });

  it('auth_via_mfa SUCCESS with OKTA_VERIFY_PUSH -> approved push', () => {
    const e = corpusEvent('elastic-integrations/test-okta-system-events.log', 16);
    assert.equal(e.outcome, 'approved');
    assert.equal(e.factor, 'push');
    assert.equal(e.user, 'user@domain.com');
    assert.equal(e.time, Date.parse('2023-02-06T08:56:36.909Z'));
    assert.equal(e.source?.geo?.country, 'CH');
  });

  it('auth_via_mfa SUCCESS with SIGNED_NONCE (FastPass) -> approved webauthn', () => {
    const e = corpusEvent('elastic-integrations/test-okta-system-events.log', 23);
    assert.equal(e.outcome, 'approved');
    assert.equal(e.factor, 'webauthn');
  });

  it('user.session.start SUCCESS -> session_start with externalSessionId; FAILURE -> auth_failure', () => {
    const ok = corpusEvent('elastic-integrations/test-okta-system-events.log', 2);
    assert.equal(ok.outcome, 'session_start');
    assert.equal(ok.sessionId, '102bZDNFfWaQSyEZQuDgWt-uQ');
    assert.equal(ok.vendorUid, '3aeede38-4f67-11ea-abd3-1f5d113f2546');
    assert.equal(ok.userAgent, 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:72.0) Gecko/20100101 Firefox/72.0');
    const failed = corpusEvent('panther-analysis/okta_anonymizing_vpn_login.tests.ndjson', 1);
    assert.equal(failed.outcome, 'auth_failure');
    assert.equal(failed.reason, 'INVALID_CREDENTIALS');
  });

  it('policy.evaluate_sign_on CHALLENGE -> mfa_required; ALLOW -> other', () => {
    assert.equal(corpusEvent('panther-analysis/okta_new_behavior_accessing_admin_console.tests.ndjson', 1).outcome, 'mfa_required');
    assert.equal(corpusEvent('elastic-integrations/test-okta-system-events.log', 3).outcome, 'other');
  });

  it('an admin suspending a factor: the event is about the target user, the admin is in the reason', () => {
    const e = corpusEvent('panther-analysis/okta_user_mfa_factor_suspend.tests.ndjson', 1);
    assert.equal(e.outcome, 'factor_change');
    assert.equal(e.user, 'peter.griffin@company.com');
    assert.equal(e.factor, 'webauthn');
    assert.match(e.reason ?? '', /by homer\.simpson@duff\.com/);
  });

  it('device.user.add and system.mfa.factor.deactivate -> factor_change', () => {
    assert.equal(corpusEvent('elastic-integrations/test-okta-system-events.log', 24).outcome, 'factor_change');
    assert.equal(corpusEvent('panther-analysis/okta_admin_disabled_mfa.tests.ndjson', 1).outcome, 'factor_change');
  });

  it('other event types keep their event type and map to other; an IP-address actor names no user', () => {
    const e = corpusEvent('panther-analysis/okta_threatinsight_security_threat_detected.tests.ndjson', 2);
    assert.equal(e.outcome, 'other');
    assert.equal(e.vendorEvent, 'security.threat.detected');
    assert.equal(e.user, '');
  });
});

/** Hand-made records: the corpus has no Okta push sends or Classic push denials (SOURCES.md "Gaps"). */
function handMade(eventType: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uuid: `hand-made-${eventType}`,
    published: '2024-03-01T10:00:00.000Z',
    eventType,
    version: '0',
    legacyEventType: 'hand.made',
    actor: { id: '00uVICTIM', type: 'User', alternateId: 'Victim@Example.com', displayName: 'Victim' },
    client: {
      ipAddress: '203.0.113.7',
      userAgent: { rawUserAgent: 'Mozilla/5.0', os: 'Windows', browser: 'CHROME' },
      geographicalContext: { city: 'Lyon', state: 'Auvergne-Rhone-Alpes', country: 'France', geolocation: { lat: 45.75, lon: 4.85 } },
    },
    authenticationContext: { externalSessionId: 'idxHANDMADE' },
    outcome: { result: 'SUCCESS' },
    debugContext: { debugData: {} },
    transaction: { id: 'txHANDMADE', type: 'WEB' },
    ...extra,
  };
}

describe('okta: hand-made records for event types missing from the corpus', () => {
  it('system.push.send_factor_verify_push -> challenge_sent push', () => {
    const e = parseOne(oktaParser, handMade('system.push.send_factor_verify_push'));
    assert.equal(e.outcome, 'challenge_sent');
    assert.equal(e.factor, 'push');
    assert.equal(e.user, 'victim@example.com');
    assert.equal(e.sessionId, 'idxHANDMADE');
    assert.equal(e.vendorUid, 'hand-made-system.push.send_factor_verify_push');
    assert.deepEqual(e.source?.geo, { city: 'Lyon', region: 'Auvergne-Rhone-Alpes', country: 'FR', lat: 45.75, lon: 4.85, source: 'vendor' });
  });

  it('a push send with a system actor is about the target user', () => {
    const e = parseOne(
      oktaParser,
      handMade('system.push.send_factor_verify_push', {
        actor: { id: '0oaSYSTEM', type: 'SystemPrincipal', alternateId: 'system@okta.com', displayName: 'Okta System' },
        target: [{ id: '00uVICTIM', type: 'User', alternateId: 'victim@example.com', displayName: 'Victim' }],
      }),
    );
    assert.equal(e.user, 'victim@example.com');
    assert.match(e.reason ?? '', /by system@okta\.com/);
  });

  it('SMS and voice sends -> challenge_sent sms / voice; an SMS send Okta denied -> failed_other', () => {
    assert.equal(parseOne(oktaParser, handMade('system.sms.send_factor_verify_message')).factor, 'sms');
    assert.equal(parseOne(oktaParser, handMade('system.voice.send_mfa_challenge_call')).outcome, 'challenge_sent');
    assert.equal(parseOne(oktaParser, handMade('system.voice.send_mfa_challenge_call')).factor, 'voice');
    const blocked = parseOne(oktaParser, handMade('system.sms.send_factor_verify_message', { outcome: { result: 'DENY', reason: 'toll fraud' } }));
    assert.equal(blocked.outcome, 'failed_other');
  });

  it('user.mfa.okta_verify.deny_push (Classic) -> denied push', () => {
    const e = parseOne(oktaParser, handMade('user.mfa.okta_verify.deny_push', { outcome: { result: 'FAILURE', reason: 'User rejected Okta push verify' } }));
    assert.equal(e.outcome, 'denied');
    assert.equal(e.factor, 'push');
    assert.equal(parseOne(oktaParser, handMade('user.mfa.okta_verify.deny_push_upgrade_needed')).outcome, 'denied');
  });

  it('auth_via_mfa FAILURE on an Okta Verify push -> denied (INVALID_CREDENTIALS or OV_RESPONSE_DENY)', () => {
    const byReason = handMade('user.authentication.auth_via_mfa', {
      outcome: { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' },
      debugContext: { debugData: { factor: 'OKTA_VERIFY_PUSH' } },
    });
    assert.equal(parseOne(oktaParser, byReason).outcome, 'denied');
    const byAnswer = handMade('user.authentication.auth_via_mfa', {
      outcome: { result: 'FAILURE' },
      debugContext: { debugData: { pushOnlyResponseType: 'OV_RESPONSE_DENY' } },
    });
    const e = parseOne(oktaParser, byAnswer);
    assert.equal(e.outcome, 'denied');
    assert.match(e.reason ?? '', /OV_RESPONSE_DENY/);
  });

  it('auth_via_mfa with a wrong TOTP code -> failed_other', () => {
    const e = parseOne(
      oktaParser,
      handMade('user.authentication.auth_via_mfa', {
        outcome: { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' },
        debugContext: { debugData: { factor: 'GOOGLE_OTP' } },
      }),
    );
    assert.equal(e.outcome, 'failed_other');
    assert.equal(e.factor, 'totp');
  });

  it('PASSWORD_AS_FACTOR is primary authentication, not MFA', () => {
    const data = { debugContext: { debugData: { factor: 'PASSWORD_AS_FACTOR' } } };
    const ok = parseOne(oktaParser, handMade('user.authentication.auth_via_mfa', data));
    assert.equal(ok.outcome, 'auth_success');
    assert.equal(ok.factor, 'password');
    const bad = parseOne(oktaParser, handMade('user.authentication.auth_via_mfa', { ...data, outcome: { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' } }));
    assert.equal(bad.outcome, 'auth_failure');
  });

  it('legacy methodTypeUsed "Get a push notification" names the factor', () => {
    const e = parseOne(
      oktaParser,
      handMade('user.authentication.auth_via_mfa', {
        target: [{ type: 'AuthenticatorEnrollment', displayName: 'Okta Verify', detailEntry: { methodTypeUsed: 'Get a push notification' } }],
      }),
    );
    assert.equal(e.factor, 'push');
  });

  it('keeps hostile strings verbatim', () => {
    const e = parseOne(
      oktaParser,
      handMade('user.session.start', {
        actor: { id: '00uX', type: 'User', alternateId: 'x@example.com', displayName: '<script>alert(1)</script>' },
        client: { ipAddress: '198.51.100.1', userAgent: { rawUserAgent: HOSTILE } },
      }),
    );
    assert.equal(e.userAgent, HOSTILE);
    assert.equal(e.userDisplay, '<script>alert(1)</script>');
  });

  it('"unknown" and "null" in any case and padding are no value; texts that merely start so are kept', () => {
    const client = (device: string, os: string, browser: string): Record<string, unknown> => ({
      ipAddress: '198.51.100.1',
      device,
      userAgent: { rawUserAgent: 'Mozilla/5.0', os, browser },
    });
    const blank = parseOne(oktaParser, handMade('user.session.start', { client: client(' Unknown ', 'NULL', '\u00a0unknown') }));
    assert.equal(blank.device, undefined);
    const kept = parseOne(oktaParser, handMade('user.session.start', { client: client('Unknowns', 'nullOS', 'UNKNOWN BROWSER') }));
    assert.equal(kept.device, 'Unknowns, nullOS, UNKNOWN BROWSER');
  });

  it('target types are matched in any spelling', () => {
    const e = parseOne(
      oktaParser,
      handMade('system.push.send_factor_verify_push', {
        actor: { id: '0oaSYSTEM', type: 'SystemPrincipal', alternateId: 'system@okta.com' },
        target: [
          { id: '0oaAPP', type: 'APPINSTANCE', displayName: 'Salesforce' },
          { id: '00uVICTIM', type: 'user', alternateId: 'victim@example.com' },
        ],
      }),
    );
    assert.equal(e.user, 'victim@example.com');
    assert.equal(e.app, 'Salesforce');
  });

  it('rejects a record with no parseable time, and a non-object', () => {
    assert.throws(() => parseOne(oktaParser, handMade('user.session.start', { published: 'yesterday' })), RecordError);
    assert.throws(() => oktaParser.parse({ record: 1, text: 'x' }, { fileName: 'x' }), RecordError);
  });

  it('sniff: tolerates one odd record, rejects CloudTrail and an empty sample', () => {
    const good = recordOf(handMade('user.session.start'));
    assert.equal(oktaParser.sniff([good, recordOf({ junk: true }), good]), true);
    assert.equal(oktaParser.sniff([recordOf({ eventType: 'AwsConsoleSignIn', eventVersion: '1.08', eventSource: 'signin.amazonaws.com' })]), false);
    assert.equal(oktaParser.sniff([]), false);
  });
});
