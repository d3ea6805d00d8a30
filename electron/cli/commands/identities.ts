/**
 * `pushtrail identities <case>`: persons and their identities, the links found with their
 * reasons, and the proposals waiting for the analyst. `--accept A B`, `--reject A B`,
 * `--link A B` and `--unlink A B` change one pair, `--domain D` (repeatable) sets the case's
 * domains (`--learn-domains` returns to the evidence's); each change is recorded in the custody
 * log and detection runs again, so findings follow the persons (`--no-detect` skips that).
 */
import { resolve } from 'node:path';
import { PushTrailError } from '../../../shared/api/errors.js';
import { LINK_ACTIONS, type LinkAction } from '../../../shared/api/identities.js';
import { isApplied, type IdentityInfo, type IdentityLink } from '../../../shared/model/identity.js';
import { CaseStore } from '../../store/case-store.js';
import type { IdentityState } from '../../store/identities.js';
import { changeLink, refreshPersons, setCaseDomains } from '../../store/person-links.js';
import { parse } from '../args.js';
import { runJobWithProgress } from '../job-progress.js';
import { printJson, printLines } from '../output.js';

export const IDENTITIES_USAGE =
  'pushtrail identities <case> [--accept A B | --reject A B | --link A B | --unlink A B] [--domain D]... [--learn-domains] [--no-detect] [--json]';

function describeIdentity(i: IdentityInfo): string {
  return `${i.identity}  ${i.vendors.length === 0 ? '(carried beside another name; no event names it)' : `${i.vendors.join(', ')}, ${i.events} events`}`;
}

function describeLink(l: IdentityLink): string {
  return `${l.a}  ↔  ${l.b}  [${l.basis}] ${l.reason}`;
}

function printState(state: IdentityState): void {
  const out: string[] = [];
  const { domains, configured } = state.domains;
  out.push(`Domains: ${domains.length === 0 ? 'none' : domains.join(', ')} (${configured ? 'set by the analyst' : 'learned from the evidence'})`);
  // A person whose only other identity is an id its own records carry (every Okta or Entra user) is not news.
  const linked = state.persons.filter((p) => p.identities.filter((i) => i.events > 0).length > 1);
  const idsOnly = state.persons.filter((p) => p.identities.length > 1).length - linked.length;
  out.push('', `Persons: ${state.persons.length}; named by several identities in the events: ${linked.length}; linked only to vendor ids or e-mails: ${idsOnly} (see --json)`);
  const applied = state.links.filter((l) => isApplied(l.status));
  for (const p of linked) {
    out.push(`  ${p.person}`);
    for (const i of p.identities) out.push(`    ${describeIdentity(i)}`);
    const ids = new Set(p.identities.map((i) => i.identity));
    for (const l of applied) if (ids.has(l.a)) out.push(`    link (${l.status}): ${describeLink(l)}`);
  }
  const section = (title: string, links: readonly IdentityLink[]): void => {
    if (links.length === 0) return;
    out.push('', `${title}: ${links.length}`);
    for (const l of links) out.push(`  ${describeLink(l)}`);
  };
  section('Proposed, not applied (--accept A B or --reject A B)', state.links.filter((l) => l.status === 'proposed'));
  section('Rejected', state.links.filter((l) => l.status === 'rejected'));
  printLines(out);
}

/** The one pair change the command line asks for, if any: the flag's value and the next positional. */
function pairChange(values: Record<string, unknown>, rest: string[]): { action: LinkAction; a: string; b: string } | null {
  const asked = LINK_ACTIONS.filter((a) => typeof values[a] === 'string');
  if (asked.length === 0) {
    if (rest.length > 0) throw new PushTrailError('bad_input', `usage: ${IDENTITIES_USAGE}`);
    return null;
  }
  const [action] = asked;
  const [b] = rest;
  if (asked.length > 1 || action === undefined || b === undefined || rest.length > 1) throw new PushTrailError('bad_input', `one change at a time: --${asked[0] ?? 'link'} A B; usage: ${IDENTITIES_USAGE}`);
  return { action, a: String(values[action]), b };
}

export async function runIdentities(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean' },
    accept: { type: 'string' },
    reject: { type: 'string' },
    link: { type: 'string' },
    unlink: { type: 'string' },
    domain: { type: 'string', multiple: true },
    'learn-domains': { type: 'boolean' },
    'no-detect': { type: 'boolean' },
    analyst: { type: 'string' },
  });
  const [casePath, ...rest] = positionals;
  if (casePath === undefined) throw new PushTrailError('bad_input', `usage: ${IDENTITIES_USAGE}`);
  const change = pairChange(values, rest);
  const domains = Array.isArray(values['domain']) ? values['domain'] : [];
  const learn = values['learn-domains'] === true;
  if (learn && domains.length > 0) throw new PushTrailError('bad_input', '--domain and --learn-domains exclude each other');
  const path = resolve(casePath);
  const actor = typeof values['analyst'] === 'string' ? values['analyst'] : 'cli';
  const store = CaseStore.open(path, actor);
  let state: IdentityState;
  try {
    state = refreshPersons(store, actor);
    if (domains.length > 0 || learn) state = setCaseDomains(store, actor, domains);
    if (change !== null) state = changeLink(store, actor, change.action, change.a, change.b);
  } finally {
    store.close();
  }
  const changed = change !== null || domains.length > 0 || learn;
  if (changed && values['no-detect'] !== true) {
    const outcome = await runJobWithProgress('detect', { casePath: path, actor });
    if (!outcome.ok) throw new PushTrailError(outcome.error.kind, outcome.error.message, outcome.error.detail);
  }
  if (values['json'] === true) printJson(state);
  else printState(state);
}
