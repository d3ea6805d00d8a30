/**
 * A file's bytes, read twice when the case may already hold them: once to hash them before
 * anything is decided (so a file already in the case is recognised at once, without parsing
 * it), and once to import them, counting them on the way (the importer also checks the file
 * was not modified in between). When no evidence in the case has the file's size it cannot be
 * there, and the bytes are read once: hashed while they are imported. A .gz (by content) is
 * inflated on the fly, a .gz inside it too, under limits (inflate.ts); its SHA-256 is that of
 * the compressed bytes, as stored.
 */
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { ExpansionBudget } from './expansion.js';
import { inflateNested } from './inflate.js';
import { MAGIC_BYTES, magicOf } from './magic.js';

export type OpenBytes = () => Promise<Readable>;

export interface Hashed {
  sha256: string;
  size: number;
  /** The first bytes, for `magicOf`. */
  head: Buffer;
}

/** SHA-256 and size of a byte stream; `onBytes` sees the running count. */
export async function hashBytes(open: OpenBytes, onBytes: (done: number) => void = () => undefined): Promise<Hashed> {
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  for await (const chunk of await open()) {
    const buf = chunk as Buffer;
    hash.update(buf);
    if (head.length < MAGIC_BYTES) head = Buffer.concat([head, buf.subarray(0, MAGIC_BYTES - head.length)]);
    size += buf.length;
    onBytes(size);
  }
  return { sha256: hash.digest('hex'), size, head };
}

export interface Content {
  compression: 'gzip' | null;
  /** SHA-256 of the stored bytes read, when asked for: complete once `finish` has returned. */
  sha256(): string | undefined;
  /** The content, inflated where it was compressed. */
  chunks: AsyncIterable<Buffer>;
  /** Stored (compressed) bytes read so far. */
  storedBytes(): number;
  /**
   * Call once `chunks` has ended or thrown: reads whatever stored bytes are left and returns
   * how many there were. Throws when the stored bytes themselves could not be read.
   */
  finish(): Promise<number>;
  /** Stop reading early (cancellation, an aborted file). */
  destroy(): void;
}

/** `budget`: what the evidence file may still expand to; `depth`: containers deep this content is. */
export async function openContent(open: OpenBytes, head: Uint8Array, expansion: { budget: ExpansionBudget; depth: number }, hashing = false): Promise<Content> {
  const raw = await open();
  let size = 0;
  let readError: Error | null = null;
  const hash = hashing ? createHash('sha256') : null;
  let digest: string | undefined;
  const sha256 = (): string | undefined => (digest ??= hash?.digest('hex'));
  const stored = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      hash?.update(chunk);
      done(null, chunk);
    },
  });
  raw.on('error', (err) => {
    readError = err;
    stored.destroy(err);
  });
  raw.pipe(stored);
  const drain = async (): Promise<number> => {
    if (!stored.readableEnded) {
      // Inflating failed part-way (or the reader stopped): read the rest of the stored bytes.
      stored.resume();
      await finished(stored).catch(() => undefined);
    }
    if (readError !== null) throw readError;
    return size;
  };
  if (magicOf(head).kind !== 'gzip') {
    return { compression: null, sha256, chunks: stored, storedBytes: () => size, finish: drain, destroy: () => raw.destroy() };
  }
  const gunzip = createGunzip();
  stored.on('error', (err) => gunzip.destroy(err));
  stored.pipe(gunzip);
  return {
    compression: 'gzip',
    sha256,
    chunks: inflateNested(gunzip, () => size, expansion.budget, expansion.depth),
    storedBytes: () => size,
    finish: async () => {
      stored.unpipe(gunzip);
      return drain();
    },
    destroy: () => {
      raw.destroy();
      gunzip.destroy();
    },
  };
}
