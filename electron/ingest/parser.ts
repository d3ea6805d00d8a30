/**
 * What every vendor module provides. The container readers (folder, zip, gz; JSON array,
 * NDJSON, CSV, text lines) turn a file into `SourceRecord`s; each record's kind is recognised
 * from its content; the vendor module of that kind turns the record into events.
 */
import type { AuthEvent } from '../../shared/model/event.js';
import type { TimeSettings } from './time/timestamp.js';

/** Format ids (`--format <id>`, the evidence table, reports): the contract's list, one source of truth. */
import type { ImportFormat } from '../../shared/api/jobs.js';
export { IMPORT_FORMATS as FORMAT_IDS } from '../../shared/api/jobs.js';
export type FormatId = ImportFormat;

/** One record read from a file, before any vendor meaning is given to it. */
export interface SourceRecord {
  /** 1-based record number within the file. */
  record: number;
  /** 1-based line where the record starts, where the container has lines. */
  line?: number;
  /** The record exactly as it stands in the file (a JSON text, a CSV row, a syslog line). */
  text: string;
  /**
   * The parsed value: a JSON object for JSON containers, an object of column name to cell
   * text for CSV, undefined for plain text lines.
   */
  value?: unknown;
}

export interface ParseContext {
  /** Name of the file being read, for messages. */
  fileName: string;
  /**
   * Year of timestamps that carry none (classic syslog), when the analyst gave it (`--year`).
   * A parser must not guess a year any other way than this or `fileTime`.
   */
  year?: number;
  /**
   * Without `year`: when the file was last modified (UTC ms). A timestamp without a year then
   * takes the latest year that does not put it after this time (see syslog-line.ts).
   */
  fileTime?: number;
  /** Zone of zone-less local times and day/month order of numeric dates (see time/timestamp.ts). */
  time?: TimeSettings;
}

/** Thrown by a parser for a record it must reject; the importer reports it with file and line. */
export class RecordError extends Error {
  override readonly name = 'RecordError';
}

/**
 * Thrown by a parser for a record of its own format whose kind carries no authentication
 * meaning (a Duo activity record of a policy change, say), where the record's content, not a
 * family field, decides that: the importer counts it as skipped under the parser's kind, never
 * as an error.
 */
export class NotAuthentication extends Error {
  override readonly name = 'NotAuthentication';
}

export interface VendorParser {
  id: FormatId;
  /** Human title, e.g. "Okta System Log". */
  title: string;
  /** What the records of this format are: JSON/CSV objects, or lines of text. */
  input: 'object' | 'text';
  /**
   * Decide whether these records (values for 'object', texts for 'text') are of this format.
   * Recognition is per record (a file may mix kinds): it asks with one record at a time, and a
   * one-record sample must pass exactly when that record is of this format (see
   * recognition/classify.ts). Must be cheap and must not throw.
   */
  sniff(sample: readonly SourceRecord[]): boolean;
  /**
   * Normalise one record into zero or more events. A record of this format with no
   * authentication meaning still yields one event with outcome 'other' and its vendor event
   * name. Throws `RecordError` for a malformed record, and must throw for a record of another
   * format (one without this format's time field, say): the importer then classifies that
   * record again (see pipeline/record-parser.ts). Kinds of record that carry no authentication
   * meaning at all are named in recognition/families.ts and never reach a parser; a parser
   * whose format mixes both throws `NotAuthentication` for the others.
   */
  parse(record: SourceRecord, ctx: ParseContext): AuthEvent[];
}
