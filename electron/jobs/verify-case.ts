/**
 * Integrity check of a case file, run in a worker on a read-only connection: SQLite's own
 * integrity check, foreign keys, the custody hash chain, and events whose evidence is gone.
 */
import type { VerifyReport } from '../../shared/api/jobs.js';
import { CaseStore } from '../store/case-store.js';
import { verifyCustodyChain } from '../store/custody.js';
import type { JobFn } from './job.js';

const STEPS = 4;

export const verifyCase: JobFn<'case/verify'> = ({ path }, ctx) => {
  const store = CaseStore.open(path, 'verify', { readOnly: true });
  try {
    const db = store.db;
    ctx.progress({ phase: 'integrity', done: 0, total: STEPS, unit: 'steps' });
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    ctx.throwIfCancelled();

    ctx.progress({ phase: 'foreign keys', done: 1, total: STEPS, unit: 'steps' });
    const foreignKeyViolations = (db.pragma('foreign_key_check') as unknown[]).length;
    ctx.throwIfCancelled();

    const custodyTotal = (db.prepare('SELECT count(*) AS n FROM custody_log').get() as { n: number }).n;
    const chain = verifyCustodyChain(db, (done) => {
      ctx.progress({ phase: 'custody chain', done, total: custodyTotal, unit: 'rows' });
      ctx.throwIfCancelled();
    });

    ctx.progress({ phase: 'evidence links', done: 3, total: STEPS, unit: 'steps' });
    const events = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const orphanEvents = (
      db
        .prepare('SELECT count(*) AS n FROM events e LEFT JOIN evidence v ON v.id = e.evidence_id WHERE v.id IS NULL')
        .get() as { n: number }
    ).n;
    ctx.progress({ phase: 'done', done: STEPS, total: STEPS, unit: 'steps' });

    const report: VerifyReport = {
      ok: integrity.length === 1 && integrity[0] === 'ok' && foreignKeyViolations === 0 && chain.broken.length === 0 && orphanEvents === 0,
      integrity,
      foreignKeyViolations,
      custodyEntries: chain.entries,
      custodyBroken: chain.broken,
      events,
      orphanEvents,
      checkedAt: Date.now(),
    };
    return report;
  } finally {
    store.close();
  }
};
