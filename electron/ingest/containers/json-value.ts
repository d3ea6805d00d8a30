/** JSON.parse of a record cut out by a JSON container, with the container's error message. */
import type { SourceRecord } from '../parser.js';
import { describeJsonError, type ReadIssue } from './types.js';

export function withJsonValue(record: SourceRecord): { record: SourceRecord } | { issue: ReadIssue } {
  try {
    return { record: { ...record, value: JSON.parse(record.text) as unknown } };
  } catch (err) {
    const issue: ReadIssue = { record: record.record, message: `not valid JSON: ${describeJsonError(err)}` };
    if (record.line !== undefined) issue.line = record.line;
    return { issue };
  }
}
