/**
 * Offline address → autonomous system, from the bundled `@ip-location-db/asn` ranges (RouteViews
 * and the DB-IP ASN Lite database, CC BY 4.0): CSV lines `first,last,asn,organisation`, the
 * addresses as decimal numbers, sorted and not overlapping. The bytes are kept as read (one copy
 * shared by both threads of an import); each thread indexes them once, and an organisation's
 * name is decoded only when an address falls in its range.
 */
import { isIP } from 'node:net';
import { ipv4Number, ipv6Words } from './ip-number.js';

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const QUOTE = 0x22;
const ZERO = 0x30;
const WORD = 2 ** 32;

export interface AsnHit {
  asn: number;
  asOrg?: string;
}

export class AsnTable {
  private constructor(
    private readonly text: Uint8Array,
    /** Words per address: 1 (IPv4) or 4 (IPv6). */
    private readonly width: number,
    private readonly firsts: Uint32Array,
    private readonly lasts: Uint32Array,
    private readonly asns: Uint32Array,
    /** Where each range's organisation starts and ends in `text`. */
    private readonly orgs: Uint32Array,
  ) {}

  get size(): number {
    return this.asns.length;
  }

  /** Index the CSV text of one address family; lines that do not read as a range are skipped. */
  static fromCsv(text: Uint8Array, family: 4 | 6): AsnTable {
    const width = family === 4 ? 1 : 4;
    let lines = 1;
    for (let i = text.indexOf(NEWLINE); i !== -1; i = text.indexOf(NEWLINE, i + 1)) lines += 1;
    const firsts = new Uint32Array(lines * width);
    const lasts = new Uint32Array(lines * width);
    const asns = new Uint32Array(lines);
    const orgs = new Uint32Array(lines * 2);
    const words = new Array<number>(4);
    let row = 0;
    let at = 0;
    // Reads the decimal number at `at` and the comma after it into `out` at `offset` (`width`
    // 32-bit words); false if there is no such number or it does not fit.
    const decimal = (out: Uint32Array, offset: number, size: number): boolean => {
      const start = at;
      while (at < text.length && text[at] >= ZERO && text[at] <= ZERO + 9) at += 1;
      const digits = at - start;
      if (digits === 0 || text[at] !== COMMA) return false;
      if (digits <= 15) {
        // Exact in a double: every IPv4 number, and small IPv6 ones.
        let value = 0;
        for (let i = start; i < at; i += 1) value = value * 10 + text[i] - ZERO;
        words.fill(0);
        words[3] = value % WORD;
        words[2] = Math.floor(value / WORD);
      } else {
        let value = BigInt(Buffer.from(text.buffer, text.byteOffset + start, digits).toString('latin1'));
        for (let w = 3; w >= 0; w -= 1) {
          words[w] = Number(value & 0xffffffffn);
          value >>= 32n;
        }
        if (value !== 0n) return false;
      }
      at += 1;
      for (let w = 0; w < 4 - size; w += 1) if (words[w] !== 0) return false;
      for (let w = 0; w < size; w += 1) out[offset + w] = words[4 - size + w]!;
      return true;
    };
    const asn = new Uint32Array(1);
    while (at < text.length) {
      const ok = decimal(firsts, row * width, width) && decimal(lasts, row * width, width) && decimal(asn, 0, 1);
      let end = text.indexOf(NEWLINE, at);
      if (end === -1) end = text.length;
      if (ok) {
        asns[row] = asn[0]!;
        orgs[row * 2] = at;
        orgs[row * 2 + 1] = end > at && text[end - 1] === 0x0d ? end - 1 : end;
        row += 1;
      }
      at = end + 1;
    }
    return new AsnTable(text, width, firsts.slice(0, row * width), lasts.slice(0, row * width), asns.slice(0, row), orgs.slice(0, row * 2));
  }

  /** -1, 0 or 1 as address `row` of `table` is below, equal to or above `key`. */
  private compare(table: Uint32Array, row: number, key: readonly number[]): number {
    for (let w = 0; w < this.width; w += 1) {
      const a = table[row * this.width + w];
      const b = key[w];
      if (a !== b) return a < b ? -1 : 1;
    }
    return 0;
  }

  /** The autonomous system of a valid address of the table's family, if the table covers it. */
  lookup(ip: string): AsnHit | undefined {
    let key: number[];
    if (this.width === 1) {
      const v4 = ipv4Number(ip);
      if (v4 === undefined) return undefined;
      key = [v4];
    } else {
      if (isIP(ip) !== 6) return undefined;
      key = ipv6Words(ip);
    }
    // The last range starting at or before the address.
    let low = 0;
    let high = this.asns.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if (this.compare(this.firsts, mid, key) <= 0) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (found < 0 || this.compare(this.lasts, found, key) < 0) return undefined;
    const asn = this.asns[found];
    if (asn === 0) return undefined;
    const asOrg = this.organisation(found);
    return asOrg === undefined ? { asn } : { asn, asOrg };
  }

  private organisation(row: number): string | undefined {
    const start = this.orgs[row * 2];
    const end = this.orgs[row * 2 + 1];
    let name = Buffer.from(this.text.buffer, this.text.byteOffset + start, end - start).toString('utf8');
    if (name.length >= 2 && name.charCodeAt(0) === QUOTE && name.charCodeAt(name.length - 1) === QUOTE) name = name.slice(1, -1).replaceAll('""', '"');
    name = name.trim();
    return name === '' ? undefined : name;
  }
}
