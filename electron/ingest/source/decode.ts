/**
 * Bytes to text. UTF-8 unless a byte-order mark (or the zero bytes of BOM-less UTF-16, as
 * PowerShell's Out-File writes) says otherwise; a leading BOM is dropped. Invalid UTF-8
 * becomes U+FFFD, so a damaged byte costs one character, not the record.
 */
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

/** True when text holds NUL characters: a binary file, not a log export. */
export function looksBinary(text: string): boolean {
  return text.includes('\u0000');
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
function utf8Decoder(): ChunkDecoder {
  const decoder = new StringDecoder('utf8');
  let started = false;
  const withoutBom = (text: string): string => {
    if (started || text === '') return text;
    started = true;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };
  return {
    write: (bytes) => withoutBom(decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))),
    end: () => withoutBom(decoder.end()),
  };
}

function decoderFor(encoding: TextEncoding): ChunkDecoder {
  if (encoding === 'utf-8') return utf8Decoder();
  const decoder = new TextDecoder(encoding);
  return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
}

/** Decode a byte stream to text chunks, choosing the encoding from its first bytes. */
export async function* decodeText(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
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
      decoder = decoderFor(encodingOf(bytes));
    }
    const text = decoder.write(bytes);
    if (text !== '') yield text;
  }
  if (decoder === null) {
    if (heldBytes === 0) return;
    const bytes = Buffer.concat(held);
    decoder = decoderFor(encodingOf(bytes));
    const text = decoder.write(bytes);
    if (text !== '') yield text;
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}
