/**
 * Aggregates for the overview and the users table, computed by SQLite in one pass each: the UI
 * receives a few hundred numbers however many millions of events the case holds.
 */
import type { Database } from 'better-sqlite3';
import { personScope } from './identities.js';
import { DAY_MS, mainDays, timeBins, type CaseActivity, type EventSpread, type OutlierSpan, type TimeBins, type UserSparklines } from '../../shared/api/activity.js';
import { SEVERITIES, type Severity } from '../../shared/model/case.js';
import { USER_VERDICTS, type UserVerdict } from '../../shared/model/finding.js';

/** What the users table calls prompt volume: challenges sent and every answer to one. */
const PROMPT_OUTCOMES = "('challenge_sent', 'approved', 'denied', 'timeout', 'fraud_reported')";

type Span = { first: number | null; last: number | null };

function outliers(db: Database, where: string, bound: number): OutlierSpan | null {
  const row = db.prepare(`SELECT count(*) AS events, min(time) AS first, max(time) AS last FROM events WHERE ${where}`).get(bound) as Span & { events: number };
  return row.events === 0 || row.first === null || row.last === null ? null : { events: row.events, first: row.first, last: row.last };
}

/**
 * The spread last computed per connection, with what it was computed from: events are only ever
 * added (ids grow), so the newest id and the time bounds say whether it still holds, and the
 * users table's many sparkline requests read the time index once.
 */
const spreads = new WeakMap<Database, { key: string; spread: EventSpread | null }>();

// One aggregate per subquery: SQLite answers a lone min() or max() from the index without a scan.
const KEY_SQL = 'SELECT (SELECT max(id) FROM events) AS id, (SELECT min(time) FROM events) AS first, (SELECT max(time) FROM events) AS last';

/** Where the case's events are (see mainDays): one pass over the time index, then a few range reads. */
export function eventSpread(db: Database): EventSpread | null {
  const key = JSON.stringify(db.prepare(KEY_SQL).get());
  const known = spreads.get(db);
  if (known?.key === key) return known.spread;
  const spread = computeSpread(db);
  spreads.set(db, { key, spread });
  return spread;
}

function computeSpread(db: Database): EventSpread | null {
  const days = db.prepare('SELECT CAST(time / ? AS INTEGER) AS day, count(*) AS n FROM events GROUP BY day').all(DAY_MS) as { day: number; n: number }[];
  const main = mainDays(days);
  if (main === null) return null;
  const from = main.firstDay * DAY_MS;
  const to = (main.lastDay + 1) * DAY_MS - 1;
  const inside = db.prepare('SELECT min(time) AS first, max(time) AS last FROM events WHERE time BETWEEN ? AND ?').get(from, to) as Span;
  if (inside.first === null || inside.last === null) return null;
  return { first: inside.first, last: inside.last, before: outliers(db, 'time < ?', from), after: outliers(db, 'time > ?', to) };
}

// Times and bin widths are bound as JavaScript numbers, that is as REAL: the bin index is cast
// back to an integer so it can index the counts. Events outside the spread's span fall in no bin.
function binsOf(spread: EventSpread | null, maxBins: number): TimeBins | null {
  return spread === null ? null : timeBins(spread.first, spread.last, maxBins);
}

export function caseActivity(db: Database, maxBins: number): CaseActivity {
  const spread = eventSpread(db);
  const range = binsOf(spread, maxBins);
  const bySource = new Map<string, number[]>();
  if (range !== null && spread !== null) {
    const rows = db
      .prepare('SELECT vendor, CAST((time - ?) / ? AS INTEGER) AS bin, count(*) AS n FROM events WHERE time BETWEEN ? AND ? GROUP BY vendor, bin')
      .all(range.start, range.binMs, spread.first, spread.last) as { vendor: string; bin: number; n: number }[];
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
  const usersByVerdict = Object.fromEntries(USER_VERDICTS.map((v) => [v, 0])) as Record<UserVerdict, number>;
  for (const r of db.prepare('SELECT verdict, count(*) AS n FROM user_assessments GROUP BY verdict').all() as { verdict: UserVerdict; n: number }[]) {
    usersByVerdict[r.verdict] = r.n;
  }
  return { range, spread, sources, findingsBySeverity, usersByVerdict };
}

/** Prompt volume per bin for the named users (persons: all their identities) only (the rows on screen), over the span the overview draws. */
export function userSparklines(db: Database, users: readonly string[], maxBins: number): UserSparklines {
  const spread = eventSpread(db);
  const range = binsOf(spread, maxBins);
  if (range === null || spread === null || users.length === 0) return { range, lines: [] };
  // A Map, not an object: user names come from the logs and could be "__proto__".
  const asked = new Map<string, string>();
  for (const u of users) for (const identity of personScope(db, u).identities) asked.set(identity, u);
  const rows = db
    .prepare(
      `SELECT user, CAST((time - ?) / ? AS INTEGER) AS bin, count(*) AS n FROM events
       WHERE user IN (SELECT value FROM json_each(?)) AND outcome IN ${PROMPT_OUTCOMES} AND time BETWEEN ? AND ? GROUP BY user, bin`,
    )
    .all(range.start, range.binMs, JSON.stringify([...asked.keys()]), spread.first, spread.last) as { user: string; bin: number; n: number }[];
  const byUser = new Map<string, number[]>();
  for (const r of rows) {
    const person = asked.get(r.user) ?? r.user;
    let counts = byUser.get(person);
    if (counts === undefined) byUser.set(person, (counts = new Array<number>(range.bins).fill(0)));
    counts[r.bin] = (counts[r.bin] ?? 0) + r.n;
  }
  return { range, lines: [...byUser].map(([user, counts]) => ({ user, counts })) };
}
