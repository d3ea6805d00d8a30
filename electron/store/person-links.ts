/**
 * Changing who is one person: the links found after an import, the analyst's accept / reject /
 * link / unlink, and the case's domains. Each change that moves an identity between persons is
 * one transaction with its custody entry; detection must then run again (the callers start it).
 */
import { PushTrailError } from '../../shared/api/errors.js';
import type { LinkAction } from '../../shared/api/identities.js';
import { pairKey } from '../../shared/identity/links.js';
import { isApplied, type IdentityLink, type LinkStatus } from '../../shared/model/identity.js';
import type { CaseStore } from './case-store.js';
import { appendCustody } from './custody.js';
import {
  computeIdentityState,
  hasUnscannedEvents,
  personsDiffer,
  readIdentityEvidence,
  scanIdentities,
  writeCaseDomains,
  writeDecision,
  writePersons,
  type IdentityState,
} from './identities.js';


function counts(state: IdentityState): Record<string, unknown> {
  const byStatus: Partial<Record<LinkStatus, number>> = {};
  for (const l of state.links) byStatus[l.status] = (byStatus[l.status] ?? 0) + 1;
  return { persons: state.persons.length, linkedPersons: state.persons.filter((p) => p.identities.length > 1).length, links: byStatus };
}

/**
 * Read the events imported since the last time and apply the links they make. The sightings
 * and the grouping are case content, so whatever this writes is one transaction with its custody
 * entry (the links are derived from the evidence and the case's settings, so the counts and the
 * rule that made them are recorded, not each pair). Nothing new to read and no change: no entry.
 */
export function refreshPersons(store: CaseStore, actor: string): IdentityState {
  const db = store.db;
  if (!hasUnscannedEvents(db)) {
    const state = computeIdentityState(db);
    if (!personsDiffer(db, state.persons)) return state;
  }
  return db.transaction(() => {
    store.refuseOutsideChanges();
    const scannedEvents = scanIdentities(db);
    const state = computeIdentityState(db);
    const personsChanged = writePersons(db, state.persons);
    appendCustody(db, actor, 'identities/auto-link', { scannedEvents, personsChanged, domains: state.domains, ...counts(state) });
    return state;
  })();
}

function findPair(state: IdentityState, a: string, b: string): IdentityLink | undefined {
  const key = pairKey(a, b);
  return state.links.find((l) => pairKey(l.a, l.b) === key);
}

/** Why `action` cannot be applied to the pair, or undefined when it can. */
function refusal(action: LinkAction, a: string, b: string, link: IdentityLink | undefined, known: ReadonlySet<string>): string | undefined {
  if (a === b) return 'an identity cannot be linked to itself';
  switch (action) {
    case 'accept':
      return link === undefined || link.status === 'manual' ? `no link between ${a} and ${b} was found to accept; use link to add one` : isApplied(link.status) ? `${a} and ${b} are linked already` : undefined;
    case 'reject':
      return link === undefined ? `no link between ${a} and ${b} was found to reject` : link.status === 'rejected' ? `the link between ${a} and ${b} is rejected already` : undefined;
    case 'link':
      for (const id of [a, b]) if (!known.has(id)) return `${id} is not an identity of this case`;
      return link !== undefined && isApplied(link.status) ? `${a} and ${b} are linked already` : undefined;
    case 'unlink':
      return link === undefined || !isApplied(link.status) ? `${a} and ${b} are not linked directly` : undefined;
  }
}

/** The analyst's change to one pair, recorded with the link's reason and the persons it leaves. */
export function changeLink(store: CaseStore, actor: string, action: LinkAction, a: string, b: string): IdentityState {
  const db = store.db;
  const before = refreshPersons(store, actor);
  const link = findPair(before, a, b);
  const evidence = readIdentityEvidence(db);
  const known = new Set([...evidence.identities.map((i) => i.identity), ...evidence.aliases.map((s) => s.alias)]);
  const why = refusal(action, a, b, link, known);
  if (why !== undefined) throw new PushTrailError('bad_input', why, { a, b, action });
  const detail = { a, b, ...(link === undefined ? {} : { basis: link.basis, reason: link.reason, was: link.status }) };
  return store.change(actor, `identities/${action}`, detail, () => {
    writeDecision(db, a, b, action === 'accept' || action === 'link' ? 'link' : 'reject', actor, Date.now());
    const after = computeIdentityState(db);
    writePersons(db, after.persons);
    return after;
  });
}

/** Set the case's domains (empty: learn them from the evidence); bare names are linked again. */
export function setCaseDomains(store: CaseStore, actor: string, domains: readonly string[]): IdentityState {
  const clean = [...new Set(domains.map((d) => d.trim().toLowerCase()))].sort();
  for (const d of clean) if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d)) throw new PushTrailError('bad_input', `not a domain name: ${JSON.stringify(d)}`, { domain: d });
  const db = store.db;
  refreshPersons(store, actor);
  return store.change(actor, 'identities/domains', { domains: clean }, () => {
    writeCaseDomains(db, clean);
    const state = computeIdentityState(db);
    writePersons(db, state.persons);
    return state;
  });
}
