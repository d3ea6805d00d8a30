/** `pushtrail info <case>`: what a case holds, and its custody log. */
import { resolve } from 'node:path';
import { PushTrailError } from '../../../shared/api/errors.js';
import { CaseStore } from '../../store/case-store.js';
import { parse } from '../args.js';
import { printJson, printLines, utc } from '../output.js';

export const INFO_USAGE = 'pushtrail info <case> [--json]';

export function runInfo(argv: string[]): void {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
  const [path] = positionals;
  if (path === undefined || positionals.length > 1) throw new PushTrailError('bad_input', `usage: ${INFO_USAGE}`);
  const store = CaseStore.open(resolve(path), 'cli', { readOnly: true });
  try {
    const info = store.info();
    const custody = store.custody(0, 100000);
    if (values['json'] === true) {
      printJson({ ...info, evidence: store.evidence(), custody });
      return;
    }
    const { meta, counts } = info;
    const lines = [
      `Case       ${meta.name}`,
      `Case id    ${meta.caseId}`,
      `File       ${info.path}`,
      `Analyst    ${meta.analyst}`,
      `Created    ${utc(meta.createdAt)}`,
      `Time zone  ${meta.displayTimeZone} (display; stored as UTC)`,
      `Schema     ${info.schemaVersion} (PushTrail ${info.toolVersion})`,
      `Holds      ${counts.evidence} evidence files, ${counts.events} events, ${counts.findings} findings, ${counts.annotations} annotations`,
      '',
      'Custody log',
      ...custody.map((e) => `  #${e.seq}  ${utc(e.at)}  ${e.actor}  ${e.action}  (PushTrail ${e.toolVersion})`),
    ];
    printLines(lines);
  } finally {
    store.close();
  }
}
