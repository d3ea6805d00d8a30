/**
 * The day/month order of a file's numeric dates, decided from the file as a whole: one date
 * whose first number is over 12 (`21/04/2025 09:45`) shows the file writes the day first, one
 * whose second number is (`6/19/2025 2:06 AM`) that it writes the month first. The analyst's
 * `--date-order` overrides the evidence. The decision and its reason go into the import
 * summary; dates that could be read either way are rejected when nothing decided the order.
 */
import { type DateOrder } from './timestamp.js';

/** A numeric date followed by a time, as exports render timestamps (not years first: those are unambiguous). */
const NUMERIC_DATE = /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2\d{4},?\s+\d{1,2}:\d{2}/g;

export interface DateOrderDecision {
  /** Undefined: no order decided, so dates that read both ways are rejected. */
  order?: DateOrder;
  /** For the import summary. */
  reason: string;
}

interface Sighting {
  line: number;
  text: string;
  /** The number over 12, which cannot be the month. */
  day: number;
}

/** True when some of `texts` hold a numeric date-time, so the file's order matters. */
export function hasNumericDates(texts: Iterable<string>): boolean {
  for (const text of texts) {
    NUMERIC_DATE.lastIndex = 0;
    if (NUMERIC_DATE.test(text)) return true;
  }
  return false;
}

/** Reads decoded text (in chunks, in order) and collects what the dates in it say. */
export class DateOrderEvidence {
  private partial = '';
  private line = 0;
  private dayFirst: Sighting | undefined;
  private monthFirst: Sighting | undefined;
  private ambiguous = 0;
  private dates = 0;

  push(chunk: string): void {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.scan(line);
  }

  end(): void {
    this.scan(this.partial);
    this.partial = '';
  }

  private scan(text: string): void {
    this.line += 1;
    NUMERIC_DATE.lastIndex = 0;
    for (let m = NUMERIC_DATE.exec(text); m !== null; m = NUMERIC_DATE.exec(text)) {
      const a = Number(m[1]);
      const b = Number(m[3]);
      this.dates += 1;
      if (a > 12 && b <= 12) this.dayFirst ??= { line: this.line, text: m[0], day: a };
      else if (b > 12 && a <= 12) this.monthFirst ??= { line: this.line, text: m[0], day: b };
      else if (a !== b && a <= 12 && b <= 12) this.ambiguous += 1;
    }
  }

  /** The order to read the file with, and why; undefined when the file has no numeric dates and none was given. */
  decide(given: DateOrder | undefined): DateOrderDecision | undefined {
    if (given !== undefined) return { order: given, reason: `numeric dates read ${ORDER_WORDS[given]}, as given (--date-order ${given})` };
    if (this.dates === 0) return undefined;
    const { dayFirst, monthFirst } = this;
    if (dayFirst !== undefined && monthFirst !== undefined) {
      return {
        reason:
          `the file's numeric dates disagree: line ${dayFirst.line} has ${quote(dayFirst)} (day first) and line ${monthFirst.line} has ` +
          `${quote(monthFirst)} (month first); dates that read both ways were rejected — give --date-order dmy or mdy`,
      };
    }
    if (dayFirst !== undefined) return { order: 'dmy', reason: `numeric dates read ${ORDER_WORDS.dmy}: line ${dayFirst.line} has ${quote(dayFirst)}` };
    if (monthFirst !== undefined) return { order: 'mdy', reason: `numeric dates read ${ORDER_WORDS.mdy}: line ${monthFirst.line} has ${quote(monthFirst)}` };
    if (this.ambiguous === 0) return undefined;
    return {
      reason:
        `no numeric date in the file has a number over 12, so its day/month order is unknown; ${this.ambiguous.toLocaleString('en-US')} ` +
        'dates that read both ways were rejected — give --date-order dmy or mdy',
    };
  }
}

const ORDER_WORDS: { readonly [O in DateOrder]: string } = {
  dmy: 'day first (day/month/year)',
  mdy: 'month first (month/day/year)',
};

function quote(s: Sighting): string {
  return `${JSON.stringify(s.text)} (${s.day} cannot be a month)`;
}
