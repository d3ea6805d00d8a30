/**
 * Precision and recall of the rules on generated cases with ground truth: every planted attack
 * must be found by its rules, and findings at medium or above must belong to planted attacks.
 * The figures are printed so a person sees them move when rules change.
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

function overlaps(f: Finding, l: Label): boolean {
  return f.start <= Date.parse(l.end) + SLACK_MS && f.end >= Date.parse(l.start) - SLACK_MS;
}

function concerns(f: Finding, l: Label): boolean {
  return f.users.some((u) => l.users.includes(u)) || (f.source !== null && l.sources.some((s) => f.source?.includes(s)));
}

for (const seed of ['accuracy-1', 'accuracy-2']) {
  test(`rules on a generated case (seed ${seed}): recall of planted attacks and precision at medium+`, async (t) => {
    const dir = tempDir(t);
    const bundle = generateBundle({ seed, users: 60, days: 21, start: '2025-05-05', outDir: join(dir, 'bundle') });
    const casePath = join(dir, 'accuracy.pushtrail');
    CaseStore.create(casePath, { name: 'accuracy', analyst: 'test' }, 'test').close();
    const imported = await startJob('import', { casePath, actor: 'test', paths: bundle.files }).result;
    assert.ok(imported.ok, JSON.stringify(imported));
    const detected = await startJob('detect', { casePath, actor: 'test' }).result;
    assert.ok(detected.ok, JSON.stringify(detected));
    const store = CaseStore.open(casePath, 'test', { readOnly: true });
    const findings = readFindings(store.db);
    store.close();

    const attacks = bundle.labels.filter((l) => l.type === 'attack');
    const expected = attacks.flatMap((l) => l.rules.map((rule) => ({ label: l, rule })));
    const missed = expected.filter(({ label, rule }) => !findings.some((f) => f.rule === rule && concerns(f, label) && overlaps(f, label)));
    const recall = 1 - missed.length / expected.length;

    const serious = findings.filter((f) => AT_LEAST_MEDIUM.has(f.severity));
    const explained = (f: Finding): boolean =>
      attacks.some((l) => concerns(f, l) && overlaps(f, l) && [...l.rules, ...(l.mayAlsoFire ?? [])].includes(f.rule));
    const falsePositives = serious.filter((f) => !explained(f));
    const precision = serious.length === 0 ? 1 : 1 - falsePositives.length / serious.length;

    console.log(
      `seed ${seed}: ${bundle.totalRecords} records, ${attacks.length} attacks, ${expected.length} expected rule hits; ` +
        `recall ${(recall * 100).toFixed(1)}%, precision at medium+ ${(precision * 100).toFixed(1)}% (${serious.length} findings)`,
    );
    for (const m of missed) console.log(`  missed: ${m.rule} for ${m.label.id}`);
    for (const f of falsePositives) console.log(`  unexplained ${f.severity} ${f.rule} ${f.users.join(',')}: ${f.summary}`);
    assert.ok(recall >= 0.8, `recall ${recall}`);
    assert.ok(precision >= 0.7, `precision ${precision}`);
  });
}
