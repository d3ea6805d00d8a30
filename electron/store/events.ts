/** Reading stored events back: pages of events, one event with its verbatim record, rejected records. */
import type { Database, Statement } from 'better-sqlite3';
import type { EventDetail, EvidenceError } from '../../shared/api/contract.js';
import { encodeEvents, type EventColumns } from '../../shared/api/event-columns.js';
import type { StoredEvent } from '../../shared/model/event.js';
import type { RuleEvent } from '../../shared/rules/rule.js';
import { EVENT_COLUMNS, fromEventRow, geoOf, network, type EventRecordRow } from './event-row.js';
import { personScope, placeholders } from './identities.js';

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
 * Columns for reading whole events: everything but the verbatim record and the dedup key, which
 * timelines and search pages never need and which would dominate the bytes read.
 */
const STREAM_COLUMNS = ['id', ...EVENT_COLUMNS.filter((c) => c !== 'raw' && c !== 'dedup_key')].join(', ');

function* streamed(statement: Statement, ...params: unknown[]): Generator<StoredEvent> {
  for (const row of statement.iterate(...params) as IterableIterator<Omit<EventRecordRow, 'raw'>>) yield fromEventRow(row);
}

/**
 * The columns detection reads: what `RuleEvent` holds, no more (no region, no device name: no
 * rule reads them). The benchmark's floor scans exactly these.
 */
export const DETECTION_COLUMNS = [
  'id',
  'time',
  'user',
  'outcome',
  'factor',
  'vendor_event',
  'reason',
  'session_id',
  'src_ip',
  'src_city',
  'src_country',
  'src_lat',
  'src_lon',
  'src_geo_source',
  'src_asn',
  'src_as_org',
  'dev_ip',
  'dev_city',
  'dev_country',
  'dev_lat',
  'dev_lon',
  'dev_geo_source',
  'dev_asn',
  'dev_as_org',
] as const;

type Cell = string | number | null;
const at = (name: (typeof DETECTION_COLUMNS)[number]): number => DETECTION_COLUMNS.indexOf(name);
const ID = at('id');
const TIME = at('time');
const USER = at('user');
const OUTCOME = at('outcome');
const FACTOR = at('factor');
const VENDOR_EVENT = at('vendor_event');
const REASON = at('reason');
const SESSION = at('session_id');
const SRC = at('src_ip');
const DEV = at('dev_ip');
const str = (c: Cell | undefined): string | null => (typeof c === 'string' ? c : null);
const num = (c: Cell | undefined): number | null => (typeof c === 'number' ? c : null);

/** The network starting at column `i`: ip, city, country, lat, lon, geo source, asn, as org. */
function networkAt(r: readonly Cell[], i: number): RuleEvent['source'] {
  const geo = geoOf(str(r[i + 1]), null, str(r[i + 2]), num(r[i + 3]), num(r[i + 4]), str(r[i + 5]));
  return network(str(r[i]), geo, num(r[i + 6]), str(r[i + 7]));
}

/** A row of DETECTION_COLUMNS, read with `.raw(true)`: arrays, not objects, because this runs for every event. */
function toRuleEvent(r: readonly Cell[]): RuleEvent {
  const e: RuleEvent = {
    id: r[ID] as number,
    time: r[TIME] as number,
    user: r[USER] as string,
    outcome: r[OUTCOME] as RuleEvent['outcome'],
    vendorEvent: r[VENDOR_EVENT] as string,
  };
  const factor = str(r[FACTOR]);
  if (factor !== null) e.factor = factor as NonNullable<RuleEvent['factor']>;
  const reason = str(r[REASON]);
  if (reason !== null) e.reason = reason;
  const session = str(r[SESSION]);
  if (session !== null) e.sessionId = session;
  const source = networkAt(r, SRC);
  if (source !== undefined) e.source = source;
  const responder = networkAt(r, DEV);
  if (responder !== undefined) e.responder = responder;
  return e;
}

/**
 * Every event ordered by (user, time, id). Migration 8's index holds exactly these columns in
 * this order, so this is one sequential scan of it, no table page touched.
 */
export const DETECTION_QUERY = `SELECT ${DETECTION_COLUMNS.join(', ')} FROM events ORDER BY user, time, id`;
const SELECT_DETECTION = `SELECT ${DETECTION_COLUMNS.join(', ')} FROM events`;

/** SQLite's order of text (BINARY: the bytes of UTF-8), which range bounds must follow. */
const sqliteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** The events of identities that are their own person: the index scanned in ranges that skip the linked identities. */
function* unlinkedEvents(db: Database, linked: readonly string[]): Generator<RuleEvent> {
  const order = 'ORDER BY user, time, id';
  const ranges: [Statement, unknown[]][] = [];
  if (linked.length === 0) ranges.push([db.prepare(`${SELECT_DETECTION} ${order}`), []]);
  else {
    const between = db.prepare(`${SELECT_DETECTION} WHERE user > ? AND user < ? ${order}`);
    ranges.push([db.prepare(`${SELECT_DETECTION} WHERE user < ? ${order}`), [linked[0]]]);
    for (let i = 1; i < linked.length; i++) ranges.push([between, [linked[i - 1], linked[i]]]);
    ranges.push([db.prepare(`${SELECT_DETECTION} WHERE user > ? ${order}`), [linked[linked.length - 1]]]);
  }
  for (const [statement, bounds] of ranges) {
    for (const row of statement.raw(true).iterate(...bounds) as IterableIterator<Cell[]>) yield toRuleEvent(row);
  }
}

/** Whether row a comes before row b in (time, id) order. */
const before = (a: readonly Cell[], b: readonly Cell[]): boolean =>
  (a[TIME] as number) < (b[TIME] as number) || (a[TIME] === b[TIME] && (a[ID] as number) < (b[ID] as number));

/** One person's events, merged by (time, id) from one index range per identity. */
function* personEvents(db: Database, identities: readonly string[]): Generator<RuleEvent> {
  const query = `${SELECT_DETECTION} WHERE user = ? ORDER BY time, id`;
  const cursors = identities.map((identity) => db.prepare(query).raw(true).iterate(identity) as IterableIterator<Cell[]>);
  const next = (c: IterableIterator<Cell[]> | undefined): Cell[] | undefined => {
    const r = c?.next();
    return r === undefined || r.done === true ? undefined : r.value;
  };
  const heads = cursors.map(next);
  for (;;) {
    let best = -1;
    heads.forEach((h, i) => {
      const b = heads[best];
      if (h !== undefined && (b === undefined || before(h, b))) best = i;
    });
    const row = heads[best];
    if (row === undefined) return;
    yield toRuleEvent(row);
    heads[best] = next(cursors[best]);
  }
}

/**
 * The one pass of detection, grouped by person: the identities that are their own person as one
 * ordered scan of migration 8's index (in ranges around the linked ones), then each person with
 * several identities, their ranges merged by time. No per-event join: a person costs one index
 * seek per identity. `persons` maps each linked identity to its person (see `linkedIdentities`).
 */
export function* eventsForDetection(db: Database, persons: ReadonlyMap<string, string> = new Map()): Generator<RuleEvent> {
  yield* unlinkedEvents(db, [...persons.keys()].sort(sqliteOrder));
  const members = new Map<string, string[]>();
  for (const [identity, person] of persons) {
    const list = members.get(person);
    if (list === undefined) members.set(person, [identity]);
    else list.push(identity);
  }
  for (const person of [...members.keys()].sort()) yield* personEvents(db, members.get(person) ?? []);
}

/** The events `tail` selects (the query after `FROM events`: conditions, order, limit). */
export function eventsWhere(db: Database, tail: string, ...params: (string | number)[]): StoredEvent[] {
  return [...streamed(db.prepare(`SELECT ${STREAM_COLUMNS} FROM events ${tail}`), ...params)];
}

/** The events with these ids, in no particular order. */
export function readEventsByIds(db: Database, ids: readonly number[]): StoredEvent[] {
  if (ids.length === 0) return [];
  return eventsWhere(db, `WHERE id IN (${ids.map(() => '?').join(', ')})`, ...ids);
}

/**
 * One person's events (of every identity the user name is linked to) in time order, at most
 * `limit`, as columns for the wire; each event keeps the identity it names.
 */
export function userEvents(db: Database, user: string, limit: number): EventColumns {
  const { person, identities } = personScope(db, user);
  const query = `SELECT ${STREAM_COLUMNS} FROM events WHERE user IN (${placeholders(identities.length)}) ORDER BY time, id LIMIT ?`;
  return encodeEvents(person, streamed(db.prepare(query), ...identities, limit));
}
