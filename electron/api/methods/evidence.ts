/** Evidence: importing files into the case, and reading back what was imported or rejected. */
import { resolve } from 'node:path';
import { bad, defined, id, optionalChoice, optionalCount, optionalRecord, optionalText, record, textList, timeZone } from '../../../shared/api/validation.js';
import { DATE_ORDERS, IMPORT_FORMATS, isImportFormat, type ExpansionLimits, type ImportOptions } from '../../../shared/api/jobs.js';
import type { RunningJob } from '../../jobs/runner.js';
import { createLogger } from '../../log/logger.js';
import { domain } from '../method.js';
import { announce, sessionJob } from '../session-jobs.js';
import { catchUpIndex } from './search.js';

const log = createLogger('import');

/** Most paths one import may name; a folder counts as one however many files it holds. */
const MAX_IMPORT_PATHS = 10_000;

/** The import's options, also checked here when they come from the command line. */
export function importOptions(method: string, raw: unknown): ImportOptions {
  const o = record(method, raw);
  const paths = o['paths'];
  if (!Array.isArray(paths) || paths.length === 0) bad(method, '"paths" must be a non-empty array of paths');
  if (paths.length > MAX_IMPORT_PATHS) bad(method, `"paths" may name at most ${MAX_IMPORT_PATHS} paths`);
  const format = o['format'];
  if (format !== undefined && !isImportFormat(format)) bad(method, `"format" must be one of ${IMPORT_FORMATS.join(', ')}`);
  const year = o['year'];
  if (year !== undefined && (typeof year !== 'number' || !Number.isInteger(year) || year < 1970 || year > 2100)) {
    bad(method, '"year" must be a whole number from 1970 to 2100');
  }
  return defined({
    paths: textList(method, paths, 'paths'),
    format,
    year,
    timeZone: timeZone(method, o, 'timeZone'),
    dateOrder: optionalChoice(method, o, 'dateOrder', DATE_ORDERS),
    mmdb: optionalText(method, o, 'mmdb'),
    expansion: expansionLimits(method, o['expansion']),
  });
}

const EXPANSION_RANGES: Readonly<Record<keyof ExpansionLimits, readonly [number, number]>> = {
  maxExpandedBytes: [1024 * 1024, 2 ** 53 - 1],
  maxRatio: [10, 1_000_000],
  maxNesting: [1, 32],
};

/** Limits on archive expansion the caller sets, each a whole number in a sane range. */
function expansionLimits(method: string, raw: unknown): Partial<ExpansionLimits> | undefined {
  if (raw === undefined) return undefined;
  const o = record(method, raw);
  const out: Partial<ExpansionLimits> = {};
  for (const [key, value] of Object.entries(o)) {
    const range = (EXPANSION_RANGES as Record<string, readonly [number, number]>)[key];
    if (range === undefined) bad(method, `"expansion" has no limit "${key}"`);
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < range[0] || value > range[1]) {
      bad(method, `"expansion.${key}" must be a whole number from ${range[0]} to ${range[1]}`);
    }
    out[key as keyof ExpansionLimits] = value;
  }
  return out;
}

export const evidenceMethods = domain({
  'import/start': {
    validate: (raw) => importOptions('import/start', raw),
    handle: async ({ paths, format, year, timeZone: zone, dateOrder, mmdb, expansion }, session) => {
      const store = session.requireCase();
      // The first import into a case has it to itself, as the CLI's import does: there is
      // nothing to read yet, and large files are then written once instead of through the WAL
      // and again at its checkpoint (a 500 MB Okta export: about 5 s instead of 7). Later
      // imports keep the WAL, so the analyst goes on reading the case meanwhile.
      const alone = session.jobs.size === 0 && store.evidence().length === 0;
      const arg = {
        casePath: store.path,
        actor: session.actor,
        paths: paths.map((p) => resolve(p)),
        ...(format === undefined ? {} : { format }),
        ...(year === undefined ? {} : { year }),
        ...(zone === undefined ? {} : { timeZone: zone }),
        ...(dateOrder === undefined ? {} : { dateOrder }),
        ...(mmdb === undefined ? {} : { mmdb: resolve(mmdb) }),
        ...(expansion === undefined ? {} : { expansion }),
        exclusive: alone,
      };
      const start = (): RunningJob<'import'> => sessionJob(session, 'import', arg);
      // Whole files were committed even when the import failed or was cancelled part-way.
      return session.track(alone ? session.lendCase(start) : start(), () => {
        if (session.casePath !== store.path || session.store === null) return;
        announce(session);
        // New records are searchable once indexed; indexing waits for the import to end so
        // it never competes with the import's writes.
        catchUpIndex(session).catch((err: unknown) => log.warn('indexing the imported records did not start', { path: store.path }, err));
      });
    },
  },

  'case/events': {
    validate: (raw) => {
      const o = optionalRecord('case/events', raw);
      return defined({ afterId: optionalCount('case/events', o, 'afterId'), limit: optionalCount('case/events', o, 'limit') });
    },
    handle: async ({ afterId, limit }, session) => session.requireCase().events(afterId ?? 0, Math.min(limit ?? 1000, 10000)),
  },

  'event/get': {
    validate: (raw) => ({ id: id('event/get', record('event/get', raw), 'id') }),
    handle: async ({ id: eventId }, session) => session.requireCase().event(eventId),
  },

  'evidence/errors': {
    validate: (raw) => {
      const o = record('evidence/errors', raw);
      return defined({
        evidenceId: id('evidence/errors', o, 'evidenceId'),
        afterId: optionalCount('evidence/errors', o, 'afterId'),
        limit: optionalCount('evidence/errors', o, 'limit'),
      });
    },
    handle: async ({ evidenceId, afterId, limit }, session) =>
      session.requireCase().evidenceErrors(evidenceId, afterId ?? 0, Math.min(limit ?? 1000, 10000)),
  },
});
