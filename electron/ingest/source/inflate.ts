/**
 * Inflating a .gz, and a .gz inside it (exports that were gzipped twice were read as
 * "binary"), under limits that stop a decompression bomb before it fills memory or disk:
 * a few containers deep at most, no more than a generous ratio of expanded to stored bytes
 * of this file (a single deflate layer cannot exceed about 1032:1; log files compress
 * 5-30:1), and within the evidence file's budget (expansion.ts). A limit hit is an error that
 * says which limit, so the file is reported with it and the import goes on.
 */
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { PushTrailError } from '../../../shared/api/errors.js';
import { RATIO_FLOOR_BYTES, type ExpansionBudget } from './expansion.js';

function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

async function* layer(source: AsyncIterable<Buffer>, depth: number, budget: ExpansionBudget, check: (n: number) => void): AsyncGenerator<Buffer> {
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
  budget.enter(depth + 1, 'gzip');
  const gunzip = createGunzip();
  const feed = (async (): Promise<void> => {
    try {
      for await (const chunk of rest()) if (!gunzip.write(chunk)) await new Promise((r) => gunzip.once('drain', r));
      gunzip.end();
    } catch (err) {
      gunzip.destroy(err as Error);
    }
  })();
  yield* layer(gunzip as AsyncIterable<Buffer>, depth + 1, budget, check);
  await feed;
}

/**
 * The inflated content of `gunzipped` (its outer layer, `depth` containers deep, already
 * inflated), inflating any gzip layer inside it; `storedBytes` reads how many stored bytes
 * have been read so far.
 */
export function inflateNested(gunzipped: Readable, storedBytes: () => number, budget: ExpansionBudget, depth: number): AsyncIterable<Buffer> {
  let expanded = 0;
  const { maxRatio } = budget.limits;
  const check = (n: number): void => {
    expanded += n;
    const stored = Math.max(storedBytes(), RATIO_FLOOR_BYTES);
    if (expanded > stored * maxRatio) {
      throw new PushTrailError(
        'bad_input',
        `expands to more than ${maxRatio} times its stored size (${expanded.toLocaleString('en-US')} bytes from ${storedBytes().toLocaleString('en-US')}): stopped, a decompression bomb? --max-ratio raises the limit`,
        { limit: 'ratio' },
      );
    }
    budget.count(n);
  };
  return layer(gunzipped as AsyncIterable<Buffer>, depth, budget, check);
}
