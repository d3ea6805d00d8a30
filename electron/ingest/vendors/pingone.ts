/**
 * PingID and PingOne, docs/log-sources.md §7.
 *
 * PingID webhook / push-subscription JSON (the Splunk attack_data `pingid.log`):
 *   {source:"PINGID", id, recorded, actors:[{type:"user", name}],
 *    resources:[{ipaddress, websession, pingidmsg?, devicemodel?}], result?:{status, message}}
 * The time is `recorded` (ISO-8601 UTC). Authentication results carry `result.status`
 * SUCCESS / FAILURE,authFail / UNSUCCESSFUL_ATTEMPT and a message such as
 * `VPN Swipe "iPhone 6S"` or `VPN Auth. Timed Out, Unresponsive User "samsung SM-S901U"`;
 * one time-out in the sample has no `result` at all and only `resources[].pingidmsg`.
 * POLICY records are PingID's policy evaluation, with a multi-line message
 * (`IP Address: …`, `Country: …`, `Device Model: …`, `Action: Authenticate`, …).
 *
 * PingOne platform audit activities (Elastic ping_one test input):
 *   {id, recordedAt, correlationId, actors:{user:{id,name}, client}, action:{type, description},
 *    resources:[…], result:{status, description}}
 * Which `action.type` values are MFA events is UNVERIFIED (docs/log-sources.md §7); the table below is
 * deliberately narrow and everything else is kept as 'other'.
 */
import type { AuthEvent, Outcome } from '../../../shared/model/event.js';
import { RecordError, type ParseContext, type SourceRecord, type VendorParser } from '../parser.js';
import { countryCode } from './country.js';
import { arr, ipAddress, isObject, isoTime, str, type JsonObject } from './fields.js';
import { DENY_TEXT, FRAUD_TEXT, TIMEOUT_TEXT, pingIdFactor } from './pingid-words.js';
import { mostRecordsMatch } from './sniff.js';
import { userFields } from './vendor-kit.js';

// ---------------------------------------------------------------------------------------
// Shapes

function isPingIdRecord(v: unknown): v is JsonObject {
  if (!isObject(v)) return false;
  if (str(v, 'source')?.toUpperCase() === 'PINGID') return true;
  return str(v, 'recorded') !== undefined && Array.isArray(v.actors) && Array.isArray(v.resources);
}

function isPingOneAudit(v: unknown): v is JsonObject {
  return isObject(v) && str(v, 'recordedAt') !== undefined && str(v, 'action.type') !== undefined;
}

function timeOf(v: JsonObject, field: string): number {
  const text = str(v, field);
  const time = isoTime(text);
  if (time !== undefined) return time;
  throw new RecordError(
    text === undefined ? `Ping record has no ${field}` : `Ping record has an unreadable ${field}: ${JSON.stringify(text)}`,
  );
}

/** First non-empty value of `key` across `resources[]` (PingID puts one resource per record). */
function resourceField(v: JsonObject, key: string): string | undefined {
  for (const r of arr(v, 'resources')) {
    const value = str(r, key);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The user actor of a PingID record: the one typed "user", else the first. */
function pingIdActor(v: JsonObject): unknown {
  const actors = arr(v, 'actors');
  return actors.find((a) => str(a, 'type')?.toLowerCase() === 'user') ?? actors[0];
}

// ---------------------------------------------------------------------------------------
// PingID messages

/** `Key: value` lines of a POLICY message; PingID writes "N/A" for unknown values. */
function policyFields(message: string | undefined): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of (message ?? '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const value = line.slice(colon + 1).trim().replace(/^"(.*)"$/, '$1');
    if (value !== '' && value.toUpperCase() !== 'N/A') fields.set(line.slice(0, colon).trim(), value);
  }
  return fields;
}

/** "VPN Swipe …", "SSO Auth. Timed Out …": the leading word names the PingID integration. */
function pingIdApp(message: string | undefined): string | undefined {
  const m = /^([A-Za-z][\w-]*)\s+(?:Swipe|Banner|Auth\.|Authentication|Push|OTP|SMS|Voice|Email|YubiKey)(?=[\s,]|$)/.exec(message ?? '');
  return m?.[1];
}

const DEVICE_CHANGE_TEXT = /\b(paired|unpaired|device (?:added|removed|deleted|changed|replaced))\b/i;

/**
 * Outcome of a PingID authentication result. Time-outs are recognised from the message
 * ("Auth. Timed Out, Unresponsive User/Device"), whatever the status, because PingID records
 * them as `FAILURE,authFail` or with no result at all. A refusal wording -> denied, a fraud
 * report wording -> fraud_reported (both UNVERIFIED: absent from the sample). Any other
 * failure, UNSUCCESSFUL_ATTEMPT included, is failed_other (Splunk counts both as failed MFA).
 */
function resultOutcome(status: string | undefined, message: string): Outcome {
  const s = (status ?? '').toUpperCase();
  if (DEVICE_CHANGE_TEXT.test(message)) return 'factor_change';
  if (TIMEOUT_TEXT.test(message)) return 'timeout';
  if (s.startsWith('SUCCESS')) return 'approved';
  if (s.startsWith('FAIL') || s.startsWith('UNSUCCESSFUL')) {
    if (FRAUD_TEXT.test(message)) return 'fraud_reported';
    if (DENY_TEXT.test(message)) return 'denied';
    return 'failed_other';
  }
  return 'other';
}

/**
 * POLICY "Action:" -> outcome. PingID's policy-event guide: Approve = access allowed without
 * asking for authentication (e.g. recently authenticated); Authenticate = the user must
 * authenticate with PingID, i.e. MFA is required; Deny = blocked by policy.
 */
const POLICY_ACTIONS: Readonly<Record<string, Outcome>> = {
  authenticate: 'mfa_required',
  approve: 'other',
  allowed: 'other',
  deny: 'failed_other',
  denied: 'failed_other',
  block: 'failed_other',
};

/**
 * A POLICY record is the verification-side event of Splunk's PingID mismatch rule: its
 * `resources[].ipaddress` is the verification (responder) address, and the message's
 * `IP Address:` line (when not N/A) the address the authentication came from — in the
 * sample it equals the IP of the SUCCESS/FAIL record of the same websession, and the
 * `Country:` line is that address's country. Splunk falls back to the message IP when the
 * resource IP is missing; that would claim the phone answered from the login address, so
 * here a POLICY record without a resource IP simply has no responder.
 */
function policyEvent(v: JsonObject, base: AuthEvent, message: string | undefined): AuthEvent {
  const fields = policyFields(message);
  const event: AuthEvent = { ...base, outcome: POLICY_ACTIONS[(fields.get('Action') ?? '').toLowerCase()] ?? 'other' };
  const authIp = ipAddress(fields.get('IP Address'));
  const responderIp = ipAddress(resourceField(v, 'ipaddress'));
  if (authIp !== undefined) {
    const country = fields.get('Country');
    event.source = country === undefined ? { ip: authIp } : { ip: authIp, geo: { country: countryCode(country), source: 'vendor' } };
  }
  if (responderIp !== undefined) {
    const name = fields.get('Device Model');
    event.responder = name === undefined ? { ip: responderIp } : { ip: responderIp, name };
  }
  const app = fields.get('Requested Application Name') ?? fields.get('Requested Application ID');
  if (app !== undefined) event.app = app;
  const ua = fields.get('Accessing Device UserAgent');
  if (ua !== undefined) event.userAgent = ua;
  const model = fields.get('Device Model');
  if (model !== undefined) event.device = model;
  return event;
}

function pingIdEvent(v: JsonObject): AuthEvent {
  const actor = pingIdActor(v);
  const status = str(v, 'result.status');
  const message = str(v, 'result.message') ?? resourceField(v, 'pingidmsg');
  const deviceModel = resourceField(v, 'devicemodel');
  const base: AuthEvent = {
    time: timeOf(v, 'recorded'),
    vendor: 'pingone',
    ...userFields(str(actor, 'name')),
    outcome: 'other',
    // The status is the vendor's event name here (Splunk rules key on `FAILURE,authFail`);
    // a record without a result is named after its source.
    vendorEvent: status ?? str(v, 'source') ?? 'PINGID',
  };
  const actorId = str(actor, 'id');
  if (actorId !== undefined) base.userVendorId = actorId;
  const session = resourceField(v, 'websession');
  if (session !== undefined) base.sessionId = session;
  if (message !== undefined) base.reason = message;
  const uid = str(v, 'id');
  if (uid !== undefined) base.vendorUid = uid;
  if (status?.toUpperCase() === 'POLICY') return policyEvent(v, base, message);

  const event: AuthEvent = { ...base, outcome: resultOutcome(status, message ?? '') };
  // On an authentication result the resource address is where the sign-in came from.
  const ip = ipAddress(resourceField(v, 'ipaddress'));
  if (ip !== undefined) event.source = { ip };
  const factor = pingIdFactor(message, deviceModel);
  if (factor !== undefined) event.factor = factor;
  const app = pingIdApp(message);
  if (app !== undefined) event.app = app;
  // The phone that was prompted; PingID gives its model, not its address.
  if (deviceModel !== undefined) event.device = deviceModel;
  return event;
}

// ---------------------------------------------------------------------------------------
// PingOne platform audit

/**
 * action.type patterns -> outcome given success. All UNVERIFIED against real MFA audit
 * events (the sample read holds only admin configuration events): MFA device lifecycle is a
 * factor change; MFA/OTP/push checks succeed or fail; password checks are primary auth.
 */
function auditOutcome(type: string, ok: boolean, description: string): Outcome {
  const t = type.toUpperCase();
  if (/DEVICE/.test(t) && /(CREATED|DELETED|UPDATED|ACTIVATED|BLOCKED|UNBLOCKED|PAIRED|UNPAIRED)/.test(t)) return 'factor_change';
  if (/(MFA|OTP|PUSH|AUTHENTICATOR|FIDO)/.test(t)) {
    if (ok) return 'approved';
    if (TIMEOUT_TEXT.test(description) || /expired/i.test(description)) return 'timeout';
    if (DENY_TEXT.test(description)) return 'denied';
    return 'failed_other';
  }
  if (/PASSWORD\.CHECK/.test(t)) return ok ? 'auth_success' : 'auth_failure';
  return 'other';
}

function auditEvent(v: JsonObject): AuthEvent {
  const type = str(v, 'action.type') ?? '';
  const status = str(v, 'result.status') ?? '';
  const description = str(v, 'result.description') ?? '';
  const event: AuthEvent = {
    time: timeOf(v, 'recordedAt'),
    vendor: 'pingone',
    ...userFields(str(v, 'actors.user.name')),
    outcome: auditOutcome(type, status.toUpperCase() === 'SUCCESS', description),
    vendorEvent: type,
  };
  const userId = str(v, 'actors.user.id');
  if (userId !== undefined) event.userVendorId = userId;
  if (description !== '') event.reason = description;
  const session = str(v, 'correlationId');
  if (session !== undefined) event.sessionId = session;
  const client = str(v, 'actors.client.name');
  if (client !== undefined) event.app = client;
  const uid = str(v, 'id');
  if (uid !== undefined) event.vendorUid = uid;
  return event;
}

// ---------------------------------------------------------------------------------------
// Parser

export const pingOneParser: VendorParser = {
  id: 'pingone',
  title: 'PingID / PingOne activity',
  input: 'object',
  sniff: (sample) => mostRecordsMatch(sample, (r) => isPingIdRecord(r.value) || isPingOneAudit(r.value)),
  parse(record: SourceRecord, _ctx: ParseContext): AuthEvent[] {
    const value = record.value;
    if (isPingIdRecord(value)) return [pingIdEvent(value)];
    if (isPingOneAudit(value)) return [auditEvent(value)];
    throw new RecordError('not a PingID (recorded/actors/resources) or PingOne audit (recordedAt/action.type) record');
  },
};
