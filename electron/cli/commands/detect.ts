/**
 * `pushtrail detect <case>`: runs the detection engine in a worker and prints the findings.
 * `--set rule.param=value`, `--enable rule` and `--disable rule` tune the settings stored in
 * the case before the run, which is how an analyst tunes and re-runs.
 */
import { resolve } from 'node:path';
import { PushTrailError } from '../../../shared/api/errors.js';
import { diffFromDefaults, parseOverrides, resolveConfig, type DetectionConfig } from '../../../shared/detect/params.js';
import { findingJson } from '../../../shared/export/finding-json.js';
import { CaseStore } from '../../store/case-store.js';
import { readDetectionConfig, readFindings, writeDetectionConfig } from '../../store/detection-store.js';
import { parse } from '../args.js';
import { runJobWithProgress } from '../job-progress.js';
import { printJson, printLines, utc } from '../output.js';

export const DETECT_USAGE = 'pushtrail detect <case> [--set rule.param=value]... [--enable rule]... [--disable rule]... [--defaults] [--json]';

function parseValue(text: string): string | number | boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

type Overrides = Record<string, { enabled?: boolean; params?: Record<string, string | number | boolean> }>;

/** The settings to run with: the case's current ones changed by the command line's. */
function tuned(current: DetectionConfig, sets: string[], enable: string[], disable: string[], defaults: boolean): DetectionConfig | null {
  if (sets.length === 0 && enable.length === 0 && disable.length === 0 && !defaults) return null;
  const overrides = (defaults ? {} : structuredClone(diffFromDefaults(current))) as Overrides;
  for (const s of sets) {
    const m = /^([a-z-]+)\.([A-Za-z0-9_]+)=(.*)$/.exec(s);
    if (m === null) throw new PushTrailError('bad_input', `--set takes rule.param=value, got "${s}"`);
    const [, rule = '', param = '', value = ''] = m;
    const entry = (overrides[rule] ??= {});
    (entry.params ??= {})[param] = parseValue(value);
  }
  for (const rule of enable) (overrides[rule] ??= {}).enabled = true;
  for (const rule of disable) (overrides[rule] ??= {}).enabled = false;
  return resolveConfig(parseOverrides(overrides));
}

export async function runDetect(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean' },
    set: { type: 'string', multiple: true },
    enable: { type: 'string', multiple: true },
    disable: { type: 'string', multiple: true },
    defaults: { type: 'boolean' },
    analyst: { type: 'string' },
  });
  const [casePath] = positionals;
  if (casePath === undefined || positionals.length > 1) throw new PushTrailError('bad_input', `usage: ${DETECT_USAGE}`);
  const path = resolve(casePath);
  const actor = typeof values['analyst'] === 'string' ? values['analyst'] : 'cli';
  const list = (key: string): string[] => {
    const v = values[key];
    return Array.isArray(v) ? v : [];
  };

  const store = CaseStore.open(path, actor);
  try {
    const next = tuned(readDetectionConfig(store.db), list('set'), list('enable'), list('disable'), values['defaults'] === true);
    if (next !== null) store.change(actor, 'detect/settings', { config: diffFromDefaults(next) }, () => writeDetectionConfig(store.db, next));
  } finally {
    store.close();
  }

  const outcome = await runJobWithProgress('detect', { casePath: path, actor });
  if (!outcome.ok) throw new PushTrailError(outcome.error.kind, outcome.error.message, outcome.error.detail);
  const summary = outcome.value;
  const reader = CaseStore.open(path, actor, { readOnly: true });
  const findings = (() => {
    try {
      return readFindings(reader.db);
    } finally {
      reader.close();
    }
  })();
  if (values['json'] === true) {
    printJson({ findings: findings.map(findingJson), summary });
    return;
  }
  const lines = [
    `Detection (engine ${summary.engineVersion}) over ${summary.events} events of ${summary.users} users: ${findings.length} findings.`,
    `Users: ${summary.verdicts.compromised} compromised, ${summary.verdicts.attacked} attacked, ${summary.verdicts.suspicious} suspicious, ${summary.verdicts.clear} clear.`,
    '',
    ...findings.flatMap((f) => [`${f.severity.toUpperCase().padEnd(8)} ${f.rule.padEnd(26)} ${(f.user ?? f.source ?? '').padEnd(32)} ${utc(f.start)}`, `         ${f.summary}`]),
  ];
  printLines(lines);
}
