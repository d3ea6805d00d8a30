/**
 * Finding the links between identities, each with its reason. Pure: the store hands in what the
 * evidence says (the identities events name, the aliases records carry beside them), the case's
 * domains and the analyst's decisions; the same input always gives the same links in the same order.
 *
 * What is applied at once is only what cannot name two people: an id or e-mail a record carries
 * beside its user, the same name in another case, and a spelling whose domain is the only one it
 * can be. Anything with more than one candidate is proposed and waits for the analyst.
 */
import type { AliasKind, IdentityInfo, IdentityLink, LinkBasis, LinkDecision, LinkStatus } from '../model/identity.js';

/** A record's alias beside its user: the first event that carried it, for the reason's words. */
export interface AliasSighting {
  identity: string;
  alias: string;
  kind: AliasKind;
  vendor: string;
  firstEvent: number;
}

export interface IdentityEvidence {
  /** The identities events name as their user ('' excluded). */
  identities: readonly IdentityInfo[];
  aliases: readonly AliasSighting[];
}

export interface LinkSettings {
  /** Domains the analyst set for the case (`--domain`); when empty, the domains of the evidence are used. */
  domains: readonly string[];
}

/** An identity's spelling: `name@domain`, `DOMAIN\name` (NetBIOS domain) or a bare name. */
type Spelling = { kind: 'upn'; name: string; domain: string } | { kind: 'netbios'; name: string; netbios: string } | { kind: 'bare'; name: string };

export function spellingOf(identity: string): Spelling {
  const at = identity.lastIndexOf('@');
  if (at > 0 && at < identity.length - 1) return { kind: 'upn', name: identity.slice(0, at).toLowerCase(), domain: identity.slice(at + 1).toLowerCase() };
  const slash = identity.indexOf('\\');
  if (slash > 0 && slash < identity.length - 1) return { kind: 'netbios', name: identity.slice(slash + 1).toLowerCase(), netbios: identity.slice(0, slash).toLowerCase() };
  return { kind: 'bare', name: identity.toLowerCase() };
}

/** The domain of a `name@domain` identity, lower-case; '' for other spellings. */
function domainOf(identity: string): string {
  const s = spellingOf(identity);
  return s.kind === 'upn' ? s.domain : '';
}

/** How many identities these are once spellings that differ only in case count as one. */
const distinct = (identities: readonly string[]): number => new Set(identities.map((i) => i.toLowerCase())).size;

/** The NetBIOS name a domain's first label usually is (CONTOSO for contoso.example). */
const firstLabel = (domain: string): string => domain.split('.')[0] ?? domain;

/** Ids that are not names: a bare GUID or vendor id must not be matched to `id@domain`. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const VENDOR_TITLES: Readonly<Record<string, string>> = { okta: 'Okta', entra: 'Entra ID', m365: 'Microsoft 365', duo: 'Duo', google: 'Google Workspace', cloudtrail: 'CloudTrail', pingone: 'PingOne', syslog: 'syslog' };
const vendorTitle = (v: string): string => VENDOR_TITLES[v] ?? v;

/** Collects candidate links; the first reason found for a pair is kept, an automatic one over a proposal. */
class Candidates {
  readonly links = new Map<string, IdentityLink>();

  add(x: string, y: string, basis: LinkBasis, reason: string, status: 'auto' | 'proposed'): void {
    if (x === y) return;
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = pairKey(a, b);
    const had = this.links.get(key);
    if (had === undefined || (had.status === 'proposed' && status === 'auto')) this.links.set(key, { a, b, basis, reason, status });
  }
}

export const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

function byValue<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list === undefined) m.set(k, [it]);
    else list.push(it);
  }
  return m;
}

/** Ids and e-mails a record carries beside its user. An e-mail carried for several user names is proposed only. */
function recordLinks(c: Candidates, aliases: readonly AliasSighting[]): void {
  for (const group of byValue(aliases, (s) => `${s.kind}\u0000${s.alias}`).values()) {
    const names = new Set(group.map((s) => s.identity));
    // A vendor's user id is one account: several names for it are one account renamed.
    const shared = group[0]?.kind === 'email' && names.size > 1;
    for (const s of group) {
      const what = s.kind === 'email' ? `e-mail ${s.alias}` : `${vendorTitle(s.vendor)} user id ${s.alias}`;
      const basis: LinkBasis = s.kind === 'email' ? 'record-email' : 'record-vendor-id';
      const also = shared ? `; the same e-mail is carried for ${[...names].filter((n) => n !== s.identity).sort().join(', ')}` : '';
      c.add(s.identity, s.alias, basis, `${vendorTitle(s.vendor)} event ${s.firstEvent} carries ${what} for ${s.identity}${also}`, shared ? 'proposed' : 'auto');
    }
  }
}

/** The case's domains: those set by the analyst, or else every domain the evidence's `name@domain` identities use. */
export function caseDomains(identities: readonly IdentityInfo[], settings: LinkSettings): { domains: string[]; configured: boolean } {
  if (settings.domains.length > 0) return { domains: [...new Set(settings.domains.map((d) => d.toLowerCase()))].sort(), configured: true };
  const learned = new Set<string>();
  for (const i of identities) {
    const domain = domainOf(i.identity);
    if (domain !== '') learned.add(domain);
  }
  return { domains: [...learned].sort(), configured: false };
}

/** Case and domain spellings, and bare names, against the `name@domain` identities. */
function spellingLinks(c: Candidates, identities: readonly IdentityInfo[], settings: LinkSettings): void {
  const names = identities.map((i) => i.identity);
  for (const group of byValue(names, (n) => n.toLowerCase()).values()) {
    const [first, ...rest] = [...group].sort();
    for (const other of rest) if (first !== undefined) c.add(first, other, 'spelling-case', `${first} and ${other} differ only in case`, 'auto');
  }
  const upnsByName = byValue(
    names.filter((n) => domainOf(n) !== ''),
    (n) => spellingOf(n).name,
  );
  const { domains, configured } = caseDomains(identities, settings);
  const inCase = new Set(domains);
  const where = configured ? `the case's domain${domains.length === 1 ? '' : 's'} ${domains.join(', ')} (set by the analyst)` : `the only domain in the evidence, ${domains.join(', ')}`;
  for (const n of names) {
    const s = spellingOf(n);
    if (s.kind === 'upn' || GUID.test(n)) continue;
    const upns = upnsByName.get(s.name) ?? [];
    if (s.kind === 'netbios') {
      const matching = upns.filter((u) => firstLabel(domainOf(u)) === s.netbios);
      const one = distinct(matching) === 1;
      for (const u of matching) {
        c.add(n, u, 'spelling-domain', one ? `${n} is ${u}: ${s.netbios.toUpperCase()} is the first label of its domain` : `${n} may be ${u}: ${distinct(matching)} domains begin with ${s.netbios.toUpperCase()}`, one ? 'auto' : 'proposed');
      }
      continue;
    }
    const inDomain = upns.filter((u) => inCase.has(domainOf(u)));
    // With learned domains a bare name is certain only when the evidence knows one domain.
    const certain = distinct(inDomain) === 1 && (configured || domains.length === 1);
    for (const u of upns) {
      if (certain && inDomain.includes(u)) {
        c.add(n, u, 'bare-name', `bare name ${n} is ${u}: ${where}`, 'auto');
        continue;
      }
      const why = inDomain.includes(u)
        ? distinct(inDomain) > 1
          ? `${distinct(inDomain)} identities of the case's domains are named ${s.name}`
          : `the evidence knows ${domains.length} domains (${domains.join(', ')}); set the case's domain to decide`
        : `${domainOf(u)} is not one of the case's domains`;
      c.add(n, u, 'bare-name', `bare name ${n} may be ${u}: ${why}`, 'proposed');
    }
  }
}

/**
 * Every link between identities: found ones with their status, the analyst's decisions applied
 * (a rejected link stays listed as rejected; an added one is `manual`), sorted by (a, b).
 */
export function findLinks(evidence: IdentityEvidence, settings: LinkSettings, decisions: readonly LinkDecision[]): IdentityLink[] {
  const c = new Candidates();
  recordLinks(c, evidence.aliases);
  spellingLinks(c, evidence.identities, settings);
  for (const d of decisions) {
    const key = pairKey(d.a, d.b);
    const found = c.links.get(key);
    const [a, b] = d.a < d.b ? [d.a, d.b] : [d.b, d.a];
    let status: LinkStatus;
    if (d.decision === 'reject') status = 'rejected';
    else status = found === undefined ? 'manual' : found.status === 'proposed' ? 'accepted' : found.status;
    c.links.set(key, found === undefined ? { a, b, basis: 'analyst', reason: d.decision === 'link' ? 'linked by the analyst' : 'kept apart by the analyst', status } : { ...found, status });
  }
  return [...c.links.values()].sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
}
