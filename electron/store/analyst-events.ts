/** Analyst-entered events (the `analyst_events` table): the analyst's account beside the evidence, never in it. */
import type { Database } from 'better-sqlite3';
import type { AnalystEvent, AnalystEventInput } from '../../shared/model/analyst-event.js';
import type { Factor, Outcome } from '../../shared/model/event.js';

interface AnalystEventRow {
  id: number;
  time: number;
  user: string;
  outcome: string;
  factor: string | null;
  description: string;
  analyst: string;
  created_at: number;
}

function fromAnalystRow(r: AnalystEventRow): AnalystEvent {
  return {
    id: r.id,
    time: r.time,
    user: r.user,
    outcome: r.outcome as Outcome,
    ...(r.factor === null ? {} : { factor: r.factor as Factor }),
    description: r.description,
    analyst: r.analyst,
    createdAt: r.created_at,
  };
}

/** The entries selected by `tail` (the query after its FROM). */
function selectEntries(db: Database, tail: string, ...params: (string | number)[]): AnalystEvent[] {
  return (db.prepare(`SELECT * FROM analyst_events ${tail}`).all(...params) as AnalystEventRow[]).map(fromAnalystRow);
}

/** Store one entry; call inside the change's transaction so the custody log records it. */
export function insertAnalystEvent(db: Database, input: AnalystEventInput, analyst: string): AnalystEvent {
  const info = db
    .prepare('INSERT INTO analyst_events (time, user, outcome, factor, description, analyst, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(input.time, input.user, input.outcome, input.factor ?? null, input.description, analyst, Date.now());
  return readAnalystEvents(db, [Number(info.lastInsertRowid)])[0];
}

/** One user's entries in time order, or every entry. */
export function listAnalystEvents(db: Database, user?: string): AnalystEvent[] {
  return user === undefined ? selectEntries(db, 'ORDER BY time, id') : selectEntries(db, 'WHERE user = ? ORDER BY time, id', user);
}

export function readAnalystEvents(db: Database, ids: readonly number[]): AnalystEvent[] {
  if (ids.length === 0) return [];
  return selectEntries(db, `WHERE id IN (${ids.map(() => '?').join(', ')})`, ...ids);
}

export function analystEventsBetween(db: Database, from: number, to: number): AnalystEvent[] {
  return selectEntries(db, 'WHERE time BETWEEN ? AND ? ORDER BY time, id', from, to);
}
