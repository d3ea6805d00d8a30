/**
 * Flat rows that carry the vendor's original record in one column: Splunk CSV exports and
 * `results` arrays (`_raw`), Kibana / OpenSearch Dashboards CSV reports of ECS documents
 * (`event.original`), Log Analytics custom-log tables (`RawData`), CloudTrail event history
 * through LookupEvents (`Events[].CloudTrailEvent`), OCSF rows from a data lake or PushTrail's
 * Parquet export (`raw_data`). See original.ts.
 */
import { isObject } from '../vendors/fields.js';
import { originalText, recordFromText } from './original.js';
import type { Reexport } from './types.js';
import { RecordError } from '../parser.js';

export const originalColumn: Reexport = {
  id: 'original-column',
  title: 'rows carrying the original record (_raw, event.original, RawData, CloudTrailEvent, raw_data)',
  matches: (value) => isObject(value) && originalText(value) !== undefined,
  unwrap(record) {
    const text = isObject(record.value) ? originalText(record.value) : undefined;
    if (text === undefined) throw new RecordError('this row carries no original record (its _raw / event.original / RawData / CloudTrailEvent / raw_data is empty)');
    return [recordFromText(record, text)];
  },
};
