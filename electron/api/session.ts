/**
 * The backend state one UI talks to: the open case, the running jobs, and where push
 * events go. One session per Electron window or per `pushtrail serve` process.
 */
import { userInfo } from 'node:os';
import type { JobFinished, JobStarted, PushEventName, PushEvents } from '../../shared/api/contract.js';
import { PushTrailError } from '../../shared/api/errors.js';
import type { JobKind, JobResultOf } from '../../shared/api/jobs.js';
import type { ExportFormat } from '../../shared/api/report.js';
import type { CaseStore } from '../store/case-store.js';
import type { RunningJob } from '../jobs/runner.js';
import type { PdfPrinter } from '../report/print-report.js';
import { ReportDownloads } from '../report/downloads.js';
import { ReportPreviews } from '../report/preview.js';

export type Emit = <E extends PushEventName>(event: E, payload: PushEvents[E]) => void;

export class Session {
  store: CaseStore | null = null;
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
    if (this.store === null) throw new PushTrailError('no_case', 'No case is open');
    return this.store;
  }

  replaceCase(next: CaseStore | null): void {
    this.store?.close();
    this.previews.clear();
    this.store = next;
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

function defaultActor(): string {
  const fromEnv = process.env['PUSHTRAIL_ANALYST'];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return fromEnv.trim();
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
