/**
 * The SQL of an evidence import. Each file is one transaction: its evidence row, its events,
 * its rejected records and its custody entry are committed together or not at all, so a case
 * interrupted at any moment holds whole files only and a re-run completes it.
 */
import type { Statement } from 'better-sqlite3';
import type { CaseFileFlush } from './case-file-flush.js';
import type { CaseStore } from './case-store.js';
import { EntraStepLinker, type StepMerge } from './entra-step-link.js';
import { EVENT_COLUMNS, NUMERIC_COLUMNS, type BoundCell } from './event-row.js';

const RAW_INDEX = EVENT_COLUMNS.indexOf('raw');

export interface NewEvidence {
  /** Path as given; for an archive member, its path inside the archive. */
  path: string;
  sha256: string;
  size: number;
  format: string | null;
  container: string | null;
  compression: string | null;
  parentId: number | null;
  /** The zone zone-less times were read in (`--tz`), the day/month order of numeric dates, the SIEM re-export read through. */
  timeZone?: string;
  dateOrder?: string;
  reexport?: string;
}

export interface KnownEvidence {
  id: number;
  path: string;
  format: string | null;
  container: string | null;
  events: number;
}

export interface FileCounts {
  records: number;
  events: number;
  duplicates: number;
  rejected: number;
}

export interface StoredIssue {
  line?: number;
  record?: number;
  message: string;
}

/**
 * Page cache of the import connection (SQLite default: 2 MiB). Each event lands on a random
 * page of the dedup index and on its user's page of the covering index (migration 8), so the
 * pages being written grow with the case and its users; past the cache they are re-read from
 * and re-written to the WAL for every event. A 2 GB Okta file (1.1 M events, 5,000 users) at
 * load average ~2: 32 MiB took 45-48 s with 25-28 s of system time, 48 MiB 41-46 s with 21-24 s,
 * both peaking at 367-385 MB RSS; 64 MiB peaked at 417 MB, past the 400 MB the import must stay under.
 */
const IMPORT_CACHE_KIB = 48 * 1024;

/**
 * While the indexes dropped for a bulk file are built again, SQLite's sorter sorts runs of
 * about the page cache's size, each in a helper thread, then merges them: small runs keep both
 * cores busy (the parse thread is done by then). Building the covering index over 277k events
 * took 0.61 s with the import's cache and no helper, 0.32 s with 4 MiB runs and 2 threads.
 */
const REBUILD_CACHE_KIB = 4 * 1024;
const REBUILD_THREADS = 2;

export interface BulkSettings {
  /** A file at least this large is written in bulk (see `beginFile`). */
  bulkMinBytes: number;
  /** No other connection uses the case meanwhile: a bulk file may then leave the WAL (see `beginFile`). */
  exclusive: boolean;
  /** Flushes the case file to disk while a bulk file's indexes are rebuilt, when it could be opened. */
  flush: CaseFileFlush | null;
}

/** What `beginFile` changed for a bulk file, to be undone when the file ends. */
interface BulkFile {
  /** The CREATE statements of the events indexes dropped for the file (if any), rebuilt before it commits. */
  indexes: string[];
  /** Whether the case was switched from WAL to a rollback journal for the file. */
  journal: boolean;
}

export class ImportWriter {
  private readonly insertStatement: Statement;
  private readonly insertRaw: Statement;
  private readonly insertIssue: Statement;
  private readonly byKey: Statement;
  private readonly insertEvidence: Statement;
  private readonly updateCounts: Statement;
  private readonly bySha: Statement;
  private readonly bySize: Statement;
  private readonly setShaStatement: Statement;
  private readonly begin: Statement;
  private readonly commit: Statement;
  private readonly rollback: Statement;
  private readonly evidenceBytes: Statement;
  private readonly eventIndexes: Statement;
  private bulkFile: BulkFile | null = null;
  private readonly beginExclusive: Statement;

  private stepLinker: EntraStepLinker | undefined;

  constructor(
    private readonly store: CaseStore,
    private readonly actor: string,
    private readonly settings: BulkSettings,
  ) {
    const db = store.db;
    db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
    // This connection writes both ends of every reference it makes (a file's evidence row and
    // its events, an event and its record) in the same transaction, so SQLite's checks would
    // only look up rows it has just written: about 0.8 µs per event, a tenth of its insert.
    // Tests check the references of imported cases, and so does `verify-case`.
    db.pragma('foreign_keys = OFF');
    const stored = EVENT_COLUMNS.filter((c) => c !== 'raw');
    const columns = stored.join(', ');
    // Text may arrive as UTF-8 bytes (see forEachRow): stored as the text it is.
    const params = stored.map((c) => (NUMERIC_COLUMNS.has(c) || c === 'evidence_id' || c === 'dedup_key' ? '?' : 'CAST(? AS TEXT)')).join(', ');
    // A record arriving as UTF-8 bytes is bound as such and stored as the text it is.
    this.insertRaw = db.prepare('INSERT INTO event_raw (event_id, raw) VALUES (?, CAST(? AS TEXT))');
    // A key already in the case is a duplicate: nothing is written and `changes` is 0.
    this.insertStatement = db.prepare(`INSERT INTO events (${columns}) VALUES (${params}) ON CONFLICT (dedup_key) DO NOTHING`);
    this.byKey = db.prepare('SELECT time, vendor_event FROM events WHERE dedup_key = ?');
    this.insertIssue = db.prepare('INSERT INTO evidence_errors (evidence_id, line, record, message) VALUES (?, ?, ?, ?)');
    this.insertEvidence = db.prepare(
      `INSERT INTO evidence (path, sha256, size, format, container, compression, parent_id, imported_at, time_zone, date_order, reexport)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateCounts = db.prepare('UPDATE evidence SET records = ?, events = ?, duplicates = ?, rejected = ? WHERE id = ?');
    this.bySha = db.prepare('SELECT id, path, format, container, events FROM evidence WHERE sha256 = ? ORDER BY id LIMIT 1');
    this.bySize = db.prepare('SELECT 1 FROM evidence WHERE size = ? LIMIT 1');
    this.setShaStatement = db.prepare('UPDATE evidence SET sha256 = ? WHERE id = ?');
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.beginExclusive = db.prepare('BEGIN EXCLUSIVE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    // Archives count through their members; an archive's own row has no format.
    this.evidenceBytes = db.prepare('SELECT total(size) AS bytes FROM evidence WHERE format IS NOT NULL');
    // The automatic index of the dedup key has no SQL and must stay: inserts consult it.
    this.eventIndexes = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL ORDER BY name");
  }

  /** The evidence already in the case with these bytes, if any. */
  findBySha(sha256: string): KnownEvidence | undefined {
    return this.bySha.get(sha256) as KnownEvidence | undefined;
  }

  /** Whether any evidence in the case has this size: only then can a file of it be in the case already. */
  holdsSize(size: number): boolean {
    return this.bySize.get(size) !== undefined;
  }

  /** The SHA-256 of the open file, once it has been read whole (see content.ts). */
  setSha(evidenceId: number, sha256: string): void {
    this.setShaStatement.run(sha256, evidenceId);
  }

  /**
   * The evidence row of an archive, created (with its custody entry) when the case has none;
   * `parent` is the archive holding it, for an archive inside an archive. It is committed at
   * once: its members are committed one by one after it.
   */
  archive(path: string, sha256: string, size: number, parent?: { path: string; evidenceId: number }): { id: number; known: boolean } {
    const known = this.findBySha(sha256);
    if (known !== undefined) return { id: known.id, known: true };
    const detail = { path, ...(parent === undefined ? {} : { archive: parent.path, archiveEvidenceId: parent.evidenceId }), sha256, size };
    const id = this.store.change(this.actor, 'evidence/archive', detail, () =>
      Number(this.insertEvidence.run(path, sha256, size, null, 'zip', null, parent?.evidenceId ?? null, Date.now(), null, null, null).lastInsertRowid),
    );
    return { id, known: false };
  }

  /**
   * Open the file's transaction and create its evidence row; returns the row's id.
   *
   * A large file is written in bulk, without weakening the one-transaction-per-file guarantee.
   * Writing 277k Okta events alone took 5.7 s event by event through the WAL, 4.1 s with a
   * rollback journal, and 2.9 s plus 0.3 s of index building with both of these:
   * - Going into a case that holds less than it, the events table's indexes are dropped inside
   *   the transaction and built again, sorted in one pass, just before it commits: far cheaper
   *   than inserting each event into them in random order. Into a larger case, rebuilding
   *   them whole would cost more than it saves. Killed before the commit, the case still has
   *   them: the drop is rolled back.
   * - When the import has the case to itself (`exclusive`: the CLI, the app's first import), the
   *   file is written with a rollback journal instead of the WAL, under an exclusive lock. Pages are then written
   *   once, into the case file, where WAL mode writes them to the log and copies them into the
   *   file again at the checkpoint. A process killed mid-file leaves a hot journal, rolled back
   *   when the case is next opened (CaseStore); another process opening the case meanwhile is
   *   told it is busy. The case returns to WAL mode as soon as the file ends.
   */
  beginFile(e: NewEvidence): number {
    const large = e.size >= this.settings.bulkMinBytes;
    const rebuild = large && e.size > (this.evidenceBytes.get() as { bytes: number }).bytes;
    const journal = large && this.settings.exclusive && this.leaveWal();
    if (rebuild || journal) this.bulkFile = { indexes: [], journal };
    try {
      (journal ? this.beginExclusive : this.begin).run();
      this.store.refuseOutsideChanges();
      for (const index of rebuild ? (this.eventIndexes.all() as { name: string; sql: string }[]) : []) {
        this.store.db.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
        this.bulkFile?.indexes.push(index.sql);
      }
      return Number(
        this.insertEvidence.run(e.path, e.sha256, e.size, e.format, e.container, e.compression, e.parentId, Date.now(), e.timeZone ?? null, e.dateOrder ?? null, e.reexport ?? null)
          .lastInsertRowid,
      );
    } catch (err) {
      this.rollbackFile();
      throw err;
    }
  }

  /**
   * Add one event: `row` holds its parsed cells (see EVENT_COLUMNS; its `raw` cell is not
   * read), `raw` the verbatim record, `key` its dedup key. Returns false when an event with
   * that key is already in the case (a duplicate).
   */
  insertEvent(evidenceId: number, row: BoundCell[], raw: string | Uint8Array, key: Buffer): boolean {
    // The stored columns are the parsed ones without `raw`, then evidence_id and dedup_key:
    // the raw cell's slot takes the evidence id. The record goes to its own table (migration 4).
    const params: BoundCell[] = row;
    params[RAW_INDEX] = evidenceId;
    params.push(key);
    // Spread, not an array: better-sqlite3 reads an array's elements one generic property
    // lookup at a time, call arguments directly (0.85 µs less per event, 18% of the insert).
    const result = this.insertStatement.run(...params);
    params.length -= 1;
    if (result.changes !== 1) return false;
    this.insertRaw.run(result.lastInsertRowid, raw);
    return true;
  }

  /** The time and event name of the event stored under dedup key `key`, if any. */
  storedUnderKey(key: Buffer): { time: number; vendorEvent: string } | undefined {
    const row = this.byKey.get(key) as { time: number; vendor_event: string } | undefined;
    return row === undefined ? undefined : { time: row.time, vendorEvent: row.vendor_event };
  }

  insertIssues(evidenceId: number, issues: readonly StoredIssue[]): void {
    for (const issue of issues) this.insertIssue.run(evidenceId, issue.line ?? null, issue.record ?? null, issue.message);
  }

  /** Join the Entra authentication steps in the case to their sign-ins, inside the open file's transaction (see entra-step-link.ts). */
  linkEntraSteps(merge: StepMerge): number {
    this.stepLinker ??= new EntraStepLinker(this.store.db);
    return this.stepLinker.link(merge);
  }

  /** Record the file's counts and its custody entry, and commit. */
  commitFile(evidenceId: number, counts: FileCounts, detail: Record<string, unknown>): void {
    if (this.bulkFile?.journal === true) this.settings.flush?.start();
    if (this.bulkFile !== null && this.bulkFile.indexes.length > 0) this.rebuild(this.bulkFile.indexes);
    this.store.change(this.actor, 'evidence/import', detail, () => {
      this.updateCounts.run(counts.records, counts.events, counts.duplicates, counts.rejected, evidenceId);
    });
    this.commit.run();
    this.endBulk();
  }

  /** Drop the open file's transaction, if any: the case is as it was before the file. */
  rollbackFile(): void {
    if (this.store.db.inTransaction) this.rollback.run();
    this.endBulk();
  }

  private rebuild(indexes: readonly string[]): void {
    const db = this.store.db;
    db.pragma(`threads = ${REBUILD_THREADS}`);
    db.pragma(`cache_size = -${REBUILD_CACHE_KIB}`);
    try {
      for (const sql of indexes) db.exec(sql);
    } finally {
      db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
      db.pragma('threads = 0');
    }
  }

  /** Switch the case to a rollback journal; false when another connection holds it in WAL mode. */
  private leaveWal(): boolean {
    const db = this.store.db;
    const wait = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma('busy_timeout = 0');
    try {
      return db.pragma('journal_mode = DELETE', { simple: true }) === 'delete';
    } catch {
      // SQLITE_BUSY: another connection has the case open, and it keeps the WAL.
      return false;
    } finally {
      db.pragma(`busy_timeout = ${wait}`);
    }
  }

  private endBulk(): void {
    const journal = this.bulkFile?.journal === true;
    this.bulkFile = null;
    if (!journal) return;
    try {
      this.store.db.pragma('journal_mode = WAL');
    } catch {
      // Another process is opening the case this very moment (it is told the case is busy).
      // The file is committed either way; the case returns to WAL at its next read-write open
      // (CaseStore sets it on every one), and until then works with the rollback journal.
    }
  }

  /** The custody entry that closes an import run. */
  recordRun(action: string, detail: Record<string, unknown>): void {
    this.store.change(this.actor, action, detail, () => undefined);
  }

  /** Fold the write-ahead log back into the case file, so the file alone is the whole case. */
  checkpoint(): void {
    this.store.db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
