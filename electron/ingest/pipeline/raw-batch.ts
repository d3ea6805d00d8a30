/**
 * Records handed to the writer thread unparsed, for it to parse when it has time to spare.
 * Their texts go as they are: a few thousand strings of a kilobyte or more are cloned as
 * blocks, cheaper than encoding them to UTF-8 here and decoding them there. Lines and record
 * numbers go in typed arrays that are moved to the writer, not copied.
 */
import type { SourceRecord } from '../parser.js';

export interface UnparsedRecords {
  texts: string[];
  /** Line of each record; 0 when the container has none. */
  lines: Int32Array;
  records: Int32Array;
}

export function encodeRecords(list: readonly SourceRecord[]): UnparsedRecords {
  const lines = new Int32Array(list.length);
  const records = new Int32Array(list.length);
  const texts = list.map((r, i) => {
    lines[i] = r.line ?? 0;
    records[i] = r.record;
    return r.text;
  });
  return { texts, lines, records };
}

export function decodeRecords(batch: UnparsedRecords): SourceRecord[] {
  return batch.texts.map((text, i) => {
    const line = batch.lines[i] ?? 0;
    const record = batch.records[i] ?? 0;
    return line > 0 ? { record, line, text } : { record, text };
  });
}

export function recordTransferables(batch: UnparsedRecords): ArrayBuffer[] {
  return [batch.lines.buffer, batch.records.buffer] as ArrayBuffer[];
}
