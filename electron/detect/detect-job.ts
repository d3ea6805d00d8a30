/**
 * Detection over a case file, in a worker: one ordered pass per user and one time-ordered pass
 * for cross-user rules, streamed from SQLite; the findings replace the previous run's in one
 * transaction, recorded in the custody log with the engine version and settings.
 */
import type { DetectSummary } from '../../shared/api/detection.js';
import { runDetection } from '../../shared/detect/engine-core.js';
import { USER_VERDICTS, type UserVerdict } from '../../shared/model/finding.js';
import { TOOL_VERSION } from '../../shared/version.js';
import type { JobFn } from '../jobs/job.js';
import { CaseStore } from '../store/case-store.js';
import { readDetectionConfig, replaceDetection } from '../store/detection-store.js';
import { eventsByTime, eventsByUser } from '../store/events.js';

export const ENGINE_VERSION = TOOL_VERSION;

export const detectCase: JobFn<'detect'> = async ({ casePath, actor }, ctx) => {
  const store = CaseStore.open(casePath, actor);
  try {
    const db = store.db;
    const config = readDetectionConfig(db);
    const total = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const startedAt = Date.now();
    ctx.progress({ phase: 'users', done: 0, total, unit: 'records' });
    const result = await runDetection({
      byUser: eventsByUser(db),
      byTime: () => eventsByTime(db),
      config,
      progressEvery: 20_000,
      onProgress: (p) => ctx.progress({ phase: p.phase, done: p.events, total, unit: 'records' }),
      isCancelled: () => ctx.isCancelled(),
    });
    const finishedAt = Date.now();
    const bySeverity: Record<string, number> = {};
    for (const f of result.findings) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    const verdicts = Object.fromEntries(USER_VERDICTS.map((v) => [v, 0])) as Record<UserVerdict, number>;
    for (const a of result.assessments) verdicts[a.verdict] += 1;
    const summary: DetectSummary = {
      engineVersion: ENGINE_VERSION,
      events: result.stats.events,
      users: result.stats.users,
      findings: result.findings.length,
      bySeverity,
      verdicts,
      startedAt,
      finishedAt,
    };
    ctx.progress({ phase: 'saving', done: total, total, unit: 'records' });
    store.change(actor, 'detect/run', { ...summary, rules: Object.keys(config).filter((id) => config[id as keyof typeof config].enabled) }, () =>
      replaceDetection(db, result.findings, result.assessments, {
        startedAt,
        finishedAt,
        engineVersion: ENGINE_VERSION,
        config: result.config,
        stats: { ...result.stats },
      }),
    );
    return summary;
  } finally {
    store.close();
  }
};
