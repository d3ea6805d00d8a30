/**
 * Persons and their identities: the links found with their reasons, and the analyst's accept /
 * reject / link / unlink and the case's domains. Changes are custody-logged by the store; the
 * screen runs detection after one, so findings and the users list follow the persons.
 */
import { LINK_ACTIONS } from '../../../shared/api/identities.js';
import type { IdentityOverview } from '../../../shared/api/identities.js';
import { bad, defined, optionalChoice, optionalRecord, optionalText, record, text, textList } from '../../../shared/api/validation.js';
import { computeIdentityState, personScope } from '../../store/identities.js';
import { changeLink, setCaseDomains } from '../../store/person-links.js';
import { domain } from '../method.js';
import { announce } from '../session-jobs.js';

/** Identity names come from the logs: any text, case kept (Duo user keys, DOMAIN\User). */
const IDENTITY_MAX = 1000;
const MAX_DOMAINS = 100;

/** The overview narrowed to one user's person and the links touching its identities (proposals included). */
function aboutPerson(all: IdentityOverview, identities: readonly string[]): IdentityOverview {
  const mine = new Set(identities);
  const persons = all.persons.filter((p) => p.identities.some((i) => mine.has(i.identity)));
  for (const p of persons) for (const i of p.identities) mine.add(i.identity);
  return { ...all, persons, links: all.links.filter((l) => mine.has(l.a) || mine.has(l.b)) };
}

export const identityMethods = domain({
  'identities/list': {
    validate: (raw) => defined({ user: optionalText('identities/list', optionalRecord('identities/list', raw), 'user') }),
    handle: async ({ user }, session) => {
      const db = session.requireCase().db;
      const all = computeIdentityState(db);
      return user === undefined ? all : aboutPerson(all, personScope(db, user).identities);
    },
  },

  'identities/change': {
    validate: (raw) => {
      const method = 'identities/change';
      const o = record(method, raw);
      const action = optionalChoice(method, o, 'action', LINK_ACTIONS);
      if (action === undefined) bad(method, `"action" is required: one of ${LINK_ACTIONS.join(', ')}`);
      return { action, a: text(method, o, 'a', IDENTITY_MAX), b: text(method, o, 'b', IDENTITY_MAX) };
    },
    handle: async ({ action, a, b }, session) => {
      const store = session.requireCase();
      const state = changeLink(store, session.actor, action, a, b);
      announce(session);
      return state;
    },
  },

  'identities/domains': {
    validate: (raw) => {
      const method = 'identities/domains';
      const list = record(method, raw)['domains'];
      if (!Array.isArray(list) || list.length > MAX_DOMAINS) bad(method, `"domains" must be a list of at most ${MAX_DOMAINS} domain names`);
      return { domains: textList(method, list, 'domains', 253) };
    },
    handle: async ({ domains }, session) => {
      const store = session.requireCase();
      const state = setCaseDomains(store, session.actor, domains);
      announce(session);
      return state;
    },
  },
});
