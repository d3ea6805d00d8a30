/**
 * The re-export shapes, tried in this order on a file's first records; the first that most of
 * them have is unwrapped for every record of the file. A file of the vendor's own records
 * matches none and is read with no unwrapping at all.
 */
import type { SourceRecord } from '../parser.js';
import { mostRecordsMatch } from '../vendors/sniff.js';
import { elasticHits } from './elastic.js';
import { logAnalytics } from './log-analytics.js';
import { originalColumn } from './original-column.js';
import { splunkExport } from './splunk.js';
import type { Reexport, ReexportId } from './types.js';

export type { Reexport, ReexportId } from './types.js';

const REEXPORTS: readonly Reexport[] = [splunkExport, elasticHits, logAnalytics, originalColumn];

/** The re-export shape of a file's first records, or undefined when they are the vendor's own. */
export function reexportOf(sample: readonly SourceRecord[]): Reexport | undefined {
  return REEXPORTS.find((r) => mostRecordsMatch(sample, (record) => r.matches(record.value)));
}

export function reexportById(id: ReexportId): Reexport {
  const found = REEXPORTS.find((r) => r.id === id);
  if (found === undefined) throw new Error(`unknown re-export shape ${id}`);
  return found;
}
