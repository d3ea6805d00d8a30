import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeText, encodingOf } from '../../../electron/ingest/source/decode.js';
import { magicOf } from '../../../electron/ingest/source/magic.js';
import { walk, type WalkEntry } from '../../../electron/ingest/source/walk.js';
import { tempDir } from '../../support/temp.js';

async function all(paths: string[]): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  for await (const e of walk(paths)) out.push(e);
  return out;
}

test('folders are walked recursively in a stable order; missing paths are reported; link cycles end', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'b', 'deep'), { recursive: true });
  writeFileSync(join(dir, 'b', 'deep', 'z.log'), 'z');
  writeFileSync(join(dir, 'a.log'), 'a');
  writeFileSync(join(dir, 'b', 'c.log'), 'c');
  symlinkSync(dir, join(dir, 'b', 'loop'));
  const entries = await all([dir, join(dir, 'absent')]);
  assert.deepEqual(
    entries.map((e) => (e.kind === 'file' ? e.path.slice(dir.length) : `${e.kind}: ${e.message}`)),
    ['/a.log', '/b/c.log', '/b/deep/z.log', 'problem: no such file or folder'],
  );
});

test('containers and compression are recognised by their first bytes', () => {
  assert.equal(magicOf(Buffer.from([0x1f, 0x8b, 8, 0])).kind, 'gzip');
  assert.equal(magicOf(Buffer.from('PK\u0003\u0004rest', 'latin1')).kind, 'zip');
  assert.equal(magicOf(Buffer.alloc(0)).kind, 'empty');
  assert.equal(magicOf(Buffer.from('{"a":1}')).kind, 'plain');
  const bz = magicOf(Buffer.from('BZh91AY', 'latin1'));
  assert.ok(bz.kind === 'unsupported' && /bzip2/.test(bz.what));
  const sqlite = magicOf(Buffer.from('SQLite format 3\u0000', 'latin1'));
  assert.ok(sqlite.kind === 'unsupported' && /SQLite/.test(sqlite.what));
});

test('UTF-8 (with or without BOM) and UTF-16 exports decode to the same text, across chunk boundaries', async () => {
  const text = 'CreationDate,UserId\r\n2024-03-01,jürgen@example.com ✓\r\n';
  const variants: Buffer[] = [
    Buffer.from(text, 'utf8'),
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    Buffer.from(text, 'utf16le'),
  ];
  assert.equal(encodingOf(variants[2] ?? Buffer.alloc(0)), 'utf-16le');
  assert.equal(encodingOf(variants[3] ?? Buffer.alloc(0)), 'utf-16le');
  for (const bytes of variants) {
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3);
    }
    let decoded = '';
    for await (const piece of decodeText(chunks())) decoded += piece;
    assert.equal(decoded, text);
  }
});

test('damaged UTF-8 becomes U+FFFD exactly as the WHATWG decoder does, wherever the chunks split it', async () => {
  const bytes = Buffer.concat([
    Buffer.from('{"user":"j\u00fcrgen","note":"', 'utf8'),
    // A lone continuation byte, a truncated 3-byte sequence, an overlong form, a surrogate, a bad lead.
    Buffer.from([0x80, 0x41, 0xe2, 0x82, 0x42, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xff, 0xf0, 0x9f, 0x98, 0x80]),
    Buffer.from('"}\n', 'utf8'),
    // Cut off in the middle of a 4-byte character.
    Buffer.from([0xf0, 0x9f, 0x98]),
  ]);
  const expected = new TextDecoder('utf-8').decode(bytes);
  assert.ok(expected.includes('\ufffd') && expected.includes('\u{1f600}'));
  for (const step of [1, 2, 3, 5, 1024]) {
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += step) yield bytes.subarray(i, i + step);
    }
    let decoded = '';
    for await (const piece of decodeText(chunks())) decoded += piece;
    assert.equal(decoded, expected, `chunks of ${step} bytes`);
  }
});
