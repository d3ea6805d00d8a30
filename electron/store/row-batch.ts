/**
 * Rows cross from the parse thread to the writer thread in a compact form: every text cell of
 * a batch written as UTF-8 into one buffer, their byte lengths and the numeric cells in typed
 * arrays, all three moved to the writer rather than copied. Structured-cloning thousands of
 * small arrays of cells cost the parse thread more than parsing the records had.
 */
import { EVENT_COLUMNS, NUMERIC_COLUMNS, ROW_PARSED_LENGTH, type BoundCell, type EventRow } from './event-row.js';

/** For each parsed column: true when it holds a number. */
const IS_NUMBER: readonly boolean[] = EVENT_COLUMNS.slice(0, ROW_PARSED_LENGTH).map((c) => NUMERIC_COLUMNS.has(c));
const TEXTS_PER_ROW = IS_NUMBER.filter((n) => !n).length;
const NUMBERS_PER_ROW = IS_NUMBER.length - TEXTS_PER_ROW;

export interface EncodedRows {
  count: number;
  /** Every non-null text cell as UTF-8, row by row, column by column. */
  text: Uint8Array;
  /** Byte length of each text cell; -1 for null. */
  lengths: Int32Array;
  /** Each numeric cell; NaN for null. */
  numbers: Float64Array;
}

export class RowEncoder {
  private text: Buffer;
  private used = 0;
  private lengths: Int32Array;
  private numbers: Float64Array;
  private rows = 0;

  constructor(
    private readonly capacity: number,
    private readonly textBytes: number,
  ) {
    this.text = Buffer.allocUnsafeSlow(textBytes);
    this.lengths = new Int32Array(capacity * TEXTS_PER_ROW);
    this.numbers = new Float64Array(capacity * NUMBERS_PER_ROW);
  }

  get count(): number {
    return this.rows;
  }

  /** UTF-8 bytes of text held so far. */
  get bytes(): number {
    return this.used;
  }

  get full(): boolean {
    return this.rows >= this.capacity;
  }

  private room(chars: number): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    const need = this.used + chars * 3;
    if (need <= this.text.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(need, this.text.length * 2));
    this.text.copy(bigger, 0, 0, this.used);
    this.text = bigger;
  }

  add(row: EventRow): void {
    let t = this.rows * TEXTS_PER_ROW;
    let n = this.rows * NUMBERS_PER_ROW;
    for (let c = 0; c < IS_NUMBER.length; c += 1) {
      const v = row[c];
      if (IS_NUMBER[c] === true) {
        this.numbers[n++] = typeof v === 'number' ? v : NaN;
      } else if (typeof v === 'string') {
        this.room(v.length);
        const written = this.text.write(v, this.used, 'utf8');
        this.used += written;
        this.lengths[t++] = written;
      } else {
        this.lengths[t++] = -1;
      }
    }
    this.rows += 1;
  }

  /** The batch so far, and a fresh start. Its buffers may be transferred. */
  take(): EncodedRows {
    const out: EncodedRows = {
      count: this.rows,
      text: this.text.subarray(0, this.used),
      lengths: this.lengths.subarray(0, this.rows * TEXTS_PER_ROW),
      numbers: this.numbers.subarray(0, this.rows * NUMBERS_PER_ROW),
    };
    this.text = Buffer.allocUnsafeSlow(Math.max(this.textBytes, this.used));
    this.used = 0;
    this.lengths = new Int32Array(this.capacity * TEXTS_PER_ROW);
    this.numbers = new Float64Array(this.capacity * NUMBERS_PER_ROW);
    this.rows = 0;
    return out;
  }
}

const RAW_COLUMN = EVENT_COLUMNS.indexOf('raw');

/**
 * Visit each row of a batch. The same array is handed over for every row (its cells
 * replaced), with room after the parsed cells for what the writer adds. Text cells are
 * handed over as their UTF-8 bytes (views into the batch), to go to SQLite as they came:
 * decoding them to strings only for better-sqlite3 to encode them back had cost the writer
 * about as much as SQLite's own work on the events table's indexes. The verbatim record is
 * handed over apart, the same way; the row's `raw` cell is null.
 */
export function forEachRow(batch: EncodedRows, visit: (row: BoundCell[], raw: Uint8Array, index: number) => void): void {
  const text = batch.text;
  const row: BoundCell[] = new Array<BoundCell>(ROW_PARSED_LENGTH).fill(null);
  let raw: Uint8Array = new Uint8Array(0);
  let offset = 0;
  let t = 0;
  let n = 0;
  for (let i = 0; i < batch.count; i += 1) {
    for (let c = 0; c < IS_NUMBER.length; c += 1) {
      if (IS_NUMBER[c] === true) {
        const v = batch.numbers[n++] ?? NaN;
        row[c] = Number.isNaN(v) ? null : v;
      } else {
        const len = batch.lengths[t++] ?? -1;
        if (len < 0) {
          row[c] = null;
        } else if (c === RAW_COLUMN) {
          raw = new Uint8Array(text.buffer, text.byteOffset + offset, len);
          row[c] = null;
          offset += len;
        } else {
          row[c] = new Uint8Array(text.buffer, text.byteOffset + offset, len);
          offset += len;
        }
      }
    }
    row.length = ROW_PARSED_LENGTH;
    visit(row, raw, i);
  }
}

/** Buffers to list in postMessage's transfer list. */
export function transferablesOf(batch: EncodedRows): ArrayBuffer[] {
  return [batch.text.buffer as ArrayBuffer, batch.lengths.buffer as ArrayBuffer, batch.numbers.buffer as ArrayBuffer];
}
