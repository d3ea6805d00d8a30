/**
 * The character-level steps of the streaming JSON reader: finding where a string ends and
 * where a record (an object, an array, a string or a bare scalar) ends in text that may stop
 * in the middle of it. Each step resumes from the state it left in a `RecordCut`, so a record
 * split across input chunks is scanned once.
 */
export const QUOTE = 34;
export const BACKSLASH = 92;
export const COMMA = 44;
export const COLON = 58;
export const LBRACE = 123;
export const RBRACE = 125;
export const LBRACKET = 91;
export const RBRACKET = 93;
const NEWLINE = 10;

export function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Index of the quote closing a string whose body continues at `from`, or -1 if not in `s` yet. */
export function stringEnd(s: string, from: number): number {
  let j = s.indexOf('"', from);
  while (j !== -1) {
    let k = j - 1;
    while (s.charCodeAt(k) === BACKSLASH) k -= 1;
    if ((j - 1 - k) % 2 === 0) return j;
    j = s.indexOf('"', j + 1);
  }
  return -1;
}

/** An object key as text: the decoded string, or the quoted text when it does not decode. */
export function parseKey(quoted: string): string {
  try {
    const key: unknown = JSON.parse(quoted);
    return typeof key === 'string' ? key : quoted;
  } catch {
    return quoted;
  }
}

/** Where the scan of one record stands. */
export interface RecordCut {
  start: number;
  /** Bracket depth; -1 for a bare scalar (number, true, false, null). */
  depth: number;
  scanAt: number;
  inString: boolean;
  /** Skipping only (an over-long record): the previous character was an unescaped backslash. */
  escaped: boolean;
}

/** A record starting at `start` with character `c`. */
export function newCut(start: number, c: number): RecordCut {
  const scalar = c !== LBRACE && c !== LBRACKET && c !== QUOTE;
  return { start, depth: scalar ? -1 : 0, scanAt: start, inString: false, escaped: false };
}

function endOfScalar(s: string, cut: RecordCut): number {
  let i = cut.scanAt;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === COMMA || c === RBRACE || c === RBRACKET || isSpace(c)) return i;
    i += 1;
  }
  cut.scanAt = i;
  return -1;
}

/**
 * The index just past the record's end, or -1 when `s` ends first (the cut then holds where
 * to resume). Strings are skipped natively with indexOf, which is what keeps this fast.
 */
export function recordEnd(s: string, cut: RecordCut): number {
  if (cut.depth === -1) return endOfScalar(s, cut);
  const n = s.length;
  let i = cut.scanAt;
  let depth = cut.depth;
  const pause = (at: number, inString: boolean): number => {
    cut.depth = depth;
    cut.inString = inString;
    cut.scanAt = at;
    return -1;
  };
  if (cut.inString) {
    const j = stringEnd(s, i);
    if (j === -1) return pause(n, true);
    i = j + 1;
    if (depth === 0) return i;
  }
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === QUOTE) {
      const j = stringEnd(s, i + 1);
      if (j === -1) return pause(n, true);
      i = j + 1;
      if (depth === 0) return i;
      continue;
    }
    if (c === LBRACE || c === LBRACKET) depth += 1;
    else if (c === RBRACE || c === RBRACKET) {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
    i += 1;
  }
  return pause(n, false);
}

/** Switch a paused cut to character-by-character skipping: a string cut at a backslash needs its parity. */
export function startSkipping(s: string, cut: RecordCut): void {
  const n = cut.scanAt;
  let k = n - 1;
  while (cut.inString && s.charCodeAt(k) === BACKSLASH) k -= 1;
  cut.escaped = cut.inString && (n - 1 - k) % 2 === 1;
}

/** Walk an over-long record to its end without keeping it: the index just past it, or -1 when `s` ends first. */
export function skippedEnd(s: string, cut: RecordCut): number {
  const n = s.length;
  let { depth, inString, escaped } = cut;
  for (let i = cut.scanAt; i < n; i += 1) {
    const c = s.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === BACKSLASH) escaped = true;
      else if (c === QUOTE) inString = false;
      if (!inString && depth === 0) return i + 1;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === LBRACE || c === LBRACKET) depth += 1;
    else if (c === RBRACE || c === RBRACKET) {
      depth -= 1;
      if (depth <= 0) return i + 1;
    } else if (c === NEWLINE && depth < 0) return i;
  }
  cut.depth = depth;
  cut.inString = inString;
  cut.escaped = escaped;
  cut.scanAt = n;
  return -1;
}
