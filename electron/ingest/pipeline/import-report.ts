/** The per-file report of an import and its totals, built by the writer as files finish. */
import type { ImportFileReport, ImportRecordError, ImportReport } from '../../../shared/api/jobs.js';
import type { FormatId } from '../parser.js';
import type { NotImported, ToWriter } from './thread-messages.js';

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
    vendorIdClashes: 0,
    rejected: 0,
    skipped: 0,
    kinds: [],
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
  const totals = { files: files.length, events: 0, duplicates: 0, vendorIdClashes: 0, rejected: 0, skipped: 0, errors: 0, notImported: 0 };
  for (const f of files) {
    totals.events += f.events;
    totals.skipped += f.skipped;
    totals.duplicates += f.duplicates;
    totals.vendorIdClashes += f.vendorIdClashes;
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
function yearNote(format: FormatId | null, year: number | undefined, fileTime: number | undefined): string | undefined {
  if (format === null || !YEARLESS.has(format) || year !== undefined || fileTime === undefined || !Number.isFinite(fileTime)) return undefined;
  return (
    `timestamps without a year were dated by the file's modification time (${new Date(fileTime).toISOString()}): ` +
    'each takes the latest year that does not put it after that time; --year sets the year instead'
  );
}

type Begin = Extract<ToWriter, { t: 'begin' }>;

/**
 * The decisions taken in reading a file, for its entry in the summary: the year of yearless
 * timestamps, the SIEM re-export unwrapped, the day/month order and why, the zone of zone-less
 * times. `note` says them in words; the fields give them as data.
 */
export function readingNotes(begin: Begin, reexportTitle: string | undefined): Pick<ImportFileReport, 'note' | 'reexport' | 'dateOrder' | 'timeZone'> {
  const notes: string[] = [];
  const out: Pick<ImportFileReport, 'note' | 'reexport' | 'dateOrder' | 'timeZone'> = {};
  if (reexportTitle !== undefined) {
    out.reexport = reexportTitle;
    notes.push(`read as a ${reexportTitle}: each event comes from the vendor record inside its row, and keeps the row as exported`);
  }
  const year = yearNote(begin.format, begin.year, begin.fileTime);
  if (year !== undefined) notes.push(year);
  if (begin.dateOrderNote !== undefined) notes.push(begin.dateOrderNote);
  if (begin.time.dateOrder !== undefined) out.dateOrder = begin.time.dateOrder;
  if (begin.time.zone !== undefined) {
    out.timeZone = begin.time.zone;
    notes.push(`timestamps that carry no zone and are not documented as UTC were read in ${begin.time.zone} (--tz)`);
  }
  if (notes.length > 0) out.note = notes.join('; ');
  return out;
}
