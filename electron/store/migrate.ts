/**
 * Applies and guards the case file's migrations. A case is inspected read-only first, so a
 * case we must refuse (newer, diverged, not ours) is never written to.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { PushTrailError } from '../../shared/api/errors.js';
import { TOOL_VERSION } from '../../shared/version.js';
import { MIGRATIONS, type Migration } from './migrations.js';

/** SQLite `application_id` of a PushTrail case: "PTRC". */
export const APPLICATION_ID = 0x50545243;

export interface AppliedMigration {
  id: number;
  name: string;
  checksum: string;
}

export function migrationChecksum(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex');
}

export const LATEST_SCHEMA = MIGRATIONS.length === 0 ? 0 : MIGRATIONS[MIGRATIONS.length - 1].id;

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  checksum TEXT NOT NULL,
  applied_at INTEGER NOT NULL,
  tool_version TEXT NOT NULL
) STRICT`;

/** Read what a case has applied; `null` when the file has no ledger at all. */
export function readApplied(db: Database): AppliedMigration[] | null {
  const ledger = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (ledger === undefined) return null;
  return db.prepare('SELECT id, name, checksum FROM schema_migrations ORDER BY id').all() as AppliedMigration[];
}

/**
 * Decide whether a case with these applied migrations may be opened by this version.
 * Throws `case_version` for a newer or diverged case; returns the migrations still to apply.
 */
export function pendingMigrations(path: string, applied: readonly AppliedMigration[]): Migration[] {
  for (const [i, a] of applied.entries()) {
    const ours = MIGRATIONS[i];
    if (ours === undefined) {
      throw new PushTrailError(
        'case_version',
        `${path} was written by a newer PushTrail (case schema ${applied[applied.length - 1].id}; ` +
          `PushTrail ${TOOL_VERSION} knows up to schema ${LATEST_SCHEMA}). Open it with that version or later; ` +
          'the file has not been changed.',
        { caseSchema: applied[applied.length - 1].id, knownSchema: LATEST_SCHEMA },
      );
    }
    if (ours.id !== a.id || ours.name !== a.name || migrationChecksum(ours) !== a.checksum) {
      throw new PushTrailError(
        'case_version',
        `${path} has migration ${a.id} "${a.name}", which differs from this PushTrail's migration ` +
          `${ours.id} "${ours.name}": the case was written by a diverged build. The file has not been changed.`,
        { migration: a.id },
      );
    }
  }
  return MIGRATIONS.slice(applied.length);
}

/** Apply migrations in order, each in its own transaction with its ledger row. */
export function applyMigrations(db: Database, pending: readonly Migration[]): void {
  db.exec(CREATE_LEDGER);
  const record = db.prepare(
    'INSERT INTO schema_migrations (id, name, checksum, applied_at, tool_version) VALUES (?, ?, ?, ?, ?)',
  );
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.id, m.name, migrationChecksum(m), Date.now(), TOOL_VERSION);
    })();
  }
  db.pragma(`application_id = ${APPLICATION_ID}`);
  // The header names the schema the ledger reaches, which the open check compares it with.
  const reached = (db.prepare('SELECT max(id) AS id FROM schema_migrations').get() as { id: number | null }).id ?? 0;
  db.pragma(`user_version = ${reached}`);
}
