/** Test-only: cases, imports through the real job (worker threads), and reading a case back. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { ApiError } from '../../../shared/api/errors.js';
import type { ImportJobArg, ImportReport } from '../../../shared/api/jobs.js';
import { startJob } from '../../../electron/jobs/runner.js';
import { CaseStore } from '../../../electron/store/case-store.js';
import { CLI } from '../../support/serve.js';
import { tempDir } from '../../support/temp.js';

export function newCase(t: TestContext, dir = tempDir(t)): string {
  const path = join(dir, 'case.pushtrail');
  CaseStore.create(path, { name: 'Import test', analyst: 'tester' }, 'tester').close();
  return path;
}

export type ImportExtra = Partial<Omit<ImportJobArg, 'casePath' | 'paths' | 'actor'>>;

export async function tryImport(casePath: string, paths: string[], extra: ImportExtra = {}): Promise<{ ok: true; report: ImportReport } | { ok: false; error: ApiError }> {
  const outcome = await startJob('import', { casePath, paths, actor: 'tester', ...extra }).result;
  return outcome.ok ? { ok: true, report: outcome.value } : { ok: false, error: outcome.error };
}

export async function importPaths(casePath: string, paths: string[], extra: ImportExtra = {}): Promise<ImportReport> {
  const r = await tryImport(casePath, paths, extra);
  assert.ok(r.ok, `import failed: ${JSON.stringify(r.ok ? null : r.error)}`);
  return r.report;
}

/** Run `fn` on the case opened read-only. */
export function inCase<T>(casePath: string, fn: (store: CaseStore) => T): T {
  const store = CaseStore.open(casePath, 'tester', { readOnly: true });
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

export function count(casePath: string, sql: string, ...params: unknown[]): number {
  return inCase(casePath, (s) => (s.db.prepare(sql).get(...params) as { n: number }).n);
}

export function runCli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, PUSHTRAIL_ANALYST: 'cli-tester' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The report entry for a path ending with `suffix`. */
export function entry(report: ImportReport, suffix: string): ImportReport['files'][number] {
  const found = report.files.find((f) => f.path.endsWith(suffix));
  assert.ok(found, `no report entry for ${suffix}: ${report.files.map((f) => f.path).join(', ')}`);
  return found;
}
