/**
 * Events as CSV (RFC 4180): a header row, then one row per event in time order, CRLF line
 * ends, and every field that holds a comma, a double quote, CR or LF quoted with its quotes
 * doubled (a reason spanning lines stays one cell of one row).
 *
 * Formula injection: log fields are attacker-controlled, and spreadsheet programs run a cell
 * that starts with = + - or @ (and, in some, tab or CR) as a formula. Such text cells are written
 * with a single quote in front (OWASP's advice), so they open as text. Numbers PushTrail writes
 * itself (coordinates, ASNs, line numbers) are left as they are: a negative longitude is a number,
 * not a formula.
 */
import type { StoredEvent } from '../../shared/model/event.js';
import { formatTime } from '../../shared/format/time.js';
import type { ExportEvent } from '../store/report-queries.js';
import type { OutputFile } from './output-file.js';

type Cell = string | number | null | undefined;

export const CSV_COLUMNS = [
  'event_id',
  'time_utc',
  'time_display',
  'user',
  'user_display',
  'vendor',
  'vendor_event',
  'outcome',
  'factor',
  'reason',
  'src_ip',
  'src_city',
  'src_region',
  'src_country',
  'src_lat',
  'src_lon',
  'src_geo_source',
  'src_asn',
  'src_as_org',
  'responder_ip',
  'responder_name',
  'responder_city',
  'responder_region',
  'responder_country',
  'responder_lat',
  'responder_lon',
  'responder_asn',
  'responder_as_org',
  'user_agent',
  'device',
  'app',
  'session_id',
  'vendor_uid',
  'evidence_id',
  'evidence_line',
  'evidence_record',
  'finding_ids',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: formula-guarded text, quoted when RFC 4180 requires it. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function cells(e: StoredEvent, findingIds: readonly string[], zone: string): Cell[] {
  const s = e.source;
  const r = e.responder;
  return [
    e.id,
    new Date(e.time).toISOString(),
    formatTime(e.time, zone),
    e.user,
    e.userDisplay,
    e.vendor,
    e.vendorEvent,
    e.outcome,
    e.factor,
    e.reason,
    s?.ip,
    s?.geo?.city,
    s?.geo?.region,
    s?.geo?.country,
    s?.geo?.lat,
    s?.geo?.lon,
    s?.geo?.source,
    s?.asn,
    s?.asOrg,
    r?.ip,
    r?.name,
    r?.geo?.city,
    r?.geo?.region,
    r?.geo?.country,
    r?.geo?.lat,
    r?.geo?.lon,
    r?.asn,
    r?.asOrg,
    e.userAgent,
    e.device,
    e.app,
    e.sessionId,
    e.vendorUid,
    e.ref.evidenceId,
    e.ref.line,
    e.ref.record,
    findingIds.join(' '),
  ];
}

/** Write the header and one row per event; returns the number of rows. */
export function writeCsv(rows: Iterable<ExportEvent>, zone: string, out: OutputFile): number {
  out.write(csvRow(CSV_COLUMNS));
  let n = 0;
  for (const { event, findingIds } of rows) {
    out.write(csvRow(cells(event, findingIds, zone)));
    n++;
  }
  return n;
}
