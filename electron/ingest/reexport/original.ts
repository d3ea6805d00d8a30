/**
 * The vendor's original record carried as text inside a re-export (Splunk `_raw`, Elastic
 * `event.original`, a Log Analytics `RawData` column, OCSF `raw_data`): JSON object text becomes the record's
 * value; any other text is a line for the text parsers (syslog).
 */
import { RecordError, type SourceRecord } from '../parser.js';
import { asText, ciKey, isObject, type JsonObject } from '../vendors/fields.js';

/**
 * Fields that hold the original record, in the order they are trusted: Splunk's `_raw`, ECS
 * `event.original` (nested or flattened by a CSV export), Log Analytics custom logs' `RawData`,
 * CloudTrail LookupEvents' `CloudTrailEvent` (the full record as JSON text, [AWS-EVENT-API]
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_Event.html), and OCSF's
 * `raw_data` ("the raw event/finding data as received from the source", [OCSF-BASE]
 * https://schema.ocsf.io/1.3.0/classes/base_event), which PushTrail's Parquet export and OCSF
 * data lakes keep beside the normalised columns.
 */
const ORIGINAL_FIELDS = ['_raw', 'event.original', 'RawData', 'CloudTrailEvent', 'raw_data'] as const;

/** The original text carried by `row`, or undefined. */
export function originalText(row: JsonObject): string | undefined {
  for (const name of ORIGINAL_FIELDS) {
    const flat = asText(ciKey(row, name));
    if (flat !== undefined) return flat;
  }
  const event = ciKey(row, 'event');
  return isObject(event) ? asText(ciKey(event, 'original')) : undefined;
}

/** The record placed as `outer` whose content is `text`: parsed when it is a JSON object. */
export function recordFromText(outer: SourceRecord, text: string): SourceRecord {
  const placed = placedAs(outer);
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return { ...placed, text: trimmed };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (err) {
    throw new RecordError(`the original record inside this row is not valid JSON: ${(err as Error).message}`);
  }
  return { ...placed, text: trimmed, value };
}

/** The record placed as `outer` whose value is `value`. */
export function recordFromValue(outer: SourceRecord, value: JsonObject): SourceRecord {
  return { ...placedAs(outer), text: JSON.stringify(value), value };
}

function placedAs(outer: SourceRecord): Pick<SourceRecord, 'record' | 'line'> {
  return outer.line === undefined ? { record: outer.record } : { record: outer.record, line: outer.line };
}
