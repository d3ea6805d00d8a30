/**
 * Bytes to text. UTF-8 unless a byte-order mark (or the zero bytes of BOM-less UTF-16, as
 * PowerShell's Out-File writes) says otherwise; a leading BOM is dropped. Invalid UTF-8
 * becomes U+FFFD, so a damaged byte costs one character, not the record; `DecodeReport` says
 * that it happened, so that the import can name the lines (a Latin-1 export read as UTF-8).
 */
import { isUtf8 } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { TextDecoder } from 'node:util';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export function encodingOf(head: Uint8Array): TextEncoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // ASCII text in UTF-16 without a BOM: every other byte is zero.
  const n = Math.min(head.length, 512) & ~1;
  if (n >= 8) {
    let evenZero = 0;
    let oddZero = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) evenZero += 1;
      if (head[i + 1] === 0) oddZero += 1;
    }
    if (oddZero > n / 4 && evenZero === 0) return 'utf-16le';
    if (evenZero > n / 4 && oddZero === 0) return 'utf-16be';
  }
  return 'utf-8';
}

/** What decoding found; read by the import as the text arrives. */
export interface DecodeReport {
  /** Set once bytes that are not UTF-8 were met (and replaced by U+FFFD) in a UTF-8 stream. */
  invalidUtf8: boolean;
}

/** Where the last, possibly incomplete, UTF-8 sequence of `bytes` starts (its length when none is cut off). */
function incompleteTail(bytes: Buffer, from: number): number {
  for (let i = bytes.length - 1; i >= Math.max(from, bytes.length - 3); i -= 1) {
    const b = bytes[i] ?? 0;
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0xc0) return bytes.length;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return bytes.length - i < need ? i : bytes.length;
  }
  return bytes.length;
}

/**
 * Checks a UTF-8 stream chunk by chunk with the native validator (a sequence cut by a chunk
 * boundary is checked with the bytes that complete it), without copying the chunks.
 */
class Utf8Check {
  private carry: Buffer = Buffer.alloc(0);

  constructor(private readonly report: DecodeReport) {}

  push(bytes: Buffer): void {
    if (this.report.invalidUtf8) return;
    let start = 0;
    if (this.carry.length > 0) {
      while (start < bytes.length && start < 3 && ((bytes[start] ?? 0) & 0xc0) === 0x80) start += 1;
      const joined = Buffer.concat([this.carry, bytes.subarray(0, start)]);
      if (start === bytes.length && incompleteTail(joined, 0) === 0) {
        this.carry = joined;
        return;
      }
      if (!isUtf8(joined)) this.report.invalidUtf8 = true;
    }
    const cut = incompleteTail(bytes, start);
    if (!isUtf8(bytes.subarray(start, cut))) this.report.invalidUtf8 = true;
    this.carry = Buffer.from(bytes.subarray(cut));
  }

  end(): void {
    if (this.carry.length > 0) this.report.invalidUtf8 = true;
  }
}

/** Bytes looked at before the encoding is chosen. */
const SNIFF_BYTES = 512;

interface ChunkDecoder {
  write(bytes: Uint8Array): string;
  end(): string;
}

/**
 * UTF-8 goes through StringDecoder (Buffer.toString), not TextDecoder: TextDecoder returns
 * two-byte strings even for ASCII, and every later step (JSON.parse, the row encoder, the
 * case writer) then runs on twice the bytes; the import's parse thread spent about 15% more
 * time per record for it. Both replace invalid bytes alike; the BOM is dropped here.
 */
function utf8Decoder(report: DecodeReport): ChunkDecoder {
  const decoder = new StringDecoder('utf8');
  const check = new Utf8Check(report);
  let started = false;
  const withoutBom = (text: string): string => {
    if (started || text === '') return text;
    started = true;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };
  return {
    write: (bytes) => {
      const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      // Checked before its text is handed on, so that its records are read knowing it.
      check.push(buffer);
      return withoutBom(decoder.write(buffer));
    },
    end: () => {
      check.end();
      return withoutBom(decoder.end());
    },
  };
}

function decoderFor(encoding: TextEncoding, report: DecodeReport): ChunkDecoder {
  if (encoding === 'utf-8') return utf8Decoder(report);
  const decoder = new TextDecoder(encoding);
  return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
}

/** Decode a byte stream to text chunks, choosing the encoding from its first bytes. */
export async function* decodeText(chunks: AsyncIterable<Uint8Array>, report: DecodeReport = { invalidUtf8: false }): AsyncGenerator<string> {
  let decoder: ChunkDecoder | null = null;
  let held: Buffer[] = [];
  let heldBytes = 0;
  for await (const chunk of chunks) {
    let bytes: Uint8Array = chunk;
    if (decoder === null) {
      held.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      heldBytes += chunk.byteLength;
      if (heldBytes < SNIFF_BYTES) continue;
      bytes = Buffer.concat(held);
      held = [];
      decoder = decoderFor(encodingOf(bytes), report);
    }
    const text = decoder.write(bytes);
    if (text !== '') yield text;
  }
  if (decoder === null) {
    if (heldBytes === 0) return;
    const bytes = Buffer.concat(held);
    decoder = decoderFor(encodingOf(bytes), report);
    const text = decoder.write(bytes);
    if (text !== '') yield text;
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}
