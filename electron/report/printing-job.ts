/**
 * A report job whose PDF is printed by a printer that lives in this thread (the desktop app's
 * Electron printToPDF cannot run in a worker). It speaks the same job protocol as the worker
 * jobs: `job/progress` and `job/finished` push events, and cancellation between stages.
 */
import { randomUUID } from 'node:crypto';
import type { JobStarted } from '../../shared/api/contract.js';
import { PushTrailError, toApiError } from '../../shared/api/errors.js';
import type { JobArg } from '../../shared/api/jobs.js';
import type { ReportFile } from '../../shared/api/report.js';
import type { Session } from '../api/session.js';
import type { PdfPrinter } from './print-report.js';
import { reportProgress } from './report-job.js';
import { writeReport } from './write-report.js';

export function startPrintingJob(session: Session, arg: JobArg<'report'>, printer: PdfPrinter, after: () => void, onResult: (file: ReportFile) => void): JobStarted {
  const jobId = randomUUID();
  let cancelled = false;
  const result = writeReport(
    arg.casePath,
    { ...arg.request, out: arg.out },
    arg.actor,
    (stage) => {
      if (cancelled) throw new PushTrailError('cancelled', 'The report was cancelled');
      session.emit('job/progress', { jobId, kind: 'report', ...reportProgress(arg.request.format, stage) });
    },
    printer,
  ).then(
    (value) => ({ ok: true as const, value }),
    (err: unknown) => ({ ok: false as const, error: toApiError(err) }),
  );
  const cancel = (): void => {
    cancelled = true;
  };
  return session.track({ id: jobId, kind: 'report', result, cancel }, after, onResult);
}
