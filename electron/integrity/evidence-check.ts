/**
 * Hash the original evidence files again (`verify --evidence DIR`) and compare them with the
 * SHA-256 the case recorded at import. Files are matched by content first, so a folder laid
 * out differently from the import still verifies; a recorded file whose bytes are nowhere in
 * the folder is reported as changed when a file of its name is there, else as missing.
 * Members of archives are covered by their archive's hash.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { EvidenceCheck } from '../../shared/api/jobs.js';
import type { EvidenceFile } from '../../shared/model/case.js';
import type { JobContext } from '../jobs/job.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

async function sha256Of(path: string, ctx: JobContext): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    ctx.throwIfCancelled();
  }
  return hash.digest('hex');
}

export async function checkEvidence(evidence: readonly EvidenceFile[], dir: string, ctx: JobContext): Promise<EvidenceCheck> {
  const files = filesUnder(dir);
  const total = files.reduce((n, f) => n + statSync(f).size, 0);
  const byHash = new Map<string, string>();
  const byName = new Map<string, { path: string; sha256: string }[]>();
  let done = 0;
  for (const path of files) {
    ctx.progress({ phase: 'evidence files', done, total, unit: 'bytes' });
    const sha256 = await sha256Of(path, ctx);
    done += statSync(path).size;
    byHash.set(sha256, path);
    byName.set(basename(path), [...(byName.get(basename(path)) ?? []), { path, sha256 }]);
  }
  const check: EvidenceCheck = { dir, files: files.length, matched: [], changed: [], missing: [] };
  for (const e of evidence.filter((f) => f.parentId === null)) {
    const same = byHash.get(e.sha256);
    if (same !== undefined) {
      check.matched.push({ evidenceId: e.id, path: e.path, file: same });
      continue;
    }
    const named = byName.get(basename(e.path))?.[0];
    if (named !== undefined) check.changed.push({ evidenceId: e.id, path: e.path, file: named.path, recorded: e.sha256, actual: named.sha256 });
    else check.missing.push({ evidenceId: e.id, path: e.path, recorded: e.sha256 });
  }
  return check;
}

export function describeEvidence(c: EvidenceCheck): string[] {
  return [
    ...c.changed.map((x) => `evidence #${x.evidenceId} ${x.path}: the case records SHA-256 ${x.recorded}, ${x.file} has ${x.actual}`),
    ...c.missing.map((x) => `evidence #${x.evidenceId} ${x.path} (SHA-256 ${x.recorded}) is not among the ${c.files} files under ${c.dir}`),
  ];
}
