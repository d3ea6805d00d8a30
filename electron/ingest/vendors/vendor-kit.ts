/**
 * Conventions shared by the Google Workspace, CloudTrail, PingID/PingOne and syslog
 * normalisers only. Vendor-neutral field reading lives in fields.ts and the sniff verdict in
 * sniff.ts; this file holds what those four modules decide alike on top of them.
 */
import { canonicalUser } from './fields.js';

/**
 * `user` and `userDisplay` from a raw identity: the canonical form, and the vendor's own
 * spelling when it differs (so "JohnDoe" stays visible). The raw text is never cleaned of
 * markup or control characters: hostile names are evidence.
 */
export function userFields(raw: string | undefined): { user: string; userDisplay?: string } {
  const user = canonicalUser(raw);
  if (raw === undefined || raw === user) return { user };
  return { user, userDisplay: raw };
}
