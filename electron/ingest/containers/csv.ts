/**
 * CSV (RFC 4180): a header row names the columns; every later row becomes an object of column
 * name to cell text. Quoted cells may hold delimiters, doubled quotes and line breaks. The
 * delimiter (comma, semicolon or tab, as localised exports use) is read from the header row.
 * A row whose cell count differs from the header's, or with text after a closing quote, is
 * reported and skipped. JSON inside a cell (M365 `AuditData`) is left to the vendor parser.
 */
import type { ContainerReader, ReaderOptions, RecordSink } from './types.js';

const QUOTE = 34;
const CR = 13;
const LF = 10;

interface Row {
  cells: string[];
  /** Index just past the row's line terminator. */
  next: number;
  /** Index where the row's text ends (before the terminator). */
  textEnd: number;
  /** Line breaks inside the row (multi-line cells) plus its own terminator. */
  lineBreaks: number;
  error?: string;
}

/** The delimiter that splits the header line best, outside quotes. */
export function guessDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

class CsvReader implements ContainerReader {
  private buf = '';
  private pos = 0;
  /** 1-based line where the next row starts. */
  private line = 1;
  private delimiter = -1;
  private header: string[] | null = null;
  private record = 0;
  /** Skipping the rest of an over-long row, up to the next line break. */
  private skipping = false;

  constructor(
    private readonly sink: RecordSink,
    private readonly maxChars: number,
  ) {}

  push(text: string): void {
    this.buf = this.pos >= this.buf.length ? text : this.buf.slice(this.pos) + text;
    this.pos = 0;
    this.drain(false);
  }

  end(): void {
    this.drain(true);
    this.buf = '';
    this.pos = 0;
  }

  private drain(atEnd: boolean): void {
    for (;;) {
      if (this.skipping) {
        const nl = this.buf.indexOf('\n', this.pos);
        if (nl === -1) {
          this.pos = this.buf.length;
          return;
        }
        this.skipping = false;
        this.pos = nl + 1;
        this.line += 1;
      }
      if (this.pos >= this.buf.length) return;
      if (this.delimiter === -1) {
        const nl = this.buf.indexOf('\n', this.pos);
        if (nl === -1 && !atEnd) {
          if (this.buf.length - this.pos > this.maxChars) this.tooLong();
          return;
        }
        this.delimiter = guessDelimiter(this.buf.slice(this.pos, nl === -1 ? undefined : nl)).charCodeAt(0);
      }
      const row = this.parseRow(this.pos, atEnd);
      if (row === null) {
        if (this.buf.length - this.pos > this.maxChars) this.tooLong();
        return;
      }
      this.take(row);
    }
  }

  private tooLong(): void {
    this.record += 1;
    this.sink.issue({
      line: this.line,
      record: this.record,
      message: `row longer than ${this.maxChars.toLocaleString('en-US')} characters (an unclosed quote?); skipped to the next line`,
    });
    this.skipping = true;
  }

  private take(row: Row): void {
    const start = this.pos;
    const line = this.line;
    this.pos = row.next;
    this.line += row.lineBreaks;
    const blank = row.cells.length === 1 && row.cells[0] === '' && row.error === undefined;
    if (blank) return;
    if (this.header === null) {
      if (row.error !== undefined) {
        this.sink.issue({ line, message: `header row: ${row.error}` });
        return;
      }
      this.header = uniqueNames(row.cells);
      return;
    }
    this.record += 1;
    if (row.error !== undefined) {
      this.sink.issue({ line, record: this.record, message: row.error });
      return;
    }
    if (row.textEnd - start > this.maxChars) {
      this.sink.issue({ line, record: this.record, message: `row longer than ${this.maxChars.toLocaleString('en-US')} characters; skipped` });
      return;
    }
    if (row.cells.length !== this.header.length) {
      this.sink.issue({
        line,
        record: this.record,
        message: `row has ${row.cells.length} cells; the header has ${this.header.length}`,
      });
      return;
    }
    const header = this.header;
    const value = Object.fromEntries(row.cells.map((cell, i) => [header[i] ?? `column ${i + 1}`, cell]));
    this.sink.record({ record: this.record, line, text: this.buf.slice(start, row.textEnd), value });
  }

  /** Parse one row starting at `from`; null when the row is not complete in the buffer yet. */
  private parseRow(from: number, atEnd: boolean): Row | null {
    const s = this.buf;
    const n = s.length;
    const delim = this.delimiter;
    const cells: string[] = [];
    let lineBreaks = 0;
    let error: string | undefined;
    let i = from;
    for (;;) {
      // One cell starts at i.
      if (i < n && s.charCodeAt(i) === QUOTE) {
        let text = '';
        let j = i + 1;
        for (;;) {
          const q = s.indexOf('"', j);
          if (q === -1) {
            if (!atEnd) return null;
            error ??= 'unterminated quoted cell at the end of the file';
            text += s.slice(j);
            lineBreaks += countBreaks(s, j, n);
            i = n;
            break;
          }
          lineBreaks += countBreaks(s, j, q);
          text += s.slice(j, q);
          if (q + 1 < n && s.charCodeAt(q + 1) === QUOTE) {
            text += '"';
            j = q + 2;
            continue;
          }
          if (q + 1 >= n && !atEnd) return null;
          i = q + 1;
          break;
        }
        cells.push(text);
        if (i < n) {
          const c = s.charCodeAt(i);
          if (c !== delim && c !== CR && c !== LF) {
            error ??= `unexpected text after the closing quote of cell ${cells.length}`;
            // Resynchronise at the end of the physical line.
            const nl = s.indexOf('\n', i);
            if (nl === -1 && !atEnd) return null;
            const stop = nl === -1 ? n : nl;
            return { cells, next: nl === -1 ? n : nl + 1, textEnd: stop, lineBreaks: lineBreaks + 1, error };
          }
        }
      } else {
        let j = i;
        while (j < n) {
          const c = s.charCodeAt(j);
          if (c === delim || c === LF || c === CR) break;
          j += 1;
        }
        if (j >= n && !atEnd) return null;
        cells.push(s.slice(i, j));
        i = j;
      }
      if (i >= n) return { cells, next: n, textEnd: n, lineBreaks: lineBreaks + 1, error };
      const c = s.charCodeAt(i);
      if (c === delim) {
        i += 1;
        continue;
      }
      // End of row: CRLF, LF or a lone CR.
      if (c === CR) {
        if (i + 1 >= n && !atEnd) return null;
        const next = i + 1 < n && s.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
        return { cells, next, textEnd: i, lineBreaks: lineBreaks + 1, error };
      }
      return { cells, next: i + 1, textEnd: i, lineBreaks: lineBreaks + 1, error };
    }
  }
}

function countBreaks(s: string, from: number, to: number): number {
  let count = 0;
  let nl = s.indexOf('\n', from);
  while (nl !== -1 && nl < to) {
    count += 1;
    nl = s.indexOf('\n', nl + 1);
  }
  return count;
}

/** Column names as given; a repeated name gets " (2)", " (3)" ... so no cell is lost. */
function uniqueNames(cells: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((raw, i) => {
    const name = raw.trim() === '' ? `column ${i + 1}` : raw;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}

export function csvReader(sink: RecordSink, options: ReaderOptions): ContainerReader {
  return new CsvReader(sink, options.maxRecordChars);
}
