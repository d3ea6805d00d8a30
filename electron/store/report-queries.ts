/**
 * Read-only queries for case reports and exports: evidence with its import counts, a user's events in a time window, and events streamed in time order
 * (with the findings each belongs to) for CSV and OCSF exports that never hold a case in memory.
 */
import type { Database } from 'better-sqlite3';
import type { EvidenceFile } from '../../shared/model/case.js';
import type { StoredEvent } from '../../shared/model/event.js';
import { toEvidenceFile, type EvidenceRow } from './case-store.js';
import { EVENT_COLUMNS, fromEventRow, type EventRecordRow } from './event-row.js';
import { personScope, placeholders } from './identities.js';

/** An evidence file with what the import recorded beside the counts of `EvidenceFile`. */
export interface EvidenceRecord extends EvidenceFile {
  /** Records read from the file, rejected ones included. */
  records: number;
  container: string | null;
  compression: string | null;
  /** Path of the archive the file was read from, if any. */
  archive: string | null;
  /** The zone times without one were read in (`--tz`); null: UTC. */
  timeZone: string | null;
  /** The day/month order numeric dates were read in, when the file had any. */
  dateOrder: string | null;
  /** The SIEM re-export the vendor records were read out of. */
  reexport: string | null;
}

interface EvidenceRecordRow extends EvidenceRow {
  records: number;
  container: string | null;
  compression: string | null;
  archive_path: string | null;
  time_zone: string | null;
  date_order: string | null;
  reexport: string | null;
}

export function readEvidenceRecords(db: Database): EvidenceRecord[] {
  const rows = db
    .prepare('SELECT v.*, a.path AS archive_path FROM evidence v LEFT JOIN evidence a ON a.id = v.parent_id ORDER BY v.id')
    .all() as EvidenceRecordRow[];
  return rows.map((r) => ({
    ...toEvidenceFile(r),
    records: r.records,
    container: r.container,
    compression: r.compression,
    archive: r.archive_path,
    timeZone: r.time_zone,
    dateOrder: r.date_order,
    reexport: r.reexport,
  }));
}

/** Columns of an event without its verbatim record and dedup key (prefixed for joins). */
const COLUMNS = ['id', ...EVENT_COLUMNS.filter((c) => c !== 'raw' && c !== 'dedup_key')].map((c) => `e.${c}`).join(', ');

/** `e.user IN (...)` over every identity of the user's person, with its parameters. */
function ofPerson(db: Database, user: string): { where: string; ids: string[] } {
  const ids = personScope(db, user).identities;
  return { where: `e.user IN (${placeholders(ids.length)})`, ids };
}

/** One user's (person's) events with from <= time <= to, in time order, at most `limit`. */
export function userEventsInRange(db: Database, user: string, from: number, to: number, limit: number): StoredEvent[] {
  const { where, ids } = ofPerson(db, user);
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM events e WHERE ${where} AND e.time >= ? AND e.time <= ? ORDER BY e.time, e.id LIMIT ?`)
    .all(...ids, from, to, limit) as Omit<EventRecordRow, 'raw'>[];
  return rows.map(fromEventRow);
}

/** How many events of the user (person) fall in [from, to]. */
export function countUserEventsInRange(db: Database, user: string, from: number, to: number): number {
  const { where, ids } = ofPerson(db, user);
  return (db.prepare(`SELECT count(*) AS n FROM events e WHERE ${where} AND e.time >= ? AND e.time <= ?`).get(...ids, from, to) as { n: number }).n;
}

/** Events by id, in id order (ids that do not exist are skipped). */
export function eventsById(db: Database, ids: readonly number[]): StoredEvent[] {
  const one = db.prepare(`SELECT ${COLUMNS} FROM events e WHERE e.id = ?`);
  const out: StoredEvent[] = [];
  for (const id of [...ids].sort((a, b) => a - b)) {
    const row = one.get(id) as Omit<EventRecordRow, 'raw'> | undefined;
    if (row !== undefined) out.push(fromEventRow(row));
  }
  return out;
}

export interface EventSpan {
  first: number;
  last: number;
  events: number;
}

/** First and last event time and the number of events (of one user's person, or the whole case). */
export function eventSpan(db: Database, user?: string): EventSpan | null {
  const scope = user === undefined ? null : ofPerson(db, user);
  const row = (
    scope === null
      ? db.prepare('SELECT min(time) AS first, max(time) AS last, count(*) AS n FROM events').get()
      : db.prepare(`SELECT min(time) AS first, max(time) AS last, count(*) AS n FROM events e WHERE ${scope.where}`).get(...scope.ids)
  ) as { first: number | null; last: number | null; n: number };
  return row.first === null || row.last === null ? null : { first: row.first, last: row.last, events: row.n };
}

/** Events per vendor, most first. */
export function vendorCounts(db: Database): { vendor: string; events: number }[] {
  return db.prepare('SELECT vendor, count(*) AS events FROM events GROUP BY vendor ORDER BY events DESC, vendor').all() as {
    vendor: string;
    events: number;
  }[];
}

/** Display names the vendors logged for a user's person (most used first), at most `limit`. */
export function displayNames(db: Database, user: string, limit = 3): string[] {
  const { where, ids } = ofPerson(db, user);
  return db
    .prepare(`SELECT user_display AS name FROM events e WHERE ${where} AND user_display IS NOT NULL GROUP BY user_display ORDER BY count(*) DESC, user_display LIMIT ?`)
    .pluck()
    .all(...ids, limit) as string[];
}

/** An event for an export row, with the ids of the findings it is evidence in. */
export interface ExportEvent {
  event: StoredEvent;
  findingIds: string[];
}

/**
 * Every event (or the events of every identity of the chosen users' persons) in time order, one at a time from SQLite's cursor:
 * exports of millions of events never hold more than one row. The caller must finish (or
 * abandon) the iteration before writing to the case. Without `withFindings` the finding ids
 * are not looked up.
 */
export function* streamExportEvents(db: Database, persons: readonly string[] = [], withFindings = true): Generator<ExportEvent> {
  const users = [...new Set(persons.flatMap((p) => personScope(db, p).identities))];
  const findings = withFindings
    ? `(SELECT group_concat(f.uid, ' ') FROM finding_events fe JOIN findings f ON f.id = fe.finding_id WHERE fe.event_id = e.id) AS finding_uids`
    : 'NULL AS finding_uids';
  const where = users.length === 0 ? '' : `WHERE e.user IN (${users.map(() => '?').join(', ')})`;
  const rows = db.prepare(`SELECT ${COLUMNS}, ${findings} FROM events e ${where} ORDER BY e.time, e.id`).iterate(...users) as IterableIterator<
    Omit<EventRecordRow, 'raw'> & { finding_uids: string | null }
  >;
  for (const row of rows) {
    yield { event: fromEventRow(row), findingIds: row.finding_uids === null ? [] : row.finding_uids.split(' ').sort() };
  }
}

/** What an OCSF data-lake export takes: the chosen users (their persons' every identity) and time range (UTC ms, inclusive). */
export interface EventSelection {
  users?: readonly string[];
  from?: number;
  to?: number;
}

/**
 * The chosen events in time order with the verbatim record each was read from, one row at a time
 * from SQLite's cursor (an export of millions of events holds one row).
 */
export function* streamEventsWithRaw(db: Database, selection: EventSelection): Generator<{ event: StoredEvent; raw: string }> {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const users = [...new Set((selection.users ?? []).flatMap((u) => personScope(db, u).identities))];
  if (users.length > 0) {
    where.push(`e.user IN (${users.map(() => '?').join(', ')})`);
    args.push(...users);
  }
  if (selection.from !== undefined) {
    where.push('e.time >= ?');
    args.push(selection.from);
  }
  if (selection.to !== undefined) {
    where.push('e.time <= ?');
    args.push(selection.to);
  }
  const sql = `SELECT ${COLUMNS}, r.raw AS raw FROM events e JOIN event_raw r ON r.event_id = e.id ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`} ORDER BY e.time, e.id`;
  for (const row of db.prepare(sql).iterate(...args) as IterableIterator<EventRecordRow>) {
    yield { event: fromEventRow(row), raw: row.raw };
  }
}

/** Events of one user's person, or of the case. */
export function countEvents(db: Database, user?: string): number {
  if (user === undefined) return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  const { where, ids } = ofPerson(db, user);
  return (db.prepare(`SELECT count(*) AS n FROM events e WHERE ${where}`).get(...ids) as { n: number }).n;
}

export interface EvidencePeriod {
  evidenceId: number;
  first: number;
  last: number;
}

/** First and last event time of each evidence file (files with no events of their own are absent). */
export function evidencePeriods(db: Database): EvidencePeriod[] {
  return db.prepare('SELECT evidence_id AS evidenceId, min(time) AS first, max(time) AS last FROM events GROUP BY evidence_id ORDER BY evidence_id').all() as EvidencePeriod[];
}

export interface EvidenceGap {
  evidenceId: number;
  /** The last event before the gap and the first after it (UTC ms). */
  start: number;
  end: number;
}

/** Stretches of at least `minMs` with no event in a file, longest first, at most `perFile` per file. */
export function evidenceGaps(db: Database, minMs: number, perFile: number): EvidenceGap[] {
  return db
    .prepare(
      `SELECT evidenceId, start, end FROM (
         SELECT evidenceId, start, end, row_number() OVER (PARTITION BY evidenceId ORDER BY end - start DESC, start) AS n FROM (
           SELECT evidence_id AS evidenceId, time AS start, lead(time) OVER (PARTITION BY evidence_id ORDER BY time) AS end FROM events
         ) WHERE end - start >= ?
       ) WHERE n <= ? ORDER BY evidenceId, start`,
    )
    .all(minMs, perFile) as EvidenceGap[];
}

/**
 * Changes whenever evidence is added: a file, its events or its rejected records (evidence is
 * only ever added, never changed or removed). Each part is a rowid maximum: no scan.
 */
export function evidenceVersion(db: Database): string {
  const row = db
    .prepare('SELECT (SELECT max(id) FROM evidence) AS files, (SELECT max(id) FROM events) AS events, (SELECT max(id) FROM evidence_errors) AS errors')
    .get() as { files: number | null; events: number | null; errors: number | null };
  return `${row.files ?? 0}:${row.events ?? 0}:${row.errors ?? 0}`;
}

export interface LastRecordRejected {
  evidenceId: number;
  line: number | null;
  message: string;
}

/** Files whose very last record was rejected: the mark of an export cut off part-way. */
export function lastRecordRejected(db: Database): LastRecordRejected[] {
  return db
    .prepare(
      `SELECT x.evidence_id AS evidenceId, x.line AS line, x.message AS message
       FROM evidence_errors x JOIN evidence e ON e.id = x.evidence_id
       WHERE x.record = e.records ORDER BY x.evidence_id`,
    )
    .all() as LastRecordRejected[];
}
