/**
 * Splits decoded text into lines across chunk boundaries, with a length limit: a line longer
 * than the limit is reported once and skipped without being held in memory.
 */

export interface LineHandler {
  /** A complete line without its terminator (LF or CRLF); `line` is its 1-based number. */
  line(text: string, line: number): void;
  /** A line longer than the limit was skipped. */
  tooLong(line: number, limit: number): void;
}

export class LineSplitter {
  private pending = '';
  private lineNo = 0;
  /** True while skipping the rest of an over-long line. */
  private skipping = false;

  constructor(
    private readonly handler: LineHandler,
    private readonly maxChars: number,
  ) {}

  push(chunk: string): void {
    const text = this.pending === '' ? chunk : this.pending + chunk;
    this.pending = '';
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl === -1) break;
      this.lineNo += 1;
      if (this.skipping) {
        this.skipping = false;
      } else if (nl - start > this.maxChars + 1) {
        this.handler.tooLong(this.lineNo, this.maxChars);
      } else {
        const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        this.handler.line(text.slice(start, end), this.lineNo);
      }
      start = nl + 1;
    }
    if (this.skipping) return;
    if (text.length - start > this.maxChars + 1) {
      // The line goes on past the limit: report it now and drop what we have of it.
      this.handler.tooLong(this.lineNo + 1, this.maxChars);
      this.skipping = true;
      return;
    }
    this.pending = start === 0 ? text : text.slice(start);
  }

  end(): void {
    if (this.skipping) {
      this.lineNo += 1;
      this.skipping = false;
      return;
    }
    if (this.pending !== '') {
      this.lineNo += 1;
      const text = this.pending.endsWith('\r') ? this.pending.slice(0, -1) : this.pending;
      this.pending = '';
      this.handler.line(text, this.lineNo);
    }
  }
}
