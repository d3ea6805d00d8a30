/**
 * PingFederate security audit log (`audit.log` in its pipe or key=value layout, or as CEF),
 * docs/log-sources.md §7a; the line layouts are read in pingfederate-lines.ts. Events are
 * stored under the Ping vendor ('pingone'), beside PingOne and PingID.
 *
 * Meaning, from Ping's field reference:
 * - AUTHN_ATTEMPT is "an authentication attempt against an IdP adapter instance"; `status` is
 *   success, failure or inprogress, `adapterid` the adapter instance. Adapter instance ids are
 *   chosen by the administrator, so an MFA adapter (the PingID adapter, the PingOne MFA
 *   adapter) is recognised by its id (PingID, MFA, OTP, 2FA ...; UNVERIFIED beyond the name).
 *   Against one, success is an approved second factor; inprogress the prompt on its way to the
 *   user (challenge_sent: the adapter waits for the answer); failure a failed second factor,
 *   a time-out, refusal or fraud report where the description says so in PingID's words or
 *   names a PingOne MFA state (PUSH_CONFIRMATION_REJECTED / _TIMED_OUT). Against any other
 *   adapter (HTML form, identifier first, Kerberos ...) success and failure are the primary
 *   sign-in and inprogress is 'other'.
 * - AUTHN_SESSION_CREATED (a new PingFederate session) is session_start; SSO, OAuth,
 *   AUTHN_REQUEST, AUTHN_SESSION_USED / DELETED, SRI_REVOKED ... are kept as 'other' with
 *   their event name: they place the user's sessions beside the prompts.
 *
 * Records carry no unique id (`trackingid` names the user's session, kept as its id): the
 * importer keys them by content.
 */
import type { AuthEvent, Factor, Outcome } from '../../../shared/model/event.js';
import { RecordError, type ParseContext, type SourceRecord, type VendorParser } from '../parser.js';
import { NO_TIME_SETTINGS } from '../time/timestamp.js';
import { ipAddress, joinParts } from './fields.js';
import { looksLikePfLine, pfRecord, type PfRecord } from './pingfederate-lines.js';
import { DENY_TEXT, FRAUD_TEXT, TIMEOUT_TEXT, pingIdFactor } from './pingid-words.js';
import { mostRecordsMatch } from './sniff.js';
import { userFields } from './vendor-kit.js';

/** Adapter instance ids that name a second factor. */
const MFA_ADAPTER = /pingid|mfa|2fa|otp|second.?factor|multi.?factor|push|authenticator|yubikey|fido|webauthn/i;
/** Adapter instance ids that name a password step. */
const PASSWORD_ADAPTER = /htmlform|html.?form|password|ldap|\bpcv\b|kerberos/i;

/**
 * The PingOne MFA adapter's push states (its integration kit's "State models",
 * https://docs.pingidentity.com/integrations/pingone/pingone_mfa_integration_kit/pf-p1-mfa-ik-models-objects-and-error-codes.html),
 * which a description may carry: they decide before the status.
 */
const PUSH_STATES: readonly (readonly [RegExp, Outcome])[] = [
  [/PUSH_CONFIRMATION_REJECTED/, 'denied'],
  [/PUSH_CONFIRMATION_TIMED_OUT/, 'timeout'],
  [/PUSH_CONFIRMATION_WAITING/, 'challenge_sent'],
];

function status(r: PfRecord): string {
  return (r.fields.get('status') ?? '').trim().toLowerCase().replace(/\s+/g, '');
}

function isMfaAttempt(r: PfRecord): boolean {
  return r.event.toUpperCase() === 'AUTHN_ATTEMPT' && MFA_ADAPTER.test(r.fields.get('adapterid') ?? '');
}

function mfaOutcome(s: string, description: string): Outcome {
  for (const [pattern, outcome] of PUSH_STATES) if (pattern.test(description)) return outcome;
  if (s === 'success') return 'approved';
  if (s === 'inprogress') return 'challenge_sent';
  if (s !== 'failure' && s !== 'failed') return 'other';
  if (TIMEOUT_TEXT.test(description)) return 'timeout';
  if (FRAUD_TEXT.test(description)) return 'fraud_reported';
  if (DENY_TEXT.test(description)) return 'denied';
  return 'failed_other';
}

function outcomeOf(r: PfRecord): Outcome {
  const event = r.event.toUpperCase();
  const s = status(r);
  if (event === 'AUTHN_SESSION_CREATED') return 'session_start';
  if (event !== 'AUTHN_ATTEMPT') return 'other';
  if (isMfaAttempt(r)) return mfaOutcome(s, r.fields.get('description') ?? '');
  if (s === 'success') return 'auth_success';
  if (s === 'failure' || s === 'failed') return 'auth_failure';
  return 'other';
}

/** The PingID adapter names its method in the description; a password adapter is the password. */
function factorOf(r: PfRecord): Factor | undefined {
  if (r.event.toUpperCase() !== 'AUTHN_ATTEMPT') return undefined;
  const adapter = r.fields.get('adapterid') ?? '';
  if (isMfaAttempt(r)) {
    const description = r.fields.get('description');
    return /PUSH_CONFIRMATION_/.test(description ?? '') ? 'push' : pingIdFactor(description, undefined);
  }
  return PASSWORD_ADAPTER.test(adapter) ? 'password' : undefined;
}

function toEvent(r: PfRecord): AuthEvent {
  const f = r.fields;
  const event: AuthEvent = { time: r.time, vendor: 'pingone', ...userFields(f.get('subject')), outcome: outcomeOf(r), vendorEvent: r.event };
  const factor = factorOf(r);
  if (factor !== undefined) event.factor = factor;
  const ip = ipAddress(f.get('ip'));
  if (ip !== undefined) event.source = { ip };
  const app = f.get('app') ?? f.get('connectionid');
  if (app !== undefined) event.app = app;
  const session = f.get('trackingid')?.replace(/^tid:/, '');
  if (session !== undefined && session !== '') event.sessionId = session;
  const userAgent = f.get('useragent');
  if (userAgent !== undefined) event.userAgent = userAgent;
  const adapter = f.get('adapterid');
  const reason = joinParts([f.get('status'), adapter === undefined ? undefined : `adapter ${adapter}`, f.get('description')], '; ');
  if (reason !== undefined) event.reason = reason;
  return event;
}

export const pingFederateParser: VendorParser = {
  id: 'pingfederate',
  title: 'PingFederate audit log',
  input: 'text',
  sniff: (sample) => mostRecordsMatch(sample, (r) => looksLikePfLine(r.text)),
  parse(record: SourceRecord, ctx: ParseContext): AuthEvent[] {
    const r = pfRecord(record.text, ctx.time ?? NO_TIME_SETTINGS);
    if (r === undefined) throw new RecordError('not a PingFederate audit line (time| tracking id| event| ..., time event=..., or CEF:0|Ping Identity|PingFederate|...)');
    return [toEvent(r)];
  },
};
