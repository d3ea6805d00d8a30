/**
 * Conventions shared by the Google Workspace, CloudTrail, PingID/PingOne and syslog
 * normalisers only. Vendor-neutral field reading lives in fields.ts and the sniff verdict in
 * sniff.ts; this file holds what those four modules decide alike on top of them.
 */
import { isIP } from 'node:net';
import { canonicalUser, stripPort } from './fields.js';

/**
 * The address when `text` is an IPv4/IPv6 literal (ports stripped), else undefined. Vendors
 * put service host names (`signin.amazonaws.com`, `AWS Internal`), `N/A` or placeholders
 * where an IP would go; those must not become a source IP.
 */
export function ipLiteral(text: string | undefined): string | undefined {
  const address = stripPort(text);
  if (address === undefined) return undefined;
  return isIP(address) === 0 ? undefined : address;
}

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
