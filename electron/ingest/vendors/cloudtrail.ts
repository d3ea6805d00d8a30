/**
 * AWS CloudTrail, docs/log-sources.md §6. Reads raw CloudTrail records (the members of an S3 object's
 * `Records` array, NDJSON, or a whole `{"Records": [...]}` object handed over as one record),
 * the Logstash/Elastic copy in the OTRF dataset (`@timestamp` instead of `eventTime`), and the
 * Microsoft Sentinel / Log Analytics `AWSCloudTrail` table (PascalCase columns with the nested
 * parts as JSON text; column names from the Azure Monitor table reference, no sample read).
 *
 * Mapped: ConsoleLogin, CheckMfa and the IAM MFA-device calls; every other API call is kept
 * as outcome 'other' under its event name so the case holds the whole trail.
 */
import type { AuthEvent, Factor, Outcome } from '../../../shared/model/event.js';
import { RecordError, type ParseContext, type SourceRecord, type VendorParser } from '../parser.js';
import { at, ipAddress, isObject, isoTime, parseJson, str, type JsonObject } from './fields.js';
import { mostRecordsMatch } from './sniff.js';
import { userFields } from './vendor-kit.js';

/** The parts of a record this module uses, read once from whichever shape it came in. */
interface TrailRecord {
  timeText?: string;
  eventName?: string;
  eventSource?: string;
  eventId?: string;
  identityType?: string;
  userName?: string;
  arn?: string;
  accountId?: string;
  principalId?: string;
  accessKeyId?: string;
  sourceAddress?: string;
  userAgent?: string;
  errorCode?: string;
  errorMessage?: string;
  additional: unknown;
  response: unknown;
  request: unknown;
}

// ---------------------------------------------------------------------------------------
// Shapes

/** Log Analytics stores the nested CloudTrail objects as JSON text; raw records as objects. */
function nested(value: unknown): unknown {
  return typeof value === 'string' ? parseJson(value) : value;
}

function fromRaw(v: JsonObject): TrailRecord {
  return {
    // OTRF's copy went through Logstash, which moved eventTime to @timestamp.
    timeText: str(v, 'eventTime') ?? str(v, '@timestamp'),
    eventName: str(v, 'eventName'),
    eventSource: str(v, 'eventSource'),
    eventId: str(v, 'eventID'),
    identityType: str(v, 'userIdentity.type'),
    userName: str(v, 'userIdentity.userName'),
    arn: str(v, 'userIdentity.arn'),
    accountId: str(v, 'userIdentity.accountId') ?? str(v, 'recipientAccountId'),
    principalId: str(v, 'userIdentity.principalId'),
    accessKeyId: str(v, 'userIdentity.accessKeyId'),
    sourceAddress: str(v, 'sourceIPAddress'),
    userAgent: str(v, 'userAgent'),
    errorCode: str(v, 'errorCode'),
    errorMessage: str(v, 'errorMessage'),
    additional: nested(v.additionalEventData),
    response: nested(v.responseElements),
    request: nested(v.requestParameters),
  };
}

function fromLogAnalytics(v: JsonObject): TrailRecord {
  return {
    timeText: str(v, 'TimeGenerated'),
    eventName: str(v, 'EventName'),
    eventSource: str(v, 'EventSource'),
    eventId: str(v, 'AwsEventId'),
    identityType: str(v, 'UserIdentityType'),
    userName: str(v, 'UserIdentityUserName'),
    arn: str(v, 'UserIdentityArn'),
    accountId: str(v, 'UserIdentityAccountId') ?? str(v, 'RecipientAccountId'),
    principalId: str(v, 'UserIdentityPrincipalid'),
    accessKeyId: str(v, 'UserIdentityAccessKeyId'),
    sourceAddress: str(v, 'SourceIpAddress'),
    userAgent: str(v, 'UserAgent'),
    errorCode: str(v, 'ErrorCode'),
    errorMessage: str(v, 'ErrorMessage'),
    additional: nested(v.AdditionalEventData),
    response: nested(v.ResponseElements),
    request: nested(v.RequestParameters),
  };
}

function isRawRecord(v: JsonObject): boolean {
  return (
    str(v, 'eventName') !== undefined &&
    (str(v, 'eventSource') !== undefined || isObject(v.userIdentity) || str(v, 'eventVersion') !== undefined)
  );
}

function isLogAnalyticsRecord(v: JsonObject): boolean {
  return str(v, 'EventName') !== undefined && (str(v, 'EventSource') !== undefined || str(v, 'AwsEventId') !== undefined);
}

function looksLikeTrail(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (Array.isArray(value.Records)) return value.Records.some((r) => isObject(r) && isRawRecord(r));
  return isRawRecord(value) || isLogAnalyticsRecord(value);
}

// ---------------------------------------------------------------------------------------
// Identity

/**
 * The acting identity. Root is named `root@<accountId>`: every account has a root, and
 * merging the roots of different accounts into one "root" user would join unrelated
 * sign-ins. Otherwise userName; then the last part of the ARN (for assumed roles that is
 * the session name, typically the person's e-mail in SSO set-ups); then the session part of
 * principalId ("AROA…:alice@example.com"). Empty when the record names nobody.
 */
function callerName(t: TrailRecord): string | undefined {
  const isRoot = t.identityType === 'Root' || (t.arn?.endsWith(':root') ?? false);
  if (isRoot) return t.accountId === undefined ? 'root' : `root@${t.accountId}`;
  if (t.userName !== undefined) return t.userName;
  if (t.arn?.includes('/')) return t.arn.slice(t.arn.lastIndexOf('/') + 1) || undefined;
  const colon = t.principalId?.indexOf(':') ?? -1;
  if (t.principalId !== undefined && colon >= 0) return t.principalId.slice(colon + 1) || undefined;
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Meaning

/** IAM calls that enrol, activate, resynchronise, deactivate or delete an MFA device. */
const MFA_DEVICE_CALLS = new Set([
  'CreateVirtualMFADevice',
  'EnableMFADevice',
  'DeactivateMFADevice',
  'DeleteVirtualMFADevice',
  'ResyncMFADevice',
]);

/** Virtual MFA devices are authenticator apps (TOTP). */
const VIRTUAL_DEVICE_CALLS = new Set(['CreateVirtualMFADevice', 'DeleteVirtualMFADevice']);

/**
 * Factor from an MFA device identifier: `…:u2f/…` is a FIDO key, `…:mfa/…` a virtual
 * (TOTP app) device, and a bare serial (GAHT…) a hardware TOTP token.
 */
function factorFromDevice(serial: string | undefined): Factor | undefined {
  if (serial === undefined) return undefined;
  if (serial.includes(':u2f/')) return 'webauthn';
  if (serial.includes(':mfa/')) return 'totp';
  if (serial.startsWith('arn:')) return 'unknown';
  return 'hardware_token';
}

/** CheckMfa's MfaType text (e.g. "U2F MFA"): values beyond that one are UNVERIFIED. */
function factorFromMfaType(type: string | undefined): Factor | undefined {
  if (type === undefined) return undefined;
  if (/u2f|fido|security key|passkey|webauthn/i.test(type)) return 'webauthn';
  if (/hardware/i.test(type)) return 'hardware_token';
  if (/virtual|totp|authenticator/i.test(type)) return 'totp';
  return 'unknown';
}

/** MFA factor of a sign-in, where the record shows one; 'unknown' when MFA was used but unnamed. */
function signInFactor(t: TrailRecord): Factor {
  return (
    factorFromDevice(str(t.additional, 'MFAIdentifier')) ?? factorFromMfaType(str(t.additional, 'MfaType')) ?? 'unknown'
  );
}

interface Meaning {
  outcome: Outcome;
  factor?: Factor;
  /** The user the event is about when it is not the caller (admin acting on a user's device). */
  subject?: string;
}

/**
 * ConsoleLogin: with MFAUsed=Yes, Success is an approved MFA sign-in and Failure is what
 * Splunk and Panther call a failed MFA challenge (docs/log-sources.md §6) — a bad code rather than a
 * refusal, hence failed_other. Without MFA they are plain password outcomes. MFAUsed is
 * compared case-insensitively (Sigma writes `NO`).
 */
function consoleLogin(t: TrailRecord): Meaning {
  const result = str(t.response, 'ConsoleLogin')?.toLowerCase();
  const mfaUsed = str(t.additional, 'MFAUsed')?.toLowerCase() === 'yes';
  const failed = result === 'failure' || (result === undefined && t.errorMessage !== undefined);
  if (result !== 'success' && !failed) return { outcome: 'other' };
  if (mfaUsed) return { outcome: failed ? 'failed_other' : 'approved', factor: signInFactor(t) };
  // SAML/SSO console sign-ins carry no password at AWS; IAM users and root typed one.
  const typedPassword = str(t.additional, 'SamlProviderArn') === undefined && (t.identityType === 'IAMUser' || t.identityType === 'Root');
  const meaning: Meaning = { outcome: failed ? 'auth_failure' : 'auth_success' };
  if (typedPassword) meaning.factor = 'password';
  return meaning;
}

/** CheckMfa is the MFA step of a console sign-in, logged separately with its MfaType. */
function checkMfa(t: TrailRecord): Meaning {
  const result = str(t.response, 'CheckMfa')?.toLowerCase();
  const factor = factorFromMfaType(str(t.additional, 'MfaType')) ?? 'unknown';
  if (result === 'success') return { outcome: 'approved', factor };
  if (result === 'failure' || t.errorMessage !== undefined) return { outcome: 'failed_other', factor };
  return { outcome: 'other', factor };
}

/**
 * IAM MFA-device calls are factor changes of the user named in the request (an admin may
 * act on someone else's device); a call that failed (errorCode set) is still recorded as the
 * attempted change, with the error in `reason`, because attempts matter for docs/log-sources.md §9 rules.
 */
function deviceChange(t: TrailRecord): Meaning {
  const name = t.eventName ?? '';
  const factor = VIRTUAL_DEVICE_CALLS.has(name) ? 'totp' : (factorFromDevice(str(t.request, 'serialNumber')) ?? 'unknown');
  const meaning: Meaning = { outcome: 'factor_change', factor };
  const subject = str(t.request, 'userName');
  if (subject !== undefined) meaning.subject = subject;
  return meaning;
}

function meaningOf(t: TrailRecord): Meaning {
  if (t.eventName === 'ConsoleLogin') return consoleLogin(t);
  if (t.eventName === 'CheckMfa') return checkMfa(t);
  if (t.eventName !== undefined && MFA_DEVICE_CALLS.has(t.eventName)) return deviceChange(t);
  return { outcome: 'other' };
}

function reasonOf(t: TrailRecord): string | undefined {
  if (t.errorCode !== undefined && t.errorMessage !== undefined) return `${t.errorCode}: ${t.errorMessage}`;
  return t.errorMessage ?? t.errorCode;
}

// ---------------------------------------------------------------------------------------
// Parser

function toEvent(t: TrailRecord): AuthEvent {
  const time = isoTime(t.timeText);
  if (time === undefined) {
    throw new RecordError(
      t.timeText === undefined
        ? 'CloudTrail record has no eventTime'
        : `CloudTrail record has an unreadable eventTime: ${JSON.stringify(t.timeText)}`,
    );
  }
  if (t.eventName === undefined) throw new RecordError('CloudTrail record has no eventName');
  const meaning = meaningOf(t);
  const event: AuthEvent = {
    time,
    vendor: 'cloudtrail',
    ...userFields(meaning.subject ?? callerName(t)),
    outcome: meaning.outcome,
    vendorEvent: t.eventName,
  };
  if (t.principalId !== undefined && meaning.subject === undefined) event.userVendorId = t.principalId;
  if (meaning.factor !== undefined) event.factor = meaning.factor;
  const ip = ipAddress(t.sourceAddress);
  if (ip !== undefined) event.source = { ip };
  if (t.userAgent !== undefined) event.userAgent = t.userAgent;
  if (t.eventSource !== undefined) event.app = t.eventSource;
  // Temporary (ASIA…) or long-term keys tie API calls of one credential session together.
  if (t.accessKeyId !== undefined) event.sessionId = t.accessKeyId;
  const reason = reasonOf(t);
  if (reason !== undefined) event.reason = reason;
  if (t.eventId !== undefined) event.vendorUid = t.eventId;
  return event;
}

function viewOf(v: JsonObject): TrailRecord {
  return isLogAnalyticsRecord(v) && !isRawRecord(v) ? fromLogAnalytics(v) : fromRaw(v);
}

export const cloudTrailParser: VendorParser = {
  id: 'cloudtrail',
  title: 'AWS CloudTrail',
  input: 'object',
  sniff: (sample) => mostRecordsMatch(sample, (r) => looksLikeTrail(r.value)),
  parse(record: SourceRecord, _ctx: ParseContext): AuthEvent[] {
    const value = record.value;
    if (!isObject(value)) throw new RecordError('CloudTrail record is not a JSON object');
    // A whole S3 object read as one record: every member is an event of its own.
    const members = at(value, 'Records');
    if (Array.isArray(members)) {
      return members.map((m, i) => {
        if (!isObject(m)) throw new RecordError(`CloudTrail Records[${i}] is not a JSON object`);
        return toEvent(fromRaw(m));
      });
    }
    return [toEvent(viewOf(value))];
  },
};
