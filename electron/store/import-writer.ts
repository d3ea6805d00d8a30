/**
 * The SQL of an evidence import. Each file is one transaction: its evidence row, its events,
 * its rejected records and its custody entry are committed together or not at all, so a case
 * interrupted at any moment holds whole files only and a re-run completes it.
 */
import type { Statement } from 'better-sqlite3';
import type { CaseStore } from './case-store.js';
import { EVENT_COLUMNS, type Cell } from './event-row.js';

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

export class ImportWriter {
  private readonly insertStatement: Statement;
  private readonly insertRaw: Statement;
  private readonly insertIssue: Statement;
  private readonly insertEvidence: Statement;
  private readonly updateCounts: Statement;
  private readonly bySha: Statement;
  private readonly bySize: Statement;
  private readonly setShaStatement: Statement;
  private readonly begin: Statement;
  private readonly commit: Statement;
  private readonly rollback: Statement;

  constructor(
    private readonly store: CaseStore,
    private readonly actor: string,
  ) {
    const db = store.db;
    db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
    const stored = EVENT_COLUMNS.filter((c) => c !== 'raw');
    const columns = stored.join(', ');
    const params = stored.map(() => '?').join(', ');
    this.insertRaw = db.prepare('INSERT INTO event_raw (event_id, raw) VALUES (?, ?)');
    // A key already in the case is a duplicate: nothing is written and `changes` is 0.
    this.insertStatement = db.prepare(`INSERT INTO events (${columns}) VALUES (${params}) ON CONFLICT (dedup_key) DO NOTHING`);
    this.insertIssue = db.prepare('INSERT INTO evidence_errors (evidence_id, line, record, message) VALUES (?, ?, ?, ?)');
    this.insertEvidence = db.prepare(
      `INSERT INTO evidence (path, sha256, size, format, container, compression, parent_id, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateCounts = db.prepare('UPDATE evidence SET records = ?, events = ?, duplicates = ?, rejected = ? WHERE id = ?');
    this.bySha = db.prepare('SELECT id, path, format, container, events FROM evidence WHERE sha256 = ? ORDER BY id LIMIT 1');
    this.bySize = db.prepare('SELECT 1 FROM evidence WHERE size = ? LIMIT 1');
    this.setShaStatement = db.prepare('UPDATE evidence SET sha256 = ? WHERE id = ?');
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
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
      Number(this.insertEvidence.run(path, sha256, size, null, 'zip', null, parent?.evidenceId ?? null, Date.now()).lastInsertRowid),
    );
    return { id, known: false };
  }

  /** Open the file's transaction and create its evidence row; returns the row's id. */
  beginFile(e: NewEvidence): number {
    this.begin.run();
    return Number(
      this.insertEvidence.run(e.path, e.sha256, e.size, e.format, e.container, e.compression, e.parentId, Date.now()).lastInsertRowid,
    );
  }

  /**
   * Add one event: `row` holds its parsed cells (see EVENT_COLUMNS), `key` its dedup key.
   * Returns false when an event with that key is already in the case (a duplicate).
   */
  insertEvent(evidenceId: number, row: Cell[], key: Buffer): boolean {
    // The verbatim record is the last parsed cell; it goes to its own table (migration 4).
    const params: (Cell | Buffer)[] = row;
    const raw = params[RAW_INDEX];
    params[RAW_INDEX] = evidenceId;
    params.push(key);
    const result = this.insertStatement.run(params);
    params.length -= 1;
    params[RAW_INDEX] = raw;
    if (result.changes !== 1) return false;
    this.insertRaw.run(result.lastInsertRowid, raw);
    return true;
  }

  insertIssues(evidenceId: number, issues: readonly StoredIssue[]): void {
    for (const issue of issues) this.insertIssue.run(evidenceId, issue.line ?? null, issue.record ?? null, issue.message);
  }

  /** Record the file's counts and its custody entry, and commit. */
  commitFile(evidenceId: number, counts: FileCounts, detail: Record<string, unknown>): void {
    this.store.change(this.actor, 'evidence/import', detail, () => {
      this.updateCounts.run(counts.records, counts.events, counts.duplicates, counts.rejected, evidenceId);
    });
    this.commit.run();
  }

  /** Drop the open file's transaction, if any: the case is as it was before the file. */
  rollbackFile(): void {
    if (this.store.db.inTransaction) this.rollback.run();
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
