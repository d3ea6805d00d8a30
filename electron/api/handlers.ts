/**
 * The handler map: one function per contract method, independent of any transport.
 * Arguments arrive already validated (see `dispatch.ts`).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PushTrailError } from '../../shared/api/errors.js';
import type { ReportFile, ReportRequest } from '../../shared/api/report.js';
import type { ArgOf, JobStarted, Method, ResultOf } from '../../shared/api/contract.js';
import type { SearchIndexStatus } from '../../shared/api/search.js';
import { TOOL_VERSION } from '../../shared/version.js';
import type { JobArg, JobKind, JobResultOf } from '../../shared/api/jobs.js';
import { startJob, type RunningJob } from '../jobs/runner.js';
import { caseActivity, userSparklines } from '../store/activity.js';
import { insertAnalystEvent, listAnalystEvents } from '../store/analyst-events.js';
import { applyAnnotation, listAnnotations } from '../store/annotations.js';
import { readFindings, readUserRows } from '../store/detection-store.js';
import { userEvents } from '../store/events.js';
import { CaseStore, caseFolder, caseStem } from '../store/case-store.js';
import { entriesAround, searchEntries, searchIndexStatus } from '../store/search.js';
import { FORMAT_EXTENSION } from '../report/export.js';
import { reportOutline } from '../report/outline.js';
import { renderReportPreview } from '../report/preview.js';
import { readReportText, writeReportText } from '../store/report-text.js';
import { startPrintingJob } from '../report/printing-job.js';
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
      openCase: session.casePath,
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
      return startSessionJob(session, 'case/verify', { path: store.path });
    },

    'import/start': async ({ paths, format, year, mmdb }) => {
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
        ...(mmdb === undefined ? {} : { mmdb: resolve(mmdb) }),
        exclusive: alone,
      };
      const start = (): RunningJob<'import'> => sessionJob(session, 'import', arg);
      // Whole files were committed even when the import failed or was cancelled part-way.
      return session.track(alone ? session.lendCase(start) : start(), () => {
        if (session.casePath !== store.path || session.store === null) return;
        announce();
        // New records are searchable once indexed; indexing waits for the import to end so
        // it never competes with the import's writes.
        indexStatus(session, true);
      });
    },

    'case/events': async ({ afterId, limit }) => session.requireCase().events(afterId ?? 0, Math.min(limit ?? 1000, 10000)),

    'event/get': async ({ id }) => session.requireCase().event(id),

    'detect/run': async () => {
      const store = session.requireCase();
      return startSessionJob(session, 'detect', { casePath: store.path, actor: session.actor }, () => {
        if (session.store === store) announce();
      });
    },

    'users/list': async ({ limit, offset }) => readUserRows(session.requireCase().db, Math.min(limit ?? 1000, 100_000), offset ?? 0),

    'case/activity': async ({ bins }) => caseActivity(session.requireCase().db, bins ?? 120),

    'users/sparklines': async ({ users, bins }) => userSparklines(session.requireCase().db, users, bins ?? 40),

    'findings/list': async ({ user }) => readFindings(session.requireCase().db, user),

    'user/events': async ({ user, limit }) => userEvents(session.requireCase().db, user, Math.min(limit ?? 200_000, 1_000_000)),

    'annotations/list': async ({ kind }) => listAnnotations(session.requireCase().db, kind),

    'annotations/set': async ({ targets, patch }) => {
      const store = session.requireCase();
      const saved = store.change(session.actor, 'annotation/set', { targets: targets.slice(0, 1000), count: targets.length, patch }, () =>
        applyAnnotation(store.db, targets, patch, session.actor),
      );
      announce();
      return saved;
    },

    'search/events': async ({ offset, limit, ...filters }) => {
      const db = session.requireCase().db;
      const from = offset ?? 0;
      const page = searchEntries(db, filters, from, Math.min(limit ?? 50, 500));
      // Only full text needs the index: a text search catches it up, other searches just report it.
      return { ...page, offset: from, index: indexStatus(session, filters.text !== undefined) };
    },

    'search/index': async ({ start }) => indexStatus(session, start === true),

    'events/around': async ({ time, minutes, limit }) => entriesAround(session.requireCase().db, time, minutes, Math.min(limit ?? 200, 2000)),

    'analyst/add': async (input) => {
      const store = session.requireCase();
      // The custody entry is written after the insert, so it can name the new entry's id.
      const detail: Record<string, unknown> = { ...input };
      const saved = store.change(session.actor, 'analyst-event/add', detail, () => {
        const entry = insertAnalystEvent(store.db, input, session.actor);
        detail['id'] = entry.id;
        return entry;
      });
      announce();
      return saved;
    },

    'analyst/list': async ({ user }) => listAnalystEvents(session.requireCase().db, user),

    'evidence/errors': async ({ evidenceId, afterId, limit }) =>
      session.requireCase().evidenceErrors(evidenceId, afterId ?? 0, Math.min(limit ?? 1000, 10000)),

    'report/text': async () => readReportText(session.requireCase().db),

    'report/setText': async (patch) => {
      const store = session.requireCase();
      const saved = store.change(session.actor, 'report/text', { changed: Object.keys(patch) }, () => writeReportText(store.db, patch, session.actor, Date.now()));
      announce();
      return saved;
    },

    'report/outline': async (selection) => reportOutline(session.requireCase(), selection),

    'report/preview': async (request) => ({ path: session.previews.put(renderReportPreview(session.requireCase(), request)) }),

    'report/start': async (request) => {
      const store = session.requireCase();
      const out = await reportPath(session, store.path, request);
      const arg = { casePath: store.path, actor: session.actor, request, out };
      const done = (file: ReportFile): void => {
        session.reports.add(file.path);
      };
      if (request.format === 'pdf' && session.pdfPrinter !== null) return startPrintingJob(session, arg, session.pdfPrinter, announce, done);
      return startSessionJob(session, 'report', arg, announce, done);
    },

    'report/download': async ({ path }) => {
      const offered = session.reports.offer(path);
      if (offered === undefined) throw new PushTrailError('not_found', 'No such report from this session', { path });
      return offered;
    },

    'job/cancel': async ({ jobId }) => {
      const job = session.jobs.get(jobId);
      if (job === undefined) return { cancelled: false };
      job.cancel();
      return { cancelled: true };
    },
  };
}

/**
 * The index's coverage; with `start`, the indexing job is started when records are pending and
 * nothing that writes them (an import) or indexes them is running.
 */
function indexStatus(session: Session, start: boolean): SearchIndexStatus {
  const store = session.requireCase();
  const running = [...session.jobs.values()];
  const indexing = running.find((j) => j.kind === 'search/index');
  const status = searchIndexStatus(store.db);
  if (indexing !== undefined) return { ...status, jobId: indexing.id };
  if (!start || status.pending === 0 || running.some((j) => j.kind === 'import')) return { ...status, jobId: null };
  return { ...status, jobId: startSessionJob(session, 'search/index', { casePath: store.path, actor: session.actor }).jobId };
}

/**
 * Where a report goes: the path the analyst picks in the desktop app's save dialog, or a new
 * file in `<case>-reports/` beside the case (web mode, where the browser then downloads it).
 */
async function reportPath(session: Session, casePath: string, request: ReportRequest): Promise<string> {
  const stem = caseStem(casePath);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const name = `${stem}-${request.format === 'csv' || request.format === 'ocsf' ? 'events' : 'report'}-${stamp}${FORMAT_EXTENSION[request.format]}`;
  const dir = caseFolder(casePath, 'reports');
  if (session.chooseReportPath !== null) {
    const chosen = await session.chooseReportPath(join(dirname(casePath), name), request.format);
    if (chosen === null) throw new PushTrailError('cancelled', 'No file was chosen');
    return resolve(chosen);
  }
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/** A job whose progress goes out to the session's listeners. */
function sessionJob<K extends JobKind>(session: Session, kind: K, arg: JobArg<K>): RunningJob<K> {
  return startJob(kind, arg, (progress) => session.emit('job/progress', progress));
}

/** Start a job for a session: progress and the outcome go out as push events. */
function startSessionJob<K extends JobKind>(
  session: Session,
  kind: K,
  arg: JobArg<K>,
  after?: () => void,
  onResult?: (result: JobResultOf<K>) => void,
): JobStarted {
  return session.track(sessionJob(session, kind, arg), after, onResult);
}
