/**
 * The container readers: push-style, synchronous parsers that turn decoded text into
 * `SourceRecord`s without holding more than one record (plus one input chunk) in memory.
 * Each problem with part of the input is reported with its line and the reader goes on.
 */
import type { SourceRecord } from '../parser.js';

/** How a file's records are laid out. */
export const CONTAINER_KINDS = ['json', 'ndjson', 'csv', 'text', 'parquet'] as const;
export type ContainerKind = (typeof CONTAINER_KINDS)[number];

/** Containers whose records are JSON values (Parquet rows arrive as JSON objects). */
export function holdsJson(container: ContainerKind): boolean {
  return container === 'json' || container === 'ndjson' || container === 'parquet';
}

/** A record that could not be read, or a problem with part of the file. */
export interface ReadIssue {
  line?: number;
  record?: number;
  message: string;
}

/** Where a reader delivers what it finds, in file order. */
export interface RecordSink {
  record(record: SourceRecord): void;
  issue(issue: ReadIssue): void;
}

export interface ContainerReader {
  /** Feed the next piece of decoded text. */
  push(text: string): void;
  /** The input has ended: deliver what is left and report an unfinished record. */
  end(): void;
}

export interface ReaderOptions {
  /** Longest record (or line) accepted, in UTF-16 code units; longer ones are reported and skipped. */
  maxRecordChars: number;
  /**
   * JSON containers: parse each record (default), or hand over its text only, to be parsed
   * later with `withJsonValue` (possibly on another thread).
   */
  parseJson?: boolean;
}

/** 1 Mi characters: larger than any single log record seen in the wild, small enough to bound memory. */
export const DEFAULT_MAX_RECORD_CHARS = 1024 * 1024;

export function describeJsonError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
