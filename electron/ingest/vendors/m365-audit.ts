/**
 * Microsoft 365 Unified Audit Log (docs/log-sources.md §3): Management Activity API JSON records, Purview /
 * Search-UnifiedAuditLog exports whose `AuditData` column carries the JSON record, and the
 * Microsoft Sentinel `OfficeActivity` row shape. Logons (UserLoggedIn / UserLoginFailed)
 * and the AzureActiveDirectory MFA changes have meaning here; every other operation is kept
 * as an 'other' event. UAL cannot tell deny / timeout / fraud apart: use Entra sign-ins.
 */
import type { AuthEvent, Outcome } from '../../../shared/model/event.js';
import { RecordError, type ParseContext, type SourceRecord, type VendorParser } from '../parser.js';
import { NO_TIME_SETTINGS, type TimeSettings } from '../time/timestamp.js';
import { canonicalUser, firstOf, isObject, joinParts, parseJson, prune, ipAddress, type JsonObject } from './fields.js';
import {
  MFA_FAILED_CODE,
  auditActivityOutcome,
  codeReason,
  failureCodeOutcome,
  looksLikeUpn,
  msArr,
  msAt,
  msNum,
  msStr,
  msTime,
  pairValue,
  strongAuthFailureOutcome,
  strongAuthProperties,
} from './microsoft.js';
import { mostRecordsMatch } from './sniff.js';

// ---------------------------------------------------------------------------------------
// Recognition

function auditDataOf(value: JsonObject): unknown {
  return msAt(value, 'AuditData');
}

function looksLikeM365(value: unknown): boolean {
  if (!isObject(value)) return false;
  const auditData = auditDataOf(value);
  if (typeof auditData === 'string') return /^\s*\{/.test(auditData);
  if (isObject(auditData)) return true;
  const hasOperation = msStr(value, 'Operation') !== undefined;
  // Sentinel OfficeActivity rows.
  if (msStr(value, 'OfficeWorkload') !== undefined || msStr(value, 'Type') === 'OfficeActivity') return hasOperation;
  const anchored = msAt(value, 'Workload') !== undefined || msAt(value, 'RecordType') !== undefined || msAt(value, 'OrganizationId') !== undefined;
  return hasOperation && msStr(value, 'CreationTime') !== undefined && anchored;
}

/** The audit record: the parsed AuditData column of an export row, else the value itself. */
function auditRecord(value: JsonObject): JsonObject {
  const auditData = auditDataOf(value);
  if (auditData === undefined) return value;
  if (isObject(auditData)) return auditData;
  const parsed = typeof auditData === 'string' ? parseJson(auditData) : undefined;
  if (isObject(parsed)) return parsed;
  throw new RecordError('AuditData column does not hold a JSON object');
}

// ---------------------------------------------------------------------------------------
// Reading

interface Ual {
  time?: number;
  operation: string;
  userId?: string;
  userKey?: string;
  objectId?: string;
  /** Actor / Target entries of type 5 (UPN). */
  targetUpn?: string;
  ip?: string;
  errorNumber?: number;
  logonError?: string;
  extended: unknown[];
  deviceProps: unknown[];
  strongAuth: string[];
  id?: string;
  app?: string;
}

function readStrongAuth(a: JsonObject): string[] {
  const modified = msArr(a, 'ModifiedProperties');
  const names = modified.map((m) => msStr(m, 'Name')).filter((n) => n !== undefined);
  const included = modified
    .filter((m) => msStr(m, 'Name')?.toLowerCase() === 'included updated properties')
    .map((m) => msStr(m, 'NewValue'))
    .filter((n) => n !== undefined);
  return strongAuthProperties(names, included);
}

/** A UPN among `Target[]` (Type 5 = UPN in the schema [O365SCHEMA]). */
function targetUpn(a: JsonObject): string | undefined {
  for (const t of msArr(a, 'Target')) {
    const id = msStr(t, 'ID');
    if (msNum(t, 'Type') === 5 && looksLikeUpn(id)) return id;
  }
  return undefined;
}

function readUal(row: JsonObject, a: JsonObject, settings: TimeSettings): Ual {
  return {
    // CreationTime is UTC without a zone; CreationDate is the export column (locale text).
    time: msTime(msStr(a, 'CreationTime'), settings) ?? msTime(msStr(a, 'TimeGenerated'), settings) ?? msTime(msStr(row, 'CreationDate'), settings),
    operation: msStr(a, 'Operation') ?? msStr(row, 'Operations') ?? msStr(row, 'Operation') ?? 'unknown operation',
    userId: msStr(a, 'UserId') ?? msStr(row, 'UserIds') ?? msStr(row, 'UserId'),
    userKey: msStr(a, 'UserKey'),
    objectId: msStr(a, 'ObjectId'),
    targetUpn: targetUpn(a),
    // The schema says ClientIP is null for Entra events; records show it set: take either.
    ip: ipAddress(msStr(a, 'ClientIP') ?? msStr(a, 'ActorIpAddress') ?? msStr(a, 'Client_IPAddress') ?? msStr(a, 'ClientIPAddress')),
    // Documented as ErrorCode; Splunk and real records use ErrorNumber [SPL-O365].
    errorNumber: msNum(a, 'ErrorNumber') ?? msNum(a, 'ErrorCode'),
    logonError: msStr(a, 'LogonError'),
    extended: msArr(a, 'ExtendedProperties'),
    deviceProps: msArr(a, 'DeviceProperties'),
    strongAuth: readStrongAuth(a),
    id: msStr(a, 'Id') ?? msStr(a, 'OfficeId') ?? msStr(row, 'RecordId'),
    app: msStr(a, 'ApplicationDisplayName') ?? msStr(a, 'ApplicationId') ?? msStr(a, 'Workload') ?? msStr(a, 'OfficeWorkload'),
  };
}

// ---------------------------------------------------------------------------------------
// Mapping

const LOGGED_IN = 'userloggedin';
const LOGIN_FAILED = 'userloginfailed';

/**
 * UserLoggedIn on a `SAS:` request (Strong Authentication Service: BeginAuth / EndAuth /
 * ProcessAuth) is the completion of an MFA step, so it is read as approved. This is an
 * inference from the endpoint name, not a documented field meaning.
 */
function loggedInOutcome(u: Ual): Outcome {
  const requestType = pairValue(u.extended, 'RequestType') ?? '';
  return /^sas:/i.test(requestType) ? 'approved' : 'auth_success';
}

function loginFailedOutcome(u: Ual): Outcome {
  if (u.errorNumber === undefined) return 'auth_failure';
  if (u.errorNumber === MFA_FAILED_CODE) return strongAuthFailureOutcome(`${u.logonError ?? ''} ${pairValue(u.extended, 'ResultStatusDetail') ?? ''}`);
  return u.errorNumber === 0 ? 'auth_success' : failureCodeOutcome(u.errorNumber);
}

function outcomeOf(u: Ual): Outcome {
  const op = u.operation.trim().toLowerCase();
  if (op === LOGGED_IN) return loggedInOutcome(u);
  if (op === LOGIN_FAILED) return loginFailedOutcome(u);
  return auditActivityOutcome(u.operation, u.strongAuth) ?? 'other';
}

/** MFA changes are about the affected user (ObjectId / Target UPN), not the service principal that wrote them. */
function subjectOf(u: Ual, outcome: Outcome): { user?: string; byActor: boolean } {
  if (outcome !== 'factor_change' && outcome !== 'fraud_reported') return { user: u.userId, byActor: false };
  const affected = firstOf(u.targetUpn, looksLikeUpn(u.objectId) ? u.objectId : undefined);
  if (affected === undefined) return { user: u.userId, byActor: false };
  return { user: affected, byActor: u.userId !== undefined && canonicalUser(u.userId) !== canonicalUser(affected) };
}

function reasonOf(u: Ual, outcome: Outcome, byActor: boolean): string | undefined {
  if (u.operation.trim().toLowerCase() === LOGIN_FAILED || u.errorNumber !== undefined) {
    return codeReason(u.errorNumber, [u.logonError]);
  }
  return joinParts(
    [
      u.strongAuth.length > 0 ? `modified ${u.strongAuth.join(', ')}` : undefined,
      byActor ? `by ${u.userId ?? 'unknown actor'}` : undefined,
      outcome === 'approved' || outcome === 'auth_success' ? pairValue(u.extended, 'RequestType') : undefined,
    ],
    '; ',
  );
}

function deviceOf(u: Ual): string | undefined {
  return joinParts([pairValue(u.deviceProps, 'DisplayName'), pairValue(u.deviceProps, 'OS'), pairValue(u.deviceProps, 'BrowserType')], ', ');
}

function toEvent(row: JsonObject, a: JsonObject, u: Ual, time: number): AuthEvent {
  const outcome = outcomeOf(u);
  const { user, byActor } = subjectOf(u, outcome);
  const event: AuthEvent = {
    time,
    vendor: 'm365',
    user: canonicalUser(user),
    userVendorId: user === u.userId && u.userKey !== 'Not Available' ? u.userKey : undefined,
    outcome,
    source: u.ip === undefined ? undefined : { ip: u.ip },
    userAgent: pairValue(u.extended, 'UserAgent') ?? msStr(a, 'UserAgent') ?? msStr(row, 'UserAgent'),
    device: deviceOf(u),
    app: u.app,
    sessionId: pairValue(u.deviceProps, 'SessionId') ?? msStr(a, 'AppAccessContext.AADSessionId'),
    vendorEvent: u.operation,
    reason: reasonOf(u, outcome, byActor),
    vendorUid: u.id,
  };
  return prune(event);
}

export const m365AuditParser: VendorParser = {
  id: 'm365-audit',
  title: 'Microsoft 365 Unified Audit Log',
  input: 'object',
  sniff(sample: readonly SourceRecord[]): boolean {
    return mostRecordsMatch(sample, (r) => looksLikeM365(r.value));
  },
  parse(record: SourceRecord, ctx: ParseContext): AuthEvent[] {
    const row = record.value;
    if (!isObject(row)) throw new RecordError('not a JSON object or CSV row');
    const audit = auditRecord(row);
    const ual = readUal(row, audit, ctx.time ?? NO_TIME_SETTINGS);
    if (ual.time === undefined) throw new RecordError('audit record has no parseable time (CreationTime / CreationDate)');
    return [toEvent(row, audit, ual, ual.time)];
  },
};
