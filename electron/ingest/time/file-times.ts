/**
 * How one file's timestamps are read, decided before its records are: the analyst's zone
 * (`--tz`) and the day/month order of its numeric dates, from `--date-order` or from the whole
 * file (date-order.ts). Only a file whose start holds a numeric date is read through for
 * evidence, so a vendor's own export (ISO times) costs one pattern search over its first
 * characters.
 */
import { DateOrderEvidence, hasNumericDates } from './date-order.js';
import type { DateOrder, TimeSettings } from './timestamp.js';

/** The evidence of all the text that can be read; a read error is the import's to report, when it reads the file. */
async function readAll(text: AsyncIterable<string>, evidence: DateOrderEvidence): Promise<void> {
  try {
    for await (const chunk of text) evidence.push(chunk);
  } catch {
    // The dates read so far are the evidence there is.
  }
}

export interface TimeOptions {
  /** An IANA zone, validated where the options entered (isTimeZone). */
  zone?: string;
  dateOrder?: DateOrder;
}

export interface FileTimes {
  settings: TimeSettings;
  /** The day/month decision and its reason, when the file has numeric dates or an order was given. */
  dateOrderNote?: string;
}

/**
 * `head` is the start of the decoded content (all of it when `complete`); `rest` reads the
 * whole decoded content again from the start, when the evidence must come from all of it.
 */
export async function fileTimes(options: TimeOptions, head: string, complete: boolean, again: () => AsyncIterable<string>): Promise<FileTimes> {
  const zone = options.zone === undefined ? {} : { zone: options.zone };
  if (options.dateOrder === undefined && !hasNumericDates([head])) return { settings: zone };
  const evidence = new DateOrderEvidence();
  if (options.dateOrder === undefined) {
    if (complete) evidence.push(head);
    else await readAll(again(), evidence);
    evidence.end();
  }
  const decision = evidence.decide(options.dateOrder);
  if (decision === undefined) return { settings: zone };
  const settings: TimeSettings = decision.order === undefined ? zone : { ...zone, dateOrder: decision.order };
  return { settings, dateOrderNote: decision.reason };
}
