/**
 * Splunk search exports (docs/export-shapes.md §9): the REST `search/jobs/export` endpoint with
 * `output_mode=json` (and Splunk Web's JSON export) write one `{"preview":<bool>,"result":{...}}`
 * object per line, with lines carrying only `lastrow` or `messages` between them [SPL-REST],
 * [SPL-EXPORT-3P]. A result's `_raw` is the event as the vendor sent it; a result without one
 * (a `table` or `stats` search) is handed over as its fields. Preview rows are superseded by
 * the final ones, and rows without a result carry no event: both give nothing. Exports that
 * are flat rows with a `_raw` column (CSV, `results` arrays) are read by original-column.ts.
 */
import { asObject, isObject } from '../vendors/fields.js';
import { originalText, recordFromText, recordFromValue } from './original.js';
import type { Reexport } from './types.js';

export const splunkExport: Reexport = {
  id: 'splunk',
  title: 'Splunk search export',
  matches: (value) => isObject(value) && typeof value['preview'] === 'boolean' && ('result' in value || 'lastrow' in value || 'messages' in value),
  unwrap(record) {
    const value = asObject(record.value);
    const result = asObject(value?.['result']);
    if (value === undefined || result === undefined || value['preview'] === true) return [];
    const raw = originalText(result);
    return [raw === undefined ? recordFromValue(record, result) : recordFromText(record, raw)];
  },
};
