/**
 * Events as OCSF Authentication (class 3002) in NDJSON: one JSON object per line, in time
 * order, mapped by `toOcsf` (shared/export/ocsf.ts), for a SIEM or data lake.
 */
import { toOcsf } from '../../shared/export/ocsf.js';
import type { ExportEvent } from '../store/report-queries.js';
import type { OutputFile } from './output-file.js';

/** Write one line per event; returns the number of lines. */
export function writeOcsf(rows: Iterable<ExportEvent>, out: OutputFile): number {
  let n = 0;
  for (const { event } of rows) {
    out.write(`${JSON.stringify(toOcsf(event))}\n`);
    n++;
  }
  return n;
}
