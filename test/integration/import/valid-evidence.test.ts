/**
 * Valid evidence beside bad input is never dropped whole (issue 18, point 5): junk before the
 * records, bad lines among them, a NUL byte, text that is not UTF-8, a named pipe in a folder.
 * Each problem costs its own line, with the line named, and the rest is imported.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { oktaEvent } from '../../unit/ingest-pipeline/samples.js';
import { tempDir } from '../../support/temp.js';
import { entry, importPaths, newCase } from './helpers.js';

const lines = (n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => JSON.stringify(oktaEvent(from + i)));

test('a 30-line banner or one bad first line before 1,000 NDJSON records costs those lines only', async (t) => {
  const dir = tempDir(t);
  const banner = ['Okta System Log export', 'Generated: 2025-03-14 02:00 by admin@contoso.example, for case 4711', ...Array.from({ length: 28 }, (_, i) => `note ${i}: see ticket`)];
  writeFileSync(join(dir, 'banner.ndjson'), `${[...banner, ...lines(1000)].join('\n')}\n`);
  writeFileSync(join(dir, 'bad-first.ndjson'), `${['{"eventType": "user.session.start", "published": ', ...lines(1000, 2000)].join('\n')}\n`);
  const report = await importPaths(newCase(t, dir), [join(dir, 'banner.ndjson'), join(dir, 'bad-first.ndjson')]);
  const withBanner = entry(report, 'banner.ndjson');
  assert.deepEqual([withBanner.status, withBanner.format, withBanner.container, withBanner.events, withBanner.rejected], ['imported', 'okta', 'ndjson', 1000, 30]);
  assert.deepEqual(withBanner.errors.map((e) => e.line), Array.from({ length: 30 }, (_, i) => i + 1));
  const badFirst = entry(report, 'bad-first.ndjson');
  assert.deepEqual([badFirst.status, badFirst.events, badFirst.rejected, badFirst.errors[0]?.line], ['imported', 1000, 1, 1]);
});

test('--format reads record by record even after a banner: bad records reported, the rest imported', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'export.txt'), `${['== export ==', ...lines(20), '{"not": "okta"}'].join('\n')}\n`);
  const f = entry(await importPaths(newCase(t, dir), [join(dir, 'export.txt')], { format: 'okta' }), 'export.txt');
  assert.deepEqual([f.status, f.format, f.events, f.rejected], ['imported', 'okta', 20, 2]);
  assert.deepEqual(f.errors.map((e) => e.line), [1, 22]);
});

test('one bad line in ten loses only that line', async (t) => {
  const dir = tempDir(t);
  const records = lines(1000).map((line, i) => (i % 10 === 9 ? `${line.slice(0, 40)} garbage` : line));
  writeFileSync(join(dir, 'tenth.ndjson'), `${records.join('\n')}\n`);
  const f = entry(await importPaths(newCase(t, dir), [join(dir, 'tenth.ndjson')]), 'tenth.ndjson');
  assert.deepEqual([f.status, f.events, f.rejected], ['imported', 900, 100]);
  assert.equal(f.errors[0]?.line, 10);
});

test('a raw NUL byte on line 6 rejects that line with its number, not the file as binary', async (t) => {
  for (const [name, body] of [
    ['nul.ndjson', lines(20).map((l, i) => (i === 5 ? l.replace('"published"', '"publ\u0000ished"') : l))],
    ['nul-syslog.log', Array.from({ length: 20 }, (_, i) => `Mar 14 01:0${i % 10}:00 host sshd[42${i}]: Accepted password for ivan from 203.0.113.${i} port 5${i} ssh2${i === 5 ? '\u0000' : ''}`)],
  ] as const) {
    const dir = tempDir(t);
    writeFileSync(join(dir, name), `${body.join('\n')}\n`);
    const f = entry(await importPaths(newCase(t, dir), [join(dir, name)]), name);
    assert.deepEqual([f.status, f.events, f.rejected, f.errors[0]?.line], ['imported', 19, 1, 6], name);
    assert.match(f.errors[0]?.message ?? '', /NUL byte/);
  }
});

test('a Latin-1 file is imported with a warning naming the lines whose characters could not be decoded', async (t) => {
  const dir = tempDir(t);
  const text = `${lines(10)
    .map((l, i) => (i === 2 || i === 7 ? l.replace('"displayMessage":"', '"displayMessage":"M\u00fcller ') : l))
    .join('\n')}\n`;
  writeFileSync(join(dir, 'latin1.ndjson'), Buffer.from(text, 'latin1'));
  writeFileSync(join(dir, 'utf8.ndjson'), Buffer.from(text.replace(/0e6b1c2a-0000/g, '0e6b1c2a-1111'), 'utf8'));
  const report = await importPaths(newCase(t, dir), [join(dir, 'latin1.ndjson'), join(dir, 'utf8.ndjson')]);
  const latin1 = entry(report, 'latin1.ndjson');
  assert.deepEqual([latin1.status, latin1.events, latin1.rejected], ['imported', 10, 0]);
  assert.equal(latin1.errors.length, 1);
  assert.match(latin1.errors[0]?.message ?? '', /not valid UTF-8.*lines 3, 8;/);
  // The same characters in UTF-8 are not a problem.
  assert.deepEqual(entry(report, 'utf8.ndjson').errors, []);
});

test('a named pipe in a folder is reported as not read, and the files beside it are imported', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.ndjson'), `${lines(3).join('\n')}\n`);
  execFileSync('mkfifo', [join(dir, 'pipe.ndjson')]);
  const report = await importPaths(newCase(t, dir), [dir]);
  assert.equal(entry(report, 'a.ndjson').events, 3);
  const pipe = entry(report, 'pipe.ndjson');
  assert.equal(pipe.status, 'unreadable');
  assert.match(pipe.reason ?? '', /named pipe/);
});
