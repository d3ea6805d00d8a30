/**
 * Streaming JSON reader: yields the records of a top-level array, of an array held by a
 * wrapper object (Graph `value`, Azure `records`, CloudTrail `Records`, Duo `response.authlogs`
 * ...), or of a sequence of top-level objects (NDJSON, pretty-printed objects one after
 * another, arrays appended one after another as PowerShell's `ConvertTo-Json | Out-File
 * -Append` writes them). Each record's verbatim text is cut out of the input with its first
 * line number and parsed with JSON.parse; the reader itself only finds where records begin and
 * end (json-lexer.ts), so memory stays at one record plus one input chunk however large the file.
 *
 * Whether the first top-level object is a wrapper or a record is decided by its keys: it is a
 * wrapper when one of WRAPPER_PATHS holds an array. That decision holds for the whole file, so
 * a record that happens to have a `data` array field is never mistaken for a wrapper later on.
 */
import { COLON, COMMA, LBRACE, LBRACKET, QUOTE, RBRACE, RBRACKET, isSpace, newCut, parseKey, recordEnd, skippedEnd, startSkipping, stringEnd, type RecordCut } from './json-lexer.js';
import { WRAPPER_PATHS } from './json-wrappers.js';
import { describeJsonError, type ContainerReader, type ReaderOptions, type RecordSink } from './types.js';

/** A container above record level: the top-level array or wrapper object and their children. */
interface Frame {
  array: boolean;
  /** Dotted key path from the top-level object. */
  path: string;
  /** Its elements are records. */
  records: boolean;
  /** In an object: the next string is a key. */
  expectKey: boolean;
  key: string;
  /** A top-level object in wrapped mode that held a record array. */
  hadRecords: boolean;
}

/** A record being cut out of the input. */
interface Pending extends RecordCut {
  line: number;
  record: number;
  /** Over the length limit: reported already, now only skipped to its end. */
  skipping: boolean;
}

type Mode = 'undecided' | 'records' | 'wrapped';

class JsonScanner implements ContainerReader {
  private buf = '';
  private pos = 0;
  /** Lines counted up to `lineScan` (an index into `buf`). */
  private lineNo = 1;
  private lineScan = 0;
  private mode: Mode = 'undecided';
  private readonly stack: Frame[] = [];
  private rec: Pending | null = null;
  /** Start of the first top-level object while it may still turn out to be a record. */
  private topStart = -1;
  private topLine = 0;
  private topTooLong = false;
  private records = 0;
  /** Skipping unexpected text up to the end of its line. */
  private skippingLine = false;

  constructor(
    private readonly sink: RecordSink,
    private readonly maxChars: number,
    private readonly parse: boolean,
  ) {}

  push(text: string): void {
    const keep = this.keepFrom();
    if (keep > 0) this.cut(keep);
    this.buf = this.buf.length === 0 ? text : this.buf + text;
    this.run();
  }

  end(): void {
    this.run();
    if (this.rec !== null) {
      const r = this.rec;
      if (!r.skipping) {
        this.sink.issue({ line: r.line, record: r.record, message: 'the file ends inside this record (truncated)' });
      }
      this.rec = null;
    } else if (this.stack.length > 0) {
      if (this.mode === 'undecided' && this.topStart >= 0) {
        this.records += 1;
        this.sink.issue({ line: this.topLine, record: this.records, message: 'the file ends inside this record (truncated)' });
      } else {
        const closer = this.stack[this.stack.length - 1]?.array === true ? ']' : '}';
        this.sink.issue({ line: this.lineAt(this.buf.length), message: `the file ends before the closing "${closer}" (truncated)` });
      }
    }
    this.buf = '';
    this.pos = 0;
    this.lineScan = 0;
  }

  /** Index of the first character that must be kept when more input arrives. */
  private keepFrom(): number {
    if (this.rec !== null) return this.rec.skipping ? this.rec.scanAt : this.rec.start;
    if (this.topStart >= 0) return this.topStart;
    return this.pos;
  }

  private cut(at: number): void {
    this.lineAt(at);
    this.buf = this.buf.slice(at);
    this.pos -= at;
    this.lineScan -= at;
    if (this.topStart >= 0) this.topStart -= at;
    if (this.rec !== null) {
      this.rec.start -= at;
      this.rec.scanAt -= at;
    }
  }

  /** 1-based line of `buf[index]`; indices must not go backwards between cuts. */
  private lineAt(index: number): number {
    const s = this.buf;
    let nl = s.indexOf('\n', this.lineScan);
    while (nl !== -1 && nl < index) {
      this.lineNo += 1;
      nl = s.indexOf('\n', nl + 1);
    }
    if (index > this.lineScan) this.lineScan = Math.min(index, s.length);
    return this.lineNo;
  }

  private run(): void {
    for (;;) {
      if (this.rec !== null) {
        if (!(this.rec.skipping ? this.skipRecord(this.rec) : this.skimRecord(this.rec))) return;
        continue;
      }
      if (!this.step()) return;
    }
  }

  /** One structural step above record level; false when more input is needed. */
  private step(): boolean {
    const s = this.buf;
    const n = s.length;
    let i = this.pos;
    if (this.skippingLine) {
      const nl = s.indexOf('\n', i);
      if (nl === -1) {
        this.pos = n;
        return false;
      }
      this.skippingLine = false;
      i = nl + 1;
    }
    while (i < n && isSpace(s.charCodeAt(i))) i += 1;
    this.pos = i;
    if (i >= n) return false;
    const c = s.charCodeAt(i);
    const frame = this.stack[this.stack.length - 1];

    if (frame === undefined) return this.topLevel(c, i);
    if (frame.records) {
      if (c === COMMA) {
        this.pos = i + 1;
        return true;
      }
      if (c === RBRACKET) {
        this.stack.pop();
        this.pos = i + 1;
        return true;
      }
      this.startRecord(i);
      return true;
    }
    return this.wrapperLevel(c, i, frame);
  }

  private topLevel(c: number, i: number): boolean {
    if (c === LBRACKET) {
      if (this.mode === 'undecided') this.mode = 'records';
      this.stack.push({ array: true, path: '', records: true, expectKey: false, key: '', hadRecords: false });
      this.pos = i + 1;
      return true;
    }
    if (c === LBRACE) {
      if (this.mode === 'records') {
        this.startRecord(i);
        return true;
      }
      if (this.mode === 'undecided') {
        this.topStart = i;
        this.topLine = this.lineAt(i);
        this.topTooLong = false;
      }
      this.stack.push({ array: false, path: '', records: false, expectKey: true, key: '', hadRecords: false });
      this.pos = i + 1;
      return true;
    }
    if (c === COMMA) {
      // Objects separated by commas without enclosing brackets: tolerated.
      this.pos = i + 1;
      return true;
    }
    this.sink.issue({ line: this.lineAt(i), message: 'unexpected text outside any JSON record; the rest of the line is skipped' });
    this.skippingLine = true;
    this.pos = i;
    return true;
  }

  private wrapperLevel(c: number, i: number, frame: Frame): boolean {
    const s = this.buf;
    if (this.topStart >= 0 && !this.topTooLong && i - this.topStart > this.maxChars) {
      // Too big to keep as a possible record; it can still turn out to be a wrapper.
      this.topTooLong = true;
      this.cut(i);
      this.topStart = -1;
      return true;
    }
    if (c === QUOTE) {
      const j = stringEnd(s, i + 1);
      if (j === -1) return false;
      if (!frame.array && frame.expectKey) {
        frame.key = parseKey(s.slice(i, j + 1));
        frame.expectKey = false;
      }
      this.pos = j + 1;
      return true;
    }
    if (c === COLON) {
      this.pos = i + 1;
      return true;
    }
    if (c === COMMA) {
      if (!frame.array) frame.expectKey = true;
      this.pos = i + 1;
      return true;
    }
    if (c === LBRACE || c === LBRACKET) {
      const path = frame.array ? `${frame.path}[]` : frame.path === '' ? frame.key : `${frame.path}.${frame.key}`;
      const wrapper = c === LBRACKET && !frame.array && this.mode !== 'records' && this.stack.length <= 2 && WRAPPER_PATHS.has(path);
      if (wrapper) {
        this.mode = 'wrapped';
        this.topStart = -1;
        const top = this.stack[0];
        if (top !== undefined) top.hadRecords = true;
      }
      this.stack.push({ array: c === LBRACKET, path, records: wrapper, expectKey: c === LBRACE, key: '', hadRecords: false });
      this.pos = i + 1;
      return true;
    }
    if (c === RBRACE || c === RBRACKET) {
      const closed = this.stack.pop();
      this.pos = i + 1;
      if (this.stack.length === 0 && closed !== undefined) this.closeTopObject(closed, i + 1);
      return true;
    }
    // A number, true, false or null at wrapper level: skip to its end.
    let j = i;
    while (j < s.length) {
      const d = s.charCodeAt(j);
      if (d === COMMA || d === RBRACE || d === RBRACKET || isSpace(d)) break;
      j += 1;
    }
    if (j >= s.length) return false;
    this.pos = j;
    return true;
  }

  /** The first top-level object ended without a record array: it was a record itself. */
  private closeTopObject(closed: Frame, end: number): void {
    if (this.mode === 'undecided') {
      this.mode = 'records';
      this.records += 1;
      if (this.topStart >= 0) {
        this.emit(this.topStart, end, this.topLine, this.records);
      } else {
        this.sink.issue({ line: this.topLine, record: this.records, message: `record longer than ${this.maxChars.toLocaleString('en-US')} characters; skipped` });
      }
      this.topStart = -1;
    } else if (this.mode === 'wrapped' && !closed.hadRecords) {
      this.sink.issue({
        line: this.lineAt(end - 1),
        message: `a JSON object without a record array (${[...WRAPPER_PATHS].join(', ')}) was skipped`,
      });
    }
  }

  private startRecord(i: number): void {
    this.records += 1;
    this.rec = { ...newCut(i, this.buf.charCodeAt(i)), line: this.lineAt(i), record: this.records, skipping: false };
  }

  /** Find the end of the pending record; false when more input is needed. */
  private skimRecord(r: Pending): boolean {
    const end = recordEnd(this.buf, r);
    if (end !== -1) return this.finish(r, end);
    if (r.depth !== -1 && r.scanAt - r.start > this.maxChars) {
      this.sink.issue({ line: r.line, record: r.record, message: `record longer than ${this.maxChars.toLocaleString('en-US')} characters; skipped` });
      r.skipping = true;
      startSkipping(this.buf, r);
      this.lineAt(r.scanAt);
    }
    return false;
  }

  /** Walk an over-long record to its end without keeping it. */
  private skipRecord(r: Pending): boolean {
    const end = skippedEnd(this.buf, r);
    if (end === -1) return false;
    this.rec = null;
    this.pos = end;
    return true;
  }

  private finish(r: Pending, end: number): boolean {
    this.rec = null;
    this.pos = end;
    this.emit(r.start, end, r.line, r.record);
    return true;
  }

  private emit(start: number, end: number, line: number, record: number): void {
    if (end - start > this.maxChars) {
      // Found whole within one chunk, but the limit holds however the input was cut.
      this.sink.issue({ line, record, message: `record longer than ${this.maxChars.toLocaleString('en-US')} characters; skipped` });
      return;
    }
    const text = this.buf.slice(start, end);
    if (!this.parse) {
      this.sink.record({ record, line, text });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      this.sink.issue({ line, record, message: `not valid JSON: ${describeJsonError(err)}` });
      return;
    }
    this.sink.record({ record, line, text, value });
  }
}

export function jsonReader(sink: RecordSink, options: ReaderOptions): ContainerReader {
  return new JsonScanner(sink, options.maxRecordChars, options.parseJson ?? true);
}
