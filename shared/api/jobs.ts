/** Long jobs run in worker threads; their progress reaches the UI as push events. */
import type { DetectSummary } from './detection.js';
import type { SearchIndexReport } from './search.js';
import type { ReportFile, ReportRequest } from './report.js';

export interface JobProgress {
  jobId: string;
  kind: JobKind;
  /** Short name of the current phase, e.g. "integrity", "custody chain". */
  phase: string;
  done: number;
  /** 0 when the total is not known yet. */
  total: number;
  unit: 'steps' | 'rows' | 'bytes' | 'records' | 'files';
  message?: string;
  /** The file being worked on (import). */
  file?: string;
  /** Records read from that file so far (import). */
  records?: number;
}

/** A covered table whose rows differ from what the last custody entry sealed. */
export interface TableDifference {
  table: string;
  /** Row keys (the primary key: an id, or [finding, event]), up to 200 of each kind. */
  changed: unknown[];
  added: unknown[];
  removed: unknown[];
  counts: { changed: number; added: number; removed: number };
  /** False when the rows cannot be named (the table is new, or its digest cache was altered too). */
  rowsNamed: boolean;
}

export interface ContentCheck {
  /** The content digest recomputed from the rows. */
  digest: string;
  /** The newest custody entry that sealed a digest, and that digest (null: none did). */
  sealedSeq: number | null;
  sealedDigest: string | null;
  matches: boolean;
  differences: TableDifference[];
  /** Tables the seal covered that the case no longer has. */
  missingTables: string[];
}

/** A key that signed custody entries. */
export interface SigningKey {
  fingerprint: string;
  analyst: string;
  entries: number;
  /** This installation's own key. */
  thisInstallation: boolean;
  /** This installation's key, one given with --trust, or one a given report printed. */
  trusted: boolean;
}

export interface EvidenceCheck {
  dir: string;
  files: number;
  matched: { evidenceId: number; path: string; file: string }[];
  changed: { evidenceId: number; path: string; file: string; recorded: string; actual: string }[];
  missing: { evidenceId: number; path: string; recorded: string }[];
}

export interface DetectionCheck {
  findings: number;
  rerunFindings: number;
  /** What differs between the findings and verdicts the case holds and a fresh run's. */
  differences: string[];
  more: number;
}

export interface ReportCheck {
  file: string;
  /** What the report printed: the digest and the custody entry that sealed it, and the signing keys. */
  digest: string;
  seq: number;
  keys: string[];
  /** The case's entry #seq sealed that same digest. */
  matches: boolean;
  /** Custody entries written after the report's. */
  laterEntries: number;
}

export interface VerifyOptions {
  /** Folder holding the original evidence files, to hash them again. */
  evidenceDir?: string;
  /** A report exported from the case (.pdf, .html, .json), to compare its printed digest. */
  reportFile?: string;
  /** Fingerprints of keys to trust besides this installation's. */
  trust?: string[];
  /** Run detection again and compare the findings (default true). */
  detection?: boolean;
}

export interface VerifyReport {
  ok: boolean;
  /** Lines of `PRAGMA integrity_check`, ["ok"] when healthy. */
  integrity: string[];
  foreignKeyViolations: number;
  custodyEntries: number;
  /** Sequence numbers of custody entries whose hash chain or signature does not verify. */
  custodyBroken: number[];
  keys: SigningKey[];
  events: number;
  /** Events whose evidence file is missing from the case. */
  orphanEvents: number;
  content: ContentCheck;
  evidence: EvidenceCheck | null;
  detection: DetectionCheck | null;
  report: ReportCheck | null;
  /** Every problem found, one line each, naming what differs (empty when ok). */
  problems: string[];
  checkedAt: number;
}

/** Evidence formats the importer reads (`--format <id>`); electron/ingest/recognition/formats.ts maps each to its parser. */
export const IMPORT_FORMATS = [
  'okta',
  'entra-signin',
  'entra-auth-details',
  'entra-audit',
  'm365-audit',
  'duo-auth',
  'duo-admin',
  'duo-telephony',
  'duo-activity',
  'google-workspace',
  'cloudtrail',
  'pingone',
  'pingfederate',
  'journald',
  'syslog',
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export function isImportFormat(value: unknown): value is ImportFormat {
  return typeof value === 'string' && (IMPORT_FORMATS as readonly string[]).includes(value);
}

/** Day/month order of numeric dates (`3/4/2025`): day first, or month first. */
export const DATE_ORDERS = ['dmy', 'mdy'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

/**
 * How far an evidence file may expand when archives and gzip layers inside it are opened: a
 * decompression bomb (a few KB of nested zips that inflate to 100 GB) stops at these limits
 * with an error naming the member, while real exports (logs compress 5-30:1, an export zipped
 * again for transfer is two layers) never reach them.
 */
export interface ExpansionLimits {
  /** Bytes read out of one evidence file and everything inside it. */
  maxExpandedBytes: number;
  /** Expanded bytes per byte of the evidence file as stored (checked past 64 KiB). */
  maxRatio: number;
  /** Archives and gzip layers inside each other, counting the evidence file itself. */
  maxNesting: number;
}

export const DEFAULT_EXPANSION_LIMITS: ExpansionLimits = { maxExpandedBytes: 256 * 1024 ** 3, maxRatio: 2000, maxNesting: 4 };

/** What the analyst asks to import: `import/start` and `pushtrail import`. */
export interface ImportOptions {
  /** Files, folders (read recursively), .zip archives and .gz files. */
  paths: string[];
  /** Skip content detection and read every file as this format. */
  format?: ImportFormat;
  /** Year for timestamps that carry none (classic syslog); default: each file's modification year. */
  year?: number;
  /** IANA zone of timestamps that carry no zone (classic syslog, some CSV exports); default UTC. */
  timeZone?: string;
  /** Day/month order of numeric dates; default: decided from each file (a day over 12), else such dates are rejected. */
  dateOrder?: DateOrder;
  /** An extra MaxMind-format database (city or ASN) consulted before the bundled one. */
  mmdb?: string;
  /** Higher (or lower) limits on archive and gzip expansion than DEFAULT_EXPANSION_LIMITS. */
  expansion?: Partial<ExpansionLimits>;
}

export interface ImportJobArg extends ImportOptions {
  /** The case file to import into. */
  casePath: string;
  /** Who is recorded in the custody log. */
  actor: string;
  /**
   * Nothing else will use the case while the import runs: the CLI's import, and the app's
   * first import into a case (its session closes the case meanwhile). A large file may then
   * be written with a rollback journal, and other processes are told the case is busy until
   * that file is committed. The app's later imports leave it unset: its session reads the
   * case during them.
   */
  exclusive?: boolean;
  /** Lower limits for tests and the benchmark; the defaults suit real imports. */
  tuning?: { maxRecordChars?: number; batchEvents?: number; inFlight?: number; bulkMinBytes?: number };
}

/**
 * What happened to one file:
 * - imported: read; its events are in the case (some records may have been rejected)
 * - already_imported: a file with the same SHA-256 is already in the case; nothing added
 * - archive: a .zip whose members are listed as their own entries
 * - unrecognised: readable, but no importer knows its content (see `reason`)
 * - unreadable: could not be read at all (missing, no permission, damaged archive ...)
 */
export type ImportFileStatus = 'imported' | 'already_imported' | 'archive' | 'unrecognised' | 'unreadable';

/** A rejected record, or a problem with part of a file, with where it is. */
export interface ImportRecordError {
  /** 1-based line where the record starts, where the container has lines. */
  line?: number;
  /** 1-based record number within the file. */
  record?: number;
  message: string;
}

/**
 * The records of one kind found in a file. A file may mix kinds (an Azure Monitor export of
 * several categories, a Duo log-sync file of several logs); each record is read by the
 * parser of its own kind.
 */
export interface ImportRecordKind {
  /** As the summary names it: a format's title, or a category within a family ("SignInLogs (Azure Monitor)"). */
  kind: string;
  /** The format whose parser read these records; null for a kind with no authentication meaning. */
  format: ImportFormat | null;
  records: number;
  /** Events read from them (before duplicates are set aside). */
  events: number;
  /** Records of a known kind that carry no authentication meaning: counted, not read, never errors. */
  skipped: number;
  /** Records of this kind the parser rejected (each listed in the file's errors). */
  rejected: number;
}

export interface ImportFileReport {
  /** The path as given (or found in a folder); for an archive member, the path inside the archive. */
  path: string;
  /** The archive this file was read from, if any; archives inside archives as a chain, outermost first ("a.zip!b.zip"). */
  archive?: string;
  /** SHA-256 of the file's bytes as stored (compressed bytes for a .gz); null when unreadable. */
  sha256: string | null;
  size: number | null;
  format: ImportFormat | null;
  /** How the records were read: 'json', 'ndjson', 'csv', 'text', 'parquet', or 'zip' for an archive. */
  container: string | null;
  compression: 'gzip' | null;
  status: ImportFileStatus;
  /** Why a file was not imported (unrecognised, unreadable, already imported). */
  reason?: string;
  /**
   * Decisions taken in reading the file that the analyst must know of: how syslog timestamps
   * got their year, which day/month order numeric dates were read in and why, the SIEM
   * re-export the records were unwrapped from.
   */
  note?: string;
  /** The SIEM re-export shape the vendor records were read out of (e.g. "Splunk search export"). */
  reexport?: string;
  /** The day/month order numeric dates were read in, when the file had any. */
  dateOrder?: DateOrder;
  /** The zone timestamps without one were read in (`--tz`). */
  timeZone?: string;
  evidenceId?: number;
  /** Records read from the file (the rejected ones included). */
  records: number;
  /** Events added to the case. */
  events: number;
  /** Events already in the case (same vendor id, or same content), not added again. */
  duplicates: number;
  /**
   * Events added although their vendor id was already in the case for an event of another time
   * or event name (a reused or scrubbed id): kept apart by their content, counted in `events`.
   */
  vendorIdClashes: number;
  /** Records that could not be read or normalised; each is listed in `errors` (up to a limit). */
  rejected: number;
  /** Records of known kinds that carry no authentication meaning (see `kinds`); not errors. */
  skipped: number;
  /** Every kind of record found in the file, most records first. */
  kinds: ImportRecordKind[];
  /** The first errors of the file (the case keeps up to 10,000 per file). */
  errors: ImportRecordError[];
  /** Errors not listed in `errors` because of the limit. */
  errorsOmitted: number;
}

export interface ImportTotals {
  /** File entries in the report (archives included). */
  files: number;
  events: number;
  duplicates: number;
  /** Sum of the files' `vendorIdClashes`. */
  vendorIdClashes: number;
  rejected: number;
  /** Records of known kinds without authentication meaning, set aside. */
  skipped: number;
  /** Rejected records plus files that could not be read or recognised. */
  errors: number;
  /** Files that were unreadable or unrecognised. */
  notImported: number;
}

export interface ImportReport {
  files: ImportFileReport[];
  totals: ImportTotals;
}

/** Every job kind with its argument and result. */
export interface JobKinds {
  'case/verify': { arg: { path: string } & VerifyOptions; result: VerifyReport };
  import: { arg: ImportJobArg; result: ImportReport };
  detect: { arg: { casePath: string; actor: string }; result: DetectSummary };
  report: { arg: { casePath: string; actor: string; request: ReportRequest; out: string }; result: ReportFile };
  /** Bring the full-text index up to date with the case's records. */
  'search/index': { arg: { casePath: string; actor: string }; result: SearchIndexReport };
}
export type JobKind = keyof JobKinds;
export const JOB_KINDS: readonly JobKind[] = ['case/verify', 'import', 'detect', 'search/index', 'report'];

export type JobArg<K extends JobKind> = JobKinds[K]['arg'];
export type JobResultOf<K extends JobKind> = JobKinds[K]['result'];
