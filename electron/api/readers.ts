/**
 * The reads a request may need that can take long on a large case, run in the reader pool's
 * threads (reader-pool.ts) instead of on the thread that answers requests (issue 15: the main
 * process and `pushtrail serve` must never freeze). Each reads the case through a read-only
 * connection of its own; WAL lets it read while an import or detection writes.
 *
 * `wire: 'json'` results can be large (a user's million events, a hundred thousand users): the
 * reader thread writes them as the JSON of a whole `{ok, value}` answer, and the transports
 * send those bytes as they are, so the answering thread never builds or copies the objects.
 * `wire: 'clone'` results are small, and the handler still works with them.
 */
import type { Database } from 'better-sqlite3';
import type { ArgOf, ResultOf } from '../../shared/api/contract.js';
import type { SearchIndexStatus, SearchPage } from '../../shared/api/search.js';
import { caseActivity, userSparklines } from '../store/activity.js';
import { readUserRows } from '../store/detection-store.js';
import { userEvents } from '../store/events.js';
import type { SerializedAnswer } from './serialized.js';
import { entriesAround, searchEntries, searchIndexStatus } from '../store/search.js';

interface Reader<W extends 'json' | 'clone', A, R> {
  readonly wire: W;
  run(db: Database, arg: A): R;
}

export interface SearchRead {
  page: Pick<SearchPage, 'hits' | 'hasMore'>;
  status: Omit<SearchIndexStatus, 'jobId'>;
}

interface Readers {
  'users/list': Reader<'json', { limit: number; offset: number }, ResultOf<'users/list'>>;
  'case/activity': Reader<'clone', { bins: number }, ResultOf<'case/activity'>>;
  'users/sparklines': Reader<'clone', { users: string[]; bins: number }, ResultOf<'users/sparklines'>>;
  'user/events': Reader<'json', { user: string; limit: number }, ResultOf<'user/events'>>;
  'events/around': Reader<'clone', ArgOf<'events/around'> & { limit: number }, ResultOf<'events/around'>>;
  'search/events': Reader<'clone', { filters: Omit<ArgOf<'search/events'>, 'offset' | 'limit'>; offset: number; limit: number }, SearchRead>;
  'search/status': Reader<'clone', null, Omit<SearchIndexStatus, 'jobId'>>;
}

export const READERS: Readers = {
  'users/list': { wire: 'json', run: (db, a) => readUserRows(db, a.limit, a.offset) },
  'case/activity': { wire: 'clone', run: (db, a) => caseActivity(db, a.bins) },
  'users/sparklines': { wire: 'clone', run: (db, a) => userSparklines(db, a.users, a.bins) },
  'user/events': { wire: 'json', run: (db, a) => userEvents(db, a.user, a.limit) },
  'events/around': { wire: 'clone', run: (db, a) => entriesAround(db, a.time, a.minutes, a.limit) },
  'search/events': { wire: 'clone', run: (db, a) => ({ page: searchEntries(db, a.filters, a.offset, a.limit), status: searchIndexStatus(db) }) },
  'search/status': { wire: 'clone', run: (db) => searchIndexStatus(db) },
};

export type ReaderName = keyof Readers;
export type ReaderArg<N extends ReaderName> = Parameters<Readers[N]['run']>[1];
export type ReaderResult<N extends ReaderName> = ReturnType<Readers[N]['run']>;
/** What a read hands back to the requesting thread: JSON bytes of the answer, or the value itself. */
export type ReaderReply<N extends ReaderName> = Readers[N]['wire'] extends 'json' ? SerializedAnswer<ReaderResult<N>> : ReaderResult<N>;
