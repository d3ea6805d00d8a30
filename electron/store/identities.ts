/**
 * Identities and persons in the case (migration 12): what the evidence says about each identity,
 * the case's domains, the analyst's link decisions, and the applied grouping into persons.
 * The linking itself is pure (shared/identity); this module reads its input and stores its output.
 */
import type { Database } from 'better-sqlite3';
import { caseDomains, findLinks, type AliasSighting, type IdentityEvidence } from '../../shared/identity/links.js';
import { groupPersons } from '../../shared/identity/persons.js';
import type { IdentityOverview } from '../../shared/api/identities.js';
import type { IdentityInfo, LinkDecision, PersonIdentities } from '../../shared/model/identity.js';

/** How far the sightings have read the events, and the newest event. */
function scanState(db: Database): { through: number; last: number } {
  const through = (db.prepare('SELECT scanned_through FROM identity_scan WHERE id = 1').pluck().get() as number | undefined) ?? 0;
  const last = (db.prepare('SELECT max(id) FROM events').pluck().get() as number | null) ?? 0;
  return { through, last };
}

/** Whether events were imported since the last scan. */
export function hasUnscannedEvents(db: Database): boolean {
  const { through, last } = scanState(db);
  return last > through;
}

/**
 * Sum the events imported since the last scan by identity, vendor and the alias they carry.
 * Events are only ever added, with growing ids, so each event is read once over the case's life.
 * Returns the number of new events read.
 */
export function scanIdentities(db: Database): number {
  const { through, last } = scanState(db);
  if (last <= through) return 0;
  const upsert = db.prepare(
    `INSERT INTO identity_sightings (identity, vendor, kind, alias, events, first_event) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (identity, vendor, kind, alias) DO UPDATE SET events = events + excluded.events, first_event = min(first_event, excluded.first_event)`,
  );
  const rows = db
    .prepare(
      `SELECT user, vendor, user_vendor_id, user_email, count(*) AS n, min(id) AS first FROM events
       WHERE id > ? AND id <= ? AND user <> '' GROUP BY user, vendor, user_vendor_id, user_email`,
    )
    .raw(true)
    .all(through, last) as [string, string, string | null, string | null, number, number][];
  let events = 0;
  for (const [user, vendor, vendorId, email, n, first] of rows) {
    events += n;
    upsert.run(user, vendor, 'user', '', n, first);
    if (vendorId !== null && vendorId !== '' && vendorId !== user) upsert.run(user, vendor, 'vendor-id', vendorId, n, first);
    if (email !== null && email !== '' && email !== user) upsert.run(user, vendor, 'email', email, n, first);
  }
  db.prepare('UPDATE identity_scan SET scanned_through = ? WHERE id = 1').run(last);
  return events;
}

/** What the scanned evidence says: the identities events name, and the aliases records carry. */
export function readIdentityEvidence(db: Database): IdentityEvidence {
  const identities = (
    db.prepare("SELECT identity, group_concat(vendor) AS vendors, sum(events) AS events FROM (SELECT identity, vendor, events FROM identity_sightings WHERE kind = 'user' ORDER BY identity, vendor) GROUP BY identity ORDER BY identity").all() as {
      identity: string;
      vendors: string;
      events: number;
    }[]
  ).map((r): IdentityInfo => ({ identity: r.identity, vendors: r.vendors.split(','), events: r.events }));
  const aliases = db
    .prepare("SELECT identity, alias, kind, vendor, first_event AS firstEvent FROM identity_sightings WHERE kind <> 'user' ORDER BY kind, alias, identity, vendor")
    .all() as AliasSighting[];
  return { identities, aliases };
}

/** The case's domains as the analyst set them (empty: learned from the evidence). */
export function readCaseDomains(db: Database): string[] {
  const json = db.prepare('SELECT domains FROM identity_settings WHERE id = 1').pluck().get() as string | undefined;
  return json === undefined ? [] : (JSON.parse(json) as string[]);
}

export function writeCaseDomains(db: Database, domains: readonly string[]): void {
  db.prepare('INSERT INTO identity_settings (id, domains) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET domains = excluded.domains').run(JSON.stringify(domains));
}

export function readDecisions(db: Database): LinkDecision[] {
  return db.prepare('SELECT a, b, decision FROM identity_decisions ORDER BY a, b').all() as LinkDecision[];
}

/** Record the analyst's decision on a pair (the latest decision on a pair is the one that holds). */
export function writeDecision(db: Database, x: string, y: string, decision: LinkDecision['decision'], analyst: string, at: number): void {
  const [a, b] = x < y ? [x, y] : [y, x];
  db.prepare(
    `INSERT INTO identity_decisions (a, b, decision, analyst, decided_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (a, b) DO UPDATE SET decision = excluded.decision, analyst = excluded.analyst, decided_at = excluded.decided_at`,
  ).run(a, b, decision, analyst, at);
}

/** Links and persons of the whole case, as the contract carries them. */
export type IdentityState = IdentityOverview;

/** Links and persons as the case's evidence, settings and decisions make them now (after `scanIdentities`). */
export function computeIdentityState(db: Database): IdentityState {
  const evidence = readIdentityEvidence(db);
  const settings = { domains: readCaseDomains(db) };
  const links = findLinks(evidence, settings, readDecisions(db));
  return { links, persons: groupPersons(evidence.identities, links), domains: caseDomains(evidence.identities, settings) };
}

/** Identity → person for the persons with several identities: what `person_identities` holds. */
function groupingOf(persons: readonly PersonIdentities[]): Map<string, string> {
  const grouping = new Map<string, string>();
  for (const p of persons) if (p.identities.length > 1) for (const i of p.identities) grouping.set(i.identity, p.person);
  return grouping;
}

function groupingDiffers(db: Database, after: ReadonlyMap<string, string>): boolean {
  const before = linkedIdentities(db);
  return before.size !== after.size || [...after].some(([i, p]) => before.get(i) !== p);
}

/** Whether the stored grouping is not the one these persons make. */
export function personsDiffer(db: Database, persons: readonly PersonIdentities[]): boolean {
  return groupingDiffers(db, groupingOf(persons));
}

/**
 * Store the grouping of the persons with more than one identity (a lone identity is its own person).
 * Returns whether an identity moved between persons.
 */
export function writePersons(db: Database, persons: readonly PersonIdentities[]): boolean {
  const after = groupingOf(persons);
  if (!groupingDiffers(db, after)) return false;
  db.exec('DELETE FROM person_identities');
  const insert = db.prepare('INSERT INTO person_identities (identity, person) VALUES (?, ?)');
  for (const [identity, person] of after) insert.run(identity, person);
  return true;
}

/**
 * Identity → person name, for what detection groups: the identities events name, of persons
 * with more than one such identity. An id no event names changes nothing in a person's events.
 */
export function linkedIdentities(db: Database): Map<string, string> {
  const rows = db
    .prepare(
      `WITH named AS (
         SELECT identity, person FROM person_identities p
         WHERE EXISTS (SELECT 1 FROM identity_sightings s WHERE s.identity = p.identity AND s.kind = 'user')
       )
       SELECT identity, person FROM named WHERE person IN (SELECT person FROM named GROUP BY person HAVING count(*) > 1)`,
    )
    .raw(true)
    .all() as [string, string][];
  return new Map(rows);
}

/** The identities of a person (the name itself when it has no others), in order. */
export function identitiesOf(db: Database, person: string): string[] {
  const ids = db.prepare('SELECT identity FROM person_identities WHERE person = ? ORDER BY identity').pluck().all(person) as string[];
  return ids.length === 0 ? [person] : ids;
}

/** The person an identity belongs to (itself when linked to nothing). */
export function personOf(db: Database, identity: string): string {
  return (db.prepare('SELECT person FROM person_identities WHERE identity = ?').pluck().get(identity) as string | undefined) ?? identity;
}

/** Whose events a user name stands for: the person it belongs to, and every identity of that person. */
export function personScope(db: Database, user: string): { person: string; identities: string[] } {
  const person = personOf(db, user);
  return { person, identities: identitiesOf(db, person) };
}

/** `?, ?, ?` for an IN list of `n` values. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/**
 * The identities of any person, with their vendors and event counts (most events first), for the
 * users list and the report. Reads the grouping and the sightings once: a page of 100,000 users
 * costs two scans of small tables, not two lookups per user.
 */
export function identityLookup(db: Database): (person: string) => IdentityInfo[] {
  const info = new Map<string, { vendors: string[]; events: number }>();
  const rows = db.prepare("SELECT identity, vendor, events FROM identity_sightings WHERE kind = 'user' ORDER BY identity, vendor").raw(true).iterate() as IterableIterator<[string, string, number]>;
  for (const [identity, vendor, events] of rows) {
    const known = info.get(identity);
    if (known === undefined) info.set(identity, { vendors: [vendor], events });
    else {
      known.vendors.push(vendor);
      known.events += events;
    }
  }
  const members = new Map<string, string[]>();
  for (const [identity, person] of db.prepare('SELECT identity, person FROM person_identities').raw(true).iterate() as IterableIterator<[string, string]>) {
    const list = members.get(person);
    if (list === undefined) members.set(person, [identity]);
    else list.push(identity);
  }
  return (person) =>
    (members.get(person) ?? [person])
      .map((identity): IdentityInfo => ({ identity, vendors: info.get(identity)?.vendors ?? [], events: info.get(identity)?.events ?? 0 }))
      .sort((x, y) => y.events - x.events || (x.identity < y.identity ? -1 : x.identity > y.identity ? 1 : 0));
}
