/**
 * Records handed to the writer thread unparsed, for it to parse when it has time to spare:
 * their texts as UTF-8 in one buffer, with lengths, lines and record numbers in typed arrays.
 * All of it is moved to the writer, not copied.
 */
import type { SourceRecord } from './parser.js';

export interface EncodedRecords {
  count: number;
  text: Uint8Array;
  lengths: Int32Array;
  /** Line of each record; 0 when the container has none. */
  lines: Int32Array;
  records: Int32Array;
}

export function encodeRecords(list: readonly SourceRecord[]): EncodedRecords {
  let chars = 0;
  for (const r of list) chars += r.text.length;
  // A UTF-16 code unit takes at most 3 bytes in UTF-8; never from the shared pool (it is transferred).
  const text = Buffer.allocUnsafeSlow(Math.max(1, chars * 3));
  const lengths = new Int32Array(list.length);
  const lines = new Int32Array(list.length);
  const records = new Int32Array(list.length);
  let used = 0;
  list.forEach((r, i) => {
    const written = text.write(r.text, used, 'utf8');
    used += written;
    lengths[i] = written;
    lines[i] = r.line ?? 0;
    records[i] = r.record;
  });
  return { count: list.length, text: text.subarray(0, used), lengths, lines, records };
}

export function decodeRecords(batch: EncodedRecords): SourceRecord[] {
  const text = Buffer.from(batch.text.buffer, batch.text.byteOffset, batch.text.byteLength);
  const out: SourceRecord[] = [];
  let offset = 0;
  for (let i = 0; i < batch.count; i += 1) {
    const len = batch.lengths[i] ?? 0;
    const line = batch.lines[i] ?? 0;
    const record = batch.records[i] ?? 0;
    const t = text.toString('utf8', offset, offset + len);
    offset += len;
    out.push(line > 0 ? { record, line, text: t } : { record, text: t });
  }
  return out;
}

export function recordTransferables(batch: EncodedRecords): ArrayBuffer[] {
  return [batch.text.buffer, batch.lengths.buffer, batch.lines.buffer, batch.records.buffer] as ArrayBuffer[];
}
