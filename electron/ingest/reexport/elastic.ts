/**
 * Elasticsearch / OpenSearch hits (docs/export-shapes.md §9): search and scroll responses
 * (`{"hits":{"hits":[{"_index","_id","_source":{...}}]}}`, unwrapped to the hits by the JSON
 * reader) and tools that write one hit per line (elasticdump) [ES-SEARCH]. The vendor's record
 * is ECS `event.original` when the pipeline kept it [ECS], else `message` when that holds a
 * JSON record (Filebeat's raw input), else the document itself (a record indexed as sent).
 * `_id` is the SIEM's id, never the vendor's, and is not used.
 */
import { asObject, asText, ciKey, isObject } from '../vendors/fields.js';
import { originalText, recordFromText, recordFromValue } from './original.js';
import type { Reexport } from './types.js';

export const elasticHits: Reexport = {
  id: 'elastic',
  title: 'Elasticsearch / OpenSearch hits',
  matches: (value) => isObject(value) && isObject(value['_source']) && (typeof value['_index'] === 'string' || typeof value['_id'] === 'string'),
  unwrap(record) {
    const source = asObject(asObject(record.value)?.['_source']);
    if (source === undefined) return [];
    const original = originalText(source);
    if (original !== undefined) return [recordFromText(record, original)];
    const message = asText(ciKey(source, 'message'));
    if (message?.trimStart().startsWith('{') === true) return [recordFromText(record, message)];
    return [recordFromValue(record, source)];
  },
};
