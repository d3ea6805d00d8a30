/**
 * Writes a report or export of a case file and records it in the case's custody log (format,
 * path, size, SHA-256, what was chosen), in that order: the log names the finished file. Used by
 * `pushtrail report`, `pushtrail demo` and the report job. A case that cannot be written (a
 * read-only file or folder, such as evidence on write-blocked media) is still reported on: the
 * result says why the export is not in its custody log.
 */
import { PushTrailError } from '../../shared/api/errors.js';
import type { ReportFile } from '../../shared/api/report.js';
import { assertWritable } from '../store/case-access.js';
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
  const notRecorded = readOnlyReason(casePath);
  const store = CaseStore.open(casePath, actor, { readOnly: notRecorded !== undefined });
  try {
    const result =
      options.format !== 'pdf'
        ? await exportCase(store, options, null, onStage)
        : printer !== undefined
          ? await exportCase(store, options, printer, onStage)
          : await withChromiumPrinter((print) => exportCase(store, options, print, onStage));
    if (notRecorded !== undefined) return { ...result, notRecorded };
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

/** Why the case cannot record the export, if it cannot. */
function readOnlyReason(casePath: string): string | undefined {
  try {
    assertWritable(casePath);
    return undefined;
  } catch (err) {
    const reason = err instanceof PushTrailError ? err.detail?.['reason'] : undefined;
    if (typeof reason === 'string') return `not recorded in the case's custody log, which cannot be written (${reason}: ${casePath})`;
    throw err;
  }
}
