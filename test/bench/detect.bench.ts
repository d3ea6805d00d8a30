/**
 * Detection benchmark: `npm run bench`. Builds a case of at least 2 million events (a generated
 * organisation — weeks of ordinary Okta/Entra/Duo activity with the labelled attacks — imported
 * for real, then its users cloned in SQL under new names until the target is reached), then
 * measures in the same process:
 * - the floor: a bare full scan of the events table (every column detection reads, no work);
 * - detection: the engine's two ordered passes over the same table, every rule enabled;
 * - the whole detect job in its worker, writing findings;
 * and prints events/s, their ratio (goal >= 1.0x) and peak RSS. Figures only, no assertions.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runDetection } from '../../shared/detect/engine-core.js';
import { startJob } from '../../electron/jobs/runner.js';
import { CaseStore } from '../../electron/store/case-store.js';
import { EVENT_COLUMNS } from '../../electron/store/event-row.js';
import { eventsByTime, eventsByUser } from '../../electron/store/events.js';
import { REPO_ROOT } from '../support/corpus.js';
import { generateBundle } from '../../electron/scenario/bundle.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const target = arg('--events', 2_000_000);

async function buildCase(dir: string): Promise<string> {
  const bundleDir = join(dir, 'detect-seed-bundle');
  rmSync(bundleDir, { recursive: true, force: true });
  const bundle = generateBundle({ seed: 'detect-bench', users: 400, days: 28, start: '2025-04-07', outDir: bundleDir });
  const casePath = join(dir, 'detect-bench.pushtrail');
  for (const s of ['', '-wal', '-shm']) rmSync(casePath + s, { force: true });
  CaseStore.create(casePath, { name: 'detect bench', analyst: 'bench' }, 'bench').close();
  const imported = await startJob('import', { casePath, actor: 'bench', paths: bundle.files }).result;
  if (!imported.ok) throw new Error(imported.error.message);

  // Benchmark data only: clone every user's sequence under new names until the target is met.
  const store = CaseStore.open(casePath, 'bench');
  const cols = EVENT_COLUMNS.filter((c) => c !== 'user' && c !== 'time' && c !== 'dedup_key' && c !== 'raw');
  const clone = store.db.prepare(
    `INSERT INTO events (user, time, dedup_key, ${cols.join(', ')})
     SELECT user || '-' || ?, time + ? * 86400000, randomblob(16), ${cols.join(', ')} FROM events WHERE id <= ?`,
  );
  const base = (store.db.prepare('SELECT max(id) AS n FROM events').get() as { n: number }).n;
  store.db.transaction(() => {
    const copies = Math.max(0, Math.ceil(target / base) - 1);
    for (let copy = 1; copy <= copies; copy++) clone.run(copy, copy % 7, base);
  })();
  const n = (store.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  store.close();
  console.log(`case: ${n.toLocaleString('en-US')} events (${base.toLocaleString('en-US')} imported, the rest cloned users)`);
  return casePath;
}

function bareScan(casePath: string): { events: number; seconds: number } {
  const store = CaseStore.open(casePath, 'bench', { readOnly: true });
  const columns = ['id', ...EVENT_COLUMNS.filter((c) => c !== 'raw' && c !== 'dedup_key')].join(', ');
  const start = performance.now();
  let events = 0;
  for (const row of store.db.prepare(`SELECT ${columns} FROM events`).iterate()) if (row !== undefined) events++;
  const seconds = (performance.now() - start) / 1000;
  store.close();
  return { events, seconds };
}

async function engineOnly(casePath: string): Promise<{ events: number; seconds: number; findings: number }> {
  const store = CaseStore.open(casePath, 'bench', { readOnly: true });
  const start = performance.now();
  const result = await runDetection({ byUser: eventsByUser(store.db), byTime: () => eventsByTime(store.db) });
  const seconds = (performance.now() - start) / 1000;
  store.close();
  return { events: result.stats.events, seconds, findings: result.findings.length };
}

async function main(): Promise<void> {
  const dir = join(REPO_ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  console.log(`PushTrail detection benchmark: target ${target.toLocaleString('en-US')} events, ${process.version}`);
  const casePath = await buildCase(dir);
  const floor = bareScan(casePath);
  const engine = await engineOnly(casePath);
  const jobStart = performance.now();
  const job = await startJob('detect', { casePath, actor: 'bench' }).result;
  const jobSeconds = (performance.now() - jobStart) / 1000;
  if (!job.ok) throw new Error(job.error.message);
  const rate = (events: number, s: number): number => events / s;
  const f = rate(floor.events, floor.seconds);
  const e = rate(engine.events, engine.seconds);
  const j = rate(job.value.events, jobSeconds);
  const fmt = (x: number): string => Math.round(x).toLocaleString('en-US').padStart(10);
  console.log(`  floor (bare scan)   ${fmt(f)} events/s  ${floor.seconds.toFixed(1)} s`);
  console.log(`  detection (engine)  ${fmt(e)} events/s  ${engine.seconds.toFixed(1)} s  ${engine.findings} findings  ratio ${(e / f).toFixed(2)}x (goal >= 1.0x)`);
  console.log(`  detect job (worker, writes findings) ${fmt(j)} events/s  ${jobSeconds.toFixed(1)} s  ratio ${(j / f).toFixed(2)}x`);
  console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (this process; the job's worker thread included)`);
}

await main();
