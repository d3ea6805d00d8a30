/**
 * Detection results in the case: findings with their evidence links, per-user assessments,
 * the settings the case is analysed with, and a record of every run.
 */
import type { Database } from 'better-sqlite3';
import type { UserRow } from '../../shared/api/detection.js';
import type { Severity } from '../../shared/model/case.js';
import type { Finding, FindingDetail, RuleId, UserAssessment, UserVerdict } from '../../shared/model/finding.js';
import { defaultConfig, parseConfig, type DetectionConfig } from '../../shared/detect/params.js';

interface FindingRow {
  id: number;
  uid: string;
  rule: string;
  severity: string;
  user: string | null;
  source: string | null;
  users: string;
  start_time: number;
  end_time: number;
  summary: string;
  detail: string;
}

/** The settings stored in the case, or the defaults when it has never been tuned or analysed. */
export function readDetectionConfig(db: Database): DetectionConfig {
  const row = db.prepare('SELECT config FROM detection_settings WHERE id = 1').get() as { config: string } | undefined;
  return row === undefined ? defaultConfig() : parseConfig(JSON.parse(row.config));
}

export function writeDetectionConfig(db: Database, config: DetectionConfig): void {
  db.prepare('INSERT INTO detection_settings (id, config) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET config = excluded.config').run(
    JSON.stringify(config),
  );
}

export interface DetectionRun {
  startedAt: number;
  finishedAt: number;
  engineVersion: string;
  config: DetectionConfig;
  stats: Record<string, unknown>;
}

/** Replace the previous run's findings and assessments with these. Call inside one transaction. */
export function replaceDetection(db: Database, findings: readonly Finding[], assessments: readonly UserAssessment[], run: DetectionRun): void {
  db.exec('DELETE FROM finding_events; DELETE FROM findings; DELETE FROM user_assessments;');
  const insertFinding = db.prepare(
    `INSERT INTO findings (uid, rule, severity, user, source, users, start_time, end_time, summary, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const link = db.prepare('INSERT INTO finding_events (finding_id, event_id) VALUES (?, ?)');
  for (const f of findings) {
    const { lastInsertRowid } = insertFinding.run(
      f.id,
      f.rule,
      f.severity,
      f.user,
      f.source,
      JSON.stringify(f.users),
      f.start,
      f.end,
      f.summary,
      JSON.stringify(f.detail),
    );
    for (const eventId of f.eventIds) link.run(lastInsertRowid, eventId);
  }
  const insertAssessment = db.prepare(
    `INSERT INTO user_assessments (user, risk, verdict, reasons, finding_ids, events, challenges, denied, timeouts, approved, fraud)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const a of assessments) {
    const c = a.counts;
    insertAssessment.run(a.user, a.risk, a.verdict, JSON.stringify(a.reasons), JSON.stringify(a.findingIds), c.events, c.challenges, c.denied, c.timeouts, c.approved, c.fraud);
  }
  writeDetectionConfig(db, run.config);
  db.prepare('INSERT INTO detection_runs (started_at, finished_at, engine_version, config, stats) VALUES (?, ?, ?, ?, ?)').run(
    run.startedAt,
    run.finishedAt,
    run.engineVersion,
    JSON.stringify(run.config),
    JSON.stringify(run.stats),
  );
}

function toFinding(row: FindingRow, eventIds: number[]): Finding {
  return {
    id: row.uid,
    rule: row.rule as RuleId,
    severity: row.severity as Severity,
    user: row.user,
    source: row.source,
    users: JSON.parse(row.users) as string[],
    start: row.start_time,
    end: row.end_time,
    eventIds,
    summary: row.summary,
    detail: JSON.parse(row.detail) as FindingDetail,
  };
}

const SEVERITY_ORDER = "CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END";

/** Findings, most severe first, then by time; optionally those concerning one user. */
export function readFindings(db: Database, user?: string): Finding[] {
  const rows = (
    user === undefined
      ? db.prepare(`SELECT * FROM findings ORDER BY ${SEVERITY_ORDER}, start_time, uid`).all()
      : db.prepare(`SELECT f.* FROM findings f WHERE f.user = ? OR EXISTS (SELECT 1 FROM json_each(f.users) WHERE value = ?) ORDER BY ${SEVERITY_ORDER}, start_time, uid`).all(user, user)
  ) as FindingRow[];
  const ids = db.prepare('SELECT event_id FROM finding_events WHERE finding_id = ? ORDER BY event_id').pluck();
  return rows.map((r) => toFinding(r, ids.all(r.id) as number[]));
}

interface AssessmentRow {
  user: string;
  risk: number;
  verdict: string;
  reasons: string;
  finding_ids: string;
  events: number;
  challenges: number;
  denied: number;
  timeouts: number;
  approved: number;
  fraud: number;
}

/** Users ranked by risk (then name), as detection last assessed them. */
export function readUserRows(db: Database, limit = 1_000_000, offset = 0): UserRow[] {
  const rows = db.prepare('SELECT * FROM user_assessments ORDER BY risk DESC, user LIMIT ? OFFSET ?').all(limit, offset) as AssessmentRow[];
  return rows.map((r) => ({
    user: r.user,
    risk: r.risk,
    verdict: r.verdict as UserVerdict,
    reasons: JSON.parse(r.reasons) as string[],
    findings: (JSON.parse(r.finding_ids) as string[]).length,
    events: r.events,
    challenges: r.challenges,
    denied: r.denied,
    timeouts: r.timeouts,
    approved: r.approved,
    fraud: r.fraud,
  }));
}

export function lastDetectionRun(db: Database): DetectionRun | null {
  const row = db.prepare('SELECT * FROM detection_runs ORDER BY id DESC LIMIT 1').get() as
    | { started_at: number; finished_at: number; engine_version: string; config: string; stats: string }
    | undefined;
  if (row === undefined) return null;
  return {
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    engineVersion: row.engine_version,
    config: parseConfig(JSON.parse(row.config)),
    stats: JSON.parse(row.stats) as Record<string, unknown>,
  };
}
