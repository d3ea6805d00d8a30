/**
 * Small helpers shared by the Google Workspace, CloudTrail, PingID/PingOne and syslog
 * normalisers. Vendor-neutral field reading lives in fields.ts; this file holds only what
 * those four modules need on top of it.
 */
import { isIP } from 'node:net';
import type { SourceRecord } from '../parser.js';
import { canonicalUser, stripPort } from './fields.js';

/**
 * Sniff verdict over a sample: every record but at most one must pass `test`, and at least
 * one must. One odd record is tolerated because real exports start with a banner, a
 * truncated line or a stray summary object often enough; two odd records mean the file is
 * probably something else. `test` is guarded so that sniffing never throws.
 */
export function mostRecordsMatch(
  sample: readonly SourceRecord[],
  test: (record: SourceRecord) => boolean,
): boolean {
  if (sample.length === 0) return false;
  let hits = 0;
  for (const record of sample) if (passes(test, record)) hits += 1;
  return hits >= 1 && hits >= sample.length - 1;
}

function passes(test: (record: SourceRecord) => boolean, record: SourceRecord): boolean {
  try {
    return test(record);
  } catch {
    return false;
  }
}

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

/** Join the non-empty parts of a reason; undefined when nothing is left. */
export function joinReason(parts: ReadonlyArray<string | undefined>): string | undefined {
  const kept = parts.filter((p): p is string => p !== undefined && p !== '');
  return kept.length === 0 ? undefined : kept.join('; ');
}
