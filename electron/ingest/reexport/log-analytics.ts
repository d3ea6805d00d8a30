/**
 * Log Analytics / Microsoft Sentinel query results exported from the portal (CSV, headers
 * such as `TimeGenerated [UTC]`, times in the exporting user's locale) or through the API / CLI
 * (JSON, `dynamic` columns as JSON text) (docs/export-shapes.md §1.5, §3, §5, §6). A row of a
 * table whose connector kept the vendor's record (`RawData`) hands that over; a table whose
 * columns are the vendor's fields renamed is mapped back (tables/); any other table (Entra
 * `SigninLogs`, `AADNonInteractiveUserSignInLogs`, `AuditLogs`, whose PascalCase names the
 * Microsoft parsers read as they are) is handed over with its column names cleaned and its
 * time columns in ISO-8601 UTC.
 */
import type { SourceRecord } from '../parser.js';
import type { TimeSettings } from '../time/timestamp.js';
import { isObject, type JsonObject } from '../vendors/fields.js';
import { Columns, columnKey } from './columns.js';
import { originalText, recordFromText, recordFromValue } from './original.js';
import { CLOUDTRAIL_TABLE } from './tables/cloudtrail.js';
import { GOOGLE_WORKSPACE_TABLE } from './tables/google-workspace.js';
import { OKTA_LEGACY_TABLE, OKTA_V2_TABLE } from './tables/okta.js';
import type { TableMap } from './tables/table.js';
import type { Reexport } from './types.js';

const TABLES: readonly TableMap[] = [OKTA_V2_TABLE, OKTA_LEGACY_TABLE, GOOGLE_WORKSPACE_TABLE, CLOUDTRAIL_TABLE];

const UTC_SUFFIX = /\[utc\]\s*$/i;

function hasTimeGenerated(value: unknown): boolean {
  if (!isObject(value)) return false;
  for (const name in value) if (columnKey(name) === 'timegenerated') return true;
  return false;
}

/** The table named by the row's `Type` column, or else the one whose signature columns it has. */
function tableOf(row: Columns): TableMap | undefined {
  const type = row.get('type');
  if (typeof type === 'string') {
    const named = TABLES.find((t) => t.table.toLowerCase() === type.trim().toLowerCase());
    if (named !== undefined) return named;
  }
  return TABLES.find((t) => t.signature.every((column) => row.has(column)));
}

/** The row with ` [UTC]` and padding gone from its column names, and those columns' times in ISO-8601. */
function cleaned(value: JsonObject, row: Columns, time: TimeSettings): JsonObject {
  const out: JsonObject = {};
  for (const name of row.names) {
    const key = name.replace(UTC_SUFFIX, '').trim();
    const cell = value[name];
    if (cell === undefined) continue;
    const isTime = UTC_SUFFIX.test(name) || columnKey(name) === 'timegenerated';
    out[key] = isTime && typeof cell === 'string' && cell.trim() !== '' ? (row.utcTime(columnKey(name), time) ?? cell) : cell;
  }
  return out;
}

function unwrapRow(record: SourceRecord, time: TimeSettings): SourceRecord[] {
  const value = record.value;
  if (!isObject(value)) return [record];
  const raw = originalText(value);
  if (raw !== undefined) return [recordFromText(record, raw)];
  const row = new Columns(value);
  const table = tableOf(row);
  return [recordFromValue(record, table === undefined ? cleaned(value, row, time) : table.toVendor(row, time))];
}

export const logAnalytics: Reexport = {
  id: 'log-analytics',
  title: 'Log Analytics / Sentinel query results',
  matches: hasTimeGenerated,
  unwrap: unwrapRow,
};
