/**
 * Recognition of one record: which parser reads it, or that it is of a known kind with no
 * authentication meaning. A file may mix kinds, so every record is classified on its own;
 * what makes that cheap is in RecordParser (the parser of the previous record is tried first,
 * and only a record it rejects is classified again). The parsers' `sniff` is asked of a single
 * record here: a one-record sample passes exactly when that record is of the format.
 */
import type { ImportRecordKind } from '../../../shared/api/jobs.js';
import type { SourceRecord, VendorParser } from '../parser.js';
import { familyKind } from './families.js';
import { parserFor } from './formats.js';

/** A kind of record read by a parser. */
export interface ParserKind {
  name: string;
  parser: VendorParser;
}

/** A kind of record, as the file's summary counts it; `parser: null` for a known kind with no authentication meaning, skipped. */
export type RecordKind = ParserKind | { name: string; parser: null };

/** `parser.sniff` of one record; a throw is a no. */
export function recognises(parser: VendorParser, record: SourceRecord): boolean {
  try {
    return parser.sniff([record]);
  } catch {
    return false;
  }
}

export class KindFinder {
  private readonly families = new Map<string, RecordKind>();
  private readonly byParser = new Map<VendorParser, ParserKind>();
  /** Parsers of objects (JSON, CSV rows) and of text lines: a record is offered to those of its own sort. */
  private readonly objectParsers: readonly VendorParser[];
  private readonly textParsers: readonly VendorParser[];

  constructor(parsers: readonly VendorParser[]) {
    this.objectParsers = parsers.filter((p) => p.input === 'object');
    this.textParsers = parsers.filter((p) => p.input === 'text');
  }

  /**
   * The kind a record's family field names outright (an Azure Monitor category, a Duo
   * `eventtype`), if it has one the table knows. Every record is asked, so this reads a few
   * literal fields only.
   */
  family(record: SourceRecord): RecordKind | undefined {
    const found = familyKind(record.value);
    if (found?.format === undefined) return undefined;
    let kind = this.families.get(found.name);
    if (kind === undefined) {
      kind = found.format === null ? { name: found.name, parser: null } : { name: found.name, parser: parserFor(found.format) };
      this.families.set(found.name, kind);
    }
    return kind;
  }

  /** The kind of a parser's own records. */
  ofParser(parser: VendorParser): ParserKind {
    let kind = this.byParser.get(parser);
    if (kind === undefined) {
      kind = { name: parser.title, parser };
      this.byParser.set(parser, kind);
    }
    return kind;
  }

  /** The first parser, other than `except`, that recognises this record alone. */
  recognising(record: SourceRecord, except?: VendorParser): VendorParser | undefined {
    for (const parser of record.value === undefined ? this.textParsers : this.objectParsers) if (parser !== except && recognises(parser, record)) return parser;
    return undefined;
  }

  /** The record's kind from scratch: its family, else the first parser that recognises it. */
  classify(record: SourceRecord): RecordKind | undefined {
    const family = this.family(record);
    if (family !== undefined) return family;
    const parser = this.recognising(record);
    return parser === undefined ? undefined : this.ofParser(parser);
  }
}

/** Counts per kind, in the order kinds were first met. */
export class KindTally {
  private readonly counts = new Map<string, ImportRecordKind>();

  private entry(kind: RecordKind): ImportRecordKind {
    let entry = this.counts.get(kind.name);
    if (entry === undefined) {
      entry = { kind: kind.name, format: kind.parser?.id ?? null, records: 0, events: 0, skipped: 0, rejected: 0 };
      this.counts.set(kind.name, entry);
    }
    return entry;
  }

  read(kind: RecordKind, events: number): void {
    const entry = this.entry(kind);
    entry.records += 1;
    entry.events += events;
  }

  skipped(kind: RecordKind): void {
    const entry = this.entry(kind);
    entry.records += 1;
    entry.skipped += 1;
  }

  rejected(kind: RecordKind): void {
    const entry = this.entry(kind);
    entry.records += 1;
    entry.rejected += 1;
  }

  get size(): number {
    return this.counts.size;
  }

  /** The counts so far, and start again from nothing (they go to the writer with a batch). */
  take(): ImportRecordKind[] {
    const list = [...this.counts.values()];
    this.counts.clear();
    return list;
  }
}

/** Add `more` into `into`, kind by kind. */
export function mergeKinds(into: ImportRecordKind[], more: readonly ImportRecordKind[]): void {
  for (const m of more) {
    const same = into.find((k) => k.kind === m.kind);
    if (same === undefined) into.push({ ...m });
    else {
      same.records += m.records;
      same.events += m.events;
      same.skipped += m.skipped;
      same.rejected += m.rejected;
    }
  }
}
