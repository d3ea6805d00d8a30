/**
 * Test-only: hand-made vendor records for the import pipeline tests, close to what the
 * vendors write (field names from spec/log-sources.md), and helpers to run a container reader.
 */
import { createReader, type ContainerKind, type ReadIssue } from '../../../electron/ingest/containers/index.js';
import type { SourceRecord } from '../../../electron/ingest/parser.js';

/** An Okta System Log LogEvent; `i` makes its uuid, time and user distinct. */
export function oktaEvent(i: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uuid: `0e6b1c2a-0000-4000-8000-${String(i).padStart(12, '0')}`,
    published: new Date(Date.UTC(2024, 2, 1, 9, 0, 0) + i * 1000).toISOString(),
    eventType: 'system.push.send_factor_verify_push',
    version: '0',
    severity: 'INFO',
    displayMessage: 'Push notification sent',
    actor: { id: '00u1', type: 'User', alternateId: `user${i % 7}@example.com`, displayName: `User ${i % 7}` },
    client: {
      ipAddress: '81.2.69.144',
      geographicalContext: { city: 'London', state: 'England', country: 'United Kingdom', geolocation: { lat: 51.5, lon: -0.09 } },
      userAgent: { rawUserAgent: 'Mozilla/5.0' },
    },
    outcome: { result: 'SUCCESS' },
    authenticationContext: { externalSessionId: `sess${i % 3}` },
    debugContext: { debugData: { factor: 'OKTA_VERIFY_PUSH' } },
    ...over,
  };
}

/** A Microsoft Graph signIn object. */
export function entraSignIn(i: number): Record<string, unknown> {
  return {
    id: `5f0c0000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    createdDateTime: new Date(Date.UTC(2024, 2, 1, 10, 0, 0) + i * 1000).toISOString(),
    userPrincipalName: `User${i % 5}@contoso.com`,
    userId: 'a1b2',
    appDisplayName: 'Office 365',
    ipAddress: '81.2.69.160',
    clientAppUsed: 'Browser',
    correlationId: `corr-${i}`,
    status: { errorCode: 500121, failureReason: 'Authentication failed during strong authentication request.', additionalDetails: 'MFA denied; user declined the authentication' },
    location: { city: 'London', state: 'England', countryOrRegion: 'GB', geoCoordinates: { latitude: 51.5, longitude: -0.1 } },
    authenticationDetails: [{ authenticationMethod: 'Mobile app notification', succeeded: false, authenticationStepResultDetail: 'MFA denied; user declined the authentication' }],
    authenticationRequirement: 'multiFactorAuthentication',
  };
}

/** A CloudTrail ConsoleLogin record. */
export function cloudTrailLogin(i: number): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: `arn:aws:iam::111122223333:user/user${i % 4}`, accountId: '111122223333', userName: `user${i % 4}` },
    eventTime: new Date(Date.UTC(2024, 2, 1, 11, 0, 0) + i * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    awsRegion: 'us-east-1',
    sourceIPAddress: '89.160.20.156',
    userAgent: 'Mozilla/5.0',
    responseElements: { ConsoleLogin: i % 2 === 0 ? 'Failure' : 'Success' },
    additionalEventData: { MFAUsed: 'Yes', LoginTo: 'https://console.aws.amazon.com/' },
    eventID: `c0ffee00-0000-4000-8000-${String(i).padStart(12, '0')}`,
    eventType: 'AwsConsoleSignIn',
    recipientAccountId: '111122223333',
  };
}

/** A Duo Admin API v2 authentication log entry (no place for the phone: the importer looks it up). */
export function duoAuth(i: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    txid: `txid-${i}`,
    isotimestamp: new Date(Date.UTC(2024, 2, 1, 12, 0, 0) + i * 1000).toISOString(),
    timestamp: Math.floor((Date.UTC(2024, 2, 1, 12, 0, 0) + i * 1000) / 1000),
    user: { name: `user${i % 3}`, key: 'DUKEY' },
    event_type: 'authentication',
    factor: 'duo_push',
    result: 'denied',
    reason: 'user_cancelled',
    access_device: { ip: '8.8.8.8', browser: 'Chrome' },
    auth_device: { ip: '10.1.2.3', name: 'iPhone' },
    application: { name: 'VPN' },
    ...over,
  };
}

/** A Microsoft 365 audit export row: the real record is JSON text in the AuditData column. */
export function m365AuditData(i: number): Record<string, unknown> {
  return {
    CreationTime: new Date(Date.UTC(2024, 2, 1, 13, 0, 0) + i * 1000).toISOString().replace(/\.\d{3}Z$/, ''),
    Id: `9a9a0000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    Operation: 'UserLoginFailed',
    OrganizationId: 'org',
    RecordType: 15,
    ResultStatus: 'Failed',
    UserKey: 'key',
    UserType: 0,
    Workload: 'AzureActiveDirectory',
    ClientIP: '81.2.69.142',
    UserId: `user${i % 3}@contoso.com`,
    ErrorNumber: '500121',
    LogonError: 'AuthenticationFailedSasError',
  };
}

/** A CSV cell, quoted the RFC 4180 way. */
export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** An M365 export CSV whose AuditData cells are pretty-printed JSON (multi-line quoted cells). */
export function m365Csv(count: number): string {
  const rows = ['RecordId,CreationDate,RecordType,Operation,UserId,AuditData'];
  for (let i = 0; i < count; i += 1) {
    const audit = m365AuditData(i);
    rows.push([String(audit['Id']), '3/1/2024 1:00:00 PM', 'AzureActiveDirectoryStsLogon', 'UserLoginFailed', String(audit['UserId']), JSON.stringify(audit, null, 2)].map(csvCell).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

/** Classic BSD syslog lines from sshd. */
export function syslogLines(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i += 1) {
    lines.push(`Mar  1 09:00:${String(i % 60).padStart(2, '0')} bastion sshd[${1000 + i}]: Failed password for user${i % 3} from 89.160.20.${i % 250} port 22 ssh2`);
  }
  return `${lines.join('\n')}\n`;
}

export interface ReadResult {
  records: SourceRecord[];
  issues: ReadIssue[];
}

/** Run a container reader over text handed over in the given pieces. */
export function readAll(kind: ContainerKind, pieces: readonly string[], maxRecordChars = 1024 * 1024): ReadResult {
  const out: ReadResult = { records: [], issues: [] };
  const reader = createReader(kind, { record: (r) => out.records.push(r), issue: (i) => out.issues.push(i) }, { maxRecordChars });
  for (const piece of pieces) reader.push(piece);
  reader.end();
  return out;
}

/** The text cut into pieces of `size` characters (1 = character by character). */
export function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
