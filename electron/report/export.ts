/**
 * Writes a case report or export in one of five formats: PDF and HTML (the printed report),
 * JSON (the report as data), CSV and OCSF NDJSON (the events, streamed from SQLite so a large
 * case never sits in memory). Every output is written beside its target and renamed into place
 * when complete; the result carries its size and SHA-256 for the custody log.
 *
 * CSV and OCSF carry the normalised evidence events only, never the analyst's own entries: a
 * SIEM or a spreadsheet has no way to keep a row apart as "not evidence", and an entry mixed into
 * the events would read as a logged one. The entries are in the PDF, HTML and JSON, marked.
 */
import { basename, extname, resolve } from 'node:path';
import { PushTrailError } from '../../shared/api/errors.js';
import type { ExportFormat, ReportFile, ReportRequest } from '../../shared/api/report.js';
import type { CaseStore } from '../store/case-store.js';
import { countEvents, streamExportEvents } from '../store/report-queries.js';
import { writeCsv } from './export-csv.js';
import { reportJson } from './export-json.js';
import { writeOcsf } from './export-ocsf.js';
import { buildReportModel, type ReportModel } from './model.js';
import { OutputFile } from './output-file.js';
import { pdfPageCount } from './pdf-pages.js';
import { printReportPdf, type PdfPrinter } from './print-report.js';
import { pdfHeader, renderReportHtml } from './render-html.js';
import { count } from '../../shared/format/count.js';

const BY_EXTENSION: Readonly<Record<string, ExportFormat>> = {
  '.pdf': 'pdf',
  '.html': 'html',
  '.htm': 'html',
  '.json': 'json',
  '.csv': 'csv',
  '.ndjson': 'ocsf',
  '.jsonl': 'ocsf',
  '.ocsf': 'ocsf',
};

export const FORMAT_EXTENSION: Readonly<Record<ExportFormat, string>> = { pdf: '.pdf', html: '.html', json: '.json', csv: '.csv', ocsf: '.ndjson' };

/** The format an output path's extension implies, if any. */
export function formatFromPath(path: string): ExportFormat | null {
  return BY_EXTENSION[extname(path).toLowerCase()] ?? null;
}

export interface ExportOptions extends ReportRequest {
  /** Where to write; an existing file is replaced. */
  out: string;
  /** The report's time stamp (tests pin it). */
  now?: number;
}

/** Which stage an export is in, for progress. */
export type ExportStage = 'gathering' | 'printing' | 'writing';

/** Write one export of the case. Reads only; the caller records the result in the custody log. */
export async function exportCase(
  store: CaseStore,
  options: ExportOptions,
  printer: PdfPrinter | null,
  onStage: (stage: ExportStage) => void = () => undefined,
): Promise<ReportFile> {
  const path = resolve(options.out);
  const users = options.users ?? [];
  const events = options.format === 'csv' || options.format === 'ocsf';
  if (events) {
    for (const u of users) if (countEvents(store.db, u) === 0) throw new PushTrailError('not_found', `No events of user "${u}" in this case`, { user: u });
  }
  if (options.format === 'pdf' && printer === null) throw new PushTrailError('internal', 'no PDF printer');
  onStage('gathering');
  // The report's model is built before the output file exists, so a bad user leaves nothing behind.
  const model: ReportModel | null = events
    ? null
    : buildReportModel(store, {
        ...(options.users === undefined ? {} : { users: options.users }),
        ...(options.sections === undefined ? {} : { sections: options.sections }),
        ...(options.annotations === undefined ? {} : { annotations: options.annotations }),
        ...(options.now === undefined ? {} : { now: options.now }),
      });
  const reportContents = model === null ? '' : `${count(model.users.length, 'user section')}, ${count(model.findings.length, 'finding')}, ${count(model.appendix.records.size, 'original record')}`;
  const paper = options.paper ?? 'A4';
  let pdf: Uint8Array | null = null;
  if (model !== null && options.format === 'pdf' && printer !== null) {
    // Printed before the output file is opened: Chromium may be missing.
    onStage('printing');
    pdf = await printReportPdf(renderReportHtml(model), printer, { paper, header: pdfHeader(model) });
  }

  onStage('writing');
  const out = new OutputFile(path);
  try {
    let contents = reportContents;
    if (pdf !== null) out.writeBytes(pdf);
    else if (model !== null && options.format === 'html') out.write(renderReportHtml(model));
    else if (model !== null) out.write(`${JSON.stringify(reportJson(model), null, 2)}\n`);
    else if (options.format === 'csv') contents = count(writeCsv(streamExportEvents(store.db, users), store.meta().displayTimeZone, out), 'event');
    else contents = count(writeOcsf(streamExportEvents(store.db, users, false), out), 'event');
    const written = out.commit();
    return {
      format: options.format,
      path,
      downloadName: basename(path),
      ...written,
      contents,
      ...(pdf === null ? {} : { pages: pdfPageCount(pdf), paper }),
    };
  } catch (err) {
    out.abort();
    throw err;
  }
}
