/**
 * `pushtrail demo [--out DIR]`: builds the recorded incident (a multi-vendor push-bombing
 * campaign at a fictional company), imports it into a new case and runs detection, leaving a
 * ready case for trainers and first-time users, with its case report printed beside it
 * (demo-report.pdf; skipped with --no-report, or with a note when no Chromium is installed).
 */
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PushTrailError } from '../../../shared/api/errors.js';
import type { JobArg, JobKind, JobResultOf } from '../../../shared/api/jobs.js';
import { writeDemoIncident } from '../../scenario/demo-incident.js';
import { CaseStore } from '../../store/case-store.js';
import { readUserRows } from '../../store/detection-store.js';
import { writeReportText } from '../../store/report-text.js';
import type { ReportFile } from '../../../shared/api/report.js';
import { parse } from '../args.js';
import { runJobWithProgress } from '../job-progress.js';
import { printJson, printLines } from '../output.js';
import { writeReport } from '../../report/write-report.js';

export const DEMO_USAGE = 'pushtrail demo [--out DIR] [--force] [--no-report] [--json]';
export const DEMO_REPORT_NAME = 'demo-report.pdf';
export const DEMO_CASE_NAME = 'Demo incident: MFA push bombing at Kestrel Freight';

async function run<K extends JobKind>(kind: K, arg: JobArg<K>): Promise<JobResultOf<K>> {
  const outcome = await runJobWithProgress(kind, arg);
  if (!outcome.ok) throw new PushTrailError(outcome.error.kind, outcome.error.message, outcome.error.detail);
  return outcome.value;
}

export async function runDemo(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string', default: 'pushtrail-demo' },
    force: { type: 'boolean' },
    'no-report': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new PushTrailError('bad_input', `usage: ${DEMO_USAGE}`);
  const out = resolve(String(values['out']));
  const casePath = join(out, 'demo-incident.pushtrail');
  const bundleDir = join(out, 'bundle');
  const reportPath = join(out, DEMO_REPORT_NAME);
  if (existsSync(casePath)) {
    if (values['force'] !== true) throw new PushTrailError('bad_input', `${casePath} already exists; open it, or pass --force to build it again`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${casePath}${suffix}`, { force: true });
    rmSync(bundleDir, { recursive: true, force: true });
    rmSync(reportPath, { force: true });
  }

  const actor = 'pushtrail demo';
  const bundle = writeDemoIncident(bundleDir);
  const created = CaseStore.create(casePath, { name: DEMO_CASE_NAME, analyst: 'PushTrail demo' }, actor);
  try {
    // The cover's client and case number; the narrative is left for the analyst to write.
    created.change(actor, 'report/text', { changed: ['client', 'reference'] }, () =>
      writeReportText(created.db, { client: 'Kestrel Freight (fictional)', reference: 'DEMO-KF-0314' }, actor, Date.now()),
    );
  } finally {
    created.close();
  }
  const imported = await run('import', { casePath, actor, paths: bundle.files });
  const detected = await run('detect', { casePath, actor });
  let report: ReportFile | null = null;
  let reportNote = '';
  if (values['no-report'] !== true) {
    try {
      report = await writeReport(casePath, { format: 'pdf', out: reportPath }, actor);
    } catch (err) {
      // A machine without Chromium still gets the case; only the printed report is missing.
      if (!(err instanceof PushTrailError) || err.kind !== 'not_found') throw err;
      reportNote = `No report: ${err.message}`;
      printLines([`pushtrail demo: ${reportNote}`], process.stderr);
    }
  }

  const store = CaseStore.open(casePath, actor, { readOnly: true });
  const top = (() => {
    try {
      return readUserRows(store.db, 10).filter((u) => u.verdict !== 'clear');
    } finally {
      store.close();
    }
  })();
  if (values['json'] === true) {
    printJson({ case: casePath, bundle: bundle.files, labels: bundle.labelsFile, imported: imported.totals, detection: detected, users: top, report });
    return;
  }
  printLines([
    `Demo case ready: ${casePath}`,
    `Evidence: ${bundle.files.length} vendor files in ${bundleDir} (ground truth in ${bundle.labelsFile})`,
    `Imported ${imported.totals.events} events; detection found ${detected.findings} findings.`,
    `Users: ${detected.verdicts.compromised} compromised, ${detected.verdicts.attacked} attacked, ${detected.verdicts.suspicious} suspicious.`,
    ...top.slice(0, 6).map((u) => `  ${String(u.risk).padStart(3)}  ${u.verdict.padEnd(11)} ${u.user}`),
    ...(report === null ? (reportNote === '' ? [] : [reportNote]) : [`Report: ${report.path}${report.pages === undefined ? '' : ` (${report.pages} pages)`}`]),
    '',
    `Open it: npx pushtrail serve ${casePath}`,
  ]);
}
