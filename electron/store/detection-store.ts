/**
 * Detection results in the case: findings with their evidence links, per-user assessments,
 * the settings the case is analysed with, and a record of every run.
 */
import type { Database } from 'better-sqlite3';
import type { UserRow } from '../../shared/api/detection.js';
import type { AttemptSpool, DetectionSink } from '../../shared/detect/engine-core.js';
import type { Severity } from '../../shared/model/case.js';
import { burstOutcomes, type BurstOutcome, type Finding, type FindingDetail, type RuleId, type UserAssessment, type UserCounts, type UserVerdict } from '../../shared/model/finding.js';
import type { AttemptOutcome } from '../../shared/rules/lib/prompts.js';
import type { CrossAttempt } from '../../shared/rules/rule.js';
import { defaultConfig, parseConfig, type DetectionConfig } from '../../shared/detect/params.js';
import { geoOf, network } from './event-row.js';
import { identityLookup, personOf } from './identities.js';

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

/**
 * A detection run's results while it runs: findings, assessments and the spooled prompt attempts
 * go into temporary tables of this connection (the temp store: on disk, outside the case file),
 * so memory stays flat however many findings a case produces and the case is not locked while
 * detection reads (they are written in one transaction of the temp store, not of the case).
 * `replaceWithStaged` then swaps them in, in the caller's one transaction.
 */
export class DetectionStaging implements DetectionSink, AttemptSpool {
  private readonly insertFinding;
  private readonly insertAssessment;
  private readonly insertAttempt;
  private readonly findingsOf;
  private readonly countsOf;

  constructor(private readonly db: Database) {
    db.exec(`
      DROP TABLE IF EXISTS temp.staged_findings;
      DROP TABLE IF EXISTS temp.staged_assessments;
      DROP TABLE IF EXISTS temp.staged_attempts;
      CREATE TEMP TABLE staged_findings (
        uid TEXT PRIMARY KEY, rule TEXT NOT NULL, severity TEXT NOT NULL, user TEXT, source TEXT, users TEXT NOT NULL,
        start_time INTEGER NOT NULL, end_time INTEGER NOT NULL, summary TEXT NOT NULL, detail TEXT NOT NULL, event_ids TEXT NOT NULL
      );
      CREATE INDEX temp.staged_findings_by_user ON staged_findings(user);
      CREATE TEMP TABLE staged_assessments (
        user TEXT PRIMARY KEY, risk INTEGER NOT NULL, verdict TEXT NOT NULL, reasons TEXT NOT NULL, finding_ids TEXT NOT NULL,
        events INTEGER NOT NULL, challenges INTEGER NOT NULL, denied INTEGER NOT NULL, timeouts INTEGER NOT NULL,
        approved INTEGER NOT NULL, fraud INTEGER NOT NULL
      );
      CREATE TEMP TABLE staged_attempts (
        time INTEGER NOT NULL, first_id INTEGER NOT NULL, user TEXT NOT NULL, outcome TEXT NOT NULL, event_ids TEXT NOT NULL,
        ip TEXT, city TEXT, country TEXT, lat REAL, lon REAL, geo_source TEXT, asn INTEGER, as_org TEXT
      );
    `);
    this.insertFinding = db.prepare(
      `INSERT INTO temp.staged_findings (uid, rule, severity, user, source, users, start_time, end_time, summary, detail, event_ids)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertAssessment = db.prepare(
      `INSERT OR REPLACE INTO temp.staged_assessments (user, risk, verdict, reasons, finding_ids, events, challenges, denied, timeouts, approved, fraud)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertAttempt = db.prepare(
      'INSERT INTO temp.staged_attempts (time, first_id, user, outcome, event_ids, ip, city, country, lat, lon, geo_source, asn, as_org) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.findingsOf = db.prepare('SELECT * FROM temp.staged_findings WHERE user = ? ORDER BY start_time, uid');
    this.countsOf = db.prepare('SELECT events, challenges, denied, timeouts, approved, fraud FROM temp.staged_assessments WHERE user = ?');
    db.exec('BEGIN');
  }

  user(findings: readonly Finding[], assessment: UserAssessment): void {
    this.findings(findings);
    this.reassess(assessment);
  }

  crossUser(findings: readonly Finding[]): void {
    this.findings(findings);
  }

  reassess(a: UserAssessment): void {
    const c = a.counts;
    this.insertAssessment.run(a.user, a.risk, a.verdict, JSON.stringify(a.reasons), JSON.stringify(a.findingIds), c.events, c.challenges, c.denied, c.timeouts, c.approved, c.fraud);
  }

  userResult(user: string): { findings: readonly Finding[]; counts: UserCounts } | undefined {
    const counts = this.countsOf.get(user) as UserCounts | undefined;
    if (counts === undefined) return undefined;
    const rows = this.findingsOf.all(user) as (FindingRow & { event_ids: string })[];
    return { findings: rows.map((r) => toFinding(r, JSON.parse(r.event_ids) as number[])), counts: { ...counts } };
  }

  add(a: CrossAttempt): void {
    const s = a.source;
    const g = s?.geo;
    this.insertAttempt.run(a.time, a.firstId, a.user, a.outcome, a.eventIds.join(','), s?.ip ?? null, g?.city ?? null, g?.country ?? null, g?.lat ?? null, g?.lon ?? null, g?.source ?? null, s?.asn ?? null, s?.asOrg ?? null);
  }

  *sorted(): Generator<CrossAttempt> {
    const rows = this.db.prepare('SELECT * FROM temp.staged_attempts ORDER BY time, first_id').raw(true).iterate() as IterableIterator<AttemptCells>;
    for (const [time, firstId, user, outcome, ids, ip, city, country, lat, lon, geoSource, asn, asOrg] of rows) {
      const source = network(ip, geoOf(city, null, country, lat, lon, geoSource), asn, asOrg);
      yield { time, firstId, user, outcome, eventIds: ids.split(',').map(Number), source };
    }
  }

  /** The run is complete: end the staging transaction, before `replaceWithStaged` opens the case's. */
  seal(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
  }

  /** Replace the case's findings and assessments with the staged ones. Call inside one transaction, after `seal`. */
  replaceWithStaged(run: DetectionRun): void {
    const db = this.db;
    db.exec(`
      DELETE FROM finding_events; DELETE FROM findings; DELETE FROM user_assessments;
      INSERT INTO findings (uid, rule, severity, user, source, users, start_time, end_time, summary, detail)
        SELECT uid, rule, severity, user, source, users, start_time, end_time, summary, detail FROM temp.staged_findings ORDER BY start_time, uid;
      INSERT INTO finding_events (finding_id, event_id)
        SELECT f.id, j.value FROM temp.staged_findings s JOIN findings f ON f.uid = s.uid, json_each(s.event_ids) j;
      INSERT INTO user_assessments (user, risk, verdict, reasons, finding_ids, events, challenges, denied, timeouts, approved, fraud)
        SELECT user, risk, verdict, reasons, finding_ids, events, challenges, denied, timeouts, approved, fraud FROM temp.staged_assessments ORDER BY user;
    `);
    recordRun(db, run);
  }

  /** Drop the staging tables (also dropped when the connection closes). */
  dispose(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.exec('DROP TABLE IF EXISTS temp.staged_findings; DROP TABLE IF EXISTS temp.staged_assessments; DROP TABLE IF EXISTS temp.staged_attempts;');
  }

  private findings(findings: readonly Finding[]): void {
    for (const f of findings) {
      this.insertFinding.run(f.id, f.rule, f.severity, f.user, f.source, JSON.stringify(f.users), f.start, f.end, f.summary, JSON.stringify(f.detail), JSON.stringify(f.eventIds));
    }
  }
}

/** Findings by severity and users by verdict of the staged run (after `seal`). */
export function stagedSummary(db: Database): { bySeverity: Record<string, number>; verdicts: Partial<Record<UserVerdict, number>> } {
  const bySeverity: Record<string, number> = {};
  for (const r of db.prepare('SELECT severity, count(*) AS n FROM temp.staged_findings GROUP BY severity ORDER BY severity').all() as { severity: string; n: number }[]) bySeverity[r.severity] = r.n;
  const verdicts: Partial<Record<UserVerdict, number>> = {};
  for (const r of db.prepare('SELECT verdict, count(*) AS n FROM temp.staged_assessments GROUP BY verdict ORDER BY verdict').all() as { verdict: UserVerdict; n: number }[]) verdicts[r.verdict] = r.n;
  return { bySeverity, verdicts };
}

type AttemptCells = [number, number, string, AttemptOutcome, string, string | null, string | null, string | null, number | null, number | null, string | null, number | null, string | null];

function recordRun(db: Database, run: DetectionRun): void {
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

/** Findings, most severe first, then by time; optionally those concerning one user (its person, when it is one of several identities). */
export function readFindings(db: Database, identity?: string): Finding[] {
  const user = identity === undefined ? undefined : personOf(db, identity);
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

function toAssessment(r: AssessmentRow): UserAssessment {
  return {
    user: r.user,
    risk: r.risk,
    verdict: r.verdict as UserVerdict,
    reasons: JSON.parse(r.reasons) as string[],
    findingIds: JSON.parse(r.finding_ids) as string[],
    counts: { events: r.events, challenges: r.challenges, denied: r.denied, timeouts: r.timeouts, approved: r.approved, fraud: r.fraud },
  };
}

/** Users (persons) ranked by risk (then name), as detection last assessed them, with their identities. */
export function readUserRows(db: Database, limit = 1_000_000, offset = 0): UserRow[] {
  const rows = db.prepare('SELECT * FROM user_assessments ORDER BY risk DESC, user LIMIT ? OFFSET ?').all(limit, offset) as AssessmentRow[];
  const bursts = burstsByUser(db);
  const identities = identityLookup(db);
  return rows.map((r) => {
    const { findingIds, counts, ...rest } = toAssessment(r);
    return { ...rest, findings: findingIds.length, ...counts, bursts: bursts.get(r.user) ?? [], identities: identities(r.user) };
  });
}

/** The outcome of each user's prompt campaigns (push-burst, fatigue-approval findings), in time order. */
function burstsByUser(db: Database): Map<string, BurstOutcome[]> {
  const rows = db.prepare("SELECT user, start_time AS start, detail FROM findings WHERE rule IN ('push-burst', 'fatigue-approval') AND user IS NOT NULL").all() as { user: string; start: number; detail: string }[];
  const byUser = new Map<string, { start: number; detail: FindingDetail }[]>();
  for (const r of rows) {
    const list = byUser.get(r.user) ?? [];
    byUser.set(r.user, list);
    list.push({ start: r.start, detail: JSON.parse(r.detail) as FindingDetail });
  }
  return new Map([...byUser].map(([user, list]) => [user, burstOutcomes(list)]));
}

/** Assessments of the last detection run, ranked by risk then user. */
export function readAssessments(db: Database): UserAssessment[] {
  return (db.prepare('SELECT * FROM user_assessments ORDER BY risk DESC, user').all() as AssessmentRow[]).map(toAssessment);
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
