/**
 * Records handed to the writer thread unparsed, for it to parse when it has time to spare:
 * their texts joined into one string, with lengths, lines and record numbers in typed arrays
 * (the arrays are moved to the writer, the string is copied once).
 */
import type { SourceRecord } from './parser.js';

export interface EncodedRecords {
  count: number;
  text: string;
  /** Length (UTF-16 code units) of each record's text. */
  lengths: Int32Array;
  /** Line of each record; 0 when the container has none. */
  lines: Int32Array;
  records: Int32Array;
}

export function encodeRecords(list: readonly SourceRecord[]): EncodedRecords {
  let text = '';
  const lengths = new Int32Array(list.length);
  const lines = new Int32Array(list.length);
  const records = new Int32Array(list.length);
  list.forEach((r, i) => {
    text += r.text;
    lengths[i] = r.text.length;
    lines[i] = r.line ?? 0;
    records[i] = r.record;
  });
  return { count: list.length, text, lengths, lines, records };
}

export function decodeRecords(batch: EncodedRecords): SourceRecord[] {
  const out: SourceRecord[] = [];
  let offset = 0;
  for (let i = 0; i < batch.count; i += 1) {
    const len = batch.lengths[i] ?? 0;
    const line = batch.lines[i] ?? 0;
    const record = batch.records[i] ?? 0;
    const t = batch.text.slice(offset, offset + len);
    offset += len;
    out.push(line > 0 ? { record, line, text: t } : { record, text: t });
  }
  return out;
}

export function recordTransferables(batch: EncodedRecords): ArrayBuffer[] {
  return [batch.lengths.buffer, batch.lines.buffer, batch.records.buffer] as ArrayBuffer[];
}
