/**
 * `pushtrail hunt <case> --out DIR`: the case's detections as hunts for the client's SIEM or data
 * lake (Sigma, Splunk SPL, Sentinel KQL, Elastic ES|QL, SQL over OCSF), with the parameters the
 * case was analysed with; recorded in the custody log.
 */
import { resolve } from 'node:path';
import { PushTrailError } from '../../../shared/api/errors.js';
import { HUNT_TARGETS, type HuntTarget } from '../../../shared/hunt/pack.js';
import { SQL_DIALECTS, type SqlDialect } from '../../../shared/hunt/sql.js';
import { Session } from '../../api/session.js';
import { writeHuntPack } from '../../hunt/write-hunt-pack.js';
import { CaseStore } from '../../store/case-store.js';
import { parse } from '../args.js';
import { printJson, printLines } from '../output.js';

export const HUNT_USAGE = 'pushtrail hunt <case> --out DIR [--target sigma|spl|kql|esql|sql]... [--dialect duckdb|trino]... [--analyst NAME] [--json]';

export const HUNT_HELP = `      Write the case's detections as hunts for another engine into DIR (new or empty): Sigma v2
      rules with correlations, Splunk SPL, Sentinel/Defender KQL, Elastic ES|QL, and SQL over OCSF
      Authentication (DuckDB, Trino/Athena), all with the case's detection parameters. Every
      target unless --target is given; every dialect unless --dialect is given.`;

function choices<T extends string>(flag: string, given: unknown, all: readonly T[]): T[] {
  const list = Array.isArray(given) ? given.flatMap((g) => String(g).split(',')) : [];
  if (list.length === 0) return [...all];
  for (const item of list) if (!(all as readonly string[]).includes(item)) throw new PushTrailError('bad_input', `--${flag} must be one of ${all.join(', ')}; got "${item}"`);
  return [...new Set(list)] as T[];
}

export function runHunt(argv: string[]): void {
  const { values, positionals } = parse(argv, {
    out: { type: 'string' },
    target: { type: 'string', multiple: true },
    dialect: { type: 'string', multiple: true },
    analyst: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [casePath] = positionals;
  const out = values['out'];
  if (casePath === undefined || positionals.length > 1 || typeof out !== 'string') throw new PushTrailError('bad_input', `usage: ${HUNT_USAGE}`);
  const targets = choices<HuntTarget>('target', values['target'], HUNT_TARGETS);
  const dialects = choices<SqlDialect>('dialect', values['dialect'], SQL_DIALECTS);
  const actor = new Session('direct', typeof values['analyst'] === 'string' ? values['analyst'] : undefined).actor;
  const store = CaseStore.open(resolve(casePath), actor);
  try {
    const written = writeHuntPack(store, { targets, dialects, date: new Date().toISOString().slice(0, 10) }, resolve(out), actor);
    if (values['json'] === true) printJson(written);
    else printLines([`Wrote ${written.files.length} files to ${written.out} (targets: ${targets.join(', ')})`]);
  } finally {
    store.close();
  }
}
