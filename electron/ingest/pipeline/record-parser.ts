/**
 * Records to events, on either thread of an import: JSON text parsed where the reader left it
 * unparsed, wrapped records unwrapped, each record read by the parser of its own kind, places
 * looked up offline. A record the parser rejects costs that record only, with its line and
 * the parser's reason.
 *
 * A file may mix kinds of record, so each is recognised on its own, cheaply: a record whose
 * family field names its kind (see families.ts) goes where that says; any other is read by
 * the parser of the record before it, and only when that parser rejects it is the record
 * classified again (a record of another vendor lacks the fields its time is read from, so the
 * wrong parser throws). A record no parser recognises keeps the first parser's reason.
 */
import type { ImportRecordKind } from '../../../shared/api/jobs.js';
import type { AuthEvent } from '../../../shared/model/event.js';
import { eventProblem } from '../../store/event-row.js';
import { withJsonValue } from '../containers/json-value.js';
import { holdsJson, type ContainerKind, type ReadIssue } from '../containers/types.js';
import { expandRecord } from '../containers/expand.js';
import type { GeoEnricher } from '../geo/geo.js';
import { NotAuthentication, RecordError, type ParseContext, type SourceRecord, type VendorParser } from '../parser.js';
import type { Reexport } from '../reexport/index.js';
import { NO_TIME_SETTINGS } from '../time/timestamp.js';
import { KindFinder, KindTally, type ParserKind } from '../recognition/classify.js';
import { PARSER_LIST } from '../recognition/formats.js';
import { unrecognisedRecord } from '../recognition/shapes.js';

export interface Parsed {
  event: AuthEvent;
  record: SourceRecord;
  index: number;
}

export interface RecordParserOptions {
  /** The parsers a record may be read by (those of the file's container), in recognition order. */
  parsers: readonly VendorParser[];
  /** `--format`: every record is read by this parser, none is classified. */
  forced?: VendorParser;
  ctx: ParseContext;
  /** A JSON container: records may still be text, and may wrap other records. */
  json: boolean;
  geo: GeoEnricher;
  /** The SIEM re-export the file's records come in, unwrapped before parsing; none for a vendor's own file. */
  reexport?: Reexport;
}

/** The options of a file's parser: the parsers of its container's records, or the forced one only. */
export function recordParserOptions(container: ContainerKind, forced: VendorParser | null, ctx: ParseContext, geo: GeoEnricher, reexport?: Reexport): RecordParserOptions {
  return {
    parsers: forced === null ? PARSER_LIST : [forced],
    ...(forced === null ? {} : { forced }),
    ctx,
    json: holdsJson(container),
    geo,
    ...(reexport === undefined ? {} : { reexport }),
  };
}

export class RecordParser {
  private readonly finder: KindFinder;
  private readonly tally = new KindTally();
  /** The parser of the last record read, as its own kind. */
  private last: ParserKind | null;

  constructor(private readonly options: RecordParserOptions) {
    this.finder = new KindFinder(options.parsers);
    this.last = options.forced === undefined ? null : this.finder.ofParser(options.forced);
  }

  /** Counts per kind since the last call. */
  takeKinds(): ImportRecordKind[] {
    return this.tally.size === 0 ? [] : this.tally.take();
  }

  /**
   * Read `record` as `kind`, adding its events to `out` as those of `stored` (the file's own
   * record: a re-export row keeps its events) numbered from `first`; throws a RecordError
   * (uncounted) when the parser rejects it. A record the parser says carries no authentication
   * meaning is counted as skipped.
   */
  private readAs(kind: ParserKind, record: SourceRecord, stored: SourceRecord, first: number, out: Parsed[]): number {
    const parser = kind.parser;
    let events: AuthEvent[];
    try {
      events = parser.parse(record, this.options.ctx);
      for (const event of events) {
        const problem = eventProblem(event);
        if (problem !== undefined) throw new RecordError(`the ${parser.id} parser produced an event that cannot be stored: ${problem}`);
      }
    } catch (err) {
      if (err instanceof NotAuthentication) {
        this.tally.skipped(kind);
        return 0;
      }
      throw err instanceof RecordError ? err : new RecordError(`the ${parser.id} parser failed on this record: ${(err as Error).message ?? String(err)}`);
    }
    this.tally.read(kind, events.length);
    events.forEach((event, index) => out.push({ event, record: stored, index: first + index }));
    return events.length;
  }

  /** `readAs`, counting a rejection against the kind. */
  private readCounted(kind: ParserKind, record: SourceRecord, stored: SourceRecord, first: number, out: Parsed[]): number {
    try {
      return this.readAs(kind, record, stored, first, out);
    } catch (err) {
      this.tally.rejected(kind);
      throw err;
    }
  }

  /** Classify `record` and read it by the parser of its kind; see `readAs` for `stored` and `first`. */
  private parseOne(record: SourceRecord, stored: SourceRecord, first: number, out: Parsed[]): number {
    const forced = this.options.forced !== undefined;
    const family = forced ? undefined : this.finder.family(record);
    if (family?.parser === null) {
      this.tally.skipped(family);
      return 0;
    }
    if (family !== undefined) {
      // Records after it without a family field are of the parser's own kind, not of this category.
      this.last = this.finder.ofParser(family.parser);
      return this.readCounted(family, record, stored, first, out);
    }
    const last = this.last;
    if (last === null) {
      const parser = this.finder.recognising(record);
      if (parser === undefined) throw new RecordError(unrecognisedRecord(record, this.options.parsers, this.options.json ? 'field' : 'column'));
      return this.readCounted((this.last = this.finder.ofParser(parser)), record, stored, first, out);
    }
    try {
      return this.readAs(last, record, stored, first, out);
    } catch (err) {
      const other = forced ? undefined : this.finder.recognising(record, last.parser);
      if (other === undefined) {
        this.tally.rejected(last);
        throw err;
      }
      return this.readCounted((this.last = this.finder.ofParser(other)), record, stored, first, out);
    }
  }

  /** Unwrap (re-exports) and expand (wrapped records) one record and read what is inside. */
  private parseRecord(record: SourceRecord, out: Parsed[]): void {
    const reexport = this.options.reexport;
    if (reexport === undefined) {
      if (!this.options.json) this.parseOne(record, record, 0, out);
      else for (const inner of expandRecord(record)) this.parseOne(inner, inner, 0, out);
      return;
    }
    // Every event keeps the re-export row as it stands in the file, numbered within it.
    let count = 0;
    for (const unit of reexport.unwrap(record, this.options.ctx.time ?? NO_TIME_SETTINGS)) {
      for (const inner of unit.value === undefined ? [unit] : expandRecord(unit)) count += this.parseOne(inner, record, count, out);
    }
  }

  /** Normalise `records`; each rejected one is added to `issues`. */
  async parse(records: readonly SourceRecord[], issues: ReadIssue[]): Promise<Parsed[]> {
    const parsed: Parsed[] = [];
    const json = this.options.json;
    for (let record of records) {
      if (json && record.value === undefined) {
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
        const message = err instanceof RecordError ? err.message : `the record could not be read: ${(err as Error).message ?? String(err)}`;
        issues.push(record.line === undefined ? { record: record.record, message } : { line: record.line, record: record.record, message });
      }
    }
    await this.options.geo.enrich(parsed.map((p) => p.event));
    return parsed;
  }
}
