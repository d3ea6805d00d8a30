/**
 * Writes a report or export of a case file and records it in the case's custody log (format,
 * path, size, SHA-256, what was chosen), in that order: the log names the finished file. Used by
 * `pushtrail report`, `pushtrail demo` and the report job.
 */
import type { ReportFile } from '../../shared/api/report.js';
import { CaseStore } from '../store/case-store.js';
import { exportCase, type ExportOptions, type ExportStage } from './export.js';
import { withChromiumPrinter } from './pdf.js';
import type { PdfPrinter } from './print-report.js';

export async function writeReport(
  casePath: string,
  options: ExportOptions,
  actor: string,
  onStage?: (stage: ExportStage) => void,
  printer?: PdfPrinter,
): Promise<ReportFile> {
  const store = CaseStore.open(casePath, actor);
  try {
    const result =
      options.format !== 'pdf'
        ? await exportCase(store, options, null, onStage)
        : printer !== undefined
          ? await exportCase(store, options, printer, onStage)
          : await withChromiumPrinter((print) => exportCase(store, options, print, onStage));
    store.change(
      actor,
      'report/export',
      {
        format: result.format,
        path: result.path,
        sha256: result.sha256,
        bytes: result.bytes,
        ...(options.users === undefined ? {} : { users: options.users }),
        ...(options.sections === undefined ? {} : { sections: options.sections }),
        ...(options.annotations === undefined ? {} : { annotations: options.annotations.length }),
        ...(result.paper === undefined ? {} : { paper: result.paper, pages: result.pages }),
      },
      () => undefined,
    );
    return result;
  } finally {
    store.close();
  }
}
