/**
 * The handler map: one function per contract method, independent of any transport.
 * Arguments arrive already validated (see `dispatch.ts`).
 */
import { resolve } from 'node:path';
import type { ArgOf, Method, ResultOf } from '../../shared/api/contract.js';
import { TOOL_VERSION } from '../../shared/version.js';
import { startJob } from '../jobs/runner.js';
import { CaseStore } from '../store/case-store.js';
import type { Session } from './session.js';

export type Handlers = { [M in Method]: (arg: ArgOf<M>) => Promise<ResultOf<M>> };

export function createHandlers(session: Session): Handlers {
  const announce = (): void => {
    if (session.store !== null) session.emit('case/changed', session.store.info());
  };

  return {
    'app/info': async () => ({
      version: TOOL_VERSION,
      transport: session.transport,
      openCase: session.store?.path ?? null,
    }),

    'case/create': async ({ path, name, analyst, displayTimeZone }) => {
      const store = CaseStore.create(resolve(path), { name, analyst, ...(displayTimeZone ? { displayTimeZone } : {}) }, session.actor);
      session.replaceCase(store);
      const info = store.info();
      session.emit('case/changed', info);
      return info;
    },

    'case/open': async ({ path }) => {
      const store = CaseStore.open(resolve(path), session.actor);
      session.replaceCase(store);
      const info = store.info();
      session.emit('case/changed', info);
      return info;
    },

    'case/info': async () => session.requireCase().info(),

    'case/close': async () => {
      session.replaceCase(null);
      return null;
    },

    'case/setTimeZone': async ({ displayTimeZone }) => {
      const meta = session.requireCase().setDisplayTimeZone(displayTimeZone, session.actor);
      announce();
      return meta;
    },

    'case/custody': async ({ afterSeq, limit }) => session.requireCase().custody(afterSeq ?? 0, Math.min(limit ?? 1000, 10000)),

    'case/evidence': async () => session.requireCase().evidence(),

    'case/verify': async () => {
      const store = session.requireCase();
      const job = startJob('case/verify', { path: store.path }, (progress) => session.emit('job/progress', progress));
      session.jobs.set(job.id, job);
      void job.result.then((outcome) => {
        session.jobs.delete(job.id);
        session.emit('job/finished', { jobId: job.id, kind: job.kind, outcome });
      });
      return { jobId: job.id };
    },

    'import/start': async ({ paths, format, year, mmdb }) => {
      const store = session.requireCase();
      const arg = {
        casePath: store.path,
        actor: session.actor,
        paths: paths.map((p) => resolve(p)),
        ...(format === undefined ? {} : { format }),
        ...(year === undefined ? {} : { year }),
        ...(mmdb === undefined ? {} : { mmdb: resolve(mmdb) }),
      };
      const job = startJob('import', arg, (progress) => session.emit('job/progress', progress));
      session.jobs.set(job.id, job);
      void job.result.then((outcome) => {
        session.jobs.delete(job.id);
        session.emit('job/finished', { jobId: job.id, kind: job.kind, outcome });
        // Whole files were committed even when the import failed or was cancelled part-way.
        if (session.store === store) announce();
      });
      return { jobId: job.id };
    },

    'case/events': async ({ afterId, limit }) => session.requireCase().events(afterId ?? 0, Math.min(limit ?? 1000, 10000)),

    'event/get': async ({ id }) => session.requireCase().event(id),

    'evidence/errors': async ({ evidenceId, afterId, limit }) =>
      session.requireCase().evidenceErrors(evidenceId, afterId ?? 0, Math.min(limit ?? 1000, 10000)),

    'job/cancel': async ({ jobId }) => {
      const job = session.jobs.get(jobId);
      if (job === undefined) return { cancelled: false };
      job.cancel();
      return { cancelled: true };
    },
  };
}
