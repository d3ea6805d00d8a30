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
  ) {}

  private parseOne(record: SourceRecord, out: Parsed[]): void {
    const events = this.parser.parse(record, this.ctx);
    for (const event of events) {
      const problem = eventProblem(event);
      if (problem !== undefined) throw new RecordError(`the ${this.parser.id} parser produced an event that cannot be stored: ${problem}`);
    }
    events.forEach((event, index) => out.push({ event, record, index }));
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
        if (this.json) for (const inner of expandRecord(record)) this.parseOne(inner, parsed);
        else this.parseOne(record, parsed);
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
