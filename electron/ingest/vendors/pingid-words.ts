/**
 * PingID's result wording (docs/log-sources.md §7), read alike wherever PingID's words appear:
 * PingOne / PingID activity messages and the PingID adapter's entries in PingFederate's audit log.
 */
import type { Factor } from '../../../shared/model/event.js';

/**
 * Method words in PingID result messages -> factor. Only "Swipe" and "Banner" (tap on the
 * notification banner) appear in the sample; the rest are the other PingID methods' names,
 * matched defensively. Quoted device names are removed first so a phone called "SMS" does
 * not decide the factor.
 */
const MESSAGE_FACTORS: ReadonlyArray<readonly [RegExp, Factor]> = [
  [/\b(swipe|banner|push|biometric|fingerprint|face ?id)\b/i, 'push'],
  [/\bsms\b/i, 'sms'],
  [/\b(voice|call)\b/i, 'voice'],
  [/\bemail\b/i, 'email'],
  [/\byubikey\b/i, 'hardware_token'],
  [/\b(security key|fido|webauthn)\b/i, 'webauthn'],
  [/\b(otp|passcode|authenticator)\b/i, 'totp'],
  [/\bbypass\b/i, 'bypass'],
];

function unquoted(message: string): string {
  return message.replace(/"[^"]*"/g, ' ');
}

/**
 * Factor of a PingID result. With no method word, a record naming the phone model
 * (`devicemodel`) concerns the PingID mobile app, whose prompts are pushes — that is how the
 * sample's "Auth. Timed Out, Unresponsive User" records are known to be push time-outs.
 */
export function pingIdFactor(message: string | undefined, deviceModel: string | undefined): Factor | undefined {
  const text = unquoted(message ?? '');
  for (const [pattern, factor] of MESSAGE_FACTORS) if (pattern.test(text)) return factor;
  return deviceModel === undefined ? undefined : 'push';
}

/** A push or call nobody answered: "Auth. Timed Out, Unresponsive User". */
export const TIMEOUT_TEXT = /timed out|time-?out|unresponsive/i;
/** The user refused (UNVERIFIED: absent from the sample). */
export const DENY_TEXT = /\b(denied|deny|rejected|declined)\b/i;
/** The user reported fraud (UNVERIFIED: absent from the sample). */
export const FRAUD_TEXT = /fraud/i;
