/**
 * Aggregates for the overview and the users table, computed by SQLite in one pass each: the UI
 * receives a few hundred numbers however many millions of events the case holds.
 */
import type { Database } from 'better-sqlite3';
import { personScope } from './identities.js';
import { timeBins, type CaseActivity, type TimeBins, type UserSparklines } from '../../shared/api/activity.js';
import { SEVERITIES, type Severity } from '../../shared/model/case.js';

/** What the users table calls prompt volume: challenges sent and every answer to one. */
const PROMPT_OUTCOMES = "('challenge_sent', 'approved', 'denied', 'timeout', 'fraud_reported')";

// Times and bin widths are bound as JavaScript numbers, that is as REAL: the bin index is cast
// back to an integer so it can index the counts.
function caseRange(db: Database, maxBins: number): TimeBins | null {
  const row = db.prepare('SELECT min(time) AS first, max(time) AS last FROM events').get() as { first: number | null; last: number | null };
  return row.first === null || row.last === null ? null : timeBins(row.first, row.last, maxBins);
}

export function caseActivity(db: Database, maxBins: number): CaseActivity {
  const range = caseRange(db, maxBins);
  const bySource = new Map<string, number[]>();
  if (range !== null) {
    const rows = db
      .prepare('SELECT vendor, CAST((time - ?) / ? AS INTEGER) AS bin, count(*) AS n FROM events GROUP BY vendor, bin')
      .all(range.start, range.binMs) as { vendor: string; bin: number; n: number }[];
    for (const r of rows) {
      let counts = bySource.get(r.vendor);
      if (counts === undefined) bySource.set(r.vendor, (counts = new Array<number>(range.bins).fill(0)));
      counts[r.bin] = r.n;
    }
  }
  const sources = [...bySource].map(([source, counts]) => ({ source, counts, total: counts.reduce((a, b) => a + b, 0) }));
  sources.sort((a, b) => b.total - a.total || a.source.localeCompare(b.source));
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const r of db.prepare('SELECT severity, count(*) AS n FROM findings GROUP BY severity').all() as { severity: Severity; n: number }[]) {
    findingsBySeverity[r.severity] = r.n;
  }
  return { range, sources, findingsBySeverity };
}

/** Prompt volume per bin for the named users (persons: all their identities) only (the rows on screen), over the case's span. */
export function userSparklines(db: Database, users: readonly string[], maxBins: number): UserSparklines {
  const range = caseRange(db, maxBins);
  if (range === null || users.length === 0) return { range, lines: [] };
  // A Map, not an object: user names come from the logs and could be "__proto__".
  const asked = new Map<string, string>();
  for (const u of users) for (const identity of personScope(db, u).identities) asked.set(identity, u);
  const rows = db
    .prepare(
      `SELECT user, CAST((time - ?) / ? AS INTEGER) AS bin, count(*) AS n FROM events
       WHERE user IN (SELECT value FROM json_each(?)) AND outcome IN ${PROMPT_OUTCOMES} GROUP BY user, bin`,
    )
    .all(range.start, range.binMs, JSON.stringify([...asked.keys()])) as { user: string; bin: number; n: number }[];
  const byUser = new Map<string, number[]>();
  for (const r of rows) {
    const person = asked.get(r.user) ?? r.user;
    let counts = byUser.get(person);
    if (counts === undefined) byUser.set(person, (counts = new Array<number>(range.bins).fill(0)));
    counts[r.bin] = (counts[r.bin] ?? 0) + r.n;
  }
  return { range, lines: [...byUser].map(([user, counts]) => ({ user, counts })) };
}
