/**
 * Inflating a .gz, and a .gz inside it (exports that were gzipped twice were read as
 * "binary"), under limits that stop a decompression bomb before it fills memory or disk:
 * a few layers deep at most, and no more than a generous ratio of expanded to stored bytes
 * (a single deflate layer cannot exceed about 1032:1; log files compress 5-30:1). A limit hit
 * is an error that says which limit, so the file is reported with it and the import goes on.
 */
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { PushTrailError } from '../../../shared/api/errors.js';

export interface InflateLimits {
  /** Gzip layers inside the outer one that are inflated too. */
  maxNesting: number;
  /** Expanded bytes per stored byte, over the whole file. */
  maxRatio: number;
  /** Stored bytes below which the ratio is not checked (tiny files compress oddly). */
  ratioFloorBytes: number;
}

export const DEFAULT_INFLATE_LIMITS: InflateLimits = { maxNesting: 3, maxRatio: 2000, ratioFloorBytes: 64 * 1024 };

function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

async function* layer(source: AsyncIterable<Buffer>, depth: number, limits: InflateLimits, check: (n: number) => void): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  // Enough bytes to tell whether this layer is gzip again.
  while (head.length < 2) {
    const next = await it.next();
    if (next.done === true) break;
    head = Buffer.concat([head, next.value]);
  }
  async function* rest(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    for (let next = await it.next(); next.done !== true; next = await it.next()) yield next.value;
  }
  if (!isGzip(head)) {
    for await (const chunk of rest()) {
      check(chunk.length);
      yield chunk;
    }
    return;
  }
  if (depth >= limits.maxNesting) {
    throw new PushTrailError('bad_input', `gzip inside gzip more than ${limits.maxNesting} layers deep: not inflated (a decompression bomb?)`);
  }
  const gunzip = createGunzip();
  const feed = (async (): Promise<void> => {
    try {
      for await (const chunk of rest()) if (!gunzip.write(chunk)) await new Promise((r) => gunzip.once('drain', r));
      gunzip.end();
    } catch (err) {
      gunzip.destroy(err as Error);
    }
  })();
  yield* layer(gunzip as AsyncIterable<Buffer>, depth + 1, limits, check);
  await feed;
}

/**
 * The inflated content of `gunzipped` (the outer layer already inflated), inflating any gzip
 * layer inside it; `storedBytes` reads how many stored bytes have been read so far.
 */
export function inflateNested(gunzipped: Readable, storedBytes: () => number, limits: InflateLimits = DEFAULT_INFLATE_LIMITS): AsyncIterable<Buffer> {
  let expanded = 0;
  const check = (n: number): void => {
    expanded += n;
    const stored = Math.max(storedBytes(), limits.ratioFloorBytes);
    if (expanded > stored * limits.maxRatio) {
      throw new PushTrailError(
        'bad_input',
        `expands to more than ${limits.maxRatio} times its stored size (${expanded.toLocaleString('en-US')} bytes from ${storedBytes().toLocaleString('en-US')}): stopped, a decompression bomb?`,
      );
    }
  };
  return layer(gunzipped as AsyncIterable<Buffer>, 1, limits, check);
}
