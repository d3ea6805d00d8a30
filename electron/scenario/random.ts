/**
 * Seeded pseudo-random numbers for the scenario generator. Nothing in the generator may use
 * Math.random, Date.now or any platform-dependent maths: the same seed must give byte-identical
 * files on every machine, so tests and trainers can compare runs.
 *
 * The generator is xoshiro128** (32-bit state words, period 2^128 - 1), seeded through
 * splitmix32 from a 32-bit FNV-1a hash of a text key. Sub-streams are derived from the key
 * (`derive`), not from the parent's position, so adding an event to one user never shifts the
 * random choices of another user or another day.
 */

/** FNV-1a over the UTF-16 code units of a string: a stable 32-bit hash of a seed key. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** splitmix32 step: spreads one 32-bit seed over the four xoshiro state words. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

const HEX = '0123456789abcdef';
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const BASE64URL = `${ALNUM}-_`;

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** @param key the seed text; equal keys give equal streams. */
  constructor(readonly key: string) {
    const state = { s: fnv1a(key) };
    this.a = splitmix32(state);
    this.b = splitmix32(state);
    this.c = splitmix32(state);
    this.d = splitmix32(state);
    // An all-zero state would stay zero forever; splitmix32 cannot give four zeros, but be sure.
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** An independent stream named by this stream's key plus `parts`. */
  derive(...parts: readonly (string | number)[]): Rng {
    return new Rng(`${this.key}/${parts.join('/')}`);
  }

  /** Next unsigned 32-bit integer (xoshiro128**). */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.b << 9) >>> 0;
    this.c = (this.c ^ this.a) >>> 0;
    this.d = (this.d ^ this.b) >>> 0;
    this.b = (this.b ^ this.c) >>> 0;
    this.a = (this.a ^ this.d) >>> 0;
    this.c = (this.c ^ t) >>> 0;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`Rng.int: max ${max} < min ${min}`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  real(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Rng.pick: empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** Pick with relative weights, e.g. weighted([['okta', 3], ['duo', 1]]). */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += Math.max(0, w);
    if (total <= 0) throw new RangeError('Rng.weighted: no positive weight');
    let r = this.next() * total;
    for (const [item, w] of entries) {
      r -= Math.max(0, w);
      if (r < 0) return item;
    }
    return (entries[entries.length - 1])[0];
  }

  /**
   * Roughly normal value (Irwin-Hall sum of four uniforms, rescaled): bell-shaped, bounded to
   * mean ± 3.46 sd, and pure integer/float arithmetic so it is identical on every platform.
   */
  normal(mean: number, sd: number): number {
    const sum = this.next() + this.next() + this.next() + this.next();
    return mean + (sum - 2) * Math.sqrt(3) * sd;
  }

  /** A duration around `ms`, never below `min`: human response times, gaps between attempts. */
  jitter(ms: number, sd: number, min = 0): number {
    return Math.max(min, Math.round(this.normal(ms, sd)));
  }

  /** Fisher-Yates on a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = out[i];
      out[i] = out[j];
      out[j] = tmp;
    }
    return out;
  }

  /** `n` characters drawn from `alphabet`. */
  chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }

  hex(n: number): string {
    // Eight digits per draw: ids and hashes are the generator's hottest path.
    let s = '';
    while (s.length < n) s += this.nextU32().toString(16).padStart(8, '0');
    return s.slice(0, n);
  }

  /** Random (version 4) UUID text. */
  uuid4(): string {
    const h = this.hex(32);
    const variant = HEX[8 + Math.floor(this.next() * 4)];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
