/**
 * `pushtrail verify <case>`: the integrity check in a worker, on a read-only connection. It
 * exits 0 only when nothing differs; every problem is printed naming what differs.
 */
import { resolve } from 'node:path';
import { PushTrailError } from '../../../shared/api/errors.js';
import type { VerifyReport } from '../../../shared/api/jobs.js';
import { parse } from '../args.js';
import { runJobWithProgress } from '../job-progress.js';
import { printJson, printLines } from '../output.js';

export const VERIFY_USAGE = 'pushtrail verify <case> [--evidence DIR] [--report FILE] [--trust FINGERPRINT]... [--no-detection] [--json]';

export const VERIFY_HELP = `      Check a case: SQLite integrity, the custody log's hash chain and Ed25519 signatures, the
      content digest (evidence, events, verbatim records, findings, annotations, settings)
      against the one the last custody entry sealed, naming the tables and rows that differ;
      detection run again on a copy, its findings compared. --evidence DIR hashes the original
      evidence files again; --report FILE compares the digest a report (.pdf, .html, .json)
      printed. Keys other than this installation's are trusted with --trust or through a
      matching --report. Exit status: 0 when nothing differs, 1 otherwise.`;

function summary(r: VerifyReport): string[] {
  const keys = r.keys.filter((k) => k.entries > 0).map((k) => `  ${k.fingerprint}  ${k.analyst}: ${k.entries} entries${k.thisInstallation ? ' (this installation)' : k.trusted ? ' (trusted)' : ' (NOT TRUSTED)'}`);
  return [
    `Content digest  ${r.content.digest}${r.content.sealedSeq === null ? '' : r.content.matches ? ` (as sealed by custody entry #${r.content.sealedSeq})` : ` (custody entry #${r.content.sealedSeq} sealed ${r.content.sealedDigest ?? ''})`}`,
    `Custody log     ${r.custodyEntries} entries${r.custodyBroken.length === 0 ? ', chained and signed' : `, ${r.custodyBroken.length} broken`}`,
    'Signing keys',
    ...keys,
    `Events          ${r.events.toLocaleString('en-US')}`,
    ...(r.evidence === null ? [] : [`Evidence        ${r.evidence.matched.length} files match, ${r.evidence.changed.length} differ, ${r.evidence.missing.length} missing under ${r.evidence.dir}`]),
    ...(r.detection === null ? [] : [`Detection       ${r.detection.findings} findings in the case, ${r.detection.rerunFindings} when run again`]),
    ...(r.report === null ? [] : [`Report          ${r.report.file}: custody entry #${r.report.seq}, ${r.report.matches ? 'digest matches' : 'digest DIFFERS'}${r.report.laterEntries > 0 ? `; ${r.report.laterEntries} entries written since` : ''}`]),
    '',
    ...(r.ok ? ['Verified: nothing differs.'] : [`${r.problems.length} problems:`, ...r.problems.map((p) => `  - ${p}`)]),
  ];
}

export async function runVerify(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    evidence: { type: 'string' },
    report: { type: 'string' },
    trust: { type: 'string', multiple: true },
    'no-detection': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const [casePath] = positionals;
  if (casePath === undefined || positionals.length > 1) throw new PushTrailError('bad_input', `usage: ${VERIFY_USAGE}`);
  const trust = values['trust'];
  const outcome = await runJobWithProgress('case/verify', {
    path: resolve(casePath),
    ...(typeof values['evidence'] === 'string' ? { evidenceDir: resolve(values['evidence']) } : {}),
    ...(typeof values['report'] === 'string' ? { reportFile: resolve(values['report']) } : {}),
    ...(Array.isArray(trust) ? { trust: trust.map((t) => t.replace(/\s+/g, '').toLowerCase()) } : {}),
    detection: values['no-detection'] !== true,
  });
  if (!outcome.ok) throw new PushTrailError(outcome.error.kind, outcome.error.message, outcome.error.detail);
  const report = outcome.value;
  if (values['json'] === true) printJson(report);
  else printLines(summary(report));
  return report.ok ? 0 : 1;
}
