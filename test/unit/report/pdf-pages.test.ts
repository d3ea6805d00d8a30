// Page numbers of named destinations, read from PDFs laid out as different writers lay them out:
// a flat page tree with a /Dests dictionary (Chromium's Skia today), a nested page tree with a
// /Names name tree, objects packed in compressed object streams, and hostile cycles.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { namedDestinationPages, pdfPageCount } from '../../../electron/report/pdf-pages.js';

const EMPTY_CONTENT = 'BT /F1 12 Tf 72 712 Td (not 9 0 obj at all: endobj) Tj ET';

/** A PDF file from numbered object bodies, with an xref table and trailer like any writer's. */
function pdfFile(objects: Record<number, string>, root: number): Uint8Array {
  let out = '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: [number, number][] = [];
  for (const [num, body] of Object.entries(objects)) {
    offsets.push([Number(num), out.length]);
    out += `${num} 0 obj\n${body}\nendobj\n`;
  }
  const size = Math.max(...offsets.map(([n]) => n)) + 1;
  const xrefAt = out.length;
  out += `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++) {
    const at = offsets.find(([num]) => num === n)?.[1];
    out += at === undefined ? '0000000000 65535 f \n' : `${String(at).padStart(10, '0')} 00000 n \n`;
  }
  out += `trailer\n<< /Size ${size} /Root ${root} 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function stream(dict: string, data: string | Buffer): string {
  const bytes = typeof data === 'string' ? data : data.toString('latin1');
  return `<< ${dict} /Length ${bytes.length} >>\nstream\n${bytes}\nendstream`;
}

const page = (parent: number): string => `<< /Type /Page /Parent ${parent} 0 R /MediaBox [0 0 595 842] /Contents 99 0 R >>`;

test('a flat page tree with a /Dests dictionary, as Chromium writes it', () => {
  const pdf = pdfFile(
    {
      1: '<< /Type /Catalog /Pages 2 0 R /Dests 6 0 R >>',
      2: '<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>',
      3: page(2),
      4: page(2),
      5: page(2),
      6: '<< /cover [3 0 R /XYZ 0 842 0] /user-1 [5 0 R /XYZ 0 500 0] /evidence#2Dfiles [4 0 R /Fit] >>',
      99: stream('', EMPTY_CONTENT),
    },
    1,
  );
  assert.deepEqual(Object.fromEntries(namedDestinationPages(pdf)), { cover: 1, 'user-1': 3, 'evidence-files': 2 });
  assert.equal(pdfPageCount(pdf), 3);
});

test('a nested page tree, numbered out of order, with destinations in a /Names tree of several kinds', () => {
  // Document order: p10, p11 (under 20), p12, p7 (under 21 under 22). p7 has the lowest number.
  const binary = Buffer.from([0, 255, 0x0a, ...Buffer.from('7 0 obj << /Type /Pages /Kids [] >> endobj'), 13, 200]);
  const pdf = pdfFile(
    {
      1: '<< /Type /Catalog /Pages 2 0 R /Names << /Dests 30 0 R >> >>',
      2: '<< /Type /Pages /Kids [20 0 R 12 0 R 22 0 R] /Count 4 >>',
      20: '<< /Type /Pages /Parent 2 0 R /Kids [10 0 R 11 0 R] /Count 2 >>',
      22: '<< /Type /Pages /Parent 2 0 R /Kids [21 0 R] /Count 1 >>',
      21: '<< /Type /Pages /Parent 22 0 R /Kids [7 0 R] /Count 1 >>',
      10: page(20),
      11: page(20),
      12: page(2),
      7: page(21),
      // The name tree: a root with two leaves; keys literal, hex and UTF-16; values as arrays,
      // as << /D [...] >> and by reference.
      30: '<< /Kids [31 0 R 32 0 R] >>',
      31: '<< /Limits [(appendix) (method)] /Names [(appendix) 40 0 R (contents) [10 0 R /XYZ 0 0 0] (method) << /D [12 0 R /FitH 800] >>] >>',
      32: '<< /Limits [(user-a) (user-b)] /Names [<757365722d61> [11 0 R /Fit] <FEFF0075007300650072002D0062> 41 0 R (user\\055c\\\n) [7 0 R /Fit]] >>',
      40: '[7 0 R /XYZ 0 400 0]',
      41: '<< /D [7 0 R /XYZ 0 300 0] /S /GoTo >>',
      99: stream('/Filter /None', binary),
    },
    1,
  );
  assert.deepEqual(Object.fromEntries(namedDestinationPages(pdf)), {
    appendix: 4,
    contents: 1,
    method: 3,
    'user-a': 2,
    'user-b': 4,
    'user-c': 4,
  });
  assert.equal(pdfPageCount(pdf), 4);
});

test('page tree and destinations packed in a compressed object stream', () => {
  const packed = ['<< /Type /Pages /Kids [4 0 R 5 0 R] /Count 2 >>', page(3), page(3), '<< /first [5 0 R /Fit] /second [4 0 R /Fit] >>'];
  let body = '';
  const index: string[] = [];
  for (const [i, text] of packed.entries()) {
    index.push(`${i + 3} ${body.length}`);
    body += `${text}\n`;
  }
  const head = `${index.join(' ')}\n`;
  const pdf = pdfFile(
    {
      1: '<< /Type /Catalog /Pages 3 0 R /Dests 6 0 R >>',
      2: stream(`/Type /ObjStm /N ${packed.length} /First ${head.length} /Filter /FlateDecode`, deflateSync(head + body)),
      99: stream('', EMPTY_CONTENT),
    },
    1,
  );
  assert.deepEqual(Object.fromEntries(namedDestinationPages(pdf)), { first: 2, second: 1 });
  assert.equal(pdfPageCount(pdf), 2);
});

test('cycles and damage end the walk instead of hanging or throwing', () => {
  const pdf = pdfFile(
    {
      1: '<< /Type /Catalog /Pages 2 0 R /Names << /Dests 5 0 R >> >>',
      2: '<< /Type /Pages /Kids [3 0 R 2 0 R 4 0 R] >>',
      3: page(2),
      4: '<< /Type /Pages /Kids [2 0 R 4 0 R] >>',
      5: '<< /Kids [5 0 R] /Names [(a) [3 0 R] (b) [9 0 R] (c) 6 0 R] >>',
      6: '7 0 R',
      7: '6 0 R',
      8: '<< /Broken [1 2 ',
    },
    1,
  );
  assert.deepEqual(Object.fromEntries(namedDestinationPages(pdf)), { a: 1 });
  assert.equal(pdfPageCount(pdf), 1);
  assert.equal(pdfPageCount(Buffer.from('not a pdf')), 0);
});
