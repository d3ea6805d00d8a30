/**
 * Rows of a SIEM table as exported: column names compared without case and white space and
 * without the ` [UTC]` the Log Analytics / Sentinel portal appends to time columns
 * (`TimeGenerated [UTC]`), and time cells rewritten to ISO-8601 UTC. Cells holding JSON text
 * (Log Analytics `dynamic` columns) are decoded where a map asks for an object.
 */
import { RecordError } from '../parser.js';
import { readTimestamp, type TimeSettings } from '../time/timestamp.js';
import { isObject, parseJson, type Json, type JsonObject } from '../vendors/fields.js';

/** `TimeGenerated [UTC]`, ` timegenerated ` -> `timegenerated`. */
export function columnKey(name: string): string {
  return name.replace(/\[utc\]\s*$/i, '').replace(/\s+/g, '').toLowerCase();
}

/** A row's cells by column key. */
export class Columns {
  private readonly cells = new Map<string, Json>();
  /** The column names as exported. */
  readonly names: string[] = [];

  constructor(row: JsonObject) {
    for (const name in row) {
      const value = row[name];
      if (value === undefined || !Object.hasOwn(row, name)) continue;
      this.cells.set(columnKey(name), value);
      this.names.push(name);
    }
  }

  has(key: string): boolean {
    return this.cells.has(key);
  }

  /** A cell as stored; blank text counts as absent (CSV exports write empty cells for nulls). */
  get(key: string): Json | undefined {
    const value = this.cells.get(key);
    return typeof value === 'string' && value.trim() === '' ? undefined : value;
  }

  /** A cell whose JSON text (or value, in a JSON export) is an object or an array. */
  json(key: string): Json | undefined {
    const value = this.get(key);
    if (typeof value !== 'string') return value;
    const parsed = parseJson(value) as Json | undefined;
    return typeof parsed === 'object' && parsed !== null ? parsed : value;
  }

  /**
   * A time cell as ISO-8601 UTC. Log Analytics stores every datetime in UTC, so a cell without
   * a zone is UTC whatever `--tz` says; its numeric dates follow the file's day/month order.
   */
  utcTime(key: string, time: TimeSettings): string | undefined {
    const value = this.get(key);
    if (typeof value !== 'string') return undefined;
    const ms = readTimestamp(value, time, 'utc');
    if (ms === undefined) throw new RecordError(`column ${key} holds ${JSON.stringify(value.slice(0, 60))}, which is not a time PushTrail reads`);
    return new Date(ms).toISOString();
  }
}

/** Set `value` at dotted `path` of `target`, creating objects on the way; undefined is skipped. */
export function setPath(target: JsonObject, path: string, value: Json | undefined): void {
  if (value === undefined) return;
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (isObject(next)) node = next;
    else {
      const created: JsonObject = {};
      node[key] = created;
      node = created;
    }
  }
  const last = keys[keys.length - 1];
  if (last !== undefined) node[last] = value;
}
