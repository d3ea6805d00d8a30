/** Case files: create, open, close, their settings, evidence list, custody log and integrity check. */
import { resolve } from 'node:path';
import { bad, defined, nothing, optionalCount, optionalRecord, record, text, timeZone } from '../../../shared/api/validation.js';
import { CaseStore } from '../../store/case-store.js';
import { domain } from '../method.js';
import { announce, startSessionJob } from '../session-jobs.js';

export const caseMethods = domain({
  'case/create': {
    validate: (raw) => {
      const o = record('case/create', raw);
      return defined({
        path: text('case/create', o, 'path'),
        name: text('case/create', o, 'name', 200),
        analyst: text('case/create', o, 'analyst', 200),
        displayTimeZone: timeZone('case/create', o, 'displayTimeZone'),
      });
    },
    handle: async ({ path, name, analyst, displayTimeZone }, session) => {
      const store = CaseStore.create(resolve(path), { name, analyst, ...(displayTimeZone ? { displayTimeZone } : {}) }, session.actor);
      session.replaceCase(store);
      const info = store.info();
      session.emit('case/changed', info);
      return info;
    },
  },

  'case/open': {
    validate: (raw) => ({ path: text('case/open', record('case/open', raw), 'path') }),
    handle: async ({ path }, session) => {
      const store = CaseStore.open(resolve(path), session.actor);
      session.replaceCase(store);
      const info = store.info();
      session.emit('case/changed', info);
      return info;
    },
  },

  'case/info': {
    validate: (raw) => nothing('case/info', raw),
    handle: async (_arg, session) => session.requireCase().info(),
  },

  'case/close': {
    validate: (raw) => nothing('case/close', raw),
    handle: async (_arg, session) => {
      session.replaceCase(null);
      return null;
    },
  },

  'case/setTimeZone': {
    validate: (raw) => {
      const zone = timeZone('case/setTimeZone', record('case/setTimeZone', raw), 'displayTimeZone');
      if (zone === undefined) bad('case/setTimeZone', '"displayTimeZone" is required');
      return { displayTimeZone: zone };
    },
    handle: async ({ displayTimeZone }, session) => {
      const meta = session.requireCase().setDisplayTimeZone(displayTimeZone, session.actor);
      announce(session);
      return meta;
    },
  },

  'case/custody': {
    validate: (raw) => {
      const o = optionalRecord('case/custody', raw);
      return defined({ afterSeq: optionalCount('case/custody', o, 'afterSeq'), limit: optionalCount('case/custody', o, 'limit') });
    },
    handle: async ({ afterSeq, limit }, session) => session.requireCase().custody(afterSeq ?? 0, Math.min(limit ?? 1000, 10000)),
  },

  'case/evidence': {
    validate: (raw) => nothing('case/evidence', raw),
    handle: async (_arg, session) => session.requireCase().evidence(),
  },

  'case/verify': {
    validate: (raw) => nothing('case/verify', raw),
    handle: async (_arg, session) => startSessionJob(session, 'case/verify', { path: session.requireCase().path }),
  },
});
