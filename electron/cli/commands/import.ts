/**
 * `pushtrail import <case> <path>...`: imports evidence files into a case (creating it when it
 * does not exist) with the import job in a worker. Progress goes to stderr only on a terminal;
 * the per-file summary goes to stdout, as text or (`--json`) as data for scripts.
 */
import { existsSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { PushTrailError } from '../../../shared/api/errors.js';
import { count, sharedIdText } from '../../../shared/format/count.js';
import type { ImportFileReport, ImportJobArg, ImportRecordKind, ImportReport, JobProgress } from '../../../shared/api/jobs.js';
import { importOptions } from '../../api/methods/evidence.js';
import { Session } from '../../api/session.js';
import { runJobWithProgress } from '../job-progress.js';
import { CaseStore } from '../../store/case-store.js';
import { parse } from '../args.js';
import { printJson, printLines } from '../output.js';

export const IMPORT_USAGE =
  'pushtrail import <case> <path>... [--format <id>] [--year N] [--tz ZONE] [--date-order dmy|mdy] [--mmdb FILE] [--max-expanded SIZE] [--max-ratio N] [--max-nesting N] [--analyst NAME] [--json]';

export const IMPORT_HELP = `      Import evidence into <case> (created if missing): files, folders (recursively), .zip
      archives (archives inside them too) and .gz files. Formats are recognised from content;
      --format <id> forces one (okta, entra-signin, entra-auth-details, entra-audit,
      m365-audit, duo-auth, duo-admin, duo-telephony, duo-activity, google-workspace,
      cloudtrail, pingone, pingfederate, journald, syslog). A file may mix
      kinds of record (an Azure Monitor export of several categories, a Duo log-sync file):
      each record is read by the parser of its kind, records of known kinds without
      authentication meaning are counted as skipped, and the summary lists every kind with
      its counts. --year dates
      syslog lines that carry no year; without it each line takes the latest year that does
      not put it after its file's modification time, and the summary says so. --tz <IANA
      zone> (e.g. Europe/Berlin) reads timestamps that carry no zone (classic syslog, some CSV
      exports) in that zone instead of UTC. Numeric dates such as 3/4/2025 are read in the
      day/month order a date over 12 in the same file shows, or --date-order dmy|mdy; dates
      nothing decides are rejected, never guessed. SIEM re-exports (Splunk, Elasticsearch,
      Log Analytics / Sentinel) are read through to the vendor's records. --mmdb adds a
      MaxMind-format city or ASN database for offline IP lookups. Archives and gzip files
      are opened under limits that stop decompression bombs, each member over a limit being
      reported by name: --max-expanded SIZE (bytes out of one evidence file; default 256G),
      --max-ratio N (expanded bytes per stored byte; default 2000) and --max-nesting N
      (archives and gzip layers inside each other; default 4) raise them. A file already in the case
      (same SHA-256) and events already in it are not added again.
      Exit status: 0 when every file was imported, even if some records were rejected (they
      are listed with their line); 1 when a file could not be read or recognised (the other
      files are still imported) or on any other error.`;

const SIZE_UNITS: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** "500G", "2t", "1048576" → bytes. */
function parseSize(flag: string, text: string): number {
  const m = /^(\d+)\s*([kmgt]?)i?b?$/i.exec(text.trim());
  const unit = SIZE_UNITS[(m?.[2] ?? '').toLowerCase()];
  if (m === null || unit === undefined) throw new PushTrailError('bad_input', `${flag} must be a size such as 500G or 1048576; got "${text}"`);
  return Number(m[1]) * unit;
}

/** The --max-* options as ImportOptions.expansion (checked again, with the API's rules, by importOptions). */
function expansionOptions(values: Record<string, unknown>): { expansion?: Record<string, number> } {
  const expansion: Record<string, number> = {};
  const expanded = values['max-expanded'];
  if (typeof expanded === 'string') expansion['maxExpandedBytes'] = parseSize('--max-expanded', expanded);
  for (const [flag, key] of [['max-ratio', 'maxRatio'], ['max-nesting', 'maxNesting']] as const) {
    const v = values[flag];
    if (typeof v === 'string') expansion[key] = /^\d+$/.test(v) ? Number(v) : Number.NaN;
  }
  return Object.keys(expansion).length === 0 ? {} : { expansion };
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function describe(p: JobProgress): string {
  const share = p.total > 0 ? ` ${Math.floor((100 * p.done) / p.total)}% of ${mib(p.total)}` : '';
  const records = p.records === undefined || p.phase === 'hashing' ? '' : `, ${p.records.toLocaleString('en-US')} records`;
  const file = p.file === undefined ? '' : ` ${p.file}`;
  const line = `${p.phase}${file}${share}${records}`;
  // Keep it on one terminal line, or \r cannot redraw it; the end of a long path matters most.
  const columns = process.stderr.columns ?? 0;
  const width = columns >= 40 ? columns : 100;
  return line.length > width - 1 ? `...${line.slice(line.length - width + 4)}` : line;
}

function label(f: ImportFileReport): string {
  return f.archive === undefined ? f.path : `${f.archive} > ${f.path}`;
}

const STATUS_TEXT: { readonly [S in ImportFileReport['status']]: string } = {
  imported: 'imported',
  already_imported: 'already imported',
  archive: 'archive',
  unrecognised: 'unrecognised',
  unreadable: 'unreadable',
};

/** "SignInLogs (Azure Monitor): 12 records, 12 events" / "...: 4 records skipped, not authentication". */
function kindText(k: ImportRecordKind): string {
  const read = [k.events > 0 || k.skipped === 0 ? count(k.events, 'event') : '', k.skipped > 0 ? `${k.skipped.toLocaleString('en-US')} skipped, not authentication` : '', k.rejected > 0 ? `${k.rejected.toLocaleString('en-US')} rejected` : '']
    .filter((s) => s !== '')
    .join(', ');
  return `${k.kind}${k.format === null ? '' : ` [${k.format}]`}: ${count(k.records, 'record')}, ${read}`;
}

function textSummary(report: ImportReport): string[] {
  const lines: string[] = [];
  for (const f of report.files) {
    const head = `${STATUS_TEXT[f.status].padEnd(17)}${(f.format ?? f.container ?? '').padEnd(17)}`;
    if (f.status === 'imported') {
      const extra = [
        f.duplicates > 0 ? count(f.duplicates, 'duplicate') : '',
        f.rejected > 0 ? `${count(f.rejected, 'record')} rejected` : '',
        f.skipped > 0 ? `${count(f.skipped, 'record')} skipped, not authentication` : '',
      ]
        .filter((s) => s !== '')
        .join(', ');
      lines.push(`${head}${count(f.events, 'event')}${extra === '' ? '' : ` (${extra})`}  ${label(f)}`);
      // One kind that is the format itself says nothing the line above does not.
      if (f.kinds.length > 1 || f.kinds.some((k) => k.format === null)) for (const k of f.kinds) lines.push(`    ${kindText(k)}`);
    } else {
      lines.push(`${head}${label(f)}`);
    }
    if (f.reason !== undefined && f.status !== 'archive') lines.push(`    ${f.reason}`);
    if (f.note !== undefined) lines.push(`    ${f.note}`);
    if (f.vendorIdClashes > 0) lines.push(`    ${sharedIdText(f.vendorIdClashes)}`);
    for (const e of f.errors) lines.push(`    ${e.line === undefined ? '' : `line ${e.line}: `}${e.message}`);
    if (f.errorsOmitted > 0) lines.push(`    ... and ${count(f.errorsOmitted, 'more error')} (kept in the case)`);
  }
  const t = report.totals;
  lines.push(
    `Totals: ${count(t.files, 'file')}, ${count(t.events, 'event')} added, ${count(t.duplicates, 'duplicate')}, ` +
      `${count(t.rejected, 'record')} rejected, ${t.skipped > 0 ? `${count(t.skipped, 'record')} skipped (not authentication), ` : ''}${count(t.notImported, 'file')} not imported.`,
  );
  return lines;
}

/** The `--json` shape: the documented fields first, then the extra ones. */
function jsonSummary(report: ImportReport): unknown {
  return {
    files: report.files.map((f) => ({
      path: f.path,
      sha256: f.sha256,
      format: f.format,
      events: f.events,
      duplicates: f.duplicates,
      errors: f.errors.map((e) => ({ line: e.line ?? null, message: e.message, record: e.record ?? null })),
      status: f.status,
      ...(f.reason === undefined ? {} : { reason: f.reason }),
      ...(f.note === undefined ? {} : { note: f.note }),
      ...(f.reexport === undefined ? {} : { reexport: f.reexport }),
      ...(f.dateOrder === undefined ? {} : { dateOrder: f.dateOrder }),
      ...(f.timeZone === undefined ? {} : { timeZone: f.timeZone }),
      ...(f.archive === undefined ? {} : { archive: f.archive }),
      size: f.size,
      container: f.container,
      compression: f.compression,
      records: f.records,
      rejected: f.rejected,
      skipped: f.skipped,
      kinds: f.kinds,
      errorsOmitted: f.errorsOmitted,
      vendorIdClashes: f.vendorIdClashes,
      ...(f.evidenceId === undefined ? {} : { evidenceId: f.evidenceId }),
    })),
    totals: {
      files: report.totals.files,
      events: report.totals.events,
      duplicates: report.totals.duplicates,
      errors: report.totals.errors,
      rejected: report.totals.rejected,
      notImported: report.totals.notImported,
      skipped: report.totals.skipped,
      vendorIdClashes: report.totals.vendorIdClashes,
    },
  };
}

function print(report: ImportReport, json: boolean): void {
  if (json) printJson(jsonSummary(report));
  else printLines(textSummary(report));
}

function isReport(value: unknown): value is ImportReport {
  return typeof value === 'object' && value !== null && Array.isArray((value as { files?: unknown }).files);
}

export async function runImport(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    format: { type: 'string' },
    year: { type: 'string' },
    tz: { type: 'string' },
    'date-order': { type: 'string' },
    mmdb: { type: 'string' },
    'max-expanded': { type: 'string' },
    'max-ratio': { type: 'string' },
    'max-nesting': { type: 'string' },
    analyst: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [casePath, ...paths] = positionals;
  if (casePath === undefined || paths.length === 0) throw new PushTrailError('bad_input', `usage: ${IMPORT_USAGE}`);
  const yearText = values['year'];
  const year = typeof yearText === 'string' ? Number(yearText) : undefined;
  const options = importOptions('import', {
    paths,
    ...(typeof values['format'] === 'string' ? { format: values['format'] } : {}),
    ...(year === undefined ? {} : { year }),
    ...(typeof values['tz'] === 'string' ? { timeZone: values['tz'] } : {}),
    ...(typeof values['date-order'] === 'string' ? { dateOrder: values['date-order'] } : {}),
    ...(typeof values['mmdb'] === 'string' ? { mmdb: resolve(values['mmdb']) } : {}),
    ...expansionOptions(values),
  });
  if (options.mmdb !== undefined && !existsSync(options.mmdb)) throw new PushTrailError('not_found', `--mmdb: no file at ${options.mmdb}`);
  const json = values['json'] === true;
  const actor = new Session('direct', typeof values['analyst'] === 'string' ? values['analyst'] : undefined).actor;

  const path = resolve(casePath);
  CaseStore.createOrOpen(path, { name: basename(path, extname(path)), analyst: actor }, actor).close();
  const arg: ImportJobArg = { ...options, paths: options.paths.map((p) => resolve(p)), casePath: path, actor, exclusive: true };

  const outcome = await runJobWithProgress('import', arg, describe);
  if (!outcome.ok) {
    const partial = outcome.error.detail?.['report'];
    if (isReport(partial)) print(partial, json);
    throw new PushTrailError(outcome.error.kind, outcome.error.message, outcome.error.detail);
  }
  const report = outcome.value;
  print(report, json);
  const failed = report.files.filter((f) => f.status === 'unreadable' || f.status === 'unrecognised');
  if (failed.length > 0) {
    throw new PushTrailError('bad_input', `${count(failed.length, 'file')} could not be imported (listed above); the others were`, {
      files: failed.map((f) => ({ path: f.path, status: f.status, reason: f.reason })),
    });
  }
}
