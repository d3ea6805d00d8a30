/**
 * A PushTrail case: one SQLite file (WAL). All SQL that touches case metadata, evidence
 * and custody lives here or in the store modules beside it.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Database as Db } from 'better-sqlite3';
import { PushTrailError } from '../../shared/api/errors.js';
import type { EventDetail, EvidenceError } from '../../shared/api/contract.js';
import type { AnalysisState, CaseInfo, CaseMeta, CustodyEntry, EvidenceFile } from '../../shared/model/case.js';
import type { StoredEvent } from '../../shared/model/event.js';
import { TOOL_VERSION } from '../../shared/version.js';
import { assertWritable, createExclusively, isExistsError } from './case-access.js';
import { changedSinceSeal } from './content-digest.js';
import { appendCustody, readCustody } from './custody.js';
import { openForReading } from './read-only-open.js';
import { clearStaleScratch } from './case-scratch.js';
import { readEventDetail, readEvents, readEvidenceErrors } from './events.js';
import { APPLICATION_ID, LATEST_SCHEMA, applyMigrations, pendingMigrations, readApplied } from './migrate.js';
import { openDatabase } from './sqlite-open.js';

export const CASE_EXTENSION = '.pushtrail';

/** The case file's name without its extension: "acme" for acme.pushtrail. */
export function caseStem(casePath: string): string {
  return basename(casePath, CASE_EXTENSION);
}

/** A folder beside the case that belongs to it: reports written in web mode, evidence uploaded there. */
export function caseFolder(casePath: string, kind: 'reports' | 'evidence' | 'hunts'): string {
  return join(dirname(casePath), `${caseStem(casePath)}-${kind}`);
}
/**
 * Page size of new cases. An event row carries its verbatim record (typically 1-3 KB); with
 * SQLite's default 4 KiB pages most pages could hold only one such row and the case file grew
 * to about twice the size of its records. It can only be chosen before the first write.
 */
const PAGE_SIZE = 16384;
const SQLITE_MAGIC = 'SQLite format 3\u0000';

export interface NewCase {
  name: string;
  analyst: string;
  displayTimeZone?: string;
}

interface MetaRow {
  case_id: string;
  name: string;
  analyst: string;
  created_at: number;
  display_tz: string;
}

/** A row of the evidence table. */
export interface EvidenceRow {
  id: number;
  path: string;
  sha256: string;
  size: number;
  format: string | null;
  parent_id: number | null;
  imported_at: number;
  events: number;
  duplicates: number;
  rejected: number;
}

export function toEvidenceFile(r: EvidenceRow): EvidenceFile {
  return {
    id: r.id,
    path: r.path,
    sha256: r.sha256,
    size: r.size,
    format: r.format,
    parentId: r.parent_id,
    importedAt: r.imported_at,
    events: r.events,
    duplicates: r.duplicates,
    rejected: r.rejected,
  };
}

/** The first 100 bytes of the file: SQLite's database header, if it is a database. */
function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(100);
    return buf.subarray(0, readSync(fd, buf, 0, 100, 0));
  } finally {
    closeSync(fd);
  }
}

function isBusy(err: unknown): boolean {
  return typeof (err as { code?: unknown }).code === 'string' && (err as { code: string }).code.startsWith('SQLITE_BUSY');
}

function caseBusy(path: string): PushTrailError {
  return new PushTrailError('case_busy', `${path} is being written by another PushTrail process (an import); open it again when that ends`, { path });
}

/**
 * An import killed while it wrote a file with a rollback journal (ImportWriter.beginFile)
 * leaves a hot journal beside the case. SQLite rolls it back at the next read-write open;
 * until then a read-only connection cannot read the case at all. So it is rolled back here,
 * whatever the case is being opened for, and the case is put back in WAL mode. A journal
 * that belongs to an import still running is not hot, and the case is reported busy.
 */
function rollBackInterruptedImport(path: string): void {
  const journal = `${path}-journal`;
  if (!existsSync(journal) || statSync(journal).size === 0) return;
  const db = openDatabase(path, { fileMustExist: true, timeout: 0 });
  try {
    // Reading is what makes SQLite roll a hot journal back.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    db.pragma('journal_mode = WAL');
  } catch (err) {
    if (isBusy(err)) throw caseBusy(path);
    throw new PushTrailError('corrupt_case', `${path}: an interrupted import could not be rolled back: ${(err as Error).message}`, { path });
  } finally {
    db.close();
  }
}

function configure(db: Db, readOnly: boolean): void {
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  if (!readOnly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
}

/** Read-only look at an existing file: is it a case this version may open, and what is pending? */
function inspectCase(path: string): { pending: ReturnType<typeof pendingMigrations>; header: Buffer } {
  if (!existsSync(path)) throw new PushTrailError('not_found', `No case file at ${path}`, { path });
  if (!statSync(path).isFile()) throw new PushTrailError('bad_input', `${path} is not a file`, { path });
  const header = readHeader(path);
  if (header.length < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new PushTrailError('corrupt_case', `${path} is not a PushTrail case (not an SQLite database)`, { path });
  }
  // Only a case of ours is touched; its application id never changes after creation.
  if (header.readUInt32BE(68) === APPLICATION_ID) rollBackInterruptedImport(path);
  let db: Db;
  try {
    db = openForReading(path, header);
  } catch (err) {
    if (err instanceof PushTrailError) throw err;
    throw new PushTrailError('corrupt_case', `${path} cannot be opened: ${(err as Error).message}`, { path });
  }
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const applied = readApplied(db);
    if (appId !== APPLICATION_ID || applied === null) {
      throw new PushTrailError('corrupt_case', `${path} is an SQLite database but not a PushTrail case`, { path });
    }
    const pending = pendingMigrations(path, applied);
    refuseForeignUserVersion(path, db.pragma('user_version', { simple: true }) as number, applied.at(-1)?.id ?? 0);
    return { pending, header };
  } catch (err) {
    if (err instanceof PushTrailError) throw err;
    if (isBusy(err)) throw caseBusy(path);
    throw new PushTrailError('corrupt_case', `${path} cannot be read: ${(err as Error).message}`, { path });
  } finally {
    db.close();
  }
}

/**
 * SQLite's header records the schema too (user_version). A header newer than this PushTrail is
 * refused like any newer case, whatever the migration ledger says; one that disagrees with the
 * ledger was written by something else.
 */
function refuseForeignUserVersion(path: string, userVersion: number, ledger: number): void {
  if (userVersion > LATEST_SCHEMA) {
    throw new PushTrailError(
      'case_version',
      `${path} was written by a newer PushTrail (its header says case schema ${userVersion}; PushTrail ${TOOL_VERSION} knows up to schema ${LATEST_SCHEMA}). ` +
        'Open it with that version or later; the file has not been changed.',
      { caseSchema: userVersion, knownSchema: LATEST_SCHEMA },
    );
  }
  if (userVersion !== ledger) {
    throw new PushTrailError('corrupt_case', `${path}: its header says case schema ${userVersion} but its migrations reach schema ${ledger}; it was changed outside PushTrail. The file has not been changed.`, {
      path,
      userVersion,
      ledger,
    });
  }
}

export class CaseStore {
  private constructor(
    readonly path: string,
    readonly db: Db,
    readonly readOnly: boolean,
  ) {}

  /**
   * Create a new case file; refuses to overwrite anything. It is built beside `path` and
   * appears there whole (case-access.ts): two processes creating one case at once never meet
   * a half-made file; the second is refused with `detail.exists` (see `createOrOpen`).
   */
  static create(path: string, init: NewCase, actor: string): CaseStore {
    createExclusively(path, (staging) => {
      const db = openDatabase(staging);
      db.pragma(`page_size = ${PAGE_SIZE}`);
      configure(db, false);
      applyMigrations(db, [...pendingMigrations(path, [])]);
      const store = new CaseStore(staging, db, false);
      const meta: CaseMeta = {
        caseId: randomUUID(),
        name: init.name,
        analyst: init.analyst,
        createdAt: Date.now(),
        displayTimeZone: init.displayTimeZone ?? 'UTC',
      };
      store.change(
        actor,
        'case/create',
        { ...meta, schema: LATEST_SCHEMA },
        () => {
          db.prepare('INSERT INTO case_meta (id, case_id, name, analyst, created_at, display_tz) VALUES (1, ?, ?, ?, ?, ?)').run(
            meta.caseId,
            meta.name,
            meta.analyst,
            meta.createdAt,
            meta.displayTimeZone,
          );
        },
        'whole',
      );
      store.close();
    });
    return CaseStore.open(path, actor);
  }

  /** The case at `path`, created first if there is none (also when another process creates it meanwhile). */
  static createOrOpen(path: string, init: NewCase, actor: string): CaseStore {
    if (existsSync(path)) return CaseStore.open(path, actor);
    try {
      return CaseStore.create(path, init, actor);
    } catch (err) {
      if (isExistsError(err)) return CaseStore.open(path, actor);
      throw err;
    }
  }

  /**
   * Open an existing case. It is inspected read-only first: a case from a newer or diverged
   * PushTrail, or a file that is not a case, is refused and left byte-for-byte untouched.
   */
  static open(path: string, actor: string, options: { readOnly?: boolean } = {}): CaseStore {
    const readOnly = options.readOnly ?? false;
    const { pending, header } = inspectCase(path);
    if (!readOnly) {
      assertWritable(path);
      clearStaleScratch(path);
    }
    if (readOnly && pending.length > 0) {
      throw new PushTrailError('case_version', `${path} needs an upgrade; open it in PushTrail first`, { path });
    }
    const db = readOnly ? openForReading(path, header) : openDatabase(path, { fileMustExist: true });
    configure(db, readOnly);
    const store = new CaseStore(path, db, readOnly);
    if (pending.length > 0) {
      const from = LATEST_SCHEMA - pending.length;
      applyMigrations(db, pending);
      store.change(actor, 'case/upgrade', { fromSchema: from, toSchema: LATEST_SCHEMA }, () => undefined, 'whole');
    }
    return store;
  }

  /**
   * Run `fn` and record it in the custody log, atomically, sealing the content it leaves.
   * `whole` re-hashes every table: a new case, or one whose tables a migration just wrote.
   */
  change<T>(actor: string, action: string, detail: Record<string, unknown>, fn: () => T, seal: 'changed' | 'whole' = 'changed'): T {
    if (this.readOnly) throw new PushTrailError('internal', `${action} on a read-only case`);
    const outer = !this.db.inTransaction;
    return this.db.transaction(() => {
      if (outer && seal === 'changed') this.refuseOutsideChanges();
      const result = fn();
      appendCustody(this.db, actor, action, detail, seal === 'whole');
      return result;
    })();
  }

  /**
   * A change is sealed on top of the content the last entry sealed; content written since by
   * something else (an SQL shell, another program) would be sealed with it as if PushTrail had
   * written it. So the case is not changed further; `pushtrail verify` names what differs.
   * Call at the start of a write transaction, before writing.
   */
  refuseOutsideChanges(): void {
    const changed = changedSinceSeal(this.db);
    if (changed.length === 0) return;
    throw new PushTrailError(
      'corrupt_case',
      `${this.path} was changed outside PushTrail since its last custody entry (${changed.join(', ')}); it is not changed further. ` +
        `Run "pushtrail verify ${this.path}" to see what differs.`,
      { path: this.path, tables: changed },
    );
  }

  meta(): CaseMeta {
    const row = this.db.prepare('SELECT * FROM case_meta WHERE id = 1').get() as MetaRow | undefined;
    if (row === undefined) throw new PushTrailError('corrupt_case', `${this.path} has no case metadata`);
    return {
      caseId: row.case_id,
      name: row.name,
      analyst: row.analyst,
      createdAt: row.created_at,
      displayTimeZone: row.display_tz,
    };
  }

  info(): CaseInfo {
    const count = (table: string): number =>
      (this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      path: this.path,
      meta: this.meta(),
      schemaVersion: LATEST_SCHEMA,
      toolVersion: TOOL_VERSION,
      counts: {
        evidence: count('evidence'),
        events: count('events'),
        findings: count('findings'),
        annotations: count('annotations'),
      },
      analysis: this.analysisState(),
    };
  }

  /** Detection reads the events as they are when it starts: files imported since then are new to it. */
  private analysisState(): AnalysisState {
    const run = this.db.prepare('SELECT max(started_at) AS at FROM detection_runs').get() as { at: number | null };
    const fresh = this.db
      .prepare('SELECT count(*) AS files, coalesce(sum(events), 0) AS events FROM evidence WHERE events > 0 AND imported_at >= ?')
      .get(run.at ?? Number.MIN_SAFE_INTEGER) as { files: number; events: number };
    return { lastRunAt: run.at, newFiles: fresh.files, newEvents: fresh.events };
  }

  setDisplayTimeZone(zone: string, actor: string): CaseMeta {
    const before = this.meta().displayTimeZone;
    this.change(actor, 'case/set-time-zone', { from: before, to: zone }, () => {
      this.db.prepare('UPDATE case_meta SET display_tz = ? WHERE id = 1').run(zone);
    });
    return this.meta();
  }

  custody(afterSeq = 0, limit = 1000): CustodyEntry[] {
    return readCustody(this.db, afterSeq, limit);
  }

  evidence(): EvidenceFile[] {
    return (this.db.prepare('SELECT * FROM evidence ORDER BY id').all() as EvidenceRow[]).map(toEvidenceFile);
  }

  /** Events in storage order, a page at a time. */
  events(afterId = 0, limit = 1000): StoredEvent[] {
    return readEvents(this.db, afterId, limit);
  }

  /** One event with its verbatim record and where it came from. */
  event(id: number): EventDetail {
    const detail = readEventDetail(this.db, id);
    if (detail === undefined) throw new PushTrailError('not_found', `No event ${id} in this case`, { id });
    return detail;
  }

  /** Records an import rejected from one evidence file. */
  evidenceErrors(evidenceId: number, afterId = 0, limit = 1000): EvidenceError[] {
    return readEvidenceErrors(this.db, evidenceId, afterId, limit);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
