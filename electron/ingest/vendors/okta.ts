/**
 * Okta System Log (docs/log-sources.md §1): LogEvent objects from `GET /api/v1/logs` (JSON array), SIEM
 * NDJSON exports (some lower-case top-level keys: eventtype, debugcontext ...) and, defensively,
 * CSV rows whose headers are the dot-flattened paths (CSV headers are UNVERIFIED).
 */
import type { AuthEvent, Factor, Geo, Network, Outcome } from '../../../shared/model/event.js';
import { RecordError, type SourceRecord, type VendorParser } from '../parser.js';
import { asArray, asDecimal, asObject, asText, canonicalUser, ciAt, ciKey, isDotted, isObject, isoTime, joinParts, ipAddress, type JsonObject } from './fields.js';
import { countryCode } from './country.js';
import { mostRecordsMatch } from './sniff.js';

// ---------------------------------------------------------------------------------------
// Field access
//
// Each field is read twice over when need be: first by the caller with literal property names
// in the documented spelling (`spelt`), which V8 compiles to inline-cached loads, and only
// when that finds nothing by `field`, whose keys vary at run time and so go through V8's
// generic lookup (about 50 of those per record had cost more than half of reading it). Both
// reads agree wherever the literal one finds a value, since `ciAt` tries the exact spelling first.

/** A dotted path read case-insensitively; a flattened CSV column named by the whole path also counts. */
function field(value: unknown, path: string, spelt?: unknown): unknown {
  if (spelt !== undefined) return spelt;
  const v = ciAt(value, path);
  return v === undefined && isObject(value) && isDotted(path) ? ciKey(value, path) : v;
}

/** Okta's "unknown" (or "null") for a field it could not fill, in any case and padding. */
function isPlaceholder(t: string): boolean {
  // Read for every field of every record: a text starting with a printable ASCII character
  // other than u or n cannot be one, and is spared the trim and the pattern.
  const first = t.charCodeAt(0);
  const lower = first | 0x20;
  if (first > 0x20 && first < 0x7f && lower !== 0x75 && lower !== 0x6e) return false;
  return /^(unknown|null)$/i.test(t.trim());
}

/** A non-empty string (numbers as text), not a placeholder. */
function text(value: unknown, path: string, spelt?: unknown): string | undefined {
  const t = asText(field(value, path, spelt));
  return t === undefined || isPlaceholder(t) ? undefined : t;
}

function number(value: unknown, path: string, spelt?: unknown): number | undefined {
  return asDecimal(field(value, path, spelt));
}

function list(value: unknown, path: string, spelt?: unknown): unknown[] {
  return asArray(field(value, path, spelt));
}

// ---------------------------------------------------------------------------------------
// Recognition

/** Top-level keys of an Okta LogEvent besides eventType [OKHOOK]. */
const LOG_EVENT_KEYS = [
  'uuid',
  'published',
  'version',
  'severity',
  'legacyEventType',
  'displayMessage',
  'actor',
  'client',
  'outcome',
  'target',
  'transaction',
  'debugContext',
  'authenticationContext',
  'securityContext',
];

function looksLikeOkta(value: unknown): boolean {
  if (!isObject(value)) return false;
  const eventType = text(value, 'eventType');
  if (eventType === undefined || !/^[a-z0-9_]+(\.[a-z0-9_]+)+$/i.test(eventType)) return false;
  // CloudTrail records carry an eventType too ("AwsConsoleSignIn"): never ours.
  if (field(value, 'eventSource') !== undefined || field(value, 'eventVersion') !== undefined) return false;
  // Trimmed test events drop fields (uuid, published ...): ask for any three LogEvent keys.
  return LOG_EVENT_KEYS.filter((k) => field(value, k) !== undefined).length >= 3;
}

// ---------------------------------------------------------------------------------------
// Event types and factors (docs/log-sources.md §1, [OKCAT])

const CHALLENGE_FACTORS: ReadonlyMap<string, Factor> = new Map<string, Factor>([
  ['system.push.send_factor_verify_push', 'push'],
  ['system.sms.send_factor_verify_message', 'sms'],
  ['system.voice.send_mfa_challenge_call', 'voice'],
]);

/** Classic v1 API push rejections [SPL-OKTA-DEPR]. */
const DENY_PUSH: ReadonlySet<string> = new Set(['user.mfa.okta_verify.deny_push', 'user.mfa.okta_verify.deny_push_upgrade_needed']);

/** MFA verifications; `user.mfa.okta_verify` is the Classic Okta Verify answer (push unless told otherwise). */
const MFA_VERIFY: ReadonlyMap<string, Factor | undefined> = new Map<string, Factor | undefined>([
  ['user.authentication.auth_via_mfa', undefined],
  ['user.mfa.okta_verify', 'push'],
]);

const FACTOR_CHANGE_TYPES: ReadonlySet<string> = new Set(['device.enrollment.create', 'device.user.add']);
const FACTOR_CHANGE_PREFIXES = ['user.mfa.factor.', 'system.mfa.factor.'];
const REPORT_SUSPICIOUS = 'user.account.report_suspicious_activity_by_enduser';

/** Event families where an admin (or Okta itself) acts on another user, named in target[] [PAN-OKTA]. */
const ACTS_ON_TARGET_PREFIXES = [
  'user.mfa.',
  'system.mfa.',
  'system.push.',
  'system.sms.',
  'system.voice.',
  'user.account.',
  'user.lifecycle.',
  'device.',
  'group.user_membership.',
  'application.user_membership.',
];

/** Okta factor ids (`debugData.factor`); SMS / voice / TOTP spellings are UNVERIFIED, hence the keyword fallback. */
const FACTOR_IDS: ReadonlyMap<string, Factor> = new Map<string, Factor>([
  ['OKTA_VERIFY_PUSH', 'push'],
  ['PASSWORD_AS_FACTOR', 'password'],
  ['FIDO_WEBAUTHN', 'webauthn'],
  // Okta FastPass: a device-bound, phishing-resistant key, the closest model factor is webauthn.
  ['SIGNED_NONCE', 'webauthn'],
  ['OKTA_SOFT_TOKEN', 'totp'],
  ['GOOGLE_OTP', 'totp'],
  ['SMS_FACTOR', 'sms'],
  ['CALL_FACTOR', 'voice'],
  ['EMAIL_FACTOR', 'email'],
  ['YUBIKEY_TOKEN', 'hardware_token'],
  ['RSA_SECURID', 'hardware_token'],
  ['SYMANTEC_VIP', 'hardware_token'],
]);

/** Ordered keyword fallback for factor ids and for texts like "Get a push notification". */
const FACTOR_WORDS: readonly (readonly [RegExp, Factor])[] = [
  [/fastpass|signed_nonce/i, 'webauthn'],
  [/push/i, 'push'],
  [/sms|text message/i, 'sms'],
  [/voice|call/i, 'voice'],
  [/webauthn|fido|u2f|security key|biometric/i, 'webauthn'],
  [/e-?mail/i, 'email'],
  [/password/i, 'password'],
  [/yubikey|securid|hardware|hotp|symantec/i, 'hardware_token'],
  [/totp|otp|code|soft_token/i, 'totp'],
];

function factorFromText(value: string | undefined): Factor | undefined {
  if (value === undefined) return undefined;
  const known = FACTOR_IDS.get(value.trim().toUpperCase());
  if (known !== undefined) return known;
  for (const [pattern, factor] of FACTOR_WORDS) if (pattern.test(value)) return factor;
  return 'unknown';
}

// ---------------------------------------------------------------------------------------
// Reading

interface Party {
  alternateId?: string;
  id?: string;
  displayName?: string;
  type?: string;
}

function readParty(value: unknown): Party {
  const p = asObject(value);
  return {
    alternateId: text(value, 'alternateId', p?.['alternateId']),
    id: text(value, 'id', p?.['id']),
    displayName: text(value, 'displayName', p?.['displayName']),
    type: text(value, 'type', p?.['type']),
  };
}

function isType(party: unknown, type: string): boolean {
  const t = text(party, 'type', asObject(party)?.['type']);
  // Okta writes the documented spelling; only another one is lower-cased (types are ASCII, so a match has their length).
  return t !== undefined && (t === type || (t.length === type.length && t.toLowerCase() === type.toLowerCase()));
}

interface Okta {
  /** Lower-cased for matching; the event keeps the vendor's own spelling. */
  eventType: string;
  rawEventType: string;
  result: string;
  reason?: string;
  actor: Party;
  targets: unknown[];
  targetUser?: Party;
  debug: JsonObject | undefined;
  /** The push answer detail: OV_RESPONSE_DENY on rejection [OKSUP-DENY]; number-challenge values UNVERIFIED. */
  pushAnswer?: string;
}

function readOkta(v: JsonObject, rawEventType: string): Okta {
  const targets = list(v, 'target', v['target']);
  const user = targets.find((t) => isType(t, 'User'));
  const debug = asObject(field(v, 'debugContext.debugData', asObject(v['debugContext'])?.['debugData']));
  const outcome = asObject(v['outcome']);
  return {
    eventType: rawEventType.trim().toLowerCase(),
    rawEventType,
    result: (text(v, 'outcome.result', outcome?.['result']) ?? '').toUpperCase(),
    reason: text(v, 'outcome.reason', outcome?.['reason']),
    actor: readParty(field(v, 'actor', v['actor'])),
    targets,
    targetUser: user === undefined ? undefined : readParty(user),
    debug,
    pushAnswer:
      text(debug, 'pushOnlyResponseType', debug?.['pushOnlyResponseType']) ??
      text(debug, 'pushWithNumberChallengeResponseType', debug?.['pushWithNumberChallengeResponseType']),
  };
}

const SUCCESS = new Set(['SUCCESS', 'ALLOW']);
const FAILURE = new Set(['FAILURE', 'DENY']);

function factorOf(o: Okta): Factor | undefined {
  const fixed = CHALLENGE_FACTORS.get(o.eventType) ?? (DENY_PUSH.has(o.eventType) ? 'push' : undefined);
  if (fixed !== undefined) return fixed;
  const fromDebug = factorFromText(text(o.debug, 'factor', o.debug?.['factor']));
  if (fromDebug !== undefined) return fromDebug;
  // Legacy: target[].detailEntry.methodTypeUsed = "Get a push notification" [SPL-OKTA-DEPR].
  for (const t of o.targets) {
    const used = factorFromText(text(t, 'detailEntry.methodTypeUsed'));
    if (used !== undefined) return used;
  }
  // Factor lifecycle reasons read "User reset FIDO_WEBAUTHN factor".
  const named = /\b([A-Z][A-Z0-9_]{2,})\s+factor\b/.exec(o.reason ?? '');
  if (named?.[1] !== undefined) return factorFromText(named[1]);
  return MFA_VERIFY.get(o.eventType);
}

/**
 * Okta has no field for the phone that answered a push. Splunk's rule written with Okta reads
 * the `client` of the Okta Verify answer as the answering device and that of the send as the
 * sign-in's source (docs/log-sources.md §1 [SPL-OKTA-MISMATCH]; that it is the phone's address is unverified),
 * so the answer's client is its responder as well as its source.
 */
function isPushAnswer(eventType: string, factor: Factor | undefined): boolean {
  return factor === 'push' && (MFA_VERIFY.has(eventType) || DENY_PUSH.has(eventType));
}

// ---------------------------------------------------------------------------------------
// Outcomes (docs/log-sources.md §0, §1)

function mfaVerifyOutcome(o: Okta, factor: Factor | undefined): Outcome {
  // PASSWORD_AS_FACTOR is primary authentication in OIE, not MFA [SPL-OKTA-MULTI].
  if (factor === 'password') return SUCCESS.has(o.result) ? 'auth_success' : FAILURE.has(o.result) ? 'auth_failure' : 'other';
  if (SUCCESS.has(o.result)) return 'approved';
  if (!FAILURE.has(o.result)) return 'other';
  const answer = o.pushAnswer ?? '';
  if (/TIME_?OUT|TIMED_OUT|EXPIRED|NO_RESPONSE/i.test(answer)) return 'timeout';
  if (/DENY|REJECT/i.test(answer) || /rejected/i.test(o.reason ?? '')) return 'denied';
  // OIE push rejection = FAILURE + INVALID_CREDENTIALS on an Okta Verify push [OKCAT].
  if (factor === 'push' && o.reason?.toUpperCase() === 'INVALID_CREDENTIALS') return 'denied';
  return 'failed_other';
}

/** Session / primary-authentication events: success -> `ok`, failure -> auth_failure. */
function successOr(o: Okta, ok: Outcome): Outcome {
  if (SUCCESS.has(o.result)) return ok;
  return FAILURE.has(o.result) ? 'auth_failure' : 'other';
}

function isFactorChange(eventType: string): boolean {
  return FACTOR_CHANGE_TYPES.has(eventType) || FACTOR_CHANGE_PREFIXES.some((p) => eventType.startsWith(p));
}

function outcomeOf(o: Okta, factor: Factor | undefined): Outcome {
  const t = o.eventType;
  // A send Okta refused (SMS toll-fraud protection answers DENY, since 2022.06.0) was not a prompt.
  if (CHALLENGE_FACTORS.has(t)) return FAILURE.has(o.result) ? 'failed_other' : 'challenge_sent';
  if (DENY_PUSH.has(t)) return 'denied';
  if (MFA_VERIFY.has(t)) return mfaVerifyOutcome(o, factor);
  if (t === 'policy.evaluate_sign_on') return o.result === 'CHALLENGE' ? 'mfa_required' : 'other';
  if (t === 'user.session.start' || t === 'user.authentication.sso') return successOr(o, 'session_start');
  if (t === 'user.authentication.verify') return successOr(o, 'auth_success');
  if (t === REPORT_SUSPICIOUS) return 'fraud_reported';
  // A failed enrolment / reset changed nothing.
  if (isFactorChange(t)) return FAILURE.has(o.result) ? 'other' : 'factor_change';
  return 'other';
}

// ---------------------------------------------------------------------------------------
// Subject, reason, network

/** Same principal: by alternateId where both have one (ids in trimmed test events collide), else by id. */
function sameParty(a: Party, b: Party): boolean {
  if (a.alternateId !== undefined && b.alternateId !== undefined) return canonicalUser(a.alternateId) === canonicalUser(b.alternateId);
  return a.id !== undefined && a.id === b.id;
}

/** ThreatInsight names an IP address as the actor: that is not a user. */
function isPerson(party: Party): boolean {
  return !/^ip/i.test(party.type ?? '');
}

/**
 * Whom the event is about. Admin actions name the affected user in target[] (the actor is
 * kept in the reason); factor sends may carry a system actor with the user as target.
 */
function subjectOf(o: Okta): { subject: Party; byActor: boolean } {
  const target = o.targetUser;
  if (target === undefined) return { subject: o.actor, byActor: false };
  const actorIsUser = o.actor.type?.toLowerCase() === 'user' && (o.actor.alternateId !== undefined || o.actor.id !== undefined);
  if (!actorIsUser) return { subject: target, byActor: o.actor.alternateId !== undefined || o.actor.displayName !== undefined };
  if (sameParty(o.actor, target) || o.eventType === REPORT_SUSPICIOUS) return { subject: o.actor, byActor: false };
  const actsOnTarget = ACTS_ON_TARGET_PREFIXES.some((p) => o.eventType.startsWith(p));
  return actsOnTarget ? { subject: target, byActor: true } : { subject: o.actor, byActor: false };
}

/** What the user reported, for pivoting on the reported event [PAN-OKTA-SAR], [OKSUP-SAR]. */
function suspiciousReport(debug: JsonObject | undefined): string | undefined {
  const labelled = (label: string, key: string): string | undefined => {
    const value = text(debug, `suspiciousActivity${key}`);
    return value === undefined ? undefined : `${label} ${value}`;
  };
  const place = joinParts(
    ['EventCity', 'EventState', 'EventCountry'].map((k) => text(debug, `suspiciousActivity${k}`)),
    ', ',
  );
  return joinParts(
    [
      labelled('reported', 'EventType'),
      labelled('from', 'EventIp'),
      place === undefined ? undefined : `(${place})`,
      labelled('at', 'Timestamp'),
      labelled('transaction', 'EventTransactionId'),
    ],
    ' ',
  );
}

function reasonOf(o: Okta, byActor: boolean): string | undefined {
  const actor = o.actor.alternateId ?? o.actor.displayName ?? o.actor.id;
  return joinParts(
    [
      o.eventType === REPORT_SUSPICIOUS ? suspiciousReport(o.debug) : undefined,
      o.reason,
      o.pushAnswer,
      byActor && actor !== undefined ? `by ${actor}` : undefined,
    ],
    '; ',
  );
}

/**
 * Not fields.ts `vendorGeo`: Okta keeps a latitude or longitude even without the other, and
 * rules read `geo.lat` on its own, so switching would change events.
 */
function geoOf(context: unknown): Geo | undefined {
  const c = asObject(context);
  const located = asObject(c?.['geolocation']);
  const city = text(context, 'city', c?.['city']);
  const region = text(context, 'state', c?.['state']);
  const country = text(context, 'country', c?.['country']);
  const lat = number(context, 'geolocation.lat', located?.['lat']);
  const lon = number(context, 'geolocation.lon', located?.['lon']);
  if (city === undefined && region === undefined && country === undefined && lat === undefined && lon === undefined) return undefined;
  const geo: Geo = { source: 'vendor' };
  if (city !== undefined) geo.city = city;
  if (region !== undefined) geo.region = region;
  if (country !== undefined) geo.country = countryCode(country);
  if (lat !== undefined) geo.lat = lat;
  if (lon !== undefined) geo.lon = lon;
  return geo;
}

/** client.ipAddress with its geo; else the first hop of request.ipChain. */
function sourceOf(v: JsonObject, client: JsonObject | undefined): Network | undefined {
  const clientIp = ipAddress(text(v, 'client.ipAddress', client?.['ipAddress']));
  const hop = clientIp === undefined ? list(v, 'request.ipChain')[0] : undefined;
  const ip = clientIp ?? ipAddress(text(hop, 'ip'));
  if (ip === undefined) return undefined;
  const geo =
    clientIp !== undefined
      ? geoOf(field(v, 'client.geographicalContext', client?.['geographicalContext']))
      : geoOf(field(hop, 'geographicalContext'));
  const security = asObject(v['securityContext']);
  const asn = number(v, 'securityContext.asNumber', security?.['asNumber']);
  const asOrg = text(v, 'securityContext.asOrg', security?.['asOrg']);
  const source: Network = { ip };
  if (geo !== undefined) source.geo = geo;
  if (asn !== undefined) source.asn = asn;
  if (asOrg !== undefined) source.asOrg = asOrg;
  return source;
}

function deviceOf(v: JsonObject, client: JsonObject | undefined, agent: JsonObject | undefined): string | undefined {
  return joinParts(
    [
      text(v, 'client.device', client?.['device']),
      text(v, 'client.userAgent.os', agent?.['os']),
      text(v, 'client.userAgent.browser', agent?.['browser']),
    ],
    ', ',
  );
}

function appOf(o: Okta): string | undefined {
  const app = o.targets.find((t) => isType(t, 'AppInstance'));
  const a = asObject(app);
  return text(app, 'displayName', a?.['displayName']) ?? text(app, 'alternateId', a?.['alternateId']);
}

function sessionOf(v: JsonObject): string | undefined {
  return (
    text(v, 'authenticationContext.externalSessionId', asObject(v['authenticationContext'])?.['externalSessionId']) ??
    text(v, 'transaction.id', asObject(v['transaction'])?.['id'])
  );
}

function toEvent(v: JsonObject, o: Okta, time: number): AuthEvent {
  const factor = factorOf(o);
  const { subject: party, byActor } = subjectOf(o);
  const subject: Party = isPerson(party) ? party : {};
  const client = asObject(v['client']);
  const agent = asObject(client?.['userAgent']);
  const event: AuthEvent = { time, vendor: 'okta', user: canonicalUser(subject.alternateId), outcome: outcomeOf(o, factor), vendorEvent: o.rawEventType };
  // Only what the record gave, set one by one: a generic copy without the unset fields cost
  // more per record than any of them.
  if (subject.displayName !== undefined) event.userDisplay = subject.displayName;
  if (subject.id !== undefined) event.userVendorId = subject.id;
  if (factor !== undefined) event.factor = factor;
  const source = sourceOf(v, client);
  if (source !== undefined) event.source = source;
  if (source !== undefined && isPushAnswer(o.rawEventType, factor)) event.responder = source;
  const userAgent = text(v, 'client.userAgent.rawUserAgent', agent?.['rawUserAgent']);
  if (userAgent !== undefined) event.userAgent = userAgent;
  const device = deviceOf(v, client, agent);
  if (device !== undefined) event.device = device;
  const app = appOf(o);
  if (app !== undefined) event.app = app;
  const sessionId = sessionOf(v);
  if (sessionId !== undefined) event.sessionId = sessionId;
  const reason = reasonOf(o, byActor);
  if (reason !== undefined) event.reason = reason;
  const vendorUid = text(v, 'uuid', v['uuid']);
  if (vendorUid !== undefined) event.vendorUid = vendorUid;
  return event;
}

export const oktaParser: VendorParser = {
  id: 'okta',
  title: 'Okta System Log',
  input: 'object',
  sniff(sample: readonly SourceRecord[]): boolean {
    return mostRecordsMatch(sample, (r) => looksLikeOkta(r.value));
  },
  parse(record: SourceRecord): AuthEvent[] {
    const v = record.value;
    if (!isObject(v)) throw new RecordError('not a JSON object or CSV row');
    const eventType = text(v, 'eventType', v['eventType']);
    if (eventType === undefined) throw new RecordError('Okta event has no eventType');
    const time = isoTime(text(v, 'published', v['published']));
    if (time === undefined) throw new RecordError('Okta event has no parseable time (published)');
    return [toEvent(v, readOkta(v, eventType), time)];
  },
};
