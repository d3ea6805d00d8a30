/** Words for the model's codes and places, shared by the app and the report. */
import type { Factor, Network, Outcome } from '../model/event.js';
import { OUTCOME_STYLE } from './palette.js';

export const FACTOR_LABEL: Readonly<Record<Factor, string>> = {
  push: 'Push',
  sms: 'SMS',
  voice: 'Voice call',
  totp: 'TOTP code',
  webauthn: 'WebAuthn / FIDO2',
  passcode: 'Passcode',
  hardware_token: 'Hardware token',
  bypass: 'Bypass code',
  email: 'E-mail',
  password: 'Password',
  remembered: 'Remembered device',
  unknown: 'Unknown factor',
};

export const OUTCOME_LABEL: Readonly<Record<Outcome, string>> = Object.fromEntries(
  Object.entries(OUTCOME_STYLE).map(([o, s]) => [o, s.label]),
) as Record<Outcome, string>;

/** "Amsterdam, NL", or whatever part of the place is known. */
export function placeOf(net: Network | undefined): string | undefined {
  const geo = net?.geo;
  if (geo === undefined) return undefined;
  const parts = [geo.city, geo.country].filter((p): p is string => p !== undefined && p !== '');
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** "AS64496 Example Hosting B.V." */
export function networkOf(net: Network | undefined): string | undefined {
  if (net === undefined) return undefined;
  if (net.asn !== undefined) return net.asOrg !== undefined ? `AS${net.asn} ${net.asOrg}` : `AS${net.asn}`;
  return net.asOrg;
}
