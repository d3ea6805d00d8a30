/**
 * What an Okta event means for MFA (docs/log-sources.md §0, §1, [OKCAT]): its factor and its
 * canonical outcome.
 */
import type { Factor, Outcome } from '../../../shared/model/event.js';
import { text } from './okta-fields.js';
import type { Okta } from './okta-record.js';

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
export const REPORT_SUSPICIOUS = 'user.account.report_suspicious_activity_by_enduser';

/** Event families where an admin (or Okta itself) acts on another user, named in target[] [PAN-OKTA]. */
export const ACTS_ON_TARGET_PREFIXES = [
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

const SUCCESS = new Set(['SUCCESS', 'ALLOW']);
const FAILURE = new Set(['FAILURE', 'DENY']);

export function factorOf(o: Okta): Factor | undefined {
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
export function isPushAnswer(eventType: string, factor: Factor | undefined): boolean {
  return factor === 'push' && (MFA_VERIFY.has(eventType) || DENY_PUSH.has(eventType));
}


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

export function outcomeOf(o: Okta, factor: Factor | undefined): Outcome {
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
