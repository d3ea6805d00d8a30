/** The report job: writes a report or export of a case file in a worker, with its stage as progress. */
import type { ExportFormat } from '../../shared/api/report.js';
import type { JobFn, ProgressUpdate } from '../jobs/job.js';
import type { ExportStage } from './export.js';
import { writeReport } from './write-report.js';

const STAGES: readonly ExportStage[] = ['gathering', 'printing', 'writing'];

const MESSAGE: Readonly<Record<ExportStage, string>> = {
  gathering: 'Gathering findings, events and records',
  printing: 'Printing the PDF with Chromium',
  writing: 'Writing the file',
};

/** A report's progress at a stage, whichever thread prints it (printing-job.ts runs PDFs in the app's main process). */
export function reportProgress(format: ExportFormat, stage: ExportStage): ProgressUpdate {
  const stages = format === 'pdf' ? STAGES : STAGES.filter((s) => s !== 'printing');
  return { phase: stage, done: stages.indexOf(stage), total: stages.length, unit: 'steps', message: MESSAGE[stage] };
}

export const reportJob: JobFn<'report'> = async (arg, ctx) =>
  writeReport(arg.casePath, { ...arg.request, out: arg.out }, arg.actor, (stage) => {
    ctx.throwIfCancelled();
    ctx.progress(reportProgress(arg.request.format, stage));
  });
