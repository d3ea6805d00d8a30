/** Reading stored events back: pages of events, one event with its verbatim record, rejected records. */
import type { Database, Statement } from 'better-sqlite3';
import type { EventDetail, EvidenceError } from '../../shared/api/contract.js';
import { encodeEvents, type EventColumns } from '../../shared/api/event-columns.js';
import type { StoredEvent } from '../../shared/model/event.js';
import { EVENT_COLUMNS, fromEventRow, type EventRecordRow } from './event-row.js';

export function readEvents(db: Database, afterId: number, limit: number): StoredEvent[] {
  const rows = db.prepare('SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit) as Omit<EventRecordRow, 'raw'>[];
  return rows.map(fromEventRow);
}

interface DetailRow extends EventRecordRow {
  ev_path: string;
  ev_sha256: string;
  ev_format: string | null;
  ev_parent: number | null;
}

/**
 * The archives holding a piece of evidence, outermost first, joined with '!' as the import
 * reports them ("export.zip!logs/okta.zip"); null for a file imported as it is.
 */
function archiveChain(db: Database, parentId: number | null): string | null {
  const step = db.prepare('SELECT path, parent_id FROM evidence WHERE id = ?');
  const paths: string[] = [];
  const seen = new Set<number>();
  for (let id = parentId; id !== null && !seen.has(id); ) {
    seen.add(id);
    const row = step.get(id) as { path: string; parent_id: number | null } | undefined;
    if (row === undefined) break;
    paths.unshift(row.path);
    id = row.parent_id;
  }
  return paths.length === 0 ? null : paths.join('!');
}

export function readEventDetail(db: Database, id: number): EventDetail | undefined {
  const row = db
    .prepare(
      `SELECT e.*, r.raw AS raw, v.path AS ev_path, v.sha256 AS ev_sha256, v.format AS ev_format, v.parent_id AS ev_parent
       FROM events e
       JOIN event_raw r ON r.event_id = e.id
       JOIN evidence v ON v.id = e.evidence_id
       WHERE e.id = ?`,
    )
    .get(id) as DetailRow | undefined;
  if (row === undefined) return undefined;
  return {
    event: fromEventRow(row),
    raw: row.raw,
    evidence: {
      id: row.evidence_id,
      path: row.ev_path,
      sha256: row.ev_sha256,
      format: row.ev_format,
      archive: archiveChain(db, row.ev_parent),
      line: row.line,
      record: row.record,
    },
  };
}

interface IssueRow {
  id: number;
  evidence_id: number;
  line: number | null;
  record: number | null;
  message: string;
}

export function readEvidenceErrors(db: Database, evidenceId: number, afterId: number, limit: number): EvidenceError[] {
  const rows = db
    .prepare('SELECT * FROM evidence_errors WHERE evidence_id = ? AND id > ? ORDER BY id LIMIT ?')
    .all(evidenceId, afterId, limit) as IssueRow[];
  return rows.map((r) => ({
    id: r.id,
    evidenceId: r.evidence_id,
    message: r.message,
    ...(r.line === null ? {} : { line: r.line }),
    ...(r.record === null ? {} : { record: r.record }),
  }));
}

/**
 * Columns for streaming reads: everything but the verbatim record and the dedup key, which
 * detection and timelines never need and which would dominate the bytes read.
 */
export const STREAM_COLUMNS = ['id', ...EVENT_COLUMNS.filter((c) => c !== 'raw' && c !== 'dedup_key')].join(', ');

function* streamed(statement: Statement, ...params: unknown[]): Generator<StoredEvent> {
  for (const row of statement.iterate(...params) as IterableIterator<Omit<EventRecordRow, 'raw'>>) yield fromEventRow(row);
}

/** Every event ordered by (user, time, id): the per-user pass of detection. */
export function eventsByUser(db: Database): Iterable<StoredEvent> {
  return streamed(db.prepare(`SELECT ${STREAM_COLUMNS} FROM events ORDER BY user, time, id`));
}

/** Every event ordered by (time, id): the cross-user pass of detection. */
export function eventsByTime(db: Database): Iterable<StoredEvent> {
  return streamed(db.prepare(`SELECT ${STREAM_COLUMNS} FROM events ORDER BY time, id`));
}

/** The events with these ids, in no particular order. */
export function readEventsByIds(db: Database, ids: readonly number[]): StoredEvent[] {
  if (ids.length === 0) return [];
  return [...streamed(db.prepare(`SELECT ${STREAM_COLUMNS} FROM events WHERE id IN (${ids.map(() => '?').join(', ')})`), ...ids)];
}

/** One user's events in time order, at most `limit`, as columns for the wire. */
export function userEvents(db: Database, user: string, limit: number): EventColumns {
  return encodeEvents(user, streamed(db.prepare(`SELECT ${STREAM_COLUMNS} FROM events WHERE user = ? ORDER BY time, id LIMIT ?`), user, limit));
}
