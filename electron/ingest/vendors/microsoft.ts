/**
 * Helpers shared by the Microsoft normalisers (Entra sign-in, Entra audit, M365 Unified
 * Audit Log): tolerant field access across the Graph / diagnostic-settings / Log Analytics /
 * SIEM-export spellings of the same record, AADSTS code meanings and the outcome tables of
 * docs/log-sources.md §2 and §3.
 */
import type { Factor, Outcome } from '../../../shared/model/event.js';
import { NO_TIME_SETTINGS, readTimestamp, type TimeSettings } from '../time/timestamp.js';
import { asArray, asBool, asDecimal, asObject, asText, ciAt, ciKey, isObject, parseJson, type JsonObject } from './fields.js';

// ---------------------------------------------------------------------------------------
// Field access

/**
 * Log Analytics exports keep nested objects (Status, LocationDetails, AuthenticationDetails,
 * InitiatedBy ...) as JSON text; decode such text so paths can walk into it.
 */
function decodeJsonText(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
  const parsed = parseJson(value);
  return typeof parsed === 'object' && parsed !== null ? parsed : value;
}

/**
 * Follow a dotted path case-insensitively (Graph camelCase, Log Analytics PascalCase and the
 * lower-cased keys of some SIEM exports are all the same field), decoding JSON text on the
 * way. The final value is returned as stored: a string is never reinterpreted.
 *
 * `spelt`, when given, is what the caller read at the path as Graph spells it, with literal
 * property names: V8 compiles those to inline-cached loads, where this search by names that
 * vary at run time costs about 0.1 µs per field. Only when it is undefined is the path
 * searched; both agree wherever it is set, since the search tries the exact spelling first.
 */
export function msAt(value: unknown, path: string, spelt?: unknown): unknown {
  return spelt !== undefined ? spelt : ciAt(value, path, decodeJsonText);
}

export function msStr(value: unknown, path: string, spelt?: unknown): string | undefined {
  return asText(msAt(value, path, spelt));
}

export function msNum(value: unknown, path: string, spelt?: unknown): number | undefined {
  return asDecimal(msAt(value, path, spelt));
}

/** An object at `path`; Log Analytics JSON text is decoded. */
export function msObj(value: unknown, path: string, spelt?: unknown): JsonObject | undefined {
  return asObject(decodeJsonText(msAt(value, path, spelt)));
}

/** An array at `path`; Log Analytics JSON text is decoded. */
export function msArr(value: unknown, path: string, spelt?: unknown): unknown[] {
  return asArray(decodeJsonText(msAt(value, path, spelt)));
}

export function msBool(value: unknown, path: string, spelt?: unknown): boolean | undefined {
  return asBool(msAt(value, path, spelt));
}

/** The first non-blank cell of a portal CSV row under one of `names` (headers matched without case), trimmed. */
export function portalCell(row: JsonObject, ...names: string[]): string | undefined {
  for (const name of names) {
    const v = ciKey(row, name);
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return undefined;
}

/** Value of a `[{key|name, value}]` list entry (additionalDetails, ExtendedProperties ...). */
export function pairValue(list: readonly unknown[], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const item of list) {
    const key = msStr(item, 'key') ?? msStr(item, 'name');
    if (key?.toLowerCase() === lower) return msStr(item, 'value');
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Time

/**
 * Microsoft timestamps: ISO-8601 or the locale text of portal / Purview CSV exports
 * (`9/20/2023 4:05:03 AM`), in the file's day/month order. Every Microsoft time field is UTC
 * (docs/log-sources.md §3, zone-less CreationTime included). Throws RecordError for an ambiguous date.
 */
export function msTime(text: string | undefined, settings: TimeSettings = NO_TIME_SETTINGS): number | undefined {
  return readTimestamp(text, settings, 'utc');
}

// ---------------------------------------------------------------------------------------
// AADSTS codes (docs/log-sources.md §2, [MSERR]); the texts are short reminders for reasons, not Microsoft's wording.

export const AADSTS_MEANINGS: ReadonlyMap<number, string> = new Map([
  [50053, 'account locked or sign-in from malicious IP'],
  [50072, 'MFA registration required'],
  [50074, 'strong authentication required'],
  [50076, 'MFA required'],
  [50078, 'presented MFA expired'],
  [50079, 'MFA registration required'],
  [50088, 'limit on telecom MFA calls reached'],
  [50097, 'device authentication required'],
  [50125, 'sign-in interrupted (password reset or registration)'],
  [50126, 'invalid username or password'],
  [50140, 'keep-me-signed-in interrupt'],
  [50158, 'external security challenge not satisfied'],
  [53003, 'blocked by Conditional Access'],
  [500121, 'authentication failed during strong authentication request'],
]);

/** Sign-in error codes with a fixed outcome; 0 and 500121 need the record's detail. */
const CODE_OUTCOMES: ReadonlyMap<number, Outcome> = new Map<number, Outcome>([
  [50074, 'mfa_required'],
  [50076, 'mfa_required'],
  // MFA registration required / MFA expired / third-party MFA not yet satisfied: all are
  // interrupts after the password that send the user to an MFA step.
  [50072, 'mfa_required'],
  [50079, 'mfa_required'],
  [50078, 'mfa_required'],
  [50158, 'mfa_required'],
  // Telecom flood limit (P7 vendor-anomaly rule keys on the code kept in the reason).
  [50088, 'failed_other'],
  [53003, 'failed_other'],
  // Benign interrupts and device (not MFA) authentication.
  [50097, 'other'],
  [50125, 'other'],
  [50140, 'other'],
]);

export const MFA_FAILED_CODE = 500121;

/**
 * 500121 sub-reason from its detail text ([SPL-AZ-DENY], [MSMFAREP], [GRAPH-AUTHD]). Fraud
 * first ("MFA denied; Fraud Code Entered"), then no answer, then an explicit decline.
 */
export function strongAuthFailureOutcome(detail: string): Outcome {
  if (/fraud/i.test(detail)) return 'fraud_reported';
  // A call left on voicemail is a prompt nobody answered: read as a timeout.
  if (/did not respond|not respond|timed? ?out|no response|no phone input|voicemail/i.test(detail)) return 'timeout';
  if (/declin|reject/i.test(detail)) return 'denied';
  return 'failed_other';
}

/** Outcome of a failed sign-in code other than 500121 (0 is success, handled by the caller). */
export function failureCodeOutcome(code: number): Outcome {
  return CODE_OUTCOMES.get(code) ?? 'auth_failure';
}

/** `50126: invalid username or password` style reason from a code and the vendor's texts. */
export function codeReason(code: number | undefined, texts: readonly (string | undefined)[]): string | undefined {
  const parts: string[] = [];
  for (const t of texts) if (t !== undefined && t.trim() !== '' && !parts.includes(t)) parts.push(t);
  if (parts.length === 0 && code !== undefined && code !== 0) {
    const meaning = AADSTS_MEANINGS.get(code);
    if (meaning !== undefined) parts.push(meaning);
  }
  const text = parts.join('; ');
  if (code === undefined || code === 0) return text === '' ? undefined : text;
  return text === '' ? String(code) : `${code}: ${text}`;
}

// ---------------------------------------------------------------------------------------
// Authentication methods -> factors

/** Ordered: the first match wins, so the specific phrases come before the broad ones. */
const METHOD_FACTORS: readonly (readonly [RegExp, Factor])[] = [
  [/previously satisfied|satisfied by (?:a )?(?:claim|token)|claim in the token/i, 'remembered'],
  [/passwordless/i, 'push'],
  [/text message|\bsms\b/i, 'sms'],
  [/voice|phone call|\bcall\b/i, 'voice'],
  [/hardware (?:oath )?token|hardware oath/i, 'hardware_token'],
  [/e-?mail/i, 'email'],
  [/oath|verification code|software token|totp|one-time (?:passcode|code)/i, 'totp'],
  [/notification|push|authenticator/i, 'push'],
  [/fido|security key|passkey|windows hello|webauthn/i, 'webauthn'],
  [/temporary access pass/i, 'bypass'],
  [/password/i, 'password'],
];

/** Factor named by an Entra / M365 authentication method text ([GRAPH-AUTHD], [MSMFAREP]). */
export function methodFactor(text: string | undefined): Factor | undefined {
  if (text === undefined) return undefined;
  for (const [pattern, factor] of METHOD_FACTORS) if (pattern.test(text)) return factor;
  return 'unknown';
}

// ---------------------------------------------------------------------------------------
// Directory audit activities (Entra audit logs and the UAL AzureActiveDirectory workload)

/** Activity names lower-cased, without the trailing dot UAL adds ("Update user."). */
const AUDIT_ACTIVITIES: ReadonlyMap<string, Outcome> = new Map<string, Outcome>([
  ['user registered security info', 'factor_change'],
  ['user registered all required security info', 'factor_change'],
  ['user changed default security info', 'factor_change'],
  ['user updated security info', 'factor_change'],
  ['user deleted security info', 'factor_change'],
  ['admin registered security info', 'factor_change'],
  ['admin updated security info', 'factor_change'],
  ['admin deleted security info', 'factor_change'],
  ['disable strong authentication', 'factor_change'],
  ['enable strong authentication', 'factor_change'],
  ['suspicious activity reported', 'fraud_reported'],
  ['fraud reported - user is blocked for mfa', 'fraud_reported'],
  ['fraud reported - no action taken', 'fraud_reported'],
]);

/** Directory properties that hold a user's MFA methods ([SPL-AZ-NEWMFA2]). */
const STRONG_AUTH_PROPERTY = /^StrongAuthentication/i;

export function normaliseActivity(name: string): string {
  return name.trim().replace(/\.$/, '').toLowerCase();
}

/**
 * Outcome of a directory audit activity: the table above, or "Update user" when one of the
 * modified properties is a StrongAuthentication* property; undefined when it has no MFA meaning.
 */
export function auditActivityOutcome(activity: string, modifiedProperties: readonly string[]): Outcome | undefined {
  const name = normaliseActivity(activity);
  const known = AUDIT_ACTIVITIES.get(name);
  if (known !== undefined) return known;
  if (name === 'update user' && modifiedProperties.some((p) => STRONG_AUTH_PROPERTY.test(p))) return 'factor_change';
  return undefined;
}

/** Names of modified properties, including those listed in "Included Updated Properties". */
export function strongAuthProperties(names: readonly string[], included: readonly string[]): string[] {
  const all = [...names];
  for (const text of included) for (const part of text.replace(/"/g, '').split(',')) all.push(part.trim());
  return [...new Set(all.filter((n) => STRONG_AUTH_PROPERTY.test(n)))];
}

/** An identity worth using as the canonical user: a UPN / e-mail rather than a GUID or a service tag. */
export function looksLikeUpn(text: string | undefined): text is string {
  return text !== undefined && /^[^@\s]+@[^@\s]+$/.test(text.trim());
}

// ---------------------------------------------------------------------------------------
// Shapes

/** The sign-in / audit object itself: diagnostic-settings records carry it under `properties`. */
export function innerRecord(value: JsonObject): JsonObject {
  return msObj(value, 'properties', value['properties']) ?? value;
}

/**
 * Entra directory audit (Graph directoryAudit, diagnostic AuditLogs, Log Analytics AuditLogs).
 * `inner` spares a caller that has the record's `innerRecord` finding it again.
 */
export function isDirectoryAudit(value: unknown, inner = isObject(value) ? innerRecord(value) : undefined): boolean {
  if (!isObject(value) || inner === undefined) return false;
  if (msStr(inner, 'activityDisplayName') !== undefined || msStr(inner, 'activityDateTime') !== undefined) return true;
  if (msAt(inner, 'initiatedBy') !== undefined && (msAt(inner, 'targetResources') !== undefined || msStr(inner, 'loggedByService') !== undefined)) return true;
  return msStr(value, 'category')?.toLowerCase() === 'auditlogs';
}
