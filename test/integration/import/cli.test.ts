/** `pushtrail import` as a user runs it: a real child process, real files. */
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { duoAuth, oktaEvent } from '../../unit/ingest-pipeline/samples.js';
import { tempDir } from '../../support/temp.js';
import { count, runCli } from './helpers.js';

const ndjson = (values: unknown[]): string => `${values.map((v) => JSON.stringify(v)).join('\n')}\n`;

interface JsonReport {
  files: { path: string; sha256: string | null; format: string | null; events: number; duplicates: number; errors: { line: number | null; message: string }[]; status: string; reason?: string }[];
  totals: { files: number; events: number; duplicates: number; errors: number };
}

test('--help lists the import command and its exit status', () => {
  const r = runCli('--help');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /pushtrail import <case> <path>\.\.\. \[--format <id>\] \[--year N\] \[--tz ZONE\] \[--date-order dmy\|mdy\] \[--mmdb FILE\]/);
  assert.match(r.stdout, /Exit status: 0 when every file was imported, even if\s+some records were rejected/);
});

test('--tz must be an IANA zone and --date-order dmy or mdy; nothing is imported otherwise', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'okta.ndjson'), ndjson([oktaEvent(0)]));
  const casePath = join(dir, 'case.pushtrail');
  const zone = runCli('import', casePath, join(dir, 'okta.ndjson'), '--tz', 'Mars/Olympus_Mons');
  assert.notEqual(zone.code, 0);
  assert.match(zone.stderr, /"Mars\/Olympus_Mons" is not a known IANA time zone/);
  const order = runCli('import', casePath, join(dir, 'okta.ndjson'), '--date-order', 'ymd');
  assert.notEqual(order.code, 0);
  assert.match(order.stderr, /dateOrder.*dmy, mdy/);
  assert.ok(!existsSync(casePath), 'refused before the case was created');
  const ok = runCli('import', casePath, join(dir, 'okta.ndjson'), '--tz', 'Europe/Berlin', '--date-order', 'dmy', '--json');
  assert.equal(ok.code, 0, ok.stderr);
  const summary = JSON.parse(ok.stdout) as { files: { timeZone?: string; note?: string }[] };
  assert.equal(summary.files[0]?.timeZone, 'Europe/Berlin');
});

test('import creates the case, prints the documented --json summary and exits 0 despite rejected records', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'okta.ndjson'), ndjson([0, 1, 2].map((i) => oktaEvent(i))));
  writeFileSync(join(dir, 'duo.ndjson'), `${JSON.stringify(duoAuth(0))}\n{"txid": oops\n${JSON.stringify(duoAuth(1))}\n`);
  const casePath = join(dir, 'new-case.pushtrail');
  const r = runCli('import', casePath, join(dir, 'okta.ndjson'), join(dir, 'duo.ndjson'), '--json');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '', 'no progress output when stderr is not a terminal');
  assert.ok(existsSync(casePath));
  const out = JSON.parse(r.stdout) as JsonReport;
  assert.deepEqual(Object.keys(out), ['files', 'totals']);
  for (const f of out.files) {
    assert.deepEqual(Object.keys(f).slice(0, 6), ['path', 'sha256', 'format', 'events', 'duplicates', 'errors']);
    assert.match(f.sha256 ?? '', /^[0-9a-f]{64}$/);
  }
  assert.deepEqual(out.files.map((f) => [f.path, f.format, f.events, f.duplicates]), [
    [join(dir, 'okta.ndjson'), 'okta', 3, 0],
    [join(dir, 'duo.ndjson'), 'duo-auth', 2, 0],
  ]);
  assert.deepEqual(out.files[1]?.errors.map((e) => [e.line, /not valid JSON/.test(e.message)]), [[2, true]]);
  assert.deepEqual(Object.keys(out.totals).slice(0, 4), ['files', 'events', 'duplicates', 'errors']);
  assert.deepEqual([out.totals.files, out.totals.events, out.totals.duplicates, out.totals.errors], [2, 5, 0, 1]);
  assert.equal(count(casePath, 'SELECT count(*) AS n FROM events'), 5);

  const again = runCli('import', casePath, dir);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /already imported .*okta\.ndjson/);
  assert.match(again.stdout, /Totals: 2 files, 0 events added/);
});

test('a file that cannot be read or recognised makes the exit status 1; the other files are still imported', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'okta.ndjson'), ndjson([0, 1].map((i) => oktaEvent(i))));
  writeFileSync(join(dir, 'notes.txt'), 'call with the user at 10:30, she denied all prompts\n');
  const casePath = join(dir, 'c.pushtrail');
  const r = runCli('import', casePath, join(dir, 'okta.ndjson'), join(dir, 'notes.txt'), join(dir, 'gone.json'), '--json');
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout) as JsonReport;
  assert.deepEqual(out.files.map((f) => f.status), ['imported', 'unrecognised', 'unreadable']);
  assert.equal(out.totals.events, 2);
  const err = JSON.parse(r.stderr) as { error: { kind: string; message: string } };
  assert.match(err.error.message, /2 files could not be imported/);
  assert.equal(count(casePath, 'SELECT count(*) AS n FROM events'), 2);

  const text = runCli('import', casePath, join(dir, 'notes.txt'));
  assert.equal(text.code, 1);
  assert.match(text.stdout, /unrecognised\s+.*notes\.txt\n\s+no importer recognises this content/);
  assert.match(text.stderr, /^pushtrail: 1 file could not be imported/);
});

test('bad options are refused before anything is written', (t) => {
  const dir = tempDir(t);
  const casePath = join(dir, 'c.pushtrail');
  const bad = runCli('import', casePath, dir, '--format', 'splunk');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /"format" must be one of okta, entra-signin/);
  assert.equal(existsSync(casePath), false);
  assert.match(runCli('import', casePath).stderr, /usage: pushtrail import/);
  assert.match(runCli('import', casePath, dir, '--year', 'soon').stderr, /"year"/);
  assert.match(runCli('import', casePath, dir, '--mmdb', join(dir, 'none.mmdb')).stderr, /--mmdb: no file/);
});
