/**
 * Cisco Duo activity log, Admin API v2 `/admin/v2/logs/activity` (docs/log-sources.md §4,
 * docs/export-shapes.md §4): `{activity_id, ts, action{name, details}, actor{key, name, type,
 * details}, target{key, name, type, details}, old_target, outcome{result}, application{key,
 * name, type}, access_device{ip{address}, location{city, state, country}, browser, os, ...},
 * akey}`, paged as `response.items`; `actor.details` and `target.details` are JSON text.
 * duo_client (Duo Log Sync) adds `eventtype: "activity"` and `host`. duo_client documents
 * `action` as a bare string: both spellings are read.
 *
 * The log records everything users and administrators do. Duo publishes no list of action
 * names, so meaning is read from the name and the target type, narrowly:
 * - sign-in attempts (`login_attempt`, `admin_login`, ...) -> auth_success / auth_failure;
 * - second-factor steps (`mfa_challenge`, `..._2fa_...`, push / verify) -> approved / failed_other
 *   (the result decides: whether a challenge record means an answer or only a send is not
 *   documented);
 * - a credential, phone, token, bypass code or password created, changed or removed ->
 *   factor_change (a failed one changed nothing: 'other');
 * every other action (policies, groups, integrations, settings) carries no authentication
 * meaning and is counted as skipped.
 */
import type { AuthEvent, Factor, Network, Outcome } from '../../../shared/model/event.js';
import { NotAuthentication, RecordError, type SourceRecord, type VendorParser } from '../parser.js';
import { at, canonicalUser, ipAddress, isObject, isoTime, joinParts, obj, parseJson, prune, str, type JsonObject } from './fields.js';
import { duoGeo, duoRecord, duoToken } from './duo-common.js';
import { mostRecordsMatch } from './sniff.js';

/** `action.name`, or `action` itself where it is the bare string duo_client documents. */
function actionName(r: JsonObject): string | undefined {
  return typeof r['action'] === 'string' ? str(r, 'action') : str(r, 'action.name');
}

function looksLikeDuoActivity(value: unknown): boolean {
  const r = duoRecord(value);
  if (r === undefined || !isObject(r['actor']) || actionName(r) === undefined) return false;
  return str(r, 'ts') !== undefined && (r['activity_id'] !== undefined || r['akey'] !== undefined);
}

/** `details` as Duo writes it: JSON text (or, after some re-exports, the object itself). */
function details(r: JsonObject, path: string): JsonObject | undefined {
  const raw = at(r, path);
  if (isObject(raw)) return raw;
  if (typeof raw !== 'string') return undefined;
  const parsed = parseJson(raw);
  return isObject(parsed) ? parsed : undefined;
}

/** Target types and authenticator names to factors (target types: Elastic cisco_duo activity fields, quoting Duo). */
const FACTOR_WORDS: readonly (readonly [RegExp, Factor])[] = [
  [/webauthn|security_key|u2f|fido|passkey|platform|touch_?id/, 'webauthn'],
  [/password/, 'password'],
  [/bypass/, 'bypass'],
  [/push|duo_mobile/, 'push'],
  // A `phone` target is the device, which may take pushes, texts or calls: no one factor.
  [/sms/, 'sms'],
  [/hardtoken|hardware|token|yubikey/, 'hardware_token'],
];

function factorOf(target: JsonObject | undefined, targetDetails: JsonObject | undefined): Factor | undefined {
  for (const text of [str(targetDetails, 'authenticator_type'), str(target, 'type')]) {
    const token = duoToken(text);
    if (token === '') continue;
    for (const [pattern, factor] of FACTOR_WORDS) if (pattern.test(token)) return factor;
  }
  return undefined;
}

const SIGN_IN = /(^|_)(login|log_in|sign_?in|auth_attempt|authentication_attempt)(_|$)/;
const SECOND_FACTOR = /(^|_)(mfa|2fa|push|verify|verification|challenge)(_|$)/;
/** Things a user authenticates with, as action prefixes or target types. */
const CREDENTIAL = /^(webauthn\w*|u2f\w*|phone|hardtoken|hardkey|token|bypass\w*|user_bypass|password\w*|desktoptoken|duo_mobile\w*)$/;
/** `<object>_<change>`: what was changed, by name. */
const CHANGE = /^(.*?)_(create|delete|update|change|reset|activate|reactivate|enroll|remove|add|assign|unassign)$/;

function isCredentialChange(action: string, targetType: string): boolean {
  const m = CHANGE.exec(action);
  return m !== null && (CREDENTIAL.test(m[1] ?? '') || CREDENTIAL.test(targetType));
}

/** The canonical outcome, or undefined for an action with no authentication meaning. */
function outcomeOf(action: string, result: string, targetType: string): Outcome | undefined {
  const ok = result === 'success';
  const failed = result === 'failure' || result === 'failed' || result === 'denied' || result === 'error';
  if (isCredentialChange(action, targetType)) return ok ? 'factor_change' : 'other';
  if (SIGN_IN.test(action)) return ok ? 'auth_success' : failed ? 'auth_failure' : 'other';
  if (SECOND_FACTOR.test(action)) return ok ? 'approved' : failed ? 'failed_other' : 'other';
  return undefined;
}

/** Whom the activity is about: a user actor; else a user target (an administrator acting on a user). */
function subjectOf(r: JsonObject): { user?: string; key?: string; byAdmin?: string } {
  const actorType = duoToken(str(r, 'actor.type'));
  if (actorType !== 'user' && duoToken(str(r, 'target.type')) === 'user') {
    return { user: str(r, 'target.name'), key: str(r, 'target.key'), byAdmin: str(r, 'actor.name') };
  }
  return { user: str(r, 'actor.name'), key: str(r, 'actor.key') };
}

function sourceOf(r: JsonObject): Network | undefined {
  const ip = ipAddress(str(r, 'access_device.ip.address') ?? str(r, 'access_device.ip'));
  return ip === undefined ? undefined : prune({ ip, geo: duoGeo(at(r, 'access_device.location')) });
}

function deviceOf(r: JsonObject): string | undefined {
  const named = (name: string): string | undefined => joinParts([str(r, `access_device.${name}`), str(r, `access_device.${name}_version`)], ' ');
  return joinParts([named('os'), named('browser')], ', ');
}

function toEvent(r: JsonObject, action: string, outcome: Outcome, time: number): AuthEvent {
  const target = obj(r, 'target');
  const targetDetails = details(r, 'target.details');
  const subject = subjectOf(r);
  const user = canonicalUser(subject.user);
  const event: AuthEvent = {
    time,
    vendor: 'duo',
    user,
    userDisplay: subject.user !== undefined && subject.user !== user ? subject.user : undefined,
    userVendorId: subject.key,
    outcome,
    factor: factorOf(target, targetDetails),
    source: sourceOf(r),
    userAgent: str(targetDetails, 'user_agent'),
    device: deviceOf(r),
    app: str(r, 'application.name'),
    vendorEvent: action,
    reason: joinParts([str(r, 'outcome.result') ?? str(r, 'outcome'), str(target, 'type'), subject.byAdmin === undefined ? undefined : `by ${subject.byAdmin}`], '; '),
    vendorUid: str(r, 'activity_id'),
  };
  return prune(event);
}

export const duoActivityParser: VendorParser = {
  id: 'duo-activity',
  title: 'Cisco Duo activity log',
  input: 'object',
  sniff(sample: readonly SourceRecord[]): boolean {
    return mostRecordsMatch(sample, (r) => looksLikeDuoActivity(r.value));
  },
  parse(record: SourceRecord): AuthEvent[] {
    const r = duoRecord(record.value);
    if (r === undefined) throw new RecordError('not a JSON object');
    if (!looksLikeDuoActivity(r)) throw new RecordError('not a Duo activity record (no actor / action / ts / activity_id)');
    const time = isoTime(str(r, 'ts'));
    if (time === undefined) throw new RecordError(`Duo activity record has an unreadable time (ts ${JSON.stringify(str(r, 'ts'))})`);
    const action = actionName(r) ?? '';
    // `outcome` is `{result}` in the log; a flattened re-export may carry the bare text.
    const result = duoToken(str(r, 'outcome.result') ?? str(r, 'outcome'));
    const outcome = outcomeOf(duoToken(action), result, duoToken(str(r, 'target.type')));
    if (outcome === undefined) throw new NotAuthentication(`Duo activity ${action}`);
    return [toEvent(r, action, outcome, time)];
  },
};
