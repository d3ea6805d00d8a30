/** `pushtrail users <case>`: users ranked by risk, as the last detection run assessed them. */
import { resolve } from 'node:path';
import { PushTrailError } from '../../../shared/api/errors.js';
import { CaseStore } from '../../store/case-store.js';
import { lastDetectionRun, readUserRows } from '../../store/detection-store.js';
import { parse } from '../args.js';
import { printJson, printLines } from '../output.js';

export const USERS_USAGE = 'pushtrail users <case> [--limit N] [--json]';

export function runUsers(argv: string[]): void {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, limit: { type: 'string' } });
  const [casePath] = positionals;
  if (casePath === undefined || positionals.length > 1) throw new PushTrailError('bad_input', `usage: ${USERS_USAGE}`);
  const limit = values['limit'] === undefined ? 1_000_000 : Number(values['limit']);
  if (!Number.isInteger(limit) || limit < 1) throw new PushTrailError('bad_input', '--limit must be a whole number ≥ 1');
  const store = CaseStore.open(resolve(casePath), 'cli', { readOnly: true });
  try {
    if (lastDetectionRun(store.db) === null) {
      throw new PushTrailError('bad_input', `${casePath} has not been analysed yet: run "pushtrail detect ${casePath}" first`);
    }
    const users = readUserRows(store.db, limit);
    if (values['json'] === true) {
      printJson({ users });
      return;
    }
    const header = `${'RISK'.padStart(4)}  ${'VERDICT'.padEnd(11)} ${'USER'.padEnd(36)} ${'FIND'.padStart(4)} ${'EVENTS'.padStart(7)} ${'PROMPTS'.padStart(7)} ${'DENIED'.padStart(6)} ${'TIMEOUT'.padStart(7)} ${'APPROVED'.padStart(8)}  BURSTS`;
    const rows = users.map(
      (u) =>
        `${String(u.risk).padStart(4)}  ${u.verdict.padEnd(11)} ${u.user.padEnd(36)} ${String(u.findings).padStart(4)} ${String(u.events).padStart(7)} ${String(u.challenges).padStart(7)} ${String(u.denied).padStart(6)} ${String(u.timeouts).padStart(7)} ${String(u.approved).padStart(8)}  ${u.bursts.join(', ')}`.trimEnd(),
    );
    printLines([header, ...rows]);
  } finally {
    store.close();
  }
}
