/**
 * Cisco Duo authentication log (docs/log-sources.md §4): Admin API v2 `authlogs` objects (also as NDJSON
 * from SIEM exports) and the older v1 shape (`username`, `factor: "Duo Push"`, `result:
 * "FRAUD"`, top-level `ip` / `location`). One record = one attempt; Duo has no separate
 * "push sent" record.
 */
import type { AuthEvent, Factor, Network, Outcome } from '../../../shared/model/event.js';
import { RecordError, type SourceRecord, type VendorParser } from '../parser.js';
import { at, canonicalUser, ipAddress, joinParts, obj, prune, str, type JsonObject } from './fields.js';
import { duoFactor, duoGeo, duoRecord, duoTime, duoToken, hasKey } from './duo-common.js';
import { mostRecordsMatch } from './sniff.js';

function looksLikeDuoAuth(value: unknown): boolean {
  const r = duoRecord(value);
  if (r === undefined || hasKey(r, 'action')) return false;
  const hasResult = typeof at(r, 'result') === 'string';
  if (!hasResult) return false;
  if (obj(r, 'access_device') !== undefined || obj(r, 'auth_device') !== undefined) return true;
  // v1 authentication log.
  return str(r, 'factor') !== undefined && (hasKey(r, 'txid') || hasKey(r, 'integration') || hasKey(r, 'username'));
}

/** Reasons with a fixed meaning (docs/log-sources.md §4 mapping); compared lower-case, spaces as underscores. */
const REASON_OUTCOMES: ReadonlyMap<string, Outcome> = new Map<string, Outcome>([
  ['user_approved', 'approved'],
  ['valid_passcode', 'approved'],
  ['no_response', 'timeout'],
  ['user_cancelled', 'denied'],
  ['user_mistake', 'denied'],
  ['user_marked_fraud', 'fraud_reported'],
  // Duo's own push-fatigue protection blocked the push (P7): kept with its reason.
  ['anomalous_push', 'failed_other'],
  // Allowed without an MFA prompt.
  ['bypass_user', 'auth_success'],
  ['remembered_device', 'auth_success'],
  ['trusted_network', 'auth_success'],
  ['trusted_location', 'auth_success'],
  ['allowed_by_policy', 'auth_success'],
  ['allow_unenrolled_user', 'auth_success'],
  ['allow_unenrolled_user_on_trusted_network', 'auth_success'],
]);

/** Factors that mean the user answered a prompt or entered a code. */
const INTERACTIVE: ReadonlySet<Factor> = new Set<Factor>(['push', 'voice', 'sms', 'totp', 'passcode', 'hardware_token', 'webauthn']);

function resultOutcome(result: string, factor: Factor | undefined): Outcome {
  if (result === 'success') return factor !== undefined && INTERACTIVE.has(factor) ? 'approved' : 'auth_success';
  if (result === 'fraud') return 'fraud_reported';
  // denied / failure / error: bad code, policy, device health, Duo error.
  if (result === 'denied' || result === 'failure' || result === 'failed' || result === 'error') return 'failed_other';
  return 'other';
}

function outcomeOf(r: JsonObject, factor: Factor | undefined): Outcome {
  const result = duoToken(str(r, 'result'));
  if (duoToken(str(r, 'event_type')) === 'enrollment') return result === 'success' ? 'factor_change' : 'other';
  return REASON_OUTCOMES.get(duoToken(str(r, 'reason'))) ?? resultOutcome(result, factor);
}

/** access_device (v2) or the top-level ip / location (v1): where the login came from. */
function sourceOf(r: JsonObject): Network | undefined {
  const ip = ipAddress(str(r, 'access_device.ip') ?? str(r, 'ip'));
  if (ip === undefined) return undefined;
  return prune({ ip, geo: duoGeo(at(r, 'access_device.location') ?? at(r, 'location')) });
}

/** auth_device: the phone that answered, with Duo's GeoIP of it. */
function responderOf(r: JsonObject): (Network & { name?: string }) | undefined {
  const ip = ipAddress(str(r, 'auth_device.ip'));
  if (ip === undefined) return undefined;
  return prune({ ip, geo: duoGeo(at(r, 'auth_device.location')), name: str(r, 'auth_device.name') });
}

function accessDevice(r: JsonObject): string | undefined {
  const join = (a?: string, b?: string): string | undefined => (a === undefined ? undefined : b === undefined ? a : `${a} ${b}`);
  return joinParts(
    [
      str(r, 'access_device.hostname'),
      join(str(r, 'access_device.os'), str(r, 'access_device.os_version')),
      join(str(r, 'access_device.browser'), str(r, 'access_device.browser_version')),
    ],
    ', ',
  );
}

function toEvent(r: JsonObject, time: number): AuthEvent {
  const factor = duoFactor(str(r, 'factor'));
  const user = canonicalUser(str(r, 'user.name') ?? str(r, 'username') ?? str(r, 'email'));
  // The e-mail beside a user name that is not it links the two (a bare `ivan` to `ivan@contoso.example`).
  const email = canonicalUser(str(r, 'email'));
  const event: AuthEvent = {
    time,
    vendor: 'duo',
    user,
    userVendorId: str(r, 'user.key'),
    userEmail: email !== '' && email !== user ? email : undefined,
    outcome: outcomeOf(r, factor),
    factor,
    source: sourceOf(r),
    responder: responderOf(r),
    device: accessDevice(r),
    app: str(r, 'application.name') ?? str(r, 'integration'),
    vendorEvent: str(r, 'event_type') ?? 'authentication',
    // The raw reason (public rules key on it, e.g. anomalous_push); the result when there is none.
    reason: str(r, 'reason') ?? str(r, 'result'),
    // txid identifies the attempt; it is not a session.
    vendorUid: str(r, 'txid'),
  };
  return prune(event);
}

export const duoAuthParser: VendorParser = {
  id: 'duo-auth',
  title: 'Cisco Duo authentication log',
  input: 'object',
  sniff(sample: readonly SourceRecord[]): boolean {
    return mostRecordsMatch(sample, (r) => looksLikeDuoAuth(r.value));
  },
  parse(record: SourceRecord): AuthEvent[] {
    const r = duoRecord(record.value);
    if (r === undefined) throw new RecordError('not a JSON object');
    if (!looksLikeDuoAuth(r)) throw new RecordError('not a Duo authentication record (no result / devices / factor)');
    const time = duoTime(r);
    if (time === undefined) throw new RecordError('Duo authentication record has no parseable time (isotimestamp / timestamp)');
    return [toEvent(r, time)];
  },
};
