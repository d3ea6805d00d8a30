import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecordError } from '../../../electron/ingest/parser.js';
import { entraAuditParser } from '../../../electron/ingest/vendors/entra-audit.js';
import { entraSignInParser } from '../../../electron/ingest/vendors/entra-signin.js';
import { m365AuditParser } from '../../../electron/ingest/vendors/m365-audit.js';
import { corpusPath } from '../../support/corpus.js';
import { corpusFiles, corpusName, csvRecordOf, otherVendorDirs, parseAll, parseOne, readRecords } from './records.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

function corpusEvent(file: string, record: number) {
  const found = readRecords(corpusPath('o365', ...file.split('/'))).find((r) => r.record === record);
  assert.ok(found, `${file} #${record} missing`);
  return parseOne(m365AuditParser, found.value);
}

describe('m365-audit: corpus files', () => {
  for (const path of corpusFiles('o365')) {
    const name = corpusName(path);
    it(`${name} is recognised (not as Entra) and every record parses`, () => {
      const records = readRecords(path);
      assert.equal(m365AuditParser.sniff(records.slice(0, 10)), true);
      assert.equal(m365AuditParser.sniff(records.slice(0, 1)), true, 'from its first record alone');
      assert.equal(entraSignInParser.sniff(records.slice(0, 10)), false);
      assert.equal(entraAuditParser.sniff(records.slice(0, 10)), false);
      const { events, rejected } = parseAll(m365AuditParser, records, name);
      assert.deepEqual(rejected, []);
      assert.equal(events.length, records.length);
      for (const e of events) assert.equal(e.vendor, 'm365');
    });
  }

  for (const dir of otherVendorDirs('o365')) {
    it(`does not claim the ${dir} corpus`, () => {
      for (const path of corpusFiles(dir)) assert.equal(m365AuditParser.sniff(readRecords(path).slice(0, 10)), false, corpusName(path));
    });
  }
});

describe('m365-audit: known corpus records', () => {
  it('UserLoginFailed (Workload AzureActiveDirectory) -> auth_failure with LogonError', () => {
    const e = corpusEvent('panther-analysis/microsoft365_brute_force_login_by_user.tests.ndjson', 1);
    assert.equal(e.outcome, 'auth_failure');
    assert.equal(e.vendorEvent, 'UserLoginFailed');
    assert.equal(e.user, 'sample.user@yourorg.onmicrosoft.com');
    assert.equal(e.reason, 'InvalidUserNameOrPassword');
    // CreationTime has no zone: UTC.
    assert.equal(e.time, Date.UTC(2022, 11, 12, 15, 57, 57));
    assert.equal(e.source?.ip, '1.2.3.4');
    assert.equal(e.vendorUid, 'abc-def-123');
    assert.match(e.userAgent ?? '', /^Mozilla\/5\.0 \(Macintosh/);
  });

  it('UserLoggedIn -> auth_success', () => {
    assert.equal(corpusEvent('panther-analysis/microsoft365_brute_force_login_by_user.tests.ndjson', 2).outcome, 'auth_success');
  });

  it('"Update user." modifying StrongAuthenticationMethod -> factor_change for the affected user', () => {
    const e = corpusEvent('panther-analysis/microsoft365_mfa_disabled.tests.ndjson', 1);
    assert.equal(e.outcome, 'factor_change');
    assert.equal(e.user, 'sample.user@yourorg.onmicrosoft.com');
    assert.match(e.reason ?? '', /modified StrongAuthenticationMethod/);
    assert.match(e.reason ?? '', /by ServicePrincipal_aa-bb-ccc/);
  });

  it('Sentinel OfficeActivity row and lower-cased Exchange records -> other, with user and IP', () => {
    const e = corpusEvent('otrf-security-datasets/OfficeActivityEvents.json', 1);
    assert.equal(e.outcome, 'other');
    assert.equal(e.vendorEvent, 'MailItemsAccessed');
    assert.equal(e.user, 'pgustavo@simulandlabs.com');
    assert.equal(e.source?.ip, '1.2.3.4');
    assert.equal(e.vendorUid, '699e0b10-1c53-403e-976f-ce0847a92b44');
    assert.equal(e.time, Date.parse('2021-08-02T13:32:07Z'));
    const lower = corpusEvent('panther-analysis/microsoft_exchange_external_forwarding.tests.ndjson', 1);
    assert.equal(lower.vendorEvent, 'Set-Mailbox');
    assert.equal(lower.user, 'homer.simpson@simpsons.onmicrosoft.com');
  });

  it('SharePoint record: AppAccessContext.AADSessionId is the session', () => {
    const e = corpusEvent('panther-analysis/microsoft365_external_sharing.tests.ndjson', 1);
    assert.equal(e.sessionId, 'aa-bb-cc');
  });
});

/**
 * Hand-made Management Activity API logon record following docs/log-sources.md §3 (the public push-timeout
 * alert shape: ErrorNumber 500121, LogonError AuthenticationFailedSasError, RequestType SAS:EndAuth).
 */
function logon(operation: string, extra: Record<string, unknown> = {}, extended: { Name: string; Value: string }[] = []): Record<string, unknown> {
  return {
    CreationTime: '2024-03-01T10:00:00',
    Id: `hand-made-${operation}`,
    Operation: operation,
    OrganizationId: 'org',
    RecordType: 15,
    ResultStatus: 'Success',
    UserKey: '10030000AAAA',
    UserType: 0,
    Workload: 'AzureActiveDirectory',
    ClientIP: '203.0.113.30:50123',
    UserId: 'Victim@Contoso.com',
    ApplicationId: '00000002-0000-0ff1-ce00-000000000000',
    ExtendedProperties: [{ Name: 'UserAgent', Value: 'Mozilla/5.0' }, ...extended],
    DeviceProperties: [
      { Name: 'OS', Value: 'Windows 10' },
      { Name: 'BrowserType', Value: 'Edge' },
      { Name: 'SessionId', Value: 'sess-m365' },
    ],
    ...extra,
  };
}

describe('m365-audit: hand-made records', () => {
  it('UserLoginFailed with ErrorNumber 500121 -> failed_other (UAL cannot split deny / timeout / fraud)', () => {
    const e = parseOne(
      m365AuditParser,
      logon('UserLoginFailed', { ErrorNumber: '500121', LogonError: 'AuthenticationFailedSasError' }, [{ Name: 'RequestType', Value: 'SAS:EndAuth' }]),
    );
    assert.equal(e.outcome, 'failed_other');
    assert.equal(e.reason, '500121: AuthenticationFailedSasError');
    assert.equal(e.user, 'victim@contoso.com');
    assert.equal(e.source?.ip, '203.0.113.30');
    assert.equal(e.sessionId, 'sess-m365');
    assert.equal(e.device, 'Windows 10, Edge');
    assert.equal(e.time, Date.UTC(2024, 2, 1, 10, 0, 0));
  });

  it('ErrorCode (documented spelling) is read too; 50074 -> mfa_required; 50126 -> auth_failure', () => {
    assert.equal(parseOne(m365AuditParser, logon('UserLoginFailed', { ErrorCode: 50074 })).outcome, 'mfa_required');
    assert.equal(parseOne(m365AuditParser, logon('UserLoginFailed', { ErrorNumber: 50126, LogonError: 'InvalidPassword' })).outcome, 'auth_failure');
  });

  it('UserLoggedIn on a SAS (MFA) request -> approved', () => {
    const e = parseOne(m365AuditParser, logon('UserLoggedIn', {}, [{ Name: 'RequestType', Value: 'SAS:ProcessAuth' }]));
    assert.equal(e.outcome, 'approved');
  });

  it('Purview CSV row: AuditData column carries the JSON record', () => {
    const audit = logon('UserLoginFailed', {
      ErrorNumber: 500121,
      LogonError: 'AuthenticationFailedSasError',
      ExtendedProperties: [{ Name: 'UserAgent', Value: HOSTILE }],
    });
    const auditData = JSON.stringify(audit);
    const row = {
      RecordId: 'hand-made-UserLoginFailed',
      CreationDate: '3/1/2024 10:00:00 AM',
      RecordType: 'AzureActiveDirectoryStsLogon',
      Operation: 'UserLoginFailed',
      UserId: 'victim@contoso.com',
      AuditData: auditData,
      AssociatedAdminUnits: '',
      AssociatedAdminUnitsNames: '',
    };
    const raw = `hand-made-UserLoginFailed,2024-03-01T10:00:00,AzureActiveDirectoryStsLogon,UserLoginFailed,victim@contoso.com,"${auditData.replace(/"/g, '""')}",,`;
    const record = csvRecordOf(row, raw);
    assert.equal(m365AuditParser.sniff([record]), true);
    assert.equal(entraSignInParser.sniff([record]), false);
    const [e] = m365AuditParser.parse(record, { fileName: 'purview.csv' });
    assert.ok(e);
    assert.equal(e.outcome, 'failed_other');
    assert.equal(e.userAgent, HOSTILE);
    assert.equal(e.vendorUid, 'hand-made-UserLoginFailed');
    assert.equal(record.text, raw, 'the record text stays the CSV row');
  });

  it('older export columns (CreationDate, UserIds, Operations, AuditData); time from CreationDate when AuditData has none', () => {
    const withoutTime = logon('UserLoggedIn');
    delete withoutTime.CreationTime;
    const row = { CreationDate: '3/1/2024 4:05:03 PM', UserIds: 'victim@contoso.com', Operations: 'UserLoggedIn', AuditData: JSON.stringify(withoutTime) };
    const [e] = m365AuditParser.parse(csvRecordOf(row, 'raw'), { fileName: 'export.csv', time: { dateOrder: 'mdy' } });
    assert.ok(e);
    assert.equal(e.time, Date.UTC(2024, 2, 1, 16, 5, 3));
    assert.equal(e.outcome, 'auth_success');
  });

  it('rejects an AuditData cell that is not JSON, and a record without a time', () => {
    assert.throws(() => m365AuditParser.parse(csvRecordOf({ CreationDate: 'x', AuditData: '{not json' }, 'raw'), { fileName: 'x' }), RecordError);
    assert.throws(() => parseOne(m365AuditParser, logon('UserLoggedIn', { CreationTime: 'soon' })), RecordError);
  });
});
