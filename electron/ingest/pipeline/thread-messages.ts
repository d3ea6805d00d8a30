/**
 * Messages between the import's two threads. The parse thread walks the inputs, hashes,
 * recognises and parses; the writer thread (the job's own worker) owns the case file. Batches
 * flow under a credit scheme (at most `inFlight` unacknowledged), which bounds memory when
 * the writer is the slower of the two.
 */
import type { ApiError } from '../../../shared/api/errors.js';
import type { ImportRecordKind } from '../../../shared/api/jobs.js';
import type { EncodedRows } from '../../store/row-batch.js';
import type { ContainerKind, ReadIssue } from '../containers/types.js';
import type { FormatId } from '../parser.js';
import type { BundledDatabase } from '../geo/geo.js';
import type { UnparsedRecords } from './raw-batch.js';
import type { ReexportId } from '../reexport/index.js';
import type { TimeOptions } from '../time/file-times.js';
import type { TimeSettings } from '../time/timestamp.js';

import type { ExpansionLimits } from '../../../shared/api/jobs.js';

export interface ImportLimits {
  /** Longest record or line accepted, in characters. */
  maxRecordChars: number;
  /** Events per batch handed to the writer. */
  batchEvents: number;
  /** UTF-8 bytes of text per batch, whichever limit comes first. */
  batchBytes: number;
  /** Batches the parse thread may run ahead of the writer. */
  inFlight: number;
  /** Smallest file written in bulk (see ImportWriter.beginFile). */
  bulkMinBytes: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxRecordChars: 1024 * 1024,
  batchEvents: 2000,
  batchBytes: 4 * 1024 * 1024,
  inFlight: 4,
  // Below this the fixed costs of bulk mode (an fsync per commit in rollback-journal mode,
  // building the indexes over the whole case again) outweigh what it saves.
  bulkMinBytes: 64 * 1024 * 1024,
};

export interface ParseWorkerInput {
  paths: string[];
  /** Files never imported: the case file and its journal files. */
  exclude: string[];
  format?: FormatId;
  year?: number;
  time: TimeOptions;
  /** The analyst's MaxMind database, loaded by the writer into shared memory. */
  userGeo: Uint8Array | null;
  limits: ImportLimits;
  expansion: ExpansionLimits;
  /** This import's folder for temporary copies, beside the case (store/case-scratch.ts). */
  scratch: string;
}

/** A file (or archive member) that is about to be imported. */
export interface FileIdentity {
  path: string;
  archive?: { path: string; evidenceId: number };
  /** Absent when the file is hashed as it is imported (see content.ts); `end` then carries it. */
  sha256?: string;
  size: number;
}

/** A file that will not be imported, and why. */
export interface NotImported {
  path: string;
  archive?: string;
  status: 'unrecognised' | 'unreadable';
  reason: string;
  sha256?: string;
  size?: number;
  compression?: 'gzip' | null;
}

/** Rows parsed by the parse thread. */
export interface Batch {
  t: 'batch';
  rows: EncodedRows;
  /** One 16-byte base dedup key per row (see dedup.ts). */
  keys: Uint8Array;
  /** Per row: 1 when its key comes from content and repeats must be counted. */
  counted: Uint8Array;
  issues: ReadIssue[];
  /** Records read (rejected ones included) since the last batch. */
  records: number;
  /** Those records per kind (see RecordParser). */
  kinds: ImportRecordKind[];
  /** Stored bytes read so far in this file. */
  bytes: number;
}

/** Records for the writer thread to parse itself. */
export interface RawBatch {
  t: 'raw';
  records: UnparsedRecords;
  /** Issues the reader found before and among these records. */
  issues: ReadIssue[];
  /** Records read (rejected ones included) since the last batch. */
  recordCount: number;
  /** Records this thread parsed since the last batch, per kind (those in `records` are counted by the writer). */
  kinds: ImportRecordKind[];
  bytes: number;
}

export type ToWriter =
  | { t: 'hashing'; path: string; archive?: string; size: number }
  | { t: 'file'; file: FileIdentity }
  /** An archive about to be opened; `parent` is the archive holding it, if any. */
  | { t: 'archive'; path: string; parent?: { path: string; evidenceId: number }; sha256: string; size: number }
  /**
   * The file's records follow; `format` is that of its first recognised records (null when
   * those were all of kinds without authentication meaning), `forced` says `--format` reads
   * every record; `year` (given) or `fileTime` (its modification time) dates timestamps
   * without a year.
   */
  | {
      t: 'begin';
      format: FormatId | null;
      forced: boolean;
      container: ContainerKind;
      compression: 'gzip' | null;
      year?: number;
      fileTime?: number;
      /** How the file's times are read: the analyst's zone and the day/month order decided for it. */
      time: TimeSettings;
      /** The day/month decision and why, for the summary. */
      dateOrderNote?: string;
      /** The SIEM re-export the records come in. */
      reexport?: ReexportId;
    }
  | Batch
  | RawBatch
  | { t: 'geo-db'; name: BundledDatabase }
  /** Does the case hold evidence of this size (so a file of it may be in the case already)? */
  | { t: 'holds-size'; size: number }
  | { t: 'end'; size: number; unchanged: boolean; sha256?: string }
  | { t: 'abort'; reason: string }
  | { t: 'skip'; file: NotImported }
  | { t: 'done' }
  | { t: 'failed'; error: ApiError };

export type ToParser =
  | { t: 'file-reply'; known: { evidenceId: number; path: string } | null }
  | { t: 'archive-reply'; evidenceId: number; known: boolean }
  | { t: 'geo-db-reply'; bytes: Uint8Array | null }
  | { t: 'holds-size-reply'; holds: boolean }
  | { t: 'ack' };
