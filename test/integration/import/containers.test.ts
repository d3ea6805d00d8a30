/** Every container kind, end to end through the import job in its worker threads. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { cloudTrailLogin, duoAuth, entraSignIn, m365Csv, oktaEvent, syslogLines } from '../../unit/ingest-pipeline/samples.js';
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
  assert.deepEqual(report.totals, { files: 5, events: 21, duplicates: 0, rejected: 0, errors: 0, notImported: 0 });
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
