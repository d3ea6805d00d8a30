/**
 * The backend state one UI talks to: the open case, the running jobs, and where push
 * events go. One session per Electron window or per `pushtrail serve` process.
 */
import { userInfo } from 'node:os';
import type { JobFinished, JobStarted, PushEventName, PushEvents } from '../../shared/api/contract.js';
import { PushTrailError } from '../../shared/api/errors.js';
import type { JobKind, JobResultOf } from '../../shared/api/jobs.js';
import type { ExportFormat } from '../../shared/api/report.js';
import { CaseStore } from '../store/case-store.js';
import type { RunningJob } from '../jobs/runner.js';
import type { PdfPrinter } from '../report/print-report.js';
import { ReportDownloads } from '../report/downloads.js';
import { ReportPreviews } from '../report/preview.js';
import { createLogger } from '../log/logger.js';
import { readerPool } from './reader-pool.js';
import type { ReaderArg, ReaderName, ReaderReply } from './readers.js';

const log = createLogger('session');

export type Emit = <E extends PushEventName>(event: E, payload: PushEvents[E]) => void;

export class Session {
  store: CaseStore | null = null;
  /** The open case while a job has it to itself (see `lendCase`), and that job once started. */
  private lent: { path: string; jobId: string | null } | null = null;
  readonly jobs = new Map<string, RunningJob<JobKind>>();
  private readonly listeners = new Set<Emit>();
  /** The report screen's rendered previews, served to its frame by URL. */
  readonly previews = new ReportPreviews();
  /** Reports this session wrote: the only files `report/download` hands out, served by URL. */
  readonly reports = new ReportDownloads();
  /**
   * Where to save a report: the desktop app asks with a save dialog (null: the analyst
   * cancelled). Without it, reports are written beside the case.
   */
  chooseReportPath: ((suggested: string, format: ExportFormat) => Promise<string | null>) | null = null;
  /**
   * The desktop app prints PDFs with Electron's own engine, which lives in the main process;
   * without it a report job's worker prints with Debian's Chromium.
   */
  pdfPrinter: PdfPrinter | null = null;

  constructor(
    readonly transport: 'electron' | 'http' | 'direct',
    /** Who is recorded in the custody log for changes made through this session. */
    readonly actor: string = defaultActor(),
  ) {}

  requireCase(): CaseStore {
    if (this.store !== null) return this.store;
    if (this.lent !== null) {
      throw new PushTrailError('case_busy', `${this.lent.path} is busy with its first import; it opens again as soon as the import ends`, { path: this.lent.path });
    }
    throw new PushTrailError('no_case', 'No case is open');
  }

  /** Runs a long read of the open case in the reader pool, off the thread answering requests. */
  read<N extends ReaderName>(name: N, arg: ReaderArg<N>): Promise<ReaderReply<N>> {
    return readerPool().read(this.requireCase().path, name, arg);
  }

  /** The open case's path, also while it is lent to a job. */
  get casePath(): string | null {
    return this.store?.path ?? this.lent?.path ?? null;
  }

  replaceCase(next: CaseStore | null): void {
    this.store?.close();
    this.previews.clear();
    this.store = next;
    // A case lent to a job that is still running stays with that job.
    this.lent = null;
  }

  /**
   * Close the open case so that the job `start` starts has it to itself (a large import may
   * then write it with a rollback journal instead of the WAL, see ImportWriter.beginFile). The
   * session opens it again when the job ends, before anyone is told it ended; until then every
   * request for the case is answered `case_busy`.
   */
  lendCase<K extends JobKind>(start: () => RunningJob<K>): RunningJob<K> {
    const store = this.requireCase();
    this.lent = { path: store.path, jobId: null };
    store.close();
    this.store = null;
    try {
      const job = start();
      this.lent.jobId = job.id;
      return job;
    } catch (err) {
      this.reclaim();
      throw err;
    }
  }

  private reclaim(): void {
    const lent = this.lent;
    if (lent === null) return;
    this.lent = null;
    // A case that cannot be opened again (deleted meanwhile) leaves the session without one.
    try {
      this.store = CaseStore.open(lent.path, this.actor);
    } catch (err) {
      log.warn('the case lent to a job could not be opened again', { path: lent.path }, err);
      this.store = null;
    }
  }

  subscribe(listener: Emit): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit: Emit = (event, payload) => {
    for (const listener of this.listeners) listener(event, payload);
  };

  /**
   * Keeps a started job until it ends, then hands its result to `onResult`, tells every
   * listener with `job/finished`, and calls `after`.
   */
  track<K extends JobKind>(job: RunningJob<K>, after: () => void = () => undefined, onResult: (result: JobResultOf<K>) => void = () => undefined): JobStarted {
    this.jobs.set(job.id, job);
    void job.result.then((outcome) => {
      this.jobs.delete(job.id);
      if (this.lent?.jobId === job.id) this.reclaim();
      if (outcome.ok) onResult(outcome.value);
      this.emit('job/finished', { jobId: job.id, kind: job.kind, outcome } as JobFinished);
      after();
    });
    return { jobId: job.id };
  }

  close(): void {
    for (const job of this.jobs.values()) job.cancel();
    this.replaceCase(null);
  }
}

/** Who the custody log records: PUSHTRAIL_ANALYST, else the logged-in user. */
export function defaultActor(): string {
  const fromEnv = process.env['PUSHTRAIL_ANALYST'];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return fromEnv.trim();
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
