/** Bad input costs the bad records only, each reported with file, line and reason. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { duoAuth, oktaEvent } from '../../unit/ingest-pipeline/samples.js';
import { tempDir } from '../../support/temp.js';
import { count, entry, importPaths, inCase, newCase, tryImport } from './helpers.js';

const ndjson = (values: unknown[]): string => `${values.map((v) => JSON.stringify(v)).join('\n')}\n`;

test('a truncated JSON file beside a good one: the good one whole, the truncated one up to its broken tail', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'good.json'), JSON.stringify([0, 1, 2].map((i) => oktaEvent(i)), null, 2));
  const whole = JSON.stringify([10, 11, 12, 13].map((i) => oktaEvent(i)), null, 2);
  const cut = whole.slice(0, whole.indexOf('"uuid"', whole.indexOf('0e6b1c2a-0000-4000-8000-000000000013') - 20) + 30);
  writeFileSync(join(dir, 'truncated.json'), cut);
  const casePath = newCase(t, dir);
  const report = await importPaths(casePath, [dir]);

  const good = entry(report, 'good.json');
  assert.deepEqual([good.status, good.events, good.rejected, good.errors], ['imported', 3, 0, []]);
  const bad = entry(report, 'truncated.json');
  assert.deepEqual([bad.status, bad.format, bad.events, bad.rejected], ['imported', 'okta', 3, 1]);
  const brokenLine = cut.slice(0, cut.lastIndexOf('{')).split('\n').length;
  assert.deepEqual(bad.errors, [{ line: brokenLine, record: 4, message: 'the file ends inside this record (truncated)' }]);
  // The case keeps the rejected record's report with the evidence.
  inCase(casePath, (store) => {
    const ev = store.evidence().find((e) => e.path.endsWith('truncated.json'));
    assert.ok(ev);
    assert.equal(ev.rejected, 1);
    assert.deepEqual(store.evidenceErrors(ev.id).map((e) => [e.line, e.record, e.message]), [[brokenLine, 4, 'the file ends inside this record (truncated)']]);
  });
});

test('an over-long line is rejected with its line number and the rest of the file is imported', async (t) => {
  const dir = tempDir(t);
  const huge = JSON.stringify(oktaEvent(1, { displayMessage: 'x'.repeat(1024 * 1024 + 10) }));
  writeFileSync(join(dir, 'long.ndjson'), `${JSON.stringify(oktaEvent(0))}\n${huge}\n${JSON.stringify(oktaEvent(2))}\n`);
  const casePath = newCase(t, dir);
  const f = entry(await importPaths(casePath, [dir]), 'long.ndjson');
  assert.deepEqual([f.events, f.rejected, f.records], [2, 1, 3]);
  assert.equal(f.errors[0]?.line, 2);
  assert.match(f.errors[0]?.message ?? '', /longer than 1,048,576 characters/);
});

test('records the vendor parser rejects are listed with their reason; malformed lines too', async (t) => {
  const dir = tempDir(t);
  const lines = [JSON.stringify(duoAuth(0)), '{"txid": "broken", ', JSON.stringify(duoAuth(1, { isotimestamp: 'not a time', timestamp: 'never' })), JSON.stringify(duoAuth(2))];
  writeFileSync(join(dir, 'duo.ndjson'), `${lines.join('\n')}\n`);
  const casePath = newCase(t, dir);
  const f = entry(await importPaths(casePath, [dir]), 'duo.ndjson');
  assert.deepEqual([f.format, f.events, f.rejected], ['duo-auth', 2, 2]);
  assert.deepEqual(f.errors.map((e) => e.line), [2, 3]);
  assert.match(f.errors[0]?.message ?? '', /not valid JSON/);
  assert.match(f.errors[1]?.message ?? '', /time/);
});

test('hostile strings are stored verbatim, byte for byte', async (t) => {
  const dir = tempDir(t);
  const hostile = '<script>alert("x")</script>\u0000\u202e\u001b[31m; DROP TABLE events;-- 𝄞 \\" \'';
  const event = oktaEvent(0, { actor: { id: '00u1', type: 'User', alternateId: hostile, displayName: hostile }, displayMessage: hostile });
  const text = JSON.stringify(event);
  writeFileSync(join(dir, 'hostile.ndjson'), `${text}\n`);
  const casePath = newCase(t, dir);
  assert.equal((await importPaths(casePath, [dir])).totals.events, 1);
  inCase(casePath, (store) => {
    const [stored] = store.events(0, 10);
    assert.ok(stored);
    // The canonical user is lower-cased; nothing else is changed, nothing is escaped or stripped.
    assert.equal(stored.user, hostile.toLowerCase());
    assert.equal(stored.userDisplay, hostile);
    assert.equal(store.event(stored.id).raw, text);
  });
  assert.equal(count(casePath, 'SELECT count(*) AS n FROM events'), 1);
});

test('a file no importer recognises is reported with the reason and the supported formats; nothing is stored', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'inventory.json'), JSON.stringify([{ hostname: 'a', os: 'linux' }, { hostname: 'b', os: 'mac' }]));
  writeFileSync(join(dir, 'photo.bin'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10, 0x20]));
  writeFileSync(join(dir, 'empty.log'), '');
  const casePath = newCase(t, dir);
  const report = await importPaths(casePath, [dir, join(dir, 'no-such-file.log')]);
  const inventory = entry(report, 'inventory.json');
  assert.equal(inventory.status, 'unrecognised');
  assert.match(inventory.reason ?? '', /no importer recognises this content.*"hostname", "os".*Supported formats: okta/);
  assert.match(entry(report, 'photo.bin').reason ?? '', /binary/);
  assert.match(entry(report, 'empty.log').reason ?? '', /empty/);
  const missing = entry(report, 'no-such-file.log');
  assert.deepEqual([missing.status, missing.reason], ['unreadable', 'no such file or folder']);
  assert.equal(report.totals.notImported, 4);
  assert.equal(count(casePath, 'SELECT count(*) AS n FROM evidence'), 0);
});

test('--format forces a format: an unrecognisable Okta export imports, a wrong format rejects records', async (t) => {
  const dir = tempDir(t);
  // Hand-trimmed records that the sniffer does not accept as Okta (two keys only), yet parse.
  const trimmed = [0, 1, 2].map((i) => ({ eventType: 'user.session.start', published: oktaEvent(i)['published'] }));
  writeFileSync(join(dir, 'trimmed.ndjson'), ndjson(trimmed));
  const casePath = newCase(t, dir);
  const sniffed = await importPaths(casePath, [join(dir, 'trimmed.ndjson')]);
  assert.equal(sniffed.files[0]?.status, 'unrecognised');
  const forced = await importPaths(casePath, [join(dir, 'trimmed.ndjson')], { format: 'okta' });
  assert.deepEqual([forced.files[0]?.status, forced.files[0]?.format, forced.files[0]?.events], ['imported', 'okta', 3]);

  writeFileSync(join(dir, 'okta.ndjson'), ndjson([0, 1].map((i) => oktaEvent(i))));
  const wrong = await tryImport(casePath, [join(dir, 'okta.ndjson')], { format: 'cloudtrail' });
  assert.ok(wrong.ok);
  const f = wrong.report.files[0];
  assert.deepEqual([f?.format, f?.events, f?.rejected], ['cloudtrail', 0, 2]);
});
