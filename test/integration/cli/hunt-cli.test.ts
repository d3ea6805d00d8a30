import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { CaseStore } from '../../../electron/store/case-store.js';
import { corpusPath } from '../../support/corpus.js';
import { CLI } from '../../support/serve.js';
import { tempDir } from '../../support/temp.js';

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function importedCase(dir: string): string {
  const casePath = join(dir, 'hunt.pushtrail');
  const imported = run('import', casePath, corpusPath('okta', 'elastic-integrations', 'test-okta-system-events.log'), '--analyst', 'ana');
  assert.equal(imported.code, 0, imported.stderr);
  return casePath;
}

test('pushtrail hunt writes the chosen targets with the case parameters and records every file in custody', (t) => {
  const dir = tempDir(t);
  const casePath = importedCase(dir);
  assert.equal(run('detect', casePath, '--set', 'push-burst.threshold=7').code, 0);
  const out = join(dir, 'pack');
  const r = run('hunt', casePath, '--out', out, '--target', 'sigma', '--target', 'sql', '--dialect', 'duckdb', '--json', '--analyst', 'ana');
  assert.equal(r.code, 0, r.stderr);
  const written = JSON.parse(r.stdout) as { files: { path: string; sha256: string }[] };
  const paths = written.files.map((f) => f.path);
  assert.ok(paths.includes('README.md') && paths.includes('sigma/okta.yml') && paths.includes('sql/duckdb/push-burst.sql'));
  assert.ok(!paths.some((p) => p.startsWith('splunk/') || p.startsWith('sql/trino/')), 'only the chosen targets and dialect');
  assert.match(readFileSync(join(out, 'sql', 'duckdb', 'push-burst.sql'), 'utf8'), /threshold=7/);
  const store = CaseStore.open(casePath, 'test', { readOnly: true });
  const entry = store.custody(0, 1000).find((e) => e.action === 'hunt/pack');
  store.close();
  assert.equal(entry?.actor, 'ana');
  const logged = (entry?.detail as { files: { path: string; sha256: string }[] }).files;
  for (const f of logged) assert.equal(createHash('sha256').update(readFileSync(join(out, ...f.path.split('/')))).digest('hex'), f.sha256, f.path);

  const again = run('hunt', casePath, '--out', out);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /is not empty/);
  const bad = run('hunt', casePath, '--out', join(dir, 'other'), '--target', 'qradar');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--target must be one of sigma, spl, kql, esql, sql; got "qradar"/);
});

test('pushtrail export writes day-partitioned OCSF Parquet with the verbatim records, readable by DuckDB', async (t) => {
  const dir = tempDir(t);
  const casePath = importedCase(dir);
  const out = join(dir, 'lake');
  const r = run('export', casePath, '--format', 'ocsf-parquet', '--out', out, '--json');
  assert.equal(r.code, 0, r.stderr);
  const result = JSON.parse(r.stdout) as { events: number; files: { path: string }[] };
  assert.ok(result.files.every((f) => /^event_day=\d{8}\/.+\.parquet$/.test(f.path)));

  const store = CaseStore.open(casePath, 'test', { readOnly: true });
  const first = store.event(1);
  const count = store.info().counts.events;
  store.close();
  assert.equal(result.events, count);

  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const rows = (
    await conn.runAndReadAll(
      `SELECT count(*) AS n, count(DISTINCT event_day) AS days, max(CASE WHEN unmapped.pushtrail_event_id = 1 THEN raw_data END) AS raw, max(class_uid) AS class FROM read_parquet('${out}/**/*.parquet', hive_partitioning = true)`,
    )
  ).getRowObjectsJS()[0];
  conn.closeSync();
  db.closeSync();
  assert.equal(Number(rows?.['n']), count);
  assert.equal(Number(rows?.['class']), 3002);
  assert.equal(rows?.['raw'], first.raw, 'the verbatim record, byte for byte');
  assert.ok(Number(rows?.['days']) >= 1);

  const chosen = run('export', casePath, '--format', 'ocsf-parquet', '--out', join(dir, 'none'), '--user', 'nobody@example.com');
  assert.equal(chosen.code, 1);
  assert.match(chosen.stderr, /No events match/);
  const zoneless = run('export', casePath, '--format', 'ocsf-parquet', '--out', join(dir, 'z'), '--from', '2025-01-01 10:00');
  assert.match(zoneless.stderr, /--from must be an ISO 8601 time with a zone/);
});
