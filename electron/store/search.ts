/**
 * Search over a case: the filters of the search screen, full text over the original records
 * through the FTS5 index `event_raw_fts`, and every user's events around one moment. Analyst
 * entries are searched beside the evidence and returned as what they are.
 */
import type { Database } from 'better-sqlite3';
import type { AroundResult, SearchFilters, SearchIndexStatus, TimelineEntry } from '../../shared/api/search.js';
import { analystEventsBetween, readAnalystEvents } from './analyst-events.js';
import { eventsWhere, readEventsByIds } from './events.js';
import { ftsQuery, searchTerms } from './fts-query.js';
import { countryCode } from '../ingest/vendors/country.js';

type Param = string | number;

interface Clause {
  where: string[];
  params: Param[];
}

/** "dana*" matches by prefix (and can use the user index); anything else matches exactly. */
function userMatch(column: string, user: string, c: Clause): void {
  const name = user.trim().toLowerCase();
  if (name.includes('*')) {
    c.where.push(`${column} GLOB ?`);
    // Only * is a wildcard for the analyst; GLOB's other specials are escaped as classes.
    c.params.push(name.replace(/[?[]/g, (ch) => `[${ch}]`));
  } else {
    c.where.push(`${column} = ?`);
    c.params.push(name);
  }
}

function timeRange(column: string, f: SearchFilters, c: Clause): void {
  if (f.from !== undefined) {
    c.where.push(`${column} >= ?`);
    c.params.push(f.from);
  }
  if (f.to !== undefined) {
    c.where.push(`${column} <= ?`);
    c.params.push(f.to);
  }
}

/** The filters evidence and analyst entries both have, on the table aliased `t`. */
function sharedFilters(t: 'e' | 'a', f: SearchFilters): Clause {
  const c: Clause = { where: [], params: [] };
  if (f.user !== undefined) userMatch(`${t}.user`, f.user, c);
  for (const key of ['outcome', 'factor'] as const) {
    const value = f[key];
    if (value === undefined) continue;
    c.where.push(`${t}.${key} = ?`);
    c.params.push(value);
  }
  timeRange(`${t}.time`, f, c);
  return c;
}

/** Conditions on `events e`; null when the filters exclude evidence altogether. */
function evidenceClause(f: SearchFilters): Clause | null {
  if (f.vendor === 'analyst') return null;
  const c = sharedFilters('e', f);
  if (f.ip !== undefined) {
    const ip = f.ip.trim();
    if (ip.endsWith('*')) {
      const prefix = ip.slice(0, -1);
      c.where.push('(substr(e.src_ip, 1, ?) = ? OR substr(e.dev_ip, 1, ?) = ?)');
      c.params.push(prefix.length, prefix, prefix.length, prefix);
    } else {
      c.where.push('(e.src_ip = ? OR e.dev_ip = ?)');
      c.params.push(ip, ip);
    }
  }
  if (f.country !== undefined) {
    // Countries are stored as ISO codes where known ("NL"); the analyst may type the name.
    const typed = f.country.trim();
    const code = countryCode(typed);
    c.where.push('(e.src_country IN (?, ?) COLLATE NOCASE OR e.dev_country IN (?, ?) COLLATE NOCASE)');
    c.params.push(code, typed, code, typed);
  }
  if (f.vendor !== undefined) {
    c.where.push('e.vendor = ?');
    c.params.push(f.vendor);
  }
  if (f.evidenceId !== undefined) {
    c.where.push('e.evidence_id IN (SELECT id FROM evidence WHERE id = ? OR parent_id = ?)');
    c.params.push(f.evidenceId, f.evidenceId);
  }
  if (f.text !== undefined) {
    const match = ftsQuery(f.text);
    if (match === null) return null;
    c.where.push('e.id IN (SELECT rowid FROM event_raw_fts WHERE event_raw_fts MATCH ?)');
    c.params.push(match);
  }
  return c;
}

/** Conditions on `analyst_events a`; null when the filters name things only evidence has. */
function analystClause(f: SearchFilters): Clause | null {
  if (f.ip !== undefined || f.country !== undefined || f.evidenceId !== undefined) return null;
  if (f.vendor !== undefined && f.vendor !== 'analyst') return null;
  const c = sharedFilters('a', f);
  if (f.text !== undefined) {
    // A handful of rows: the analyst's words are matched directly, each term anywhere, any case.
    const terms = searchTerms(f.text);
    if (terms.length === 0) return null;
    for (const t of terms) {
      c.where.push('instr(lower(a.description), ?) > 0');
      c.params.push(t.toLowerCase());
    }
  }
  return c;
}

const whereOf = (c: Clause): string => (c.where.length === 0 ? '' : ` WHERE ${c.where.join(' AND ')}`);

/** One page of matching entries in time order (evidence first at equal times). */
export function searchEntries(db: Database, f: SearchFilters, offset: number, limit: number): { hits: TimelineEntry[]; hasMore: boolean } {
  const parts: string[] = [];
  const params: Param[] = [];
  const ev = evidenceClause(f);
  if (ev !== null) {
    parts.push(`SELECT 0 AS src, e.id AS id, e.time AS time FROM events e${whereOf(ev)}`);
    params.push(...ev.params);
  }
  const an = analystClause(f);
  if (an !== null) {
    parts.push(`SELECT 1 AS src, a.id AS id, a.time AS time FROM analyst_events a${whereOf(an)}`);
    params.push(...an.params);
  }
  if (parts.length === 0) return { hits: [], hasMore: false };
  const rows = db
    .prepare(`${parts.join(' UNION ALL ')} ORDER BY time, src, id LIMIT ? OFFSET ?`)
    .all(...params, limit + 1, offset) as { src: 0 | 1; id: number }[];
  const page = rows.slice(0, limit);
  const events = new Map(readEventsByIds(db, page.filter((r) => r.src === 0).map((r) => r.id)).map((e) => [e.id, e]));
  const entries = new Map(readAnalystEvents(db, page.filter((r) => r.src === 1).map((r) => r.id)).map((a) => [a.id, a]));
  const hits = page.flatMap((r): TimelineEntry[] => {
    if (r.src === 0) {
      const event = events.get(r.id);
      return event === undefined ? [] : [{ kind: 'evidence', event }];
    }
    const entry = entries.get(r.id);
    return entry === undefined ? [] : [{ kind: 'analyst', entry }];
  });
  return { hits, hasMore: rows.length > limit };
}

const entryTime = (e: TimelineEntry): number => (e.kind === 'evidence' ? e.event.time : e.entry.time);

/**
 * Every user's entries within ±minutes of `time`: up to half the limit on either side of it,
 * nearest first, so the moment itself is always in the list however busy the window.
 */
export function entriesAround(db: Database, time: number, minutes: number, limit: number): AroundResult {
  const span = minutes * 60_000;
  const half = Math.max(1, Math.ceil(limit / 2));
  const read = (tail: string, ...params: Param[]): TimelineEntry[] => eventsWhere(db, tail, ...params).map((event) => ({ kind: 'evidence', event }));
  const before = read('WHERE time >= ? AND time < ? ORDER BY time DESC, id DESC LIMIT ?', time - span, time, half + 1);
  const after = read('WHERE time >= ? AND time <= ? ORDER BY time, id LIMIT ?', time, time + span, half + 1);
  const analyst = analystEventsBetween(db, time - span, time + span).map((entry): TimelineEntry => ({ kind: 'analyst', entry }));
  const truncated = before.length > half || after.length > half;
  const entries = [...before.slice(0, half).reverse(), ...after.slice(0, half), ...analyst];
  entries.sort((a, b) => entryTime(a) - entryTime(b) || (a.kind === b.kind ? 0 : a.kind === 'evidence' ? -1 : 1));
  return { entries, truncated };
}

interface IndexRow {
  indexed_through: number;
  indexed: number;
}

/** How much of the case the full-text index covers (the running job is the session's to add). */
export function searchIndexStatus(db: Database): Omit<SearchIndexStatus, 'jobId'> {
  const s = db.prepare('SELECT indexed_through, indexed FROM search_index WHERE id = 1').get() as IndexRow;
  // Every event has its record under the same id; counting the events' rows instead of the
  // records' reads a quarter of the pages (0.13 s against 0.5 s for 1 M unindexed records), and
  // this runs on the main thread for each search while the index is being built.
  const pending = (db.prepare('SELECT count(*) AS n FROM events WHERE id > ?').get(s.indexed_through) as { n: number }).n;
  return { indexed: s.indexed, pending };
}

/**
 * Index the next `size` records not yet indexed, in one write transaction that also moves the
 * bookkeeping: two indexers can never add the same record twice, and a cancelled or killed
 * job leaves the index consistent, ready to resume. Returns how many records were added.
 */
export function indexNextBatch(db: Database, size: number): number {
  return db
    .transaction(() => {
      const s = db.prepare('SELECT indexed_through, indexed FROM search_index WHERE id = 1').get() as IndexRow;
      const last = (
        db.prepare('SELECT max(event_id) AS id FROM (SELECT event_id FROM event_raw WHERE event_id > ? ORDER BY event_id LIMIT ?)').get(s.indexed_through, size) as {
          id: number | null;
        }
      ).id;
      if (last === null) return 0;
      const added = db
        .prepare('INSERT INTO event_raw_fts (rowid, raw) SELECT event_id, raw FROM event_raw WHERE event_id > ? AND event_id <= ? ORDER BY event_id')
        .run(s.indexed_through, last).changes;
      db.prepare('UPDATE search_index SET indexed_through = ?, indexed = ? WHERE id = 1').run(last, s.indexed + added);
      return added;
    })
    .immediate();
}
