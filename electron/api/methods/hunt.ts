/** Hunting beyond the case: the detections as Sigma, SPL, KQL, ES|QL and SQL for the client's own engines. */
import { join } from 'node:path';
import type { HuntRequest } from '../../../shared/api/hunt.js';
import { bad, record } from '../../../shared/api/validation.js';
import { HUNT_TARGETS, huntPack, type HuntTarget } from '../../../shared/hunt/pack.js';
import { SQL_DIALECTS, type SqlDialect } from '../../../shared/hunt/sql.js';
import { writeHuntPack } from '../../hunt/write-hunt-pack.js';
import { caseFolder } from '../../store/case-store.js';
import { readDetectionConfig } from '../../store/detection-store.js';
import { domain } from '../method.js';
import { announce } from '../session-jobs.js';

function choices<T extends string>(method: string, o: Record<string, unknown>, key: string, all: readonly T[]): T[] {
  const v = o[key];
  if (!Array.isArray(v) || v.length === 0 || !v.every((x): x is T => typeof x === 'string' && (all as readonly string[]).includes(x))) {
    bad(method, `"${key}" must be a non-empty list of ${all.join(', ')}`);
  }
  return [...new Set(v)];
}

function huntRequest(method: string, raw: unknown): HuntRequest {
  const o = record(method, raw);
  return { targets: choices<HuntTarget>(method, o, 'targets', HUNT_TARGETS), dialects: choices<SqlDialect>(method, o, 'dialects', SQL_DIALECTS) };
}

/** Sigma rules carry the day they were written. */
const today = (): string => new Date().toISOString().slice(0, 10);

export const huntMethods = domain({
  'hunt/preview': {
    validate: (raw) => huntRequest('hunt/preview', raw),
    handle: async (request, session) => ({ files: huntPack(readDetectionConfig(session.requireCase().db), { ...request, date: today() }) }),
  },

  'hunt/save': {
    validate: (raw) => huntRequest('hunt/save', raw),
    handle: async (request, session) => {
      const store = session.requireCase();
      const out = join(caseFolder(store.path, 'hunts'), new Date().toISOString().replace(/[:.]/g, '-'));
      const saved = writeHuntPack(store, { ...request, date: today() }, out, session.actor);
      announce(session);
      return saved;
    },
  },
});
