/**
 * What the first bytes of a file say about it. Containers are recognised by content, never by
 * file name: a .log can be gzip, a .json can be a zip.
 */

export type Magic =
  | { kind: 'gzip' }
  | { kind: 'zip' }
  | { kind: 'parquet' }
  | { kind: 'empty' }
  | { kind: 'unsupported'; what: string }
  | { kind: 'plain' };

/** Bytes needed to decide. */
export const MAGIC_BYTES = 16;

const UNSUPPORTED: readonly { bytes: readonly number[]; what: string }[] = [
  { bytes: [0x42, 0x5a, 0x68], what: 'bzip2-compressed data; decompress it (bunzip2) and import the result' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'xz-compressed data; decompress it (unxz) and import the result' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive; extract it and import the files' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'zstd-compressed data; decompress it (unzstd) and import the result' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], what: 'a RAR archive; extract it and import the files' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], what: 'an SQLite database, not a log export' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document, not a log export' },
  { bytes: [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00], what: 'a Windows event log (EVTX); export it to JSON or CSV first' },
];

function startsWith(head: Uint8Array, bytes: readonly number[]): boolean {
  return head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
}

export function magicOf(head: Uint8Array): Magic {
  if (head.length === 0) return { kind: 'empty' };
  if (startsWith(head, [0x1f, 0x8b])) return { kind: 'gzip' };
  // Local file header, or the end record of an empty archive.
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return { kind: 'zip' };
  // Apache Parquet starts (and ends) with "PAR1".
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31])) return { kind: 'parquet' };
  for (const u of UNSUPPORTED) if (startsWith(head, u.bytes)) return { kind: 'unsupported', what: u.what };
  return { kind: 'plain' };
}
