/** The analyst's words for the report: client, reference and narrative (migration 5). */
import type { Database } from 'better-sqlite3';
import type { ReportText, ReportTextPatch } from '../../shared/api/report.js';

interface ReportTextRow {
  client: string;
  reference: string;
  narrative: string;
  updated_by: string;
  updated_at: number;
}

export function readReportText(db: Database): ReportText {
  const row = db.prepare('SELECT * FROM report_text WHERE id = 1').get() as ReportTextRow | undefined;
  if (row === undefined) return { client: '', reference: '', narrative: '', updatedBy: null, updatedAt: null };
  return { client: row.client, reference: row.reference, narrative: row.narrative, updatedBy: row.updated_by, updatedAt: row.updated_at };
}

/** Apply a patch (fields left out keep their text); call inside the change's transaction. */
export function writeReportText(db: Database, patch: ReportTextPatch, analyst: string, now: number): ReportText {
  const current = readReportText(db);
  db.prepare(
    `INSERT INTO report_text (id, client, reference, narrative, updated_by, updated_at) VALUES (1, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET client = excluded.client, reference = excluded.reference, narrative = excluded.narrative,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run(patch.client ?? current.client, patch.reference ?? current.reference, patch.narrative ?? current.narrative, analyst, now);
  return readReportText(db);
}
