/**
 * Microsoft Entra ID sign-in logs (docs/log-sources.md §2): Graph `/auditLogs/signIns` objects, Azure
 * diagnostic-settings records (the sign-in under `properties`), Log Analytics `SigninLogs`
 * rows (PascalCase, nested objects as JSON text) and portal CSV download rows.
 */
import type { AuthEvent, Factor, Geo, Network, Outcome } from '../../../shared/model/event.js';
import { RecordError, type ParseContext, type SourceRecord, type VendorParser } from '../parser.js';
import { NO_TIME_SETTINGS, type TimeSettings } from '../time/timestamp.js';
import { asObject, canonicalUser, ciKey, isObject, joinParts, ipAddress, vendorGeo, type JsonObject } from './fields.js';
import {
  MFA_FAILED_CODE,
  codeReason,
  failureCodeOutcome,
  innerRecord,
  isDirectoryAudit,
  methodFactor,
  msArr,
  msAt,
  msBool,
  msNum,
  msObj,
  msStr,
  msTime,
  portalCell,
  strongAuthFailureOutcome,
} from './microsoft.js';
import { isAuthDetailsRow } from './entra-auth-details.js';
import { mostRecordsMatch } from './sniff.js';

/** One entry of `authenticationDetails[]` (or the MFA columns of a portal CSV row). */
interface AuthStep {
  method?: string | undefined;
  resultDetail?: string | undefined;
  succeeded?: boolean | undefined;
  /** Worked out once: several rules below ask for it. */
  factor: Factor;
}

function authStep(method: string | undefined, resultDetail: string | undefined, succeeded?: boolean): AuthStep {
  return { method, resultDetail, succeeded, factor: stepFactor(method, resultDetail) };
}

/** What the four shapes have in common, read once so the mapping below is shape-free. */
interface SignIn {
  time?: number;
  user?: string;
  userId?: string;
  userDisplay?: string;
  ip?: string;
  asn?: number;
  /** status.errorCode / resultType / "Sign-in error code". */
  code?: number;
  /** Set when only a textual failure status is known (no code). */
  failed: boolean;
  failureReason?: string;
  additionalDetails?: string;
  requirement?: string;
  steps: AuthStep[];
  geo?: Geo;
  userAgent?: string;
  device?: string;
  app?: string;
  correlationId?: string;
  id?: string;
  vendorEvent: string;
}

const SIGN_IN_ACTIVITY = 'Sign-in activity';

// ---------------------------------------------------------------------------------------
// Recognition

/** Headers of the portal download (English; localized headers are UNVERIFIED, docs/log-sources.md §2 (d)). */
function isPortalCsvRow(value: JsonObject): boolean {
  // The authentication details file of the same download has a Request ID and may have a date column.
  if (isAuthDetailsRow(value)) return false;
  if (ciKey(value, 'Date (UTC)') !== undefined || ciKey(value, 'Sign-in error code') !== undefined) return true;
  return ciKey(value, 'Request ID') !== undefined && ciKey(value, 'IP address') !== undefined;
}

function looksLikeSignIn(value: unknown): boolean {
  if (!isObject(value) || isDirectoryAudit(value)) return false;
  if (isPortalCsvRow(value)) return true;
  // Diagnostic settings: SignInLogs, NonInteractiveUserSignInLogs, ServicePrincipalSignInLogs ...
  if (/signinlogs$/i.test(msStr(value, 'category') ?? '')) return true;
  if (msStr(value, 'operationName')?.toLowerCase() === SIGN_IN_ACTIVITY.toLowerCase()) return true;
  // Log Analytics table name: SigninLogs, AADNonInteractiveUserSignInLogs ...
  if (/signinlogs$/i.test(msStr(value, 'Type') ?? '')) return true;
  const hasUser = msStr(value, 'userPrincipalName') !== undefined;
  if (msStr(value, 'createdDateTime') !== undefined && (hasUser || msAt(value, 'status') !== undefined)) return true;
  return hasUser && msAt(value, 'ResultType') !== undefined && msAt(value, 'AuthenticationRequirement') !== undefined;
}

// ---------------------------------------------------------------------------------------
// Reading the JSON shapes (Graph, diagnostic settings, Log Analytics)

// Fields are read with literal Graph names first (see msAt): reading a sign-in took 7.6 µs
// through the search alone.

function readStep(step: unknown): AuthStep {
  const s = asObject(step);
  return authStep(
    msStr(step, 'authenticationMethod', s?.['authenticationMethod']),
    msStr(step, 'authenticationStepResultDetail', s?.['authenticationStepResultDetail']),
    msBool(step, 'succeeded', s?.['succeeded']),
  );
}

function readSteps(p: JsonObject): AuthStep[] {
  const steps = msArr(p, 'authenticationDetails', p['authenticationDetails']).map(readStep);
  if (steps.length > 0) return steps;
  // Deprecated `mfaDetail {authMethod, authDetail}` of older records [LA-SIGNIN].
  const method = msStr(p, 'mfaDetail.authMethod');
  return method === undefined ? [] : [authStep(method, undefined)];
}

/** errorCode first; a diagnostic / LA `resultType` may instead be a number, "0", "Success" or "Failure". */
function readCode(p: JsonObject, top: JsonObject): { code?: number; failed: boolean } {
  const code = msNum(p, 'status.errorCode', asObject(p['status'])?.['errorCode']) ?? msNum(top, 'resultType') ?? msNum(p, 'resultType');
  if (code !== undefined) return { code, failed: code !== 0 };
  const text = (msStr(top, 'resultType') ?? msStr(p, 'resultType') ?? msStr(top, 'resultSignature') ?? '').toLowerCase();
  if (text === 'success') return { code: 0, failed: false };
  return { failed: text === 'failure' || text === 'failed' };
}

function readGeo(p: JsonObject, top: JsonObject): Geo | undefined {
  const loc = msObj(p, 'location', p['location']) ?? msObj(p, 'LocationDetails');
  // Diagnostic and LA records also give a bare 2-letter `location` beside the object.
  const bare = msAt(top, 'location', top['location']);
  const coordinates = asObject(loc?.['geoCoordinates']);
  return vendorGeo({
    city: msStr(loc, 'city', loc?.['city']),
    region: msStr(loc, 'state', loc?.['state']),
    country: msStr(loc, 'countryOrRegion', loc?.['countryOrRegion']) ?? (typeof bare === 'string' && bare.trim() !== '' ? bare : undefined),
    lat: msNum(loc, 'geoCoordinates.latitude', coordinates?.['latitude']),
    lon: msNum(loc, 'geoCoordinates.longitude', coordinates?.['longitude']),
  });
}

function fromJson(top: JsonObject, p: JsonObject, settings: TimeSettings): SignIn {
  const status = asObject(p['status']);
  const device = asObject(p['deviceDetail']);
  return {
    time: msTime(msStr(p, 'createdDateTime', p['createdDateTime']), settings) ?? msTime(msStr(top, 'time'), settings) ?? msTime(msStr(top, 'TimeGenerated'), settings),
    // Service-principal sign-ins name no user: the principal is the identity that signed in.
    user: msStr(p, 'userPrincipalName', p['userPrincipalName']) ?? msStr(p, 'servicePrincipalName'),
    userId: msStr(p, 'userId', p['userId']) ?? msStr(p, 'servicePrincipalId'),
    userDisplay: msStr(p, 'userDisplayName', p['userDisplayName']) ?? msStr(top, 'identity'),
    ip: ipAddress(msStr(p, 'ipAddress', p['ipAddress']) ?? msStr(top, 'callerIpAddress')),
    asn: msNum(p, 'autonomousSystemNumber', p['autonomousSystemNumber']),
    ...readCode(p, top),
    failureReason: msStr(p, 'status.failureReason', status?.['failureReason']) ?? msStr(top, 'resultDescription'),
    additionalDetails: msStr(p, 'status.additionalDetails', status?.['additionalDetails']),
    requirement: msStr(p, 'authenticationRequirement', p['authenticationRequirement']),
    steps: readSteps(p),
    geo: readGeo(p, top),
    userAgent: msStr(p, 'userAgent', p['userAgent']),
    device: joinParts(
      [
        msStr(p, 'deviceDetail.displayName', device?.['displayName']),
        msStr(p, 'deviceDetail.operatingSystem', device?.['operatingSystem']),
        msStr(p, 'deviceDetail.browser', device?.['browser']),
      ],
      ', ',
    ),
    app: msStr(p, 'appDisplayName', p['appDisplayName']),
    correlationId: msStr(p, 'correlationId', p['correlationId']) ?? msStr(top, 'correlationId'),
    id: msStr(p, 'id', p['id']),
    vendorEvent: msStr(top, 'operationName', top['operationName']) ?? SIGN_IN_ACTIVITY,
  };
}

// ---------------------------------------------------------------------------------------
// Reading a portal CSV row (column name -> cell text)

/** "City, State, CC" as the portal writes Location (layout UNVERIFIED: read defensively). */
function csvGeo(location: string | undefined): Geo | undefined {
  if (location === undefined) return undefined;
  const parts = location.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const country = parts.at(-1);
  const city = parts.length > 1 ? parts[0] : undefined;
  const region = parts.length > 2 ? parts.slice(1, -1).join(', ') : undefined;
  return vendorGeo({ city, region, country });
}

function csvCode(row: JsonObject): { code?: number; failed: boolean } {
  const text = portalCell(row, 'Sign-in error code', 'Error code');
  if (text !== undefined && /^\s*\d+\s*$/.test(text)) {
    const code = Number(text);
    return { code, failed: code !== 0 };
  }
  const status = portalCell(row, 'Status')?.toLowerCase();
  if (status === 'success') return { code: 0, failed: false };
  return { failed: status === 'failure' || status === 'interrupted' };
}

function fromCsv(row: JsonObject, settings: TimeSettings): SignIn {
  const username = portalCell(row, 'Username', 'User principal name', 'UPN');
  const display = portalCell(row, 'User');
  // When only "User" is exported it may hold the UPN rather than the display name.
  const user = username ?? (display?.includes('@') === true ? display : undefined);
  const method = portalCell(row, 'Multifactor authentication auth method');
  const result = portalCell(row, 'Multifactor authentication result');
  const steps = method !== undefined || result !== undefined ? [authStep(method, result)] : [];
  return {
    time: msTime(portalCell(row, 'Date (UTC)', 'Date'), settings),
    user,
    userId: portalCell(row, 'User ID'),
    userDisplay: display,
    ip: ipAddress(portalCell(row, 'IP address')),
    asn: msNum(row, 'Autonomous system number'),
    ...csvCode(row),
    failureReason: portalCell(row, 'Failure reason'),
    additionalDetails: portalCell(row, 'Additional Details'),
    requirement: portalCell(row, 'Authentication requirement'),
    steps,
    geo: csvGeo(portalCell(row, 'Location')),
    userAgent: portalCell(row, 'User agent'),
    device: joinParts([portalCell(row, 'Device ID'), portalCell(row, 'Operating System'), portalCell(row, 'Browser')], ', '),
    app: portalCell(row, 'Application'),
    correlationId: portalCell(row, 'Correlation ID'),
    id: portalCell(row, 'Request ID'),
    vendorEvent: SIGN_IN_ACTIVITY,
  };
}

// ---------------------------------------------------------------------------------------
// Mapping (docs/log-sources.md §0, §2)

/** "Previously satisfied" / "satisfied by claim in the token": MFA not performed in this sign-in. */
function stepFactor(method: string | undefined, resultDetail: string | undefined): Factor {
  if (resultDetail !== undefined && /satisfied by (?:a )?(?:claim|token)|previously satisfied/i.test(resultDetail)) return 'remembered';
  return methodFactor(method) ?? 'unknown';
}

const NOT_MFA: ReadonlySet<Factor> = new Set<Factor>(['password', 'remembered']);

/** Approved = an MFA sign-in where the user completed an MFA method now (not a token claim). */
function mfaDoneByUser(s: SignIn): boolean {
  const requirement = (s.requirement ?? '').replace(/[^a-z]/gi, '').toLowerCase();
  if (requirement !== 'multifactorauthentication') return false;
  return s.steps.some((step) => step.succeeded !== false && !NOT_MFA.has(step.factor));
}

function detailText(s: SignIn): string {
  return joinParts([s.additionalDetails, s.failureReason, ...s.steps.map((st) => st.resultDetail)], ' | ') ?? '';
}

function outcomeOf(s: SignIn): Outcome {
  if (s.code === undefined) return s.failed ? 'auth_failure' : 'other';
  if (s.code === 0) return mfaDoneByUser(s) ? 'approved' : 'auth_success';
  if (s.code === MFA_FAILED_CODE) return strongAuthFailureOutcome(detailText(s));
  return failureCodeOutcome(s.code);
}

/** The step that names the factor: the failed MFA step of a failure, else the last MFA step. */
function factorStep(s: SignIn): AuthStep | undefined {
  const mfa = s.steps.filter((st) => st.factor !== 'password');
  const failed = s.code !== undefined && s.code !== 0 ? mfa.find((st) => st.succeeded === false) : undefined;
  return failed ?? mfa.at(-1) ?? s.steps.at(-1);
}

function reasonOf(s: SignIn, step: AuthStep | undefined): string | undefined {
  if (s.code === 0) return s.additionalDetails ?? step?.resultDetail;
  return codeReason(s.code, [s.failureReason, s.additionalDetails, step?.resultDetail]);
}

function toEvent(s: SignIn, time: number): AuthEvent {
  const step = factorStep(s);
  const event: AuthEvent = { time, vendor: 'entra', user: canonicalUser(s.user), outcome: outcomeOf(s), vendorEvent: s.vendorEvent };
  // Only what the record gave, set one by one rather than copied without the unset fields.
  if (s.userDisplay !== undefined) event.userDisplay = s.userDisplay;
  if (s.userId !== undefined) event.userVendorId = s.userId;
  if (step !== undefined) event.factor = step.factor;
  if (s.ip !== undefined) {
    const source: Network = { ip: s.ip };
    if (s.geo !== undefined) source.geo = s.geo;
    if (s.asn !== undefined) source.asn = s.asn;
    event.source = source;
  }
  if (s.userAgent !== undefined) event.userAgent = s.userAgent;
  if (s.device !== undefined) event.device = s.device;
  if (s.app !== undefined) event.app = s.app;
  if (s.correlationId !== undefined) event.sessionId = s.correlationId;
  const reason = reasonOf(s, step);
  if (reason !== undefined) event.reason = reason;
  if (s.id !== undefined) event.vendorUid = s.id;
  return event;
}

export const entraSignInParser: VendorParser = {
  id: 'entra-signin',
  title: 'Microsoft Entra ID sign-in logs',
  input: 'object',
  sniff(sample: readonly SourceRecord[]): boolean {
    return mostRecordsMatch(sample, (r) => looksLikeSignIn(r.value));
  },
  parse(record: SourceRecord, ctx: ParseContext): AuthEvent[] {
    const value = record.value;
    if (!isObject(value)) throw new RecordError('not a JSON object or CSV row');
    const inner = innerRecord(value);
    if (isDirectoryAudit(value, inner)) throw new RecordError('a directory audit record, not a sign-in (use format entra-audit)');
    const settings = ctx.time ?? NO_TIME_SETTINGS;
    const signIn = isPortalCsvRow(value) ? fromCsv(value, settings) : fromJson(value, inner, settings);
    if (signIn.time === undefined) throw new RecordError('sign-in has no parseable time (createdDateTime / time / Date (UTC))');
    return [toEvent(signIn, signIn.time)];
  },
};
