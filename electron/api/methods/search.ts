/** Finding events: filtered and full-text search, the index behind it, and everything around a moment. */
import type { SearchIndexStatus, SearchQuery } from '../../../shared/api/search.js';
import { FACTORS, OUTCOMES, VENDORS, type Factor, type Outcome, type Vendor } from '../../../shared/model/event.js';
import { bad, defined, optionalBoolean, optionalChoice, optionalCount, optionalId, optionalRecord, optionalTime, record, requiredTime, storedUser, text } from '../../../shared/api/validation.js';
import { domain } from '../method.js';
import type { Session } from '../session.js';
import { startSessionJob } from '../session-jobs.js';

function searchQuery(method: string, raw: unknown): SearchQuery {
  const o = optionalRecord(method, raw);
  const short = (key: string): string | undefined => (o[key] === undefined ? undefined : text(method, o, key, 1000));
  const from = optionalTime(method, o, 'from');
  const to = optionalTime(method, o, 'to');
  if (from !== undefined && to !== undefined && from > to) bad(method, '"from" is after "to"');
  return defined<SearchQuery>({
    user: o['user'] === undefined ? undefined : storedUser(method, o, 'user'),
    ip: short('ip'),
    country: short('country'),
    outcome: optionalChoice<Outcome>(method, o, 'outcome', OUTCOMES),
    factor: optionalChoice<Factor>(method, o, 'factor', FACTORS),
    vendor: optionalChoice<Vendor>(method, o, 'vendor', VENDORS),
    evidenceId: optionalId(method, o, 'evidenceId'),
    from,
    to,
    text: short('text'),
    offset: optionalCount(method, o, 'offset'),
    limit: optionalCount(method, o, 'limit'),
  });
}

/**
 * The index's coverage (`status`, counted by a reader thread); with `start`, the indexing job is
 * started when records are pending and nothing that writes them (an import) or indexes them is running.
 */
export function indexStatus(session: Session, status: Omit<SearchIndexStatus, 'jobId'>, start: boolean): SearchIndexStatus {
  const store = session.requireCase();
  const running = [...session.jobs.values()];
  const indexing = running.find((j) => j.kind === 'search/index');
  if (indexing !== undefined) return { ...status, jobId: indexing.id };
  if (!start || status.pending === 0 || running.some((j) => j.kind === 'import')) return { ...status, jobId: null };
  return { ...status, jobId: startSessionJob(session, 'search/index', { casePath: store.path, actor: session.actor }).jobId };
}

/** Starts indexing the records an import added, once a reader thread has counted them. */
export async function catchUpIndex(session: Session): Promise<void> {
  const casePath = session.casePath;
  const status = await session.read('search/status', null);
  if (session.casePath === casePath && session.store !== null) indexStatus(session, status, true);
}

export const searchMethods = domain({
  'search/events': {
    validate: (raw) => searchQuery('search/events', raw),
    handle: async ({ offset, limit, ...filters }, session) => {
      const from = offset ?? 0;
      const { page, status } = await session.read('search/events', { filters, offset: from, limit: Math.min(limit ?? 50, 500) });
      // Only full text needs the index: a text search catches it up, other searches just report it.
      return { ...page, offset: from, index: indexStatus(session, status, filters.text !== undefined) };
    },
  },

  'search/index': {
    validate: (raw) => defined({ start: optionalBoolean('search/index', optionalRecord('search/index', raw), 'start') }),
    handle: async ({ start }, session) => indexStatus(session, await session.read('search/status', null), start === true),
  },

  'events/around': {
    validate: (raw) => {
      const method = 'events/around';
      const o = record(method, raw);
      const minutes = o['minutes'];
      if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > 1440) bad(method, '"minutes" must be a whole number from 1 to 1440');
      return defined({ time: requiredTime(method, o, 'time'), minutes, limit: optionalCount(method, o, 'limit') });
    },
    handle: ({ time, minutes, limit }, session) => session.read('events/around', { time, minutes, limit: Math.min(limit ?? 200, 2000) }),
  },
});
