/**
 * The answer from a data lake comes back as evidence: Parquet files of OCSF Authentication rows
 * (PushTrail's own export, or a lake query's result written by DuckDB as a client's engine
 * would) import through the real job, each event parsed from the vendor's original record in
 * the row's `raw_data`, with the row kept as the verbatim record.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { zipSync } from 'fflate';
import { DuckDBInstance } from '@duckdb/node-api';
import { defaultConfig } from '../../../shared/detect/params.js';
import { huntRules } from '../../../shared/hunt/hunt-rules.js';
import { OCSF_RELATION, sqlHuntEvents } from '../../../shared/hunt/sql.js';
import { sqlString } from '../../../electron/duckdb/sql-text.js';
import { exportOcsfParquet } from '../../../electron/hunt/ocsf-parquet.js';
import { startJob } from '../../../electron/jobs/runner.js';
import { CaseStore } from '../../../electron/store/case-store.js';
import { readFindings } from '../../../electron/store/detection-store.js';
import { demoCase } from '../../support/demo-case.js';
import { tempDir } from '../../support/temp.js';
import { entry, importPaths, inCase, newCase } from './helpers.js';

interface Row {
  time: number;
  user: string;
  outcome: string;
  factor: string | null;
  vendor: string;
  vendor_event: string;
  src_ip: string | null;
  raw: string;
}

const EVENTS_SQL = `SELECT e.time, e.user, e.outcome, e.factor, e.vendor, e.vendor_event, e.src_ip, r.raw
  FROM events e JOIN event_raw r ON r.event_id = e.id WHERE e.vendor <> 'analyst'
  ORDER BY e.time, e.user, e.vendor_event, r.raw`;

function eventRows(casePath: string): Row[] {
  return inCase(casePath, (s) => s.db.prepare(EVENTS_SQL).all() as Row[]);
}

/** What an event says, without the record it came from. */
function meaning(r: Row): string {
  return JSON.stringify([r.time, r.user, r.outcome, r.factor, r.vendor, r.vendor_event, r.src_ip]);
}

function findingKeys(casePath: string): string[] {
  return inCase(casePath, (s) => readFindings(s.db).map((f) => `${f.rule} ${f.severity} ${[...f.users].sort().join(',')} ${f.start}-${f.end}`)).sort();
}

async function detect(casePath: string): Promise<void> {
  const outcome = await startJob('detect', { casePath, actor: 'tester' }).result;
  assert.ok(outcome.ok, JSON.stringify(outcome));
}

/** The demo case and its Parquet export (the lake), built once: the subtests only read them. */
async function exportDemo(t: TestContext): Promise<{ demoPath: string; lake: string }> {
  const demo = demoCase(t);
  const lake = join(demo.dir, 'lake');
  const store = CaseStore.open(demo.casePath, 'tester', { readOnly: true });
  try {
    await exportOcsfParquet(store, {}, lake);
  } finally {
    store.close();
  }
  return { demoPath: demo.casePath, lake };
}

/** Runs statements in embedded DuckDB, as the client's lake engine would. */
async function duck(...statements: string[]): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    for (const sql of statements) await conn.run(sql);
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

test('Parquet from a lake imports as evidence', async (t) => {
  const { demoPath, lake } = await exportDemo(t);

  await t.test('a Parquet export brought back: every event read from its original record, the same findings', async (t) => {
    const casePath = newCase(t);
    const report = await importPaths(casePath, [lake]);
    const parquet = report.files.filter((f) => f.path.endsWith('.parquet'));
    assert.ok(parquet.length > 1, 'one file per day partition');
    for (const f of parquet) {
      assert.equal(f.status, 'imported', `${f.path}: ${f.reason ?? ''}`);
      assert.equal(f.container, 'parquet');
      assert.equal(f.rejected, 0);
      assert.match(f.sha256 ?? '', /^[0-9a-f]{64}$/, 'the evidence is named by the hash of its Parquet bytes');
    }

    const before = eventRows(demoPath);
    const after = eventRows(casePath);
    assert.equal(after.length, before.length);
    assert.deepEqual(after.map(meaning).sort(), before.map(meaning).sort());
    // The verbatim record is the lake's row; the original record inside it is the demo's, byte for byte.
    const originals = new Set(before.map((r) => r.raw));
    for (const r of after) {
      const row = JSON.parse(r.raw) as { raw_data?: unknown; class_uid?: unknown };
      assert.equal(row.class_uid, 3002);
      assert.ok(typeof row.raw_data === 'string' && originals.has(row.raw_data), `row without its original: ${r.raw.slice(0, 200)}`);
    }

    await detect(casePath);
    assert.deepEqual(findingKeys(casePath), findingKeys(demoPath));
  });

  await t.test("a hunt's answer from the lake (its events query, one file, inside a zip) brings the finding back", async (t) => {
    const dir = tempDir(t);
    const rule = huntRules(defaultConfig()).find((r) => r.id === 'fatigue-approval');
    assert.ok(rule !== undefined);
    const answer = join(dir, 'answer.parquet');
    const query = sqlHuntEvents(rule, 'duckdb').trim().replace(/;$/, '');
    await duck(
      `CREATE VIEW ${OCSF_RELATION} AS SELECT * FROM read_parquet(${sqlString(`${lake}/**/*.parquet`)}, hive_partitioning = true, union_by_name = true)`,
      `COPY (${query}) TO ${sqlString(answer)} (FORMAT parquet)`,
    );
    const zip = join(dir, 'answer.zip');
    writeFileSync(zip, zipSync({ 'hunt/answer.parquet': new Uint8Array(readFileSync(answer)) }));

    const casePath = newCase(t);
    const report = await importPaths(casePath, [zip]);
    const member = entry(report, 'answer.parquet');
    assert.equal(member.status, 'imported', member.reason);
    assert.equal(member.container, 'parquet');
    const demoEvents = new Set(eventRows(demoPath).map(meaning));
    const got = eventRows(casePath);
    const compromised = 'dana.whitfield@kestrelfreight.example';
    assert.ok(got.length > 10, `${got.length} events came back`);
    assert.deepEqual(new Set(got.map((r) => r.user)), new Set([compromised]), 'only the hit user\'s events');
    assert.deepEqual(got.filter((r) => !demoEvents.has(meaning(r))), [], 'every event is one of the case\'s own');
    await detect(casePath);
    const findings = inCase(casePath, (s) => readFindings(s.db));
    assert.ok(
      findings.some((f) => f.rule === 'fatigue-approval' && f.users.includes(compromised)),
      `the approval after the burst is found again: ${findings.map((f) => f.rule).join(', ')}`,
    );
  });

  await t.test('a damaged Parquet file is reported by name and the files beside it still import', async (t) => {
    const dir = tempDir(t);
    const good = join(dir, 'good.parquet');
    await duck(`COPY (SELECT * FROM read_parquet(${sqlString(`${lake}/**/*.parquet`)}, union_by_name = true) LIMIT 40) TO ${sqlString(good)} (FORMAT parquet)`);
    const bytes = readFileSync(good);
    const broken = join(dir, 'broken.parquet');
    // Starts like Parquet, but its footer (where Parquet keeps its schema) is cut off.
    writeFileSync(broken, bytes.subarray(0, Math.floor(bytes.length / 2)));

    const casePath = newCase(t);
    const report = await importPaths(casePath, [broken, good]);
    const bad = entry(report, 'broken.parquet');
    assert.equal(bad.status, 'unreadable');
    assert.match(bad.reason ?? '', /damaged Parquet file/);
    const ok = entry(report, 'good.parquet');
    assert.equal(ok.status, 'imported', ok.reason);
    assert.equal(ok.events, 40);
  });
  });
