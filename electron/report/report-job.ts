/** The report job: writes a report or export of a case file in a worker, with its stage as progress. */
import type { JobFn } from '../jobs/job.js';
import type { ExportStage } from './export.js';
import { writeReport } from './write-report.js';

const STAGES: readonly ExportStage[] = ['gathering', 'printing', 'writing'];

const MESSAGE: Readonly<Record<ExportStage, string>> = {
  gathering: 'Gathering findings, events and records',
  printing: 'Printing the PDF with Chromium',
  writing: 'Writing the file',
};

export const reportJob: JobFn<'report'> = async (arg, ctx) => {
  const stages = arg.request.format === 'pdf' ? STAGES : STAGES.filter((s) => s !== 'printing');
  return writeReport(arg.casePath, { ...arg.request, out: arg.out }, arg.actor, (stage) => {
    ctx.throwIfCancelled();
    ctx.progress({ phase: stage, done: stages.indexOf(stage), total: stages.length, unit: 'steps', message: MESSAGE[stage] });
  });
};
