/**
 * Run detection again, on a copy of the case with its own stored settings, and compare what it
 * finds with the findings and verdicts the case holds: a finding edited in place (its severity,
 * its user) or one removed shows here even when the content digest was recomputed around it.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DetectionCheck } from '../../shared/api/jobs.js';
import type { Finding } from '../../shared/model/finding.js';
import { detectCase } from '../detect/detect-job.js';
import type { JobContext } from '../jobs/job.js';
import { CaseStore } from '../store/case-store.js';
import { copyCaseForCheck } from '../store/content-digest.js';
import { readAssessments, readFindings } from '../store/detection-store.js';

const NAMED = 50;

function fieldsOf(f: Finding): Record<string, unknown> {
  return { rule: f.rule, severity: f.severity, user: f.user, source: f.source, start: f.start, end: f.end, events: f.eventIds.join(','), summary: f.summary };
}

function compareFindings(stored: readonly Finding[], fresh: readonly Finding[]): string[] {
  const now = new Map(fresh.map((f) => [f.id, f]));
  const lines: string[] = [];
  for (const f of stored) {
    const g = now.get(f.id);
    now.delete(f.id);
    if (g === undefined) {
      lines.push(`finding ${f.id} (${f.rule}, ${f.severity}, ${f.user ?? f.source ?? ''}) is in the case but detection does not find it`);
      continue;
    }
    const a = fieldsOf(f);
    const b = fieldsOf(g);
    const fields = Object.keys(a).filter((k) => a[k] !== b[k]);
    if (fields.length > 0) lines.push(`finding ${f.id} (${f.rule}): ${fields.map((k) => `${k} is ${JSON.stringify(a[k])} in the case, ${JSON.stringify(b[k])} when detection runs again`).join('; ')}`);
  }
  for (const g of now.values()) lines.push(`finding ${g.id} (${g.rule}, ${g.severity}, ${g.user ?? g.source ?? ''}) is found by detection but missing from the case`);
  return lines;
}

function compareVerdicts(storedCase: CaseStore, fresh: CaseStore): string[] {
  const now = new Map(readAssessments(fresh.db).map((a) => [a.user, a]));
  const lines: string[] = [];
  for (const a of readAssessments(storedCase.db)) {
    const b = now.get(a.user);
    now.delete(a.user);
    if (b === undefined) lines.push(`user ${a.user} is assessed ${a.verdict} in the case but has no assessment when detection runs again`);
    else if (a.verdict !== b.verdict || a.risk !== b.risk) lines.push(`user ${a.user} is ${a.verdict} (risk ${a.risk}) in the case, ${b.verdict} (risk ${b.risk}) when detection runs again`);
  }
  for (const b of now.values()) lines.push(`user ${b.user} is assessed ${b.verdict} by detection but not in the case`);
  return lines;
}

/** `store` is open read-only; the copy is written in `scratch` and removed. */
export async function checkDetection(store: CaseStore, scratch: string, ctx: JobContext): Promise<DetectionCheck> {
  const copy = join(scratch, 'detection-check.pushtrail');
  copyCaseForCheck(store.db, copy);
  try {
    const outcome = await detectCase({ casePath: copy, actor: 'verify' }, ctx);
    const fresh = CaseStore.open(copy, 'verify', { readOnly: true });
    try {
      const stored = readFindings(store.db);
      const differences = [...compareFindings(stored, readFindings(fresh.db)), ...compareVerdicts(store, fresh)];
      return { findings: stored.length, rerunFindings: outcome.findings, differences: differences.slice(0, NAMED), more: Math.max(0, differences.length - NAMED) };
    } finally {
      fresh.close();
    }
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${copy}${suffix}`, { force: true });
  }
}
