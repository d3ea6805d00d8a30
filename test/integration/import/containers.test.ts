/** Every container kind, end to end through the import job in its worker threads. */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { cloudTrailLogin, duoAuth, entraSignIn, m365Csv, oktaEvent, syslogLines } from '../../unit/ingest-pipeline/samples.js';
import { corpusPath } from '../../support/corpus.js';
import { tempDir } from '../../support/temp.js';
import { count, entry, importPaths, inCase, newCase } from './helpers.js';

const ndjson = (values: unknown[]): string => `${values.map((v) => JSON.stringify(v)).join('\n')}\n`;
const range = (n: number, from = 0): number[] => Array.from({ length: n }, (_, i) => i + from);

test('a folder is read recursively and each file in it with its own container and format', async (t) => {
  const dir = tempDir(t);
  const evidence = join(dir, 'evidence');
  mkdirSync(join(evidence, 'okta', 'march'), { recursive: true });
  mkdirSync(join(evidence, 'entra'), { recursive: true });
  writeFileSync(join(evidence, 'okta', 'march', 'system-log.ndjson'), ndjson(range(5).map((i) => oktaEvent(i))));
  writeFileSync(join(evidence, 'okta', 'api-page.json'), JSON.stringify(range(3, 100).map((i) => oktaEvent(i)), null, 2));
  writeFileSync(join(evidence, 'entra', 'signins.json'), JSON.stringify({ '@odata.context': 'x', value: range(4).map(entraSignIn) }));
  writeFileSync(join(evidence, 'm365.csv'), m365Csv(3));
  writeFileSync(join(evidence, 'auth.log'), syslogLines(6));
  const casePath = newCase(t, dir);
  const report = await importPaths(casePath, [evidence], { year: 2024 });

  const shape = report.files.map((f) => [f.path.slice(evidence.length), f.status, f.container, f.format, f.events, f.rejected]);
  assert.deepEqual(shape, [
    ['/auth.log', 'imported', 'text', 'syslog', 6, 0],
    ['/entra/signins.json', 'imported', 'json', 'entra-signin', 4, 0],
    ['/m365.csv', 'imported', 'csv', 'm365-audit', 3, 0],
    ['/okta/api-page.json', 'imported', 'json', 'okta', 3, 0],
    ['/okta/march/system-log.ndjson', 'imported', 'ndjson', 'okta', 5, 0],
  ]);
  assert.deepEqual(report.totals, { files: 5, events: 21, duplicates: 0, rejected: 0, skipped: 0, errors: 0, notImported: 0, vendorIdClashes: 0 });
  assert.equal(count(casePath, 'SELECT count(*) AS n FROM events'), 21);
  // Syslog lines carry no year: --year dated them.
  assert.equal(count(casePath, "SELECT count(*) AS n FROM events WHERE vendor = 'syslog' AND time >= ?", Date.UTC(2024, 0, 1)), 6);
  // The verbatim record and its line come back with each event.
  inCase(casePath, (store) => {
    const events = store.events(0, 100);
    const csvEvent = events.find((e) => e.vendor === 'm365');
    assert.ok(csvEvent);
    const detail = store.event(csvEvent.id);
    assert.match(detail.raw, /^9a9a0000-.*"AuditData|^9a9a/);
    assert.match(detail.raw, /UserLoginFailed/);
    assert.equal(detail.evidence.path, join(evidence, 'm365.csv'));
    assert.equal(detail.evidence.line, 2);
    const evidenceRows = store.evidence();
    assert.equal(evidenceRows.length, 5);
    assert.ok(evidenceRows.every((e) => /^[0-9a-f]{64}$/.test(e.sha256) && e.size > 0));
  });
});

test('a zip with nested folders: members are evidence with the archive as their parent; a .gz member is inflated', async (t) => {
  const dir = tempDir(t);
  const zip = zipSync({
    'export/okta/2024-03/system-log.ndjson': new TextEncoder().encode(ndjson(range(4).map((i) => oktaEvent(i)))),
    'export/aws/trail.json.gz': gzipSync(JSON.stringify({ Records: range(3).map(cloudTrailLogin) })),
    'export/readme.txt': new TextEncoder().encode('Exported by the SOC on 2024-03-02.\n'),
    'export/empty-folder/': new Uint8Array(0),
  });
  const zipPath = join(dir, 'evidence.zip');
  writeFileSync(zipPath, zip);
  const casePath = newCase(t, dir);
  const report = await importPaths(casePath, [zipPath]);

  const archive = entry(report, 'evidence.zip');
  assert.equal(archive.status, 'archive');
  assert.equal(archive.container, 'zip');
  const okta = entry(report, 'export/okta/2024-03/system-log.ndjson');
  assert.deepEqual([okta.status, okta.format, okta.archive, okta.events], ['imported', 'okta', zipPath, 4]);
  const trail = entry(report, 'export/aws/trail.json.gz');
  assert.deepEqual([trail.status, trail.format, trail.compression, trail.container, trail.events], ['imported', 'cloudtrail', 'gzip', 'json', 3]);
  assert.equal(entry(report, 'export/readme.txt').status, 'unrecognised');
  assert.equal(report.files.length, 4, 'folders inside the archive are not files');

  inCase(casePath, (store) => {
    const rows = store.evidence();
    const parent = rows.find((r) => r.path === zipPath);
    assert.ok(parent);
    assert.equal(parent.parentId, null);
    const members = rows.filter((r) => r.parentId === parent.id).map((r) => r.path).sort();
    assert.deepEqual(members, ['export/aws/trail.json.gz', 'export/okta/2024-03/system-log.ndjson']);
    const first = store.events(0, 1)[0];
    assert.ok(first);
    const detail = store.event(first.id);
    assert.equal(detail.evidence.archive, zipPath);
  });
});

test('a zip inside a zip, with a .gz inside that: real samples import as they do on their own, and evidence keeps the archive chain', async (t) => {
  const dir = tempDir(t);
  const okta = readFileSync(corpusPath('okta', 'elastic-integrations', 'test-okta-system-events.log'));
  const duo = readFileSync(corpusPath('duo', 'elastic-integrations', 'test-auth.log'));
  const trail = readFileSync(corpusPath('aws-cloudtrail', 'elastic-integrations', 'test-console-login-json.log'));
  const inner = zipSync({ 'okta/system-events.log': okta, 'aws/console-login.json.gz': gzipSync(trail) });
  const outerPath = join(dir, 'handover.zip');
  // The inner archive deflated again, as zipping a folder that holds a zip does.
  writeFileSync(outerPath, zipSync({ 'transfer/okta-export.zip': inner, 'duo/auth.log': duo }));
  const plain = join(dir, 'plain');
  mkdirSync(plain);
  writeFileSync(join(plain, 'system-events.log'), okta);
  writeFileSync(join(plain, 'console-login.json.gz'), gzipSync(trail));
  writeFileSync(join(plain, 'auth.log'), duo);
  const alone = await importPaths(newCase(t, tempDir(t)), [plain]);
  const eventsAlone = (name: string): number => entry(alone, name).events;

  const casePath = newCase(t, dir);
  const report = await importPaths(casePath, [outerPath]);
  const innerChain = `${outerPath}!transfer/okta-export.zip`;
  const nested = entry(report, 'transfer/okta-export.zip');
  assert.deepEqual([nested.status, nested.container, nested.archive], ['archive', 'zip', outerPath]);
  const oktaEntry = entry(report, 'okta/system-events.log');
  assert.deepEqual([oktaEntry.status, oktaEntry.format, oktaEntry.archive], ['imported', 'okta', innerChain]);
  assert.equal(oktaEntry.events, eventsAlone('system-events.log'));
  assert.ok(oktaEntry.events > 0);
  const trailEntry = entry(report, 'aws/console-login.json.gz');
  assert.deepEqual([trailEntry.format, trailEntry.compression, trailEntry.archive], ['cloudtrail', 'gzip', innerChain]);
  assert.equal(trailEntry.events, eventsAlone('console-login.json.gz'));
  const duoEntry = entry(report, 'duo/auth.log');
  assert.deepEqual([duoEntry.format, duoEntry.archive, duoEntry.events], ['duo-auth', outerPath, eventsAlone('auth.log')]);
  assert.equal(report.totals.events, alone.totals.events);
  assert.equal(nested.sha256, createHash('sha256').update(inner).digest('hex'), 'the inner archive is hashed as stored in the outer one');

  inCase(casePath, (store) => {
    const rows = store.evidence();
    const outerRow = rows.find((r) => r.path === outerPath);
    const innerRow = rows.find((r) => r.path === 'transfer/okta-export.zip');
    const oktaRow = rows.find((r) => r.path === 'okta/system-events.log');
    assert.ok(outerRow && innerRow && oktaRow);
    assert.deepEqual([outerRow.parentId, innerRow.parentId, oktaRow.parentId], [null, outerRow.id, innerRow.id]);
    const oktaEvent = store.events(0, 10_000).find((e) => e.vendor === 'okta');
    assert.ok(oktaEvent);
    assert.equal(store.event(oktaEvent.id).evidence.archive, innerChain);
  });
  const custody = inCase(casePath, (store) => store.custody().filter((c) => c.action === 'evidence/archive').map((c) => c.detail));
  assert.deepEqual(custody.map((d) => [d['path'], d['archive'] ?? null]), [
    [outerPath, null],
    ['transfer/okta-export.zip', outerPath],
  ]);

  const again = await importPaths(casePath, [outerPath]);
  assert.equal(again.totals.events, 0);
  assert.equal(entry(again, 'okta/system-events.log').status, 'already_imported');
});

test('archives nested deeper than four levels are listed with the reason, not opened', async (t) => {
  const dir = tempDir(t);
  let zip = zipSync({ 'okta.ndjson': new TextEncoder().encode(ndjson(range(2).map((i) => oktaEvent(i)))) });
  for (let level = 5; level >= 2; level -= 1) zip = zipSync({ [`level-${level}.zip`]: zip, [`okta-${level}.ndjson`]: new TextEncoder().encode(ndjson([oktaEvent(level * 10)])) });
  const path = join(dir, 'level-1.zip');
  writeFileSync(path, zip);
  const report = await importPaths(newCase(t, dir), [path]);
  assert.deepEqual(report.files.filter((f) => f.status === 'archive').map((f) => f.path), [path, 'level-2.zip', 'level-3.zip', 'level-4.zip']);
  const deepest = entry(report, 'level-5.zip');
  assert.equal(deepest.status, 'unrecognised');
  assert.match(deepest.reason ?? '', /a zip archive 5 containers deep, more than 4/);
  assert.equal(report.totals.events, 4, 'the records beside each opened archive are imported');
});

test('a .gz file and CloudTrail .json.gz are recognised by content, whatever their names', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'okta-export.ndjson.gz'), gzipSync(ndjson(range(3).map((i) => oktaEvent(i)))));
  writeFileSync(join(dir, '111122223333_CloudTrail_us-east-1_20240301T1100Z_abc.json.gz'), gzipSync(JSON.stringify({ Records: range(5).map(cloudTrailLogin) })));
  writeFileSync(join(dir, 'misleading.csv'), gzipSync(ndjson(range(2).map((i) => duoAuth(i)))));
  const casePath = newCase(t, dir);
  const report = await importPaths(casePath, [dir]);
  const byName = (s: string): [string | null, string | null, number] => {
    const f = entry(report, s);
    return [f.format, f.compression, f.events];
  };
  assert.deepEqual(byName('okta-export.ndjson.gz'), ['okta', 'gzip', 3]);
  assert.deepEqual(byName('_abc.json.gz'), ['cloudtrail', 'gzip', 5]);
  assert.deepEqual(byName('misleading.csv'), ['duo-auth', 'gzip', 2]);
});

test('a truncated .gz keeps the records read before the damage and says where it stopped', async (t) => {
  const dir = tempDir(t);
  const whole = gzipSync(ndjson(range(400).map((i) => oktaEvent(i))));
  writeFileSync(join(dir, 'cut.ndjson.gz'), whole.subarray(0, Math.floor(whole.length * 0.6)));
  const casePath = newCase(t, dir);
  const f = entry(await importPaths(casePath, [dir]), 'cut.ndjson.gz');
  assert.equal(f.status, 'imported');
  assert.ok(f.events > 50 && f.events < 400, `events: ${f.events}`);
  assert.ok(f.errors.some((e) => /damaged or truncated gzip data/.test(e.message)), JSON.stringify(f.errors));
});

test('JSON arrays, wrapped arrays and NDJSON with the same records give the same events', async (t) => {
  const dir = tempDir(t);
  const records = range(6).map((i) => duoAuth(i));
  writeFileSync(join(dir, 'a.json'), JSON.stringify(records, null, 4));
  const casePath = newCase(t, dir);
  const first = await importPaths(casePath, [join(dir, 'a.json')]);
  assert.equal(first.totals.events, 6);
  const wrapped = join(dir, 'b.json');
  writeFileSync(wrapped, JSON.stringify({ stat: 'OK', response: { authlogs: records, metadata: { next_offset: null } } }));
  const lines = join(dir, 'c.ndjson');
  writeFileSync(lines, ndjson(records));
  const again = await importPaths(casePath, [wrapped, lines]);
  assert.deepEqual(again.files.map((f) => [f.container, f.format, f.events, f.duplicates]), [
    ['json', 'duo-auth', 0, 6],
    ['ndjson', 'duo-auth', 0, 6],
  ]);
  assert.equal(count(casePath, 'SELECT count(*) AS n FROM events'), 6);
});

test('syslog lines without a year are dated by their file\'s modification time, and the summary says so', async (t) => {
  const dir = tempDir(t);
  const log = join(dir, 'auth.log.1');
  writeFileSync(
    log,
    [
      'Dec 31 23:58:01 bastion sshd[811]: Failed password for alice from 192.0.2.10 port 50022 ssh2',
      'Jan  1 00:00:12 bastion sshd[811]: Accepted password for alice from 192.0.2.10 port 50022 ssh2',
      '',
    ].join('\n'),
  );
  const modified = new Date(Date.UTC(2025, 0, 1, 6, 25, 0));
  utimesSync(log, modified, modified);
  const casePath = newCase(t, dir);
  const f = entry(await importPaths(casePath, [log]), 'auth.log.1');
  assert.deepEqual([f.format, f.events], ['syslog', 2]);
  assert.match(f.note ?? '', /dated by the file's modification time \(2025-01-01T06:25:00\.000Z\).*--year/);
  const times = inCase(casePath, (store) => store.events(0, 10).map((e) => e.time));
  assert.deepEqual(times, [Date.UTC(2024, 11, 31, 23, 58, 1), Date.UTC(2025, 0, 1, 0, 0, 12)]);
  const custody = inCase(casePath, (store) => store.custody().find((c) => c.action === 'evidence/import'));
  assert.equal(custody?.detail['note'], f.note, 'the custody log records how the year was decided');

  const other = join(dir, 'with-year');
  mkdirSync(other);
  writeFileSync(join(other, 'auth.log'), 'Mar  1 10:00:00 bastion sshd[4242]: Accepted publickey for bob from 192.0.2.11 port 50022 ssh2\n');
  const given = entry(await importPaths(newCase(t, other), [join(other, 'auth.log')], { year: 2021 }), 'auth.log');
  assert.equal(given.note, undefined, 'a year the analyst gave needs no note');
});
