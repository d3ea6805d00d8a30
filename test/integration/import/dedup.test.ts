/** Importing again adds nothing; every import is in the custody log. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { oktaEvent, syslogLines } from '../../unit/ingest-pipeline/samples.js';
import { tempDir } from '../../support/temp.js';
import { corpusPath } from '../../support/corpus.js';
import { count, entry, importPaths, inCase, newCase, runCli } from './helpers.js';

const ndjson = (values: unknown[]): string => `${values.map((v) => JSON.stringify(v)).join('\n')}\n`;

test('the same file imported twice is recognised by its SHA-256 and adds nothing', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'okta.ndjson');
  writeFileSync(file, ndjson([0, 1, 2, 3].map((i) => oktaEvent(i))));
  const casePath = newCase(t, dir);
  const first = await importPaths(casePath, [file]);
  assert.equal(first.totals.events, 4);
  // The case held nothing of its size, so the file was hashed while it was imported: the same hash.
  const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
  assert.equal(first.files[0]?.sha256, sha256);
  inCase(casePath, (store) => assert.deepEqual(store.evidence().map((e) => e.sha256), [sha256]));
  const second = await importPaths(casePath, [file]);
  const f = entry(second, 'okta.ndjson');
  assert.equal(f.status, 'already_imported');
  assert.match(f.reason ?? '', /same SHA-256 is already in the case \(evidence #1/);
  assert.equal(f.sha256, first.files[0]?.sha256);
  // A copy under another name is the same evidence.
  const copy = join(dir, 'copy-of-okta.log');
  copyFileSync(file, copy);
  assert.equal(entry(await importPaths(casePath, [copy]), 'copy-of-okta.log').status, 'already_imported');
  assert.equal(count(casePath, 'SELECT count(*) AS n FROM events'), 4);
  assert.equal(count(casePath, 'SELECT count(*) AS n FROM evidence'), 1);
  // Another file of the same size is hashed before it is read: it is not the same evidence.
  const sameSize = join(dir, 'same-size.ndjson');
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf('"uuid":"') + '"uuid":"'.length;
  writeFileSync(sameSize, `${text.slice(0, at)}${text[at] === 'f' ? 'e' : 'f'}${text.slice(at + 1)}`);
  const other = entry(await importPaths(casePath, [sameSize]), 'same-size.ndjson');
  assert.deepEqual([other.status, other.events, other.duplicates, other.size], ['imported', 1, 3, first.files[0]?.size]);
  assert.equal(other.sha256, createHash('sha256').update(readFileSync(sameSize)).digest('hex'));
});

test('the same records in another file are duplicates: counted, not added', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'week1.ndjson'), ndjson([0, 1, 2, 3, 4].map((i) => oktaEvent(i))));
  writeFileSync(join(dir, 'week1-and-2.json'), JSON.stringify([3, 4, 5, 6].map((i) => oktaEvent(i)), null, 2));
  const casePath = newCase(t, dir);
  const report = await importPaths(casePath, [join(dir, 'week1.ndjson'), join(dir, 'week1-and-2.json')]);
  assert.deepEqual(report.files.map((f) => [f.events, f.duplicates]), [[5, 0], [2, 2]]);
  assert.equal(count(casePath, 'SELECT count(*) AS n FROM events'), 7);
  inCase(casePath, (store) => assert.deepEqual(store.evidence().map((e) => [e.events, e.duplicates, e.rejected]), [[5, 0, 0], [2, 2, 0]]));
});

test('lines without a vendor id: repeated identical lines in a file are kept, the file again adds nothing', async (t) => {
  const dir = tempDir(t);
  const line = 'Mar  1 09:00:00 bastion sshd[42]: Failed password for root from 89.160.20.1 port 22 ssh2\n';
  writeFileSync(join(dir, 'a.log'), line + line + syslogLines(3));
  writeFileSync(join(dir, 'b.log'), `${syslogLines(3)}extra line that is not syslog at all\n`);
  const casePath = newCase(t, dir);
  const a = await importPaths(casePath, [join(dir, 'a.log')], { year: 2024 });
  assert.equal(a.totals.events, 5, 'two identical failures in the same second are two events');
  const b = await importPaths(casePath, [join(dir, 'b.log')], { year: 2024 });
  assert.deepEqual([b.totals.events, b.totals.duplicates], [0, 3]);
  assert.equal(b.totals.rejected, 1);
});

test('each imported file is one custody entry with its hash and counts; each run closes with a summary', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'okta.ndjson'), ndjson([0, 1].map((i) => oktaEvent(i))));
  const casePath = newCase(t, dir);
  const report = await importPaths(casePath, [dir]);
  await importPaths(casePath, [dir]);
  inCase(casePath, (store) => {
    const custody = store.custody(0, 100);
    assert.deepEqual(custody.map((c) => c.action), ['case/create', 'evidence/import', 'import/run', 'import/run']);
    const imported = custody[1];
    assert.equal(imported?.actor, 'tester');
    assert.equal(imported?.detail['sha256'], report.files[0]?.sha256);
    assert.equal(imported?.detail['events'], 2);
    assert.equal(custody[3]?.detail['alreadyImported'], 1);
  });
});

test('records sharing a vendor id but not their time or event name are kept apart and counted; the same records again are duplicates', async (t) => {
  const dir = tempDir(t);
  // Three real PingID records (corpus), their ids scrubbed to one value as some exports do.
  const real = readFileSync(corpusPath('pingone', 'splunk-attack_data', 'pingid.log'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, 3)
    .map((line) => ({ ...(JSON.parse(line) as Record<string, unknown>), id: '<ID>' }));
  writeFileSync(join(dir, 'scrubbed.ndjson'), ndjson([...real, real[0]]));
  const casePath = newCase(t, dir);
  const first = entry(await importPaths(casePath, [join(dir, 'scrubbed.ndjson')]), 'scrubbed.ndjson');
  assert.deepEqual([first.events, first.vendorIdClashes, first.duplicates], [3, 2, 1], 'the fourth record repeats the first: a duplicate');
  assert.equal(count(casePath, "SELECT count(*) AS n FROM events WHERE vendor_uid = '<ID>'"), 3);
  inCase(casePath, (store) => assert.equal(store.custody(0, 100).find((c) => c.action === 'evidence/import')?.detail['vendorIdClashes'], 2));
  // The same records in another export (another hash) add nothing.
  writeFileSync(join(dir, 'again.json'), JSON.stringify(real, null, 2));
  const again = await importPaths(casePath, [join(dir, 'again.json')]);
  assert.deepEqual([again.totals.events, again.totals.duplicates, again.totals.vendorIdClashes], [0, 3, 0]);
  const cli = runCli('import', casePath, join(dir, 'scrubbed.ndjson'), '--json');
  assert.equal(cli.code, 0, cli.stderr);
});

test('the CLI says how many events were kept apart by content', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.ndjson'), ndjson([oktaEvent(0), oktaEvent(1, { uuid: oktaEvent(0)['uuid'] })]));
  const casePath = newCase(t, dir);
  const cli = runCli('import', casePath, join(dir, 'a.ndjson'));
  assert.equal(cli.code, 0, cli.stderr);
  assert.match(cli.stdout, /1 event kept apart by content: its vendor id was already used by an event of another time or event name/);
});
