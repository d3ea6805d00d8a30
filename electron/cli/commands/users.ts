/** `pushtrail users <case>`: users (persons, with their other identities) ranked by risk, as the last detection run assessed them. */
import { resolve } from 'node:path';
import type { UserRow } from '../../../shared/api/detection.js';
import { PushTrailError } from '../../../shared/api/errors.js';
import { CaseStore } from '../../store/case-store.js';
import { lastDetectionRun, readUserRows } from '../../store/detection-store.js';
import { parse } from '../args.js';
import { printJson, printLines } from '../output.js';

/**
 * A person's other identities that events name, each with the vendors that name it ("ivan (duo)");
 * '' when there are none. Vendor ids carried beside the name (every Okta and Entra user has one) are
 * no news here; `--json` and `pushtrail identities` list them.
 */
function otherIdentities(u: UserRow): string {
  return u.identities
    .filter((i) => i.identity !== u.user && i.events > 0)
    .map((i) => `${i.identity} (${i.vendors.join('/')})`)
    .join(', ');
}

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
    // A person's other identities go on a line of their own under the row: the columns stay aligned.
    const rows = users.flatMap((u) => {
      const row = `${String(u.risk).padStart(4)}  ${u.verdict.padEnd(11)} ${u.user.padEnd(36)} ${String(u.findings).padStart(4)} ${String(u.events).padStart(7)} ${String(u.challenges).padStart(7)} ${String(u.denied).padStart(6)} ${String(u.timeouts).padStart(7)} ${String(u.approved).padStart(8)}  ${u.bursts.join(', ')}`.trimEnd();
      const aka = otherIdentities(u);
      return aka === '' ? [row] : [row, `${' '.repeat(18)}also known as: ${aka}`];
    });
    printLines([header, ...rows]);
  } finally {
    store.close();
  }
}
