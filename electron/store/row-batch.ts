/**
 * Rows cross from the parse thread to the writer thread in a compact form: every text cell of
 * a batch joined into one string, with their lengths and the numeric cells in typed arrays
 * (the arrays are moved to the writer, the string is copied once). Structured-cloning
 * thousands of small arrays of cells cost the parse thread more than parsing the records had,
 * and encoding each cell to UTF-8 and decoding it again cost both threads a native call per
 * cell; the writer now takes each cell out of the batch's string with `slice`.
 */
import { EVENT_COLUMNS, ROW_PARSED_LENGTH, type Cell, type EventRow } from './event-row.js';

const NUMERIC: ReadonlySet<string> = new Set(['time', 'src_lat', 'src_lon', 'src_asn', 'dev_lat', 'dev_lon', 'dev_asn', 'line', 'record']);
/** For each parsed column: true when it holds a number. */
const IS_NUMBER: readonly boolean[] = EVENT_COLUMNS.slice(0, ROW_PARSED_LENGTH).map((c) => NUMERIC.has(c));
const TEXTS_PER_ROW = IS_NUMBER.filter((n) => !n).length;
const NUMBERS_PER_ROW = IS_NUMBER.length - TEXTS_PER_ROW;

export interface EncodedRows {
  count: number;
  /** Every non-null text cell, row by row, column by column. */
  text: string;
  /** Length (UTF-16 code units) of each text cell; -1 for null. */
  lengths: Int32Array;
  /** Each numeric cell; NaN for null. */
  numbers: Float64Array;
}

export class RowEncoder {
  private texts: string[] = [];
  private textChars = 0;
  private lengths: Int32Array;
  private numbers: Float64Array;
  private rows = 0;

  constructor(private readonly capacity: number) {
    this.lengths = new Int32Array(capacity * TEXTS_PER_ROW);
    this.numbers = new Float64Array(capacity * NUMBERS_PER_ROW);
  }

  get count(): number {
    return this.rows;
  }

  /** UTF-16 code units of text held so far. */
  get chars(): number {
    return this.textChars;
  }

  get full(): boolean {
    return this.rows >= this.capacity;
  }

  add(row: EventRow): void {
    let t = this.rows * TEXTS_PER_ROW;
    let n = this.rows * NUMBERS_PER_ROW;
    for (let c = 0; c < IS_NUMBER.length; c += 1) {
      const v = row[c];
      if (IS_NUMBER[c] === true) {
        this.numbers[n++] = typeof v === 'number' ? v : NaN;
      } else if (typeof v === 'string') {
        this.texts.push(v);
        this.textChars += v.length;
        this.lengths[t++] = v.length;
      } else {
        this.lengths[t++] = -1;
      }
    }
    this.rows += 1;
  }

  /** The batch so far, and a fresh start. Its arrays may be transferred. */
  take(): EncodedRows {
    const out: EncodedRows = {
      count: this.rows,
      text: this.texts.join(''),
      lengths: this.lengths.subarray(0, this.rows * TEXTS_PER_ROW),
      numbers: this.numbers.subarray(0, this.rows * NUMBERS_PER_ROW),
    };
    this.texts = [];
    this.textChars = 0;
    this.lengths = new Int32Array(this.capacity * TEXTS_PER_ROW);
    this.numbers = new Float64Array(this.capacity * NUMBERS_PER_ROW);
    this.rows = 0;
    return out;
  }
}

/**
 * Visit each row of a batch. The same array is handed over for every row (its cells
 * replaced), with room after the parsed cells for what the writer adds.
 */
export function forEachRow(batch: EncodedRows, visit: (row: Cell[], index: number) => void): void {
  const text = batch.text;
  const row: Cell[] = new Array<Cell>(ROW_PARSED_LENGTH).fill(null);
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
        } else {
          row[c] = text.slice(offset, offset + len);
          offset += len;
        }
      }
    }
    row.length = ROW_PARSED_LENGTH;
    visit(row, i);
  }
}

/** Buffers to list in postMessage's transfer list. */
export function transferablesOf(batch: EncodedRows): ArrayBuffer[] {
  return [batch.lengths.buffer as ArrayBuffer, batch.numbers.buffer as ArrayBuffer];
}
