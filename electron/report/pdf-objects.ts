/**
 * The objects of a PDF file, read by PDF's own syntax (ISO 32000-1 §7.3, §7.5) rather than by
 * one writer's layout: every `n g obj … endobj` in the file and every object packed in an
 * object stream (`/Type /ObjStm`, Flate-compressed or not), with dictionaries, arrays, names,
 * strings, numbers and references parsed wherever they stand. Enough to follow a document's
 * catalogue, page tree and destinations; content streams are kept as bytes, not interpreted.
 */
import { inflateSync } from 'node:zlib';

export class PdfName {
  constructor(readonly value: string) {}
}
export class PdfString {
  /** The string's bytes, one char per byte. */
  constructor(readonly bytes: string) {}
  /** As text: UTF-16BE or UTF-8 after a byte-order mark, else UTF-8 (the bytes of a name tree's keys, e.g. HTML ids). */
  text(): string {
    if (this.bytes.startsWith('\u00fe\u00ff')) {
      const units = this.bytes.slice(2, 2 + ((this.bytes.length - 2) & ~1));
      return Buffer.from(units, 'latin1').swap16().toString('utf16le');
    }
    const bytes = this.bytes.startsWith('\u00ef\u00bb\u00bf') ? this.bytes.slice(3) : this.bytes;
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
}
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
export type PdfDict = Map<string, PdfValue>;
export type PdfValue = number | boolean | null | PdfName | PdfString | PdfRef | PdfValue[] | PdfDict;

interface Stream {
  dict: PdfDict;
  data: string;
}

const WHITE = new Set(['\0', '\t', '\n', '\f', '\r', ' ']);
const DELIMITER = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%']);
/** Character classes by code (Latin-1): 0 regular, 1 white space, 2 delimiter. */
const CLASS = new Uint8Array(256);
for (const c of WHITE) CLASS[c.charCodeAt(0)] = 1;
for (const c of DELIMITER) CLASS[c.charCodeAt(0)] = 2;
// Past the end charCodeAt gives NaN, whose class is undefined: neither regular nor space.
const isRegular = (code: number): boolean => CLASS[code] === 0;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };

/** Reads PDF values from a Latin-1 view of the file's bytes. */
class Reader {
  constructor(
    readonly src: string,
    public at = 0,
  ) {}

  skipSpace(): void {
    for (;;) {
      const code = this.src.charCodeAt(this.at);
      if (code === 0x25) {
        // A comment runs to the end of the line.
        while (this.at < this.src.length && this.src[this.at] !== '\n' && this.src[this.at] !== '\r') this.at++;
      } else if (CLASS[code] === 1) this.at++;
      else return;
    }
  }

  /** Step over a run of regular characters; returns how many. */
  skipRegular(): number {
    const start = this.at;
    while (isRegular(this.src.charCodeAt(this.at))) this.at++;
    return this.at - start;
  }

  /** A run of regular characters: a number, a keyword. */
  word(): string {
    this.skipSpace();
    const start = this.at;
    this.skipRegular();
    return this.src.slice(start, this.at);
  }

  value(depth = 0): PdfValue {
    if (depth > 100) throw new Error('PDF objects nested too deep');
    this.skipSpace();
    const c = this.src[this.at];
    if (c === '/') return this.name();
    if (c === '(') return this.literal();
    if (c === '[') {
      this.at++;
      const items: PdfValue[] = [];
      for (this.skipSpace(); this.src[this.at] !== ']'; this.skipSpace()) {
        if (this.at >= this.src.length) throw new Error('unterminated PDF array');
        items.push(this.value(depth + 1));
      }
      this.at++;
      return items;
    }
    if (c === '<' && this.src[this.at + 1] === '<') return this.dict(depth);
    if (c === '<') return this.hex();
    const word = this.word();
    if (word === '') throw new Error(`unexpected ${JSON.stringify(c)} in a PDF object at ${this.at}`);
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    const n = Number(word);
    if (Number.isNaN(n)) throw new Error(`unexpected ${JSON.stringify(word)} in a PDF object`);
    // `num gen R` is a reference; look ahead without consuming anything else.
    const mark = this.at;
    const gen = this.word();
    if (/^\d+$/.test(word) && /^\d+$/.test(gen) && this.word() === 'R') return new PdfRef(n, Number(gen));
    this.at = mark;
    return n;
  }

  /** Step over one value without building it (the same syntax as `value`). */
  skipValue(depth = 0): void {
    if (depth > 100) throw new Error('PDF objects nested too deep');
    this.skipSpace();
    const c = this.src[this.at];
    if (c === '/') {
      this.at++;
      this.skipRegular();
    } else if (c === '(') this.literal();
    else if (c === '[' || (c === '<' && this.src[this.at + 1] === '<')) {
      const close = c === '[' ? ']' : '>>';
      this.at += close.length;
      for (this.skipSpace(); !this.src.startsWith(close, this.at); this.skipSpace()) {
        if (this.at >= this.src.length) throw new Error('unterminated PDF array or dictionary');
        this.skipValue(depth + 1);
      }
      this.at += close.length;
    } else if (c === '<') this.hex();
    else if (this.skipRegular() === 0) throw new Error(`unexpected ${JSON.stringify(c)} in a PDF object at ${this.at}`);
  }

  private dict(depth: number): PdfDict {
    this.at += 2;
    const dict: PdfDict = new Map();
    for (this.skipSpace(); !this.src.startsWith('>>', this.at); this.skipSpace()) {
      if (this.at >= this.src.length) throw new Error('unterminated PDF dictionary');
      const key = this.value(depth + 1);
      if (!(key instanceof PdfName)) throw new Error('a PDF dictionary key is not a name');
      dict.set(key.value, this.value(depth + 1));
    }
    this.at += 2;
    return dict;
  }

  private name(): PdfName {
    this.at++;
    const start = this.at;
    this.skipRegular();
    const raw = this.src.slice(start, this.at);
    // Most names are plain ASCII: only escaped or 8-bit ones need decoding (as UTF-8 bytes).
    if (!/[#\x80-\xff]/.test(raw)) return new PdfName(raw);
    const bytes = raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return new PdfName(Buffer.from(bytes, 'latin1').toString('utf8'));
  }

  private literal(): PdfString {
    let out = '';
    let depth = 0;
    for (this.at++; this.at < this.src.length; this.at++) {
      const c = this.src[this.at] ?? '';
      if (c === '\\') {
        const next = this.src[++this.at] ?? '';
        const octal = /^[0-7]{1,3}/.exec(this.src.slice(this.at, this.at + 3))?.[0];
        if (octal !== undefined) {
          out += String.fromCharCode(parseInt(octal, 8) & 0xff);
          this.at += octal.length - 1;
        } else if (next === '\r' || next === '\n') {
          if (next === '\r' && this.src[this.at + 1] === '\n') this.at++;
        } else out += ESCAPES[next] ?? next;
      } else if (c === '(') {
        depth++;
        out += c;
      } else if (c === ')') {
        if (depth === 0) break;
        depth--;
        out += c;
      } else out += c;
    }
    this.at++;
    return new PdfString(out);
  }

  private hex(): PdfString {
    const end = this.src.indexOf('>', this.at);
    if (end < 0) throw new Error('unterminated PDF hex string');
    const digits = this.src.slice(this.at + 1, end).replace(/[^0-9a-fA-F]/g, '');
    this.at = end + 1;
    return new PdfString(Buffer.from(digits.length % 2 === 0 ? digits : `${digits}0`, 'hex').toString('latin1'));
  }
}

interface Location {
  src: string;
  at: number;
}

/**
 * The objects of a PDF by object number, each parsed when first asked for. Reading the file
 * only steps over every object (strings and streams included, so text inside them is never
 * taken for an object); a report's fonts and structure tree are never built into values.
 */
export class PdfObjects {
  private readonly where = new Map<number, Location>();
  private readonly parsed = new Map<number, PdfValue>();
  /** `/Root` of every trailer and cross-reference stream, in file order. */
  private readonly roots: PdfValue[] = [];

  constructor(pdf: Uint8Array) {
    const src = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
    const packed: Stream[] = [];
    const token = /(\d+)\s+(\d+)\s+obj\b|\btrailer\b/g;
    for (let m = token.exec(src); m !== null; m = token.exec(src)) {
      const reader = new Reader(src, m.index + m[0].length);
      if (m[1] === undefined) {
        const trailer = this.tryValue(reader);
        if (trailer instanceof Map) this.roots.push(trailer.get('Root') ?? null);
        token.lastIndex = reader.at;
        continue;
      }
      const num = Number(m[1]);
      const at = reader.at;
      try {
        reader.skipValue();
      } catch {
        continue; // Not an object after all; keep looking.
      }
      // A later definition (an incremental update) replaces an earlier one.
      this.where.set(num, { src, at });
      this.parsed.delete(num);
      token.lastIndex = reader.at;
      if (reader.word() !== 'stream') continue;
      const dict = this.get(num);
      const stream = dict instanceof Map ? streamAt(src, reader.at, dict) : null;
      if (dict instanceof Map && stream !== null) {
        token.lastIndex = stream.end;
        if (isName(dict.get('Type'), 'ObjStm')) packed.push({ dict, data: stream.data });
        if (isName(dict.get('Type'), 'XRef')) this.roots.push(dict.get('Root') ?? null);
      }
    }
    for (const stream of packed) this.unpack(stream);
  }

  get(num: number): PdfValue | undefined {
    if (this.parsed.has(num)) return this.parsed.get(num);
    const place = this.where.get(num);
    if (place === undefined) return undefined;
    const value = this.tryValue(new Reader(place.src, place.at)) ?? null;
    this.parsed.set(num, value);
    return value;
  }

  /** The document catalogue: the last trailer's `/Root`, else an object typed `/Catalog`. */
  catalog(): PdfDict | undefined {
    for (const root of [...this.roots].reverse()) {
      const dict = root instanceof PdfRef ? this.get(root.num) : undefined;
      if (dict instanceof Map && isName(dict.get('Type'), 'Catalog')) return dict;
    }
    for (const num of this.where.keys()) {
      const value = this.get(num);
      if (value instanceof Map && isName(value.get('Type'), 'Catalog')) return value;
    }
    return undefined;
  }

  private tryValue(reader: Reader): PdfValue | undefined {
    try {
      return reader.value();
    } catch {
      return undefined;
    }
  }

  /** Objects packed in an object stream: `/N` pairs of number and offset, the objects from `/First`. */
  private unpack({ dict, data }: Stream): void {
    const filter = dict.get('Filter');
    const filters = Array.isArray(filter) ? filter : filter === undefined ? [] : [filter];
    if (filters.some((f) => !isName(f, 'FlateDecode'))) return;
    let text: string;
    try {
      text = filters.length === 0 ? data : inflateSync(Buffer.from(data, 'latin1')).toString('latin1');
    } catch {
      return;
    }
    const count = dict.get('N');
    const first = dict.get('First');
    if (typeof count !== 'number' || typeof first !== 'number') return;
    const index = new Reader(text);
    for (let i = 0; i < count; i++) {
      const num = Number(index.word());
      const offset = Number(index.word());
      if (!Number.isInteger(num) || !Number.isInteger(offset)) return;
      // An object written outside the stream, by an update, replaces the packed one.
      if (!this.where.has(num)) this.where.set(num, { src: text, at: first + offset });
    }
  }
}

function streamAt(src: string, afterKeyword: number, dict: PdfDict): { data: string; end: number } | null {
  let start = afterKeyword;
  if (src[start] === '\r') start++;
  if (src[start] === '\n') start++;
  const length = dict.get('Length');
  const end = typeof length === 'number' && src.startsWith('endstream', skipEol(src, start + length)) ? start + length : src.indexOf('endstream', start);
  if (end < 0) return null;
  return { data: src.slice(start, end), end: end + 'endstream'.length };
}

function skipEol(src: string, at: number): number {
  let i = at;
  while (src[i] === '\r' || src[i] === '\n' || src[i] === ' ') i++;
  return i;
}

export function isName(value: PdfValue | undefined, name: string): boolean {
  return value instanceof PdfName && value.value === name;
}
