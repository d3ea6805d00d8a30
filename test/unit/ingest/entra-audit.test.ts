import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecordError } from '../../../electron/ingest/parser.js';
import { entraAuditParser } from '../../../electron/ingest/vendors/entra-audit.js';
import { entraSignInParser } from '../../../electron/ingest/vendors/entra-signin.js';
import { m365AuditParser } from '../../../electron/ingest/vendors/m365-audit.js';
import { corpusPath } from '../../support/corpus.js';
import { ENTRA_AUDIT_FILES, corpusFiles, corpusName, otherVendorDirs, parseAll, parseOne, readRecords, recordOf } from './records.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

function corpusEvent(file: string, record: number) {
  const found = readRecords(corpusPath('entra', ...file.split('/'))).find((r) => r.record === record);
  assert.ok(found, `${file} #${record} missing`);
  return parseOne(entraAuditParser, found.value);
}

describe('entra-audit: corpus files', () => {
  for (const name of ENTRA_AUDIT_FILES) {
    it(`${name} is an audit file (not sign-in, not M365) and every record parses`, () => {
      const records = readRecords(corpusPath(...name.split('/')));
      assert.equal(entraAuditParser.sniff(records.slice(0, 10)), true);
      assert.equal(entraAuditParser.sniff(records.slice(0, 1)), true, 'from its first record alone');
      assert.equal(entraSignInParser.sniff(records.slice(0, 10)), false);
      assert.equal(m365AuditParser.sniff(records.slice(0, 10)), false);
      const { events, rejected } = parseAll(entraAuditParser, records, name);
      assert.deepEqual(rejected, []);
      assert.equal(events.length, records.length);
      for (const e of events) {
        assert.equal(e.vendor, 'entra');
        assert.ok(Number.isFinite(e.time));
      }
    });
  }

  it('does not claim the Entra sign-in files', () => {
    for (const path of corpusFiles('entra').filter((p) => !ENTRA_AUDIT_FILES.has(corpusName(p)))) {
      assert.equal(entraAuditParser.sniff(readRecords(path).slice(0, 10)), false, corpusName(path));
    }
  });

  for (const dir of otherVendorDirs('entra')) {
    it(`does not claim the ${dir} corpus`, () => {
      for (const path of corpusFiles(dir)) assert.equal(entraAuditParser.sniff(readRecords(path).slice(0, 10)), false, corpusName(path));
    });
  }
});

describe('entra-audit: known corpus records', () => {
  it('Log Analytics AuditLogs row (JSON-text InitiatedBy / AdditionalDetails)', () => {
    const e = corpusEvent('otrf-security-datasets/AADAuditEvents.json', 1);
    assert.equal(e.outcome, 'other');
    assert.equal(e.vendorEvent, 'Update application – Certificates and secrets management ');
    assert.equal(e.user, 'pgustavo@simulandlabs.com');
    assert.equal(e.time, Date.parse('2021-08-02T13:29:25.983Z'));
    assert.equal(e.vendorUid, 'Directory_10065ffb-8199-48bc-8ff5-912cb5b8295a_AUMVX_13992832');
    assert.equal(e.sessionId, '10065ffb-8199-48bc-8ff5-912cb5b8295a');
    assert.equal(e.userAgent, 'Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.17763.1971');
  });

  it('diagnostic AuditLogs record: activity, initiator and IP', () => {
    const e = corpusEvent('panther-analysis/azure_mfa_disabled.tests.ndjson', 1);
    assert.equal(e.outcome, 'other');
    assert.equal(e.vendorEvent, 'Update conditional access policy');
    assert.equal(e.user, 'denethor@lotr.com');
    assert.equal(e.source?.ip, '1.2.3.4');
    assert.equal(e.time, Date.parse('2024-11-27T03:31:26.708Z'));
  });

  it('a failed audit result is kept in the reason', () => {
    const e = corpusEvent('panther-analysis/azure_invite_external_users.tests.ndjson', 3);
    assert.match(e.reason ?? '', /result failed/);
  });
});

/** Hand-made Graph directoryAudit objects (the corpus has no MFA audit activities). */
function directoryAudit(activity: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `hand-made-${activity}`,
    category: 'UserManagement',
    correlationId: 'corr-audit',
    result: 'success',
    resultReason: '',
    activityDisplayName: activity,
    activityDateTime: '2024-03-01T10:05:00Z',
    loggedByService: 'Authentication Methods',
    operationType: 'Update',
    initiatedBy: { user: { id: 'u-victim', displayName: 'Victim', userPrincipalName: 'Victim@Contoso.com', ipAddress: '203.0.113.20' } },
    targetResources: [{ id: 'u-victim', displayName: 'Victim', type: 'User', userPrincipalName: 'Victim@Contoso.com', modifiedProperties: [] }],
    additionalDetails: [{ key: 'User-Agent', value: 'Mozilla/5.0' }],
    ...extra,
  };
}

const byAdmin = {
  initiatedBy: { user: { id: 'u-admin', userPrincipalName: 'admin@contoso.com', ipAddress: '198.51.100.5' } },
};

describe('entra-audit: hand-made records', () => {
  it('"User registered security info" -> factor_change for the user', () => {
    const e = parseOne(entraAuditParser, directoryAudit('User registered security info'));
    assert.equal(e.outcome, 'factor_change');
    assert.equal(e.user, 'victim@contoso.com');
    assert.equal(e.source?.ip, '203.0.113.20');
    assert.equal(e.vendorUid, 'hand-made-User registered security info');
    assert.equal(e.reason, undefined);
  });

  it('"Suspicious activity reported" -> fraud_reported with the method as factor', () => {
    const e = parseOne(
      entraAuditParser,
      directoryAudit('Suspicious activity reported', {
        additionalDetails: [{ key: 'AuthenticationMethod', value: 'PhoneAppNotification' }],
      }),
    );
    assert.equal(e.outcome, 'fraud_reported');
    assert.equal(e.factor, 'push');
    assert.match(e.reason ?? '', /AuthenticationMethod PhoneAppNotification/);
  });

  it('"Fraud reported - user is blocked for MFA" from an app initiator is about the target user', () => {
    const e = parseOne(
      entraAuditParser,
      directoryAudit('Fraud reported - user is blocked for MFA', { initiatedBy: { app: { displayName: 'Azure MFA StrongAuthenticationService' } } }),
    );
    assert.equal(e.outcome, 'fraud_reported');
    assert.equal(e.user, 'victim@contoso.com');
    assert.match(e.reason ?? '', /by Azure MFA StrongAuthenticationService/);
  });

  it('"Disable Strong Authentication" by an admin: the user is the target, the admin is in the reason', () => {
    const e = parseOne(entraAuditParser, directoryAudit('Disable Strong Authentication', byAdmin));
    assert.equal(e.outcome, 'factor_change');
    assert.equal(e.user, 'victim@contoso.com');
    assert.match(e.reason ?? '', /by admin@contoso\.com/);
    assert.equal(e.source?.ip, '198.51.100.5');
  });

  it('"Update user" modifying StrongAuthenticationMethod (diagnostic shape) -> factor_change; other properties -> other', () => {
    const modified = (name: string) => ({
      time: '2024-03-01T10:06:00Z',
      operationName: 'Update user',
      category: 'AuditLogs',
      correlationId: 'corr-diag',
      properties: directoryAudit('Update user', {
        ...byAdmin,
        targetResources: [
          {
            type: 'User',
            userPrincipalName: 'victim@contoso.com',
            modifiedProperties: [
              { displayName: name, oldValue: '[]', newValue: '[{"MethodType":6,"Default":true}]' },
              { displayName: 'Included Updated Properties', oldValue: null, newValue: `"${name}"` },
            ],
          },
        ],
      }),
    });
    const e = parseOne(entraAuditParser, modified('StrongAuthenticationMethod'));
    assert.equal(e.outcome, 'factor_change');
    assert.equal(e.user, 'victim@contoso.com');
    assert.match(e.reason ?? '', /modified StrongAuthenticationMethod/);
    assert.equal(parseOne(entraAuditParser, modified('DisplayName')).outcome, 'other');
  });

  it('"User deleted security info" that failed changed nothing -> other', () => {
    const e = parseOne(entraAuditParser, directoryAudit('User deleted security info', { result: 'failure' }));
    assert.equal(e.outcome, 'other');
    assert.match(e.reason ?? '', /result failure/);
  });

  it('keeps hostile strings verbatim', () => {
    const e = parseOne(entraAuditParser, directoryAudit(HOSTILE, { additionalDetails: [{ key: 'User-Agent', value: HOSTILE }] }));
    assert.equal(e.vendorEvent, HOSTILE);
    assert.equal(e.userAgent, HOSTILE);
  });

  it('rejects a sign-in record and a record without a time', () => {
    assert.throws(() => parseOne(entraAuditParser, { createdDateTime: '2024-03-01T10:00:00Z', userPrincipalName: 'a@b.c', status: { errorCode: 0 } }), RecordError);
    assert.throws(() => parseOne(entraAuditParser, directoryAudit('User registered security info', { activityDateTime: '' })), RecordError);
    assert.equal(entraAuditParser.sniff([recordOf({ kind: 'admin#reports#activity' })]), false);
  });
});
