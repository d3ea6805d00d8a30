/**
 * Builds the full-text index of the original records in a worker, in batches that each commit
 * with the bookkeeping of what is indexed: progress after every batch, cancellable between
 * them, and a later run (after more evidence arrives) picks up where this one stopped.
 */
import type { JobFn } from '../jobs/job.js';
import { CaseStore } from '../store/case-store.js';
import { indexNextBatch, searchIndexStatus } from '../store/search.js';

/** Records per transaction: large enough to amortise the commit, small enough that an import or detection waiting for the write lock is not held up noticeably. */
const BATCH = 5000;

export const indexCase: JobFn<'search/index'> = ({ casePath, actor }, ctx) => {
  const store = CaseStore.open(casePath, actor);
  try {
    // Background work: wait for a long import or detection transaction rather than fail.
    store.db.pragma('busy_timeout = 120000');
    const start = searchIndexStatus(store.db);
    const total = start.pending;
    let added = 0;
    ctx.progress({ phase: 'indexing records', done: 0, total, unit: 'records' });
    for (;;) {
      ctx.throwIfCancelled();
      const n = indexNextBatch(store.db, BATCH);
      if (n === 0) break;
      added += n;
      ctx.progress({ phase: 'indexing records', done: added, total: Math.max(total, added), unit: 'records' });
    }
    const indexed = searchIndexStatus(store.db).indexed;
    if (added > 0) store.change(actor, 'search/index', { added, indexed }, () => undefined);
    return { added, indexed };
  } finally {
    store.close();
  }
};
