/**
 * Precision and recall of the rules on generated cases with ground truth, per scenario class, on
 * two seeds (so every class is tried at two sets of parameters): every planted attack must be
 * found by its rules and its story told by its pattern's finding at high or above; no benign
 * look-alike may reach medium; findings at medium or above must belong to planted attacks; and a
 * second run over the same case gives the very same findings. The figures are printed so a person
 * sees them move when rules change.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../../shared/model/finding.js';
import { startJob } from '../../../electron/jobs/runner.js';
import { generateBundle } from '../../../electron/scenario/bundle.js';
import type { Label } from '../../../electron/scenario/labels.js';
import { CaseStore } from '../../../electron/store/case-store.js';
import { readFindings } from '../../../electron/store/detection-store.js';
import { tempDir } from '../../support/temp.js';

const SLACK_MS = 2 * 3600_000;
const AT_LEAST_MEDIUM = new Set(['medium', 'high', 'critical']);
const AT_LEAST_HIGH = new Set(['high', 'critical']);
/**
 * Attack classes whose story is not (yet) told at high. Each is a known gap, printed on every run:
 * three prompts at 03:00 stay below every pressure window, and odd-hours alone is low by design.
 */
const NOT_YET_HIGH: Readonly<Record<string, string>> = {
  'okta-odd-hours': 'three prompts at 03:00 are below every pressure window; odd-hours is low, new-location/location-mismatch medium',
};

function overlaps(f: Finding, l: Label): boolean {
  return f.start <= Date.parse(l.end) + SLACK_MS && f.end >= Date.parse(l.start) - SLACK_MS;
}

function concerns(f: Finding, l: Label): boolean {
  return f.users.some((u) => l.users.includes(u)) || (f.source !== null && l.sources.some((s) => f.source?.includes(s)));
}

const about = (f: Finding, l: Label): boolean => concerns(f, l) && overlaps(f, l);

async function detect(casePath: string): Promise<Finding[]> {
  const detected = await startJob('detect', { casePath, actor: 'test' }).result;
  assert.ok(detected.ok, JSON.stringify(detected));
  const store = CaseStore.open(casePath, 'test', { readOnly: true });
  try {
    return readFindings(store.db);
  } finally {
    store.close();
  }
}

interface ClassScore {
  expected: number;
  found: number;
  serious: number;
  explained: number;
}

const pct = (n: number, d: number): string => (d === 0 ? '   -  ' : `${((n / d) * 100).toFixed(1).padStart(5)}%`);

for (const seed of ['accuracy-1', 'accuracy-2']) {
  test(`rules on a generated case (seed ${seed}): recall and precision per scenario class`, async (t) => {
    const dir = tempDir(t);
    const bundle = generateBundle({ seed, users: 60, days: 21, start: '2025-05-05', outDir: join(dir, 'bundle') });
    const casePath = join(dir, 'accuracy.pushtrail');
    CaseStore.create(casePath, { name: 'accuracy', analyst: 'test' }, 'test').close();
    const imported = await startJob('import', { casePath, actor: 'test', paths: bundle.files }).result;
    assert.ok(imported.ok, JSON.stringify(imported));
    const findings = await detect(casePath);
    const again = await detect(casePath);
    const key = (f: Finding): string => `${f.id} ${f.severity} ${f.summary}`;
    assert.deepEqual(again.map(key), findings.map(key), 'a second run over the same case gives the same findings');

    const attacks = bundle.labels.filter((l) => l.type === 'attack');
    const benign = bundle.labels.filter((l) => l.type === 'lookalike');
    const explains = (l: Label, f: Finding): boolean => about(f, l) && [...l.rules, ...(l.mayAlsoFire ?? [])].includes(f.rule);
    const serious = findings.filter((f) => AT_LEAST_MEDIUM.has(f.severity));
    const scores = new Map<string, ClassScore>();
    const problems: string[] = [];
    for (const l of bundle.labels) {
      const s = scores.get(l.scenario) ?? { expected: 0, found: 0, serious: 0, explained: 0 };
      scores.set(l.scenario, s);
      const mine = serious.filter((f) => about(f, l));
      s.serious += mine.length;
      if (l.type === 'lookalike') {
        for (const f of mine) problems.push(`benign ${l.id} reached ${f.severity}: ${f.rule} ${f.users.join(',')}: ${f.summary}`);
        continue;
      }
      s.explained += mine.filter((f) => explains(l, f)).length;
      for (const rule of l.rules) {
        s.expected++;
        if (findings.some((f) => f.rule === rule && about(f, l))) s.found++;
        else problems.push(`missed: ${rule} for ${l.id}`);
      }
      const told = findings.some((f) => f.rule === l.pattern && about(f, l) && AT_LEAST_HIGH.has(f.severity));
      const gap = NOT_YET_HIGH[l.scenario];
      if (gap !== undefined) console.log(`  known gap, ${l.id}: ${told ? 'now found at high: remove it from NOT_YET_HIGH' : gap}`);
      else if (!told) problems.push(`${l.id}: its pattern ${l.pattern ?? '?'} was not found at high or above`);
    }
    const unexplained = serious.filter((f) => !attacks.some((l) => explains(l, f)) && !benign.some((l) => about(f, l)));
    for (const f of unexplained) problems.push(`unexplained ${f.severity} ${f.rule} ${f.users.join(',')}: ${f.summary}`);

    const expected = [...scores.values()].reduce((n, s) => n + s.expected, 0);
    const found = [...scores.values()].reduce((n, s) => n + s.found, 0);
    const explained = serious.length - unexplained.length - benign.reduce((n, l) => n + serious.filter((f) => about(f, l)).length, 0);
    console.log(
      `seed ${seed}: ${bundle.totalRecords} records, ${attacks.length} attacks, ${benign.length} look-alikes, ${findings.length} findings; ` +
        `recall ${pct(found, expected)}, precision at medium+ ${pct(explained, serious.length)} (${serious.length} findings)`,
    );
    console.log('  class                        kind      recall   precision  (rule hits, findings at medium+)');
    for (const [name, s] of [...scores].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const kind = attacks.some((l) => l.scenario === name) ? 'attack' : 'benign';
      const precision = kind === 'attack' ? pct(s.explained, s.serious) : s.serious === 0 ? '100.0%' : '  0.0%';
      console.log(`  ${name.padEnd(28)} ${kind.padEnd(8)} ${pct(s.found, s.expected)}   ${precision}     (${s.found}/${s.expected}, ${s.serious})`);
    }
    for (const p of problems) console.log(`  ${p}`);
    assert.deepEqual(problems, []);
  });
}
