/**
 * `pushtrail export <case> --format ocsf-parquet --out DIR`: the case's events (or chosen users'
 * and time range) as OCSF Authentication Parquet partitioned by day, for a data lake or for the
 * SQL hunts; recorded in the custody log with every file's SHA-256.
 */
import { resolve } from 'node:path';
import { PushTrailError } from '../../../shared/api/errors.js';
import { Session } from '../../api/session.js';
import { writeOcsfParquet } from '../../hunt/ocsf-parquet.js';
import { CaseStore } from '../../store/case-store.js';
import { parse } from '../args.js';
import { printJson, printLines } from '../output.js';

export const EXPORT_USAGE = 'pushtrail export <case> --format ocsf-parquet --out DIR [--user NAME]... [--from TIME] [--to TIME] [--analyst NAME] [--json]';

export const EXPORT_HELP = `      Write the case's events as OCSF Authentication (3002) Parquet into DIR (new or empty),
      partitioned by day (event_day=YYYYMMDD/, as Amazon Security Lake lays out its tables), each
      row with its verbatim record in raw_data. --user (repeatable) and --from/--to (ISO 8601 with
      a zone, e.g. 2025-05-05T00:00:00Z) choose what goes in.`;

/** An ISO 8601 time that names its zone; anything else would be read in an unknown zone. */
function isoTime(flag: string, value: string | boolean | string[] | undefined): number | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value;
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) throw new PushTrailError('bad_input', `--${flag} must be an ISO 8601 time with a zone, e.g. 2025-05-05T00:00:00Z; got "${text}"`);
  return ms;
}

export async function runExport(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    format: { type: 'string' },
    out: { type: 'string' },
    user: { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
    analyst: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [casePath] = positionals;
  const out = values['out'];
  if (casePath === undefined || positionals.length > 1 || typeof out !== 'string') throw new PushTrailError('bad_input', `usage: ${EXPORT_USAGE}`);
  if (values['format'] !== 'ocsf-parquet') throw new PushTrailError('bad_input', `--format must be ocsf-parquet (reports and other exports: pushtrail report); usage: ${EXPORT_USAGE}`);
  const users = Array.isArray(values['user']) ? values['user'].map((u) => u.trim().toLowerCase()) : [];
  const from = isoTime('from', values['from']);
  const to = isoTime('to', values['to']);
  if (from !== undefined && to !== undefined && from > to) throw new PushTrailError('bad_input', '--from is after --to');
  const actor = new Session('direct', typeof values['analyst'] === 'string' ? values['analyst'] : undefined).actor;
  const store = CaseStore.open(resolve(casePath), actor);
  try {
    const result = await writeOcsfParquet(store, { ...(users.length > 0 ? { users } : {}), ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) }, resolve(out), actor);
    if (values['json'] === true) printJson(result);
    else printLines([`Wrote ${result.events} events in ${result.files.length} Parquet files to ${result.out}`]);
  } finally {
    store.close();
  }
}
