/**
 * Cisco Duo administrator log (docs/log-sources.md §4): Admin API `administrator` log objects `{action,
 * description, isotimestamp, object, timestamp, username}`. MFA meaning: an admin's own push
 * marked fraudulent (`admin_2fa_error` with "fraudulent" [PAN-DUO-ADMIN]), admin logins and
 * lockouts, and changes to a user's factors (bypass codes, phones, tokens, bypass status).
 * There is no txid: vendorUid stays unset and the importer hashes the record.
 */
import type { AuthEvent, Factor, Outcome } from '../../../shared/model/event.js';
import { RecordError, type SourceRecord, type VendorParser } from '../parser.js';
import { at, canonicalUser, ipAddress, joinParts, obj, prune, str, type JsonObject } from './fields.js';
import { duoDescription, duoFactor, duoRecord, duoTime, hasKey } from './duo-common.js';
import { mostRecordsMatch } from './sniff.js';

function looksLikeDuoAdmin(value: unknown): boolean {
  const r = duoRecord(value);
  if (r === undefined || typeof at(r, 'action') !== 'string') return false;
  if (hasKey(r, 'event_type') || hasKey(r, 'eventType') || obj(r, 'access_device') !== undefined) return false;
  return hasKey(r, 'username') && (hasKey(r, 'isotimestamp') || hasKey(r, 'timestamp'));
}

/** Whom an action is about: the administrator who did it, or the user named in `object`. */
type Subject = 'actor' | 'object';

interface ActionRule {
  outcome: Outcome;
  subject: Subject;
  factor?: Factor;
}

/** Action names from the Admin API docs as quoted by [PAN-DUO-ADMIN] and the corpus; others are 'other'. */
const ACTIONS: ReadonlyMap<string, ActionRule> = new Map<string, ActionRule>([
  ['admin_login', { outcome: 'auth_success', subject: 'actor' }],
  ['admin_login_error', { outcome: 'auth_failure', subject: 'actor' }],
  ['admin_lockout', { outcome: 'failed_other', subject: 'actor' }],
  // Upgraded to fraud_reported when the error says "fraudulent" (see outcomeOf).
  ['admin_2fa_error', { outcome: 'failed_other', subject: 'actor' }],
  ['admin_activate_duo_push', { outcome: 'factor_change', subject: 'actor', factor: 'push' }],
  ['bypass_create', { outcome: 'factor_change', subject: 'object', factor: 'bypass' }],
  ['bypass_delete', { outcome: 'factor_change', subject: 'object', factor: 'bypass' }],
]);

/** Creating / removing a user's phone or token (names UNVERIFIED beyond the pattern). */
const FACTOR_OBJECT_ACTION = /^(phone|hardkey|hardtoken|token|u2f|u2ftoken|webauthn\w*|desktoptoken)_(create|delete|update|assign|unassign|associate|disassociate|activate|reactivate|resync)$/;

/** user_update description keys that change how the user authenticates. */
const USER_FACTOR_KEYS = ['phones', 'tokens', 'u2ftokens', 'webauthncredentials'];

function userUpdateChangesFactors(desc: JsonObject | undefined): boolean {
  if (desc === undefined) return false;
  if (USER_FACTOR_KEYS.some((k) => hasKey(desc, k))) return true;
  // Status "Bypass" = MFA bypassed for the user (Panther duo_admin_user_mfa_bypass_enabled).
  return str(desc, 'status')?.toLowerCase() === 'bypass';
}

function ruleOf(action: string, desc: JsonObject | undefined): ActionRule {
  const known = ACTIONS.get(action);
  if (known !== undefined) return known;
  if (FACTOR_OBJECT_ACTION.test(action)) return { outcome: 'factor_change', subject: 'object' };
  if (action === 'user_update') return { outcome: userUpdateChangesFactors(desc) ? 'factor_change' : 'other', subject: 'object' };
  return { outcome: 'other', subject: 'actor' };
}

function errorText(desc: JsonObject | undefined): string | undefined {
  return str(desc, 'error') ?? str(desc, 'message');
}

function outcomeOf(action: string, rule: ActionRule, desc: JsonObject | undefined): Outcome {
  if (action === 'admin_2fa_error' && /fraudulent/i.test(errorText(desc) ?? '')) return 'fraud_reported';
  return rule.outcome;
}

/** A phone number is an `object` but not a user (admin_activate_duo_push, phone_* actions). */
function isPhoneLike(text: string): boolean {
  return /^[+\d][\d\s().-]{5,}$/.test(text.trim());
}

function subjectOf(r: JsonObject, rule: ActionRule, desc: JsonObject | undefined): { user?: string; display?: string; byActor: boolean } {
  const admin = str(r, 'username');
  const object = str(r, 'object');
  if (rule.subject === 'object') {
    const named = object !== undefined && !isPhoneLike(object) ? object : (str(desc, 'username') ?? str(desc, 'user_name'));
    if (named !== undefined) return { user: named, byActor: admin !== undefined && canonicalUser(admin) !== canonicalUser(named) };
  }
  // The admin's own 2FA events carry the admin's e-mail, a better identity than a display name.
  const email = /^admin_(2fa_error|login)/.test(str(r, 'action') ?? '') ? str(desc, 'email') : undefined;
  return email !== undefined ? { user: email, display: admin, byActor: false } : { user: admin, byActor: false };
}

function reasonOf(r: JsonObject, subject: { user?: string; byActor: boolean }, desc: JsonObject | undefined): string | undefined {
  const object = str(r, 'object');
  const status = str(desc, 'status');
  return joinParts(
    [
      errorText(desc),
      status === undefined ? undefined : `status ${status}`,
      object !== undefined && canonicalUser(object) !== canonicalUser(subject.user) ? `object ${object}` : undefined,
      subject.byActor ? `by ${str(r, 'username') ?? 'unknown admin'}` : undefined,
    ],
    '; ',
  );
}

function toEvent(r: JsonObject, time: number): AuthEvent {
  const action = str(r, 'action') ?? '';
  const desc = duoDescription(r);
  const rule = ruleOf(action, desc);
  const subject = subjectOf(r, rule, desc);
  const ip = ipAddress(str(desc, 'ip_address'));
  const event: AuthEvent = {
    time,
    vendor: 'duo',
    user: canonicalUser(subject.user),
    userDisplay: subject.display,
    outcome: outcomeOf(action, rule, desc),
    factor: rule.factor ?? duoFactor(str(desc, 'factor')),
    source: ip === undefined ? undefined : { ip },
    device: str(desc, 'device'),
    vendorEvent: action,
    reason: reasonOf(r, subject, desc),
  };
  return prune(event);
}

export const duoAdminParser: VendorParser = {
  id: 'duo-admin',
  title: 'Cisco Duo administrator log',
  input: 'object',
  sniff(sample: readonly SourceRecord[]): boolean {
    return mostRecordsMatch(sample, (r) => looksLikeDuoAdmin(r.value));
  },
  parse(record: SourceRecord): AuthEvent[] {
    const r = duoRecord(record.value);
    if (r === undefined) throw new RecordError('not a JSON object');
    if (!looksLikeDuoAdmin(r)) throw new RecordError('not a Duo administrator log record (no action / username)');
    const time = duoTime(r);
    if (time === undefined) throw new RecordError('Duo administrator record has no parseable time (isotimestamp / timestamp)');
    return [toEvent(r, time)];
  },
};
