/**
 * The Duo activity log and PingFederate's audit log through the real import job (worker
 * threads, a real case file): each shape alone, each vendor family mixed in one file with
 * every kind counted, `pushtrail import --json`, and the message for a file that is nearly one.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { corpusPath, fixturePath } from '../../support/corpus.js';
import { tempDir } from '../../support/temp.js';
import { count, entry, importPaths, newCase, runCli } from './helpers.js';

type Obj = Record<string, unknown>;

const ndjsonRecords = (path: string): Obj[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Obj);
const ndjson = (records: readonly Obj[]): string => `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;

test('a Duo activity API page: sign-ins, pushes and credential changes become events, policy and group changes are skipped', async (t) => {
  const dir = tempDir(t);
  const casePath = newCase(t, dir);
  const f = entry(await importPaths(casePath, [fixturePath('duo', 'activity-api-page.json')]), 'activity-api-page.json');
  assert.equal(f.status, 'imported', f.reason);
  assert.deepEqual(f.kinds, [{ kind: 'Cisco Duo activity log', format: 'duo-activity', records: 7, events: 4, skipped: 3, rejected: 0 }]);
  assert.deepEqual([f.format, f.events, f.skipped, f.rejected, f.errors], ['duo-activity', 4, 3, 0, []]);
  assert.equal(count(casePath, "SELECT count(*) AS n FROM events WHERE outcome IN ('approved', 'failed_other') AND vendor = 'duo'"), 2);
});

test('a Duo log-sync file of all five logs: each read by its parser, activity without authentication meaning and offline enrolments skipped', async (t) => {
  const tag = (records: Obj[], eventtype: string): Obj[] => records.map((r) => ({ ...r, eventtype, host: 'api-abc123.duosecurity.com' }));
  const page = JSON.parse(readFileSync(fixturePath('duo', 'activity-api-page.json'), 'utf8')) as { response: { items: Obj[] } };
  const offline = { action: 'o2fa_user_provisioned', description: '{"factor": "duo_otp", "hostname": "WKS-0042"}', isotimestamp: '2025-03-04T09:30:00+00:00', object: 'Contoso Windows Logon', timestamp: 1741080600, username: 'ivan@contoso.example' };
  const records = [
    ...tag(ndjsonRecords(corpusPath('duo', 'elastic-integrations', 'test-auth.log')), 'authentication'),
    ...tag(ndjsonRecords(corpusPath('duo', 'elastic-integrations', 'test-admin.log')), 'administrator'),
    ...tag(ndjsonRecords(fixturePath('duo', 'test-telephony-v2.log')), 'telephony'),
    ...tag([...ndjsonRecords(fixturePath('duo', 'test-activity.log')), ...page.response.items], 'activity'),
    ...tag([offline], 'offline_enrollment'),
  ];
  const dir = tempDir(t);
  const path = join(dir, 'duo-logsync.ndjson');
  writeFileSync(path, ndjson(records));
  const f = entry(await importPaths(newCase(t, dir), [path]), 'duo-logsync.ndjson');
  assert.equal(f.status, 'imported', f.reason);
  const byName = new Map(f.kinds.map((k) => [k.kind, k]));
  const activity = byName.get('activity (Duo)');
  assert.deepEqual([activity?.format, activity?.records, activity?.events, activity?.skipped, activity?.rejected], ['duo-activity', 11, 8, 3, 0]);
  assert.deepEqual([byName.get('telephony (Duo)')?.format, byName.get('telephony (Duo)')?.events], ['duo-telephony', 3]);
  assert.deepEqual([byName.get('offline_enrollment (Duo)')?.format, byName.get('offline_enrollment (Duo)')?.skipped], [null, 1]);
  for (const name of ['authentication (Duo)', 'administrator (Duo)']) assert.ok((byName.get(name)?.events ?? 0) > 0, name);
  assert.equal(f.kinds.length, 5, JSON.stringify(f.kinds));
  assert.deepEqual([f.records, f.skipped, f.rejected], [records.length, 4, 0]);
});

test('PingFederate audit lines of all three layouts in one file, and real CEF and pipe files, import with every line counted', async (t) => {
  const dir = tempDir(t);
  const casePath = newCase(t, dir);
  const mixed = join(dir, 'audit.log');
  const text = ['pingid-adapter-documented.log', 'elastic-test-audit.log', 'datadog-audit-pipe.log'].map((name) => readFileSync(fixturePath('pingfederate', name), 'utf8')).join('');
  writeFileSync(mixed, text);
  const report = await importPaths(casePath, [mixed]);
  const f = entry(report, 'audit.log');
  assert.equal(f.status, 'imported', f.reason);
  assert.deepEqual(f.kinds, [{ kind: 'PingFederate audit log', format: 'pingfederate', records: 14, events: 14, skipped: 0, rejected: 0 }]);
  assert.deepEqual([f.format, f.container, f.errors], ['pingfederate', 'text', []]);
  const outcomes = (o: string): number => count(casePath, 'SELECT count(*) AS n FROM events WHERE outcome = ?', o);
  assert.deepEqual(['challenge_sent', 'timeout', 'denied', 'approved'].map(outcomes), [1, 1, 2, 1]);
});

test('a syslog relay file: Linux lines and PingFederate CEF lines behind syslog headers, each read by its own parser', async (t) => {
  const linux = readFileSync(fixturePath('linux', 'elastic-system-auth.log'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const cef = readFileSync(fixturePath('pingfederate', 'pingid-adapter-documented.log'), 'utf8').split('\n').filter((l) => l.includes('CEF:'));
  const lines = [...linux.slice(0, 3), ...cef, ...linux.slice(3), ...cef.map((l) => l.replace('09:17:12', '09:19:40'))];
  const dir = tempDir(t);
  const path = join(dir, 'relay.log');
  writeFileSync(path, `${lines.join('\n')}\n`);
  const f = entry(await importPaths(newCase(t, dir), [path], { year: 2025 }), 'relay.log');
  assert.equal(f.status, 'imported', f.reason);
  const byFormat = new Map(f.kinds.map((k) => [k.format, k]));
  assert.deepEqual([byFormat.get('pingfederate')?.records, byFormat.get('pingfederate')?.events], [2 * cef.length, 2 * cef.length]);
  assert.deepEqual([byFormat.get('syslog')?.records, byFormat.get('syslog')?.rejected], [linux.length, 0]);
  assert.deepEqual([f.rejected, f.errors], [0, []]);
});

test('pushtrail import --format pingfederate and --format duo-activity read their files; --json lists the kinds', (t) => {
  const dir = tempDir(t);
  const run = runCli('import', join(dir, 'cli.pushtrail'), fixturePath('pingfederate', 'elastic-test-audit.log'), '--format', 'pingfederate', '--json');
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout) as { files: Obj[] };
  assert.deepEqual(out.files[0]?.['kinds'], [{ kind: 'PingFederate audit log', format: 'pingfederate', records: 4, events: 4, skipped: 0, rejected: 0 }]);
  const duo = runCli('import', join(dir, 'duo.pushtrail'), fixturePath('duo', 'activity-api-page.json'), '--format', 'duo-activity', '--json');
  assert.equal(duo.code, 0, duo.stderr);
  const file = (JSON.parse(duo.stdout) as { files: Obj[] }).files[0] ?? {};
  assert.deepEqual([file['format'], file['events'], file['skipped']], ['duo-activity', 4, 3]);
});

test('a file that is nearly a Duo activity log names that shape and what it lacks', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'activity-no-ts.ndjson');
  const stripped = ndjsonRecords(fixturePath('duo', 'test-activity.log')).map(({ ts: _ts, ...rest }) => rest);
  writeFileSync(path, ndjson(stripped));
  const f = entry(await importPaths(newCase(t, dir), [path]), 'activity-no-ts.ndjson');
  assert.equal(f.status, 'unrecognised');
  assert.match(f.reason ?? '', /looks like Duo activity log \(--format duo-activity\); it has no field for the time \(ts\)/);
});

test('PingFederate audit lines in a layout of their own are unrecognised with the layouts the importer reads named', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'custom-audit.log');
  // An administrator's own log4j2 pattern: fewer fields, another order.
  writeFileSync(path, '2025-03-04 09:15:02,114 | AUTHN_ATTEMPT | ivan@contoso.example | 203.0.113.45 | success\n2025-03-04 09:15:40,002 | AUTHN_ATTEMPT | ivan@contoso.example | 203.0.113.45 | inprogress\n');
  const f = entry(await importPaths(newCase(t, dir), [path]), 'custom-audit.log');
  assert.equal(f.status, 'unrecognised');
  assert.match(f.reason ?? '', /looks like the PingFederate audit log \(--format pingfederate\) in a layout its importer does not read; it reads the default pattern \(%d\| trackingid\| event/);
});
