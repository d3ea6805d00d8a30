/**
 * Records that carry other records: StreamAlert rule fixtures (`[{data: <record>, log:
 * "duo:authentication", ...}]`) wrap the vendor record in `data`, and a CloudTrail fixture's
 * `data` is a whole S3 object with its events in `Records`. Each inner record is handed to the
 * vendor parser on its own, re-serialised (the file's verbatim text is the enclosing record,
 * at the same line and record number).
 */
import type { SourceRecord } from '../parser.js';
import { isObject } from '../vendors/fields.js';

function isFixture(value: unknown): value is { data: Record<string, unknown>; log: string } {
  return isObject(value) && typeof value['log'] === 'string' && isObject(value['data']);
}

/** The records inside `record`; the record itself when it wraps nothing. */
export function expandRecord(record: SourceRecord): SourceRecord[] {
  const value = record.value;
  if (!isFixture(value)) return [record];
  const inner = value.data;
  const members = inner['Records'];
  const base = record.line === undefined ? { record: record.record } : { record: record.record, line: record.line };
  if (Array.isArray(members)) return members.map((m: unknown) => ({ ...base, text: JSON.stringify(m), value: m }));
  return [{ ...base, text: JSON.stringify(inner), value: inner }];
}
