/**
 * `pushtrail report <case> --out <file>`: writes the case report (PDF or HTML), the report as
 * JSON, or the events as CSV or OCSF NDJSON, and records the export (format, path, SHA-256) in
 * the case's custody log. The format defaults from the output's extension.
 */
import { resolve } from 'node:path';
import { PushTrailError } from '../../../shared/api/errors.js';
import { EXPORT_FORMATS, isExportFormat, type Paper, type ReportFile } from '../../../shared/api/report.js';
import { Session } from '../../api/session.js';
import { formatFromPath } from '../../report/export.js';
import { writeReport } from '../../report/write-report.js';
import { parse } from '../args.js';
import { printJson, printLines } from '../output.js';

export const REPORT_USAGE = 'pushtrail report <case> --out <file> [--format pdf|html|json|csv|ocsf] [--user <u>]... [--paper A4|Letter] [--analyst NAME] [--json]';

export const REPORT_HELP = `      Write the case report: PDF (printed with Chromium) or self-contained HTML with the
      executive summary, attacked users with charts and maps, evidence hashes, method,
      custody log and the original records; JSON (the report as data); CSV or OCSF NDJSON
      (every event). The format defaults from the --out extension (.pdf .html .json .csv
      .ndjson). --user (repeatable) limits it to those users. The export and its SHA-256
      are recorded in the case's custody log.`;

const FORMAT_NAME: Readonly<Record<ReportFile['format'], string>> = {
  pdf: 'PDF report',
  html: 'HTML report',
  json: 'JSON report',
  csv: 'CSV events',
  ocsf: 'OCSF events',
};

/** One line: what was written, where, how big, and its SHA-256. */
export function describeResult(r: ReportFile): string {
  const paper = r.paper === undefined ? '' : `, ${r.paper}${r.pages === undefined || r.pages === 0 ? '' : `, ${r.pages} pages`}`;
  return `Wrote ${FORMAT_NAME[r.format]} (${r.contents}${paper}) to ${r.path}: ${r.bytes.toLocaleString('en-US')} bytes, SHA-256 ${r.sha256}`;
}

export async function runReport(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string', short: 'o' },
    format: { type: 'string' },
    user: { type: 'string', multiple: true },
    paper: { type: 'string' },
    analyst: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [casePath] = positionals;
  const out = values['out'];
  if (casePath === undefined || positionals.length > 1 || typeof out !== 'string' || out === '') {
    throw new PushTrailError('bad_input', `usage: ${REPORT_USAGE}`);
  }
  const named = values['format'];
  const format = typeof named === 'string' ? named.toLowerCase() : formatFromPath(out);
  if (format === null) {
    throw new PushTrailError('bad_input', `cannot tell the format from "${out}"; add --format (${EXPORT_FORMATS.join(', ')})`);
  }
  if (!isExportFormat(format)) throw new PushTrailError('bad_input', `--format must be one of ${EXPORT_FORMATS.join(', ')}; got "${format}"`);
  const paperText = values['paper'];
  let paper: Paper | undefined;
  if (typeof paperText === 'string') {
    const p = paperText.toLowerCase();
    if (p !== 'a4' && p !== 'letter') throw new PushTrailError('bad_input', `--paper must be A4 or Letter; got "${paperText}"`);
    if (format !== 'pdf') throw new PushTrailError('bad_input', '--paper applies to PDF reports only');
    paper = p === 'a4' ? 'A4' : 'Letter';
  }
  const given = values['user'];
  const users = (Array.isArray(given) ? given : []).map((u) => String(u).trim().toLowerCase());
  if (users.some((u) => u === '')) throw new PushTrailError('bad_input', '--user needs a user name');
  const actor = new Session('direct', typeof values['analyst'] === 'string' ? values['analyst'] : undefined).actor;

  const result = await writeReport(
    resolve(casePath),
    { format, out: resolve(out), ...(users.length === 0 ? {} : { users }), ...(paper === undefined ? {} : { paper }) },
    actor,
  );
  if (values['json'] === true) printJson(result);
  else printLines([describeResult(result), ...(result.notRecorded === undefined ? [] : [`Warning: ${result.notRecorded}`])]);
}
