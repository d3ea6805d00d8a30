import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { html } from '../../../electron/report/html.js';
import { printPdf } from '../../../electron/report/pdf.js';
import { tempDir } from '../../support/temp.js';

const HOSTILE = '<script>document.title="pwned"</script><img src=x onerror=alert(1)>';

test('a page prints to a paged PDF whose text keeps hostile strings as text', async (t) => {
  const dir = tempDir(t);
  const rows = Array.from({ length: 120 }, (_, i) => html`<tr><td>${i}</td><td>${HOSTILE}</td></tr>`);
  const page = html`<!doctype html><html><head><meta charset="utf-8"><title>t</title></head>
    <body><h1>Report for ${'ACME & Co'}</h1><table>${rows}</table></body></html>`;
  assert.doesNotMatch(page.value, /<script>document/);

  const pdf = await printPdf(page.value, { paper: 'A4', header: 'Case 1234 <b>x</b>' });
  const file = join(dir, 'r.pdf');
  writeFileSync(file, pdf);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');

  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  assert.match(text, /Report for ACME & Co/);
  assert.match(text, /<script>document\.title="pwned"<\/script><img src=x onerror=alert\(1\)>/);
  assert.match(text, /Case 1234 <b>x<\/b>/);
  assert.match(text, /Page 1 of \d+/);

  execFileSync('pdftoppm', ['-png', '-r', '40', file, join(dir, 'page')]);
  const pages = readdirSync(dir).filter((f) => f.startsWith('page'));
  assert.ok(pages.length >= 2, `rendered ${pages.length} pages`);
});
