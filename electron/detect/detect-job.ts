/**
 * Detection over a case file, in a worker: the links between identities found in newly imported
 * events are applied first (store/person-links), then one ordered pass per person, streamed from SQLite
 * through a read-only connection; findings, assessments and the prompt attempts for cross-user
 * rules are staged in temporary tables of the writing connection as they come, then replace the
 * previous run's in one transaction, recorded in the custody log with the engine version and settings.
 */
import type { DetectSummary } from '../../shared/api/detection.js';
import { runDetection } from '../../shared/detect/engine-core.js';
import { USER_VERDICTS, type UserVerdict } from '../../shared/model/finding.js';
import { TOOL_VERSION } from '../../shared/version.js';
import type { JobFn } from '../jobs/job.js';
import { CaseStore } from '../store/case-store.js';
import { DetectionStaging, readDetectionConfig, stagedSummary } from '../store/detection-store.js';
import { eventsForDetection } from '../store/events.js';
import { linkedIdentities } from '../store/identities.js';
import { refreshPersons } from '../store/person-links.js';

export const ENGINE_VERSION = TOOL_VERSION;

export const detectCase: JobFn<'detect'> = async ({ casePath, actor }, ctx) => {
  const store = CaseStore.open(casePath, actor);
  let reader: CaseStore | null = null;
  let staging: DetectionStaging | null = null;
  try {
    const db = store.db;
    const config = readDetectionConfig(db);
    refreshPersons(store, actor);
    const persons = linkedIdentities(db);
    reader = CaseStore.open(casePath, actor, { readOnly: true });
    const total = (reader.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const startedAt = Date.now();
    ctx.progress({ phase: 'users', done: 0, total, unit: 'records' });
    staging = new DetectionStaging(db);
    const report = await runDetection({
      byUser: eventsForDetection(reader.db, persons),
      persons,
      sink: staging,
      spool: staging,
      config,
      progressEvery: 20_000,
      onProgress: (p) => ctx.progress({ phase: p.phase, done: p.phase === 'users' ? p.events : total, total, unit: 'records' }),
      isCancelled: () => ctx.isCancelled(),
    });
    const finishedAt = Date.now();
    staging.seal();
    const { bySeverity, verdicts: counted } = stagedSummary(db);
    const verdicts = Object.fromEntries(USER_VERDICTS.map((v) => [v, counted[v] ?? 0])) as Record<UserVerdict, number>;
    const summary: DetectSummary = {
      engineVersion: ENGINE_VERSION,
      events: report.stats.events,
      users: report.stats.users,
      findings: report.stats.findings,
      bySeverity,
      verdicts,
      startedAt,
      finishedAt,
    };
    ctx.progress({ phase: 'saving', done: total, total, unit: 'records' });
    const rules = Object.keys(config).filter((id) => config[id as keyof typeof config].enabled);
    const staged = staging;
    store.change(actor, 'detect/run', { ...summary, rules }, () =>
      staged.replaceWithStaged({ startedAt, finishedAt, engineVersion: ENGINE_VERSION, config: report.config, stats: { ...report.stats } }),
    );
    return summary;
  } finally {
    staging?.dispose();
    reader?.close();
    store.close();
  }
};
