/**
 * Records to events, on either thread of an import: JSON text parsed where the reader left it
 * unparsed, wrapped records unwrapped, each record normalised by the vendor parser, places
 * looked up offline. A record the parser rejects costs that record only, with its line and
 * the parser's reason.
 */
import type { AuthEvent } from '../../../shared/model/event.js';
import { eventProblem } from '../../store/event-row.js';
import { withJsonValue } from '../containers/json-value.js';
import type { ReadIssue } from '../containers/types.js';
import { expandRecord } from '../containers/expand.js';
import type { GeoEnricher } from '../geo/geo.js';
import { RecordError, type ParseContext, type SourceRecord, type VendorParser } from '../parser.js';
import type { Reexport } from '../reexport/index.js';
import { NO_TIME_SETTINGS } from '../time/timestamp.js';

export interface Parsed {
  event: AuthEvent;
  record: SourceRecord;
  index: number;
}

export class RecordParser {
  constructor(
    private readonly parser: VendorParser,
    private readonly ctx: ParseContext,
    /** A JSON container: records may still be text, and may wrap other records. */
    private readonly json: boolean,
    private readonly geo: GeoEnricher,
    /** The SIEM re-export the file's records come in, unwrapped before parsing; none for a vendor's own file. */
    private readonly reexport?: Reexport,
  ) {}

  /** Parse `inner`; its events are stored as `stored` (the file's own record) and numbered from `first`. */
  private parseOne(inner: SourceRecord, stored: SourceRecord, first: number, out: Parsed[]): number {
    const events = this.parser.parse(inner, this.ctx);
    for (const event of events) {
      const problem = eventProblem(event);
      if (problem !== undefined) throw new RecordError(`the ${this.parser.id} parser produced an event that cannot be stored: ${problem}`);
    }
    events.forEach((event, index) => out.push({ event, record: stored, index: first + index }));
    return events.length;
  }

  /** Unwrap (re-exports) and expand (wrapped records) one record and parse what is inside. */
  private parseRecord(record: SourceRecord, out: Parsed[]): void {
    if (this.reexport === undefined) {
      if (!this.json) this.parseOne(record, record, 0, out);
      else for (const inner of expandRecord(record)) this.parseOne(inner, inner, 0, out);
      return;
    }
    // Every event keeps the re-export row as it stands in the file, numbered within it.
    let count = 0;
    for (const unit of this.reexport.unwrap(record, this.ctx.time ?? NO_TIME_SETTINGS)) {
      for (const inner of unit.value === undefined ? [unit] : expandRecord(unit)) count += this.parseOne(inner, record, count, out);
    }
  }

  /** Normalise `records`; each rejected one is added to `issues`. */
  async parse(records: readonly SourceRecord[], issues: ReadIssue[]): Promise<Parsed[]> {
    const parsed: Parsed[] = [];
    for (let record of records) {
      if (this.json && record.value === undefined) {
        const read = withJsonValue(record);
        if ('issue' in read) {
          issues.push(read.issue);
          continue;
        }
        record = read.record;
      }
      const before = parsed.length;
      try {
        this.parseRecord(record, parsed);
      } catch (err) {
        parsed.length = before;
        const message = err instanceof RecordError ? err.message : `the ${this.parser.id} parser failed on this record: ${(err as Error).message ?? String(err)}`;
        issues.push(record.line === undefined ? { record: record.record, message } : { line: record.line, record: record.record, message });
      }
    }
    await this.geo.enrich(parsed.map((p) => p.event));
    return parsed;
  }
}
