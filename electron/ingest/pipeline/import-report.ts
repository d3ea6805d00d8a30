/** The per-file report of an import and its totals, built by the writer as files finish. */
import type { ImportFileReport, ImportRecordError, ImportReport } from '../../../shared/api/jobs.js';
import type { FormatId } from '../parser.js';
import type { NotImported } from './thread-messages.js';

/** Errors listed per file in the job's result; the case keeps up to MAX_STORED_ERRORS. */
const MAX_REPORTED_ERRORS = 100;
export const MAX_STORED_ERRORS = 10_000;

export function blankEntry(path: string, archive: string | undefined): ImportFileReport {
  return {
    path,
    ...(archive === undefined ? {} : { archive }),
    sha256: null,
    size: null,
    format: null,
    container: null,
    compression: null,
    status: 'unreadable',
    records: 0,
    events: 0,
    duplicates: 0,
    rejected: 0,
    errors: [],
    errorsOmitted: 0,
  };
}

export function notImportedEntry(file: NotImported): ImportFileReport {
  return {
    ...blankEntry(file.path, file.archive),
    sha256: file.sha256 ?? null,
    size: file.size ?? null,
    compression: file.compression ?? null,
    status: file.status,
    reason: file.reason,
  };
}

export function addErrors(entry: ImportFileReport, errors: readonly ImportRecordError[]): void {
  for (const e of errors) {
    if (entry.errors.length < MAX_REPORTED_ERRORS) entry.errors.push(e);
    else entry.errorsOmitted += 1;
  }
}

export function buildReport(files: ImportFileReport[]): ImportReport {
  const totals = { files: files.length, events: 0, duplicates: 0, rejected: 0, errors: 0, notImported: 0 };
  for (const f of files) {
    totals.events += f.events;
    totals.duplicates += f.duplicates;
    totals.rejected += f.rejected;
    totals.errors += f.errors.length + f.errorsOmitted;
    if (f.status === 'unreadable' || f.status === 'unrecognised') {
      totals.notImported += 1;
      totals.errors += 1;
    }
  }
  return { files, totals };
}

/** Formats whose timestamps may carry no year (classic syslog lines). */
const YEARLESS: ReadonlySet<FormatId> = new Set<FormatId>(['syslog']);

/**
 * What the summary says of a file whose timestamps may carry no year and whose year was not
 * given: how it was dated, so that a wrong year is never a silent one.
 */
export function yearNote(format: FormatId, year: number | undefined, fileTime: number | undefined): string | undefined {
  if (!YEARLESS.has(format) || year !== undefined || fileTime === undefined || !Number.isFinite(fileTime)) return undefined;
  return (
    `timestamps without a year were dated by the file's modification time (${new Date(fileTime).toISOString()}): ` +
    'each takes the latest year that does not put it after that time; --year sets the year instead'
  );
}
