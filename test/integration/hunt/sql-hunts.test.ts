/**
 * The SQL hunts, run by a real engine (embedded DuckDB) over the OCSF Parquet export of a case,
 * must flag every user and source PushTrail's own engine flags for the rules SQL can express, and
 * no user the case's ground truth calls benign at high or critical. The agreement table is printed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultConfig } from '../../../shared/detect/params.js';
import { huntName, huntRules, type HuntRule } from '../../../shared/hunt/hunt-rules.js';
import type { Finding } from '../../../shared/model/finding.js';
import { exportOcsfParquet } from '../../../electron/hunt/ocsf-parquet.js';
import { startJob } from '../../../electron/jobs/runner.js';
import { generateBundle } from '../../../electron/scenario/bundle.js';
import type { LabelFile } from '../../../electron/scenario/labels.js';
import { CaseStore } from '../../../electron/store/case-store.js';
import { readFindings } from '../../../electron/store/detection-store.js';
import { demoCase } from '../../support/demo-case.js';
import { runSqlHunts } from '../../support/duckdb-hunts.js';
import { tempDir } from '../../support/temp.js';

interface Agreement {
  rule: string;
  pushtrail: number;
  sql: number;
  missed: string[];
  /** Users whose finding rests on events of several linked identities (a bare Duo name and an e-mail): no per-identity query can see it, as the hunt headers say. */
  linked: string[];
}

/** The distinct identities (user names as the events carry them) a finding's evidence comes from. */
function evidenceIdentities(store: CaseStore, f: Finding): number {
  if (f.eventIds.length === 0) return 0;
  const rows = store.db.prepare(`SELECT COUNT(DISTINCT lower(user)) AS n FROM events WHERE id IN (SELECT value FROM json_each(?)) AND user <> ''`).get(JSON.stringify(f.eventIds)) as { n: number };
  return rows.n;
}

async function agreement(casePath: string, parquetDir: string, attackUsers: ReadonlySet<string>): Promise<{ rows: Agreement[]; benignSerious: string[] }> {
  const store = CaseStore.open(casePath, 'test', { readOnly: true });
  let findings: Finding[];
  const acrossIdentities = new Set<string>();
  try {
    const exported = await exportOcsfParquet(store, {}, parquetDir);
    assert.ok(exported.files.length > 0);
    assert.ok(exported.files.every((f) => /^event_day=\d{8}\//.test(f.path)), 'partitioned by day');
    findings = readFindings(store.db);
    for (const f of findings) if (f.user !== null && evidenceIdentities(store, f) > 1) acrossIdentities.add(`${f.rule} ${f.user}`);
  } finally {
    store.close();
  }
  const rules = huntRules(defaultConfig());
  const hits = await runSqlHunts(parquetDir, rules);
  const rows: Agreement[] = [];
  const benignSerious: string[] = [];
  for (const rule of rules.filter((r) => r.variant === undefined)) {
    const own = findings.filter((f) => f.rule === rule.id);
    // A campaign paced under the short window is the slow-window hunts' to find.
    const found = rules.filter((r) => r.id === rule.id).flatMap((r) => hits.get(huntName(r)) ?? []);
    const sqlUsers = new Set(found.map((h) => h.user));
    const sqlSources = new Set(found.map((h) => h.src_ip));
    const wanted = [...new Set(own.flatMap((f) => f.users))].map((u) => `user ${u}`);
    if (rule.id === 'source-many-users') for (const f of own) if (f.source !== null) wanted.push(`source ${f.source}`);
    const unseen = wanted.filter((w) => (w.startsWith('user ') ? !sqlUsers.has(w.slice(5)) : !sqlSources.has(w.slice(7))));
    const linked = unseen.filter((w) => w.startsWith('user ') && acrossIdentities.has(`${rule.id} ${w.slice(5)}`));
    rows.push({ rule: rule.id, pushtrail: wanted.length, sql: sqlUsers.size, missed: unseen.filter((w) => !linked.includes(w)), linked });
  }
  for (const rule of rules.filter(isSerious)) for (const h of hits.get(huntName(rule)) ?? []) if (!attackUsers.has(h.user)) benignSerious.push(`${huntName(rule)}: ${h.user}`);
  return { rows, benignSerious };
}

function isSerious(rule: HuntRule): boolean {
  return rule.level === 'high' || rule.level === 'critical';
}

function print(name: string, rows: readonly Agreement[]): void {
  console.log(`SQL hunts on ${name} (DuckDB over the Parquet export):`);
  console.log('  rule                 PushTrail users/sources  SQL users  missed  (across linked identities, beyond a per-identity query)');
  for (const r of rows)
    console.log(`  ${r.rule.padEnd(20)} ${String(r.pushtrail).padStart(23)}  ${String(r.sql).padStart(9)}  ${r.missed.join(', ') || '-'}  ${r.linked.length === 0 ? '' : `(${r.linked.join(', ')})`}`);
}

function attackUsersOf(labels: LabelFile['labels']): Set<string> {
  return new Set(labels.filter((l) => l.type === 'attack').flatMap((l) => l.users));
}

test('SQL hunts in DuckDB over the demo case flag what PushTrail flags, and no benign user at high or critical', async (t) => {
  const demo = demoCase(t);
  const labels = JSON.parse(readFileSync(join(demo.dir, 'bundle', 'labels.json'), 'utf8')) as LabelFile;
  const { rows, benignSerious } = await agreement(demo.casePath, join(demo.dir, 'parquet'), attackUsersOf(labels.labels));
  print('the demo case', rows);
  assert.ok(rows.some((r) => r.rule === 'fatigue-approval' && r.pushtrail > 0), 'the demo has a fatigue approval to agree on');
  assert.deepEqual(rows.flatMap((r) => r.missed), []);
  assert.deepEqual(benignSerious, []);
});

test('SQL hunts in DuckDB over a generated case flag what PushTrail flags, and no benign user at high or critical', async (t) => {
  const dir = tempDir(t);
  const bundle = generateBundle({ seed: 'hunt-1', users: 40, days: 14, start: '2025-05-05', outDir: join(dir, 'bundle') });
  const casePath = join(dir, 'hunt.pushtrail');
  CaseStore.create(casePath, { name: 'hunt', analyst: 'test' }, 'test').close();
  const imported = await startJob('import', { casePath, actor: 'test', paths: bundle.files }).result;
  assert.ok(imported.ok, JSON.stringify(imported));
  const detected = await startJob('detect', { casePath, actor: 'test' }).result;
  assert.ok(detected.ok, JSON.stringify(detected));
  const { rows, benignSerious } = await agreement(casePath, join(dir, 'parquet'), attackUsersOf(bundle.labels));
  print('a generated case (seed hunt-1)', rows);
  assert.ok(rows.filter((r) => r.pushtrail > 0).length >= 3, 'the case gives at least three rules something to agree on');
  assert.deepEqual(rows.flatMap((r) => r.missed), []);
  assert.deepEqual(benignSerious, []);
});
