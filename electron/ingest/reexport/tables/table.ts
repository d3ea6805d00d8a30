/**
 * A Log Analytics / Sentinel table whose rows carry no original record: its columns are the
 * vendor's fields renamed and flattened by the connector, mapped back here to the vendor's own
 * field paths so that the vendor parser reads them as it reads the vendor's export.
 */
import type { TimeSettings } from '../../time/timestamp.js';
import type { JsonObject } from '../../vendors/fields.js';
import { setPath, type Columns } from '../columns.js';

/** How a column's cell becomes the vendor's field: as text, decoded JSON, or a UTC time. */
export type CellKind = 'text' | 'json' | 'time';

/** Column key (see columnKey) -> the vendor's dotted path and how the cell is read. */
export type ColumnMap = readonly (readonly [column: string, path: string, kind: CellKind])[];

export interface TableMap {
  /** The table's name, as its `Type` column gives it. */
  table: string;
  /** Columns that tell the table when no `Type` column was exported (column keys). */
  signature: readonly string[];
  /** The vendor record of one row. */
  toVendor(row: Columns, time: TimeSettings): JsonObject;
}

/** The vendor record a column map builds from a row. */
export function mapColumns(map: ColumnMap, row: Columns, time: TimeSettings): JsonObject {
  const out: JsonObject = {};
  for (const [column, path, kind] of map) {
    if (!row.has(column)) continue;
    setPath(out, path, kind === 'time' ? row.utcTime(column, time) : kind === 'json' ? row.json(column) : row.get(column));
  }
  return out;
}
