/**
 * Detection benchmark: `npm run bench`. Builds a case of at least 2 million events (a generated
 * organisation — weeks of ordinary Okta/Entra/Duo activity with the labelled attacks — imported
 * for real, then its users cloned in SQL under new names until the target is reached), then
 * measures in the same process:
 * - the floor: a bare full scan of the events table in storage order, no work per row, read two
 *   ways: (a) every column (but the dedup key blob) as row objects, the plain better-sqlite3 way;
 *   (b) only the columns detection reads, as arrays, the cheapest way to get what detection gets;
 * - detection: the engine's one ordered pass over the same table, every rule enabled;
 * - the whole detect job in its worker, staging and writing findings;
 * and prints events/s, the ratios (goal >= 1.0x) and the peak RSS after each step. Figures only,
 * no assertions. `--events N` sets the size; `--reuse` keeps an existing bench case of at least N events.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MemorySink, runDetection } from '../../shared/detect/engine-core.js';
import { startJob } from '../../electron/jobs/runner.js';
import { CaseStore } from '../../electron/store/case-store.js';
import { EVENT_COLUMNS } from '../../electron/store/event-row.js';
import { DETECTION_COLUMNS, eventsForDetection } from '../../electron/store/events.js';
import { REPO_ROOT } from '../support/corpus.js';
import { generateBundle } from '../../electron/scenario/bundle.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const target = arg('--events', 2_000_000);
const reuse = process.argv.includes('--reuse');

function existingCase(casePath: string): boolean {
  if (!reuse || !existsSync(casePath)) return false;
  // Opened for writing so a case from an earlier schema is upgraded first.
  const store = CaseStore.open(casePath, 'bench');
  const n = (store.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  store.close();
  if (n < target) return false;
  console.log(`case: ${n.toLocaleString('en-US')} events (reused from an earlier run)`);
  return true;
}

async function buildCase(dir: string): Promise<string> {
  const casePath = join(dir, 'detect-bench.pushtrail');
  if (existingCase(casePath)) return casePath;
  const bundleDir = join(dir, 'detect-seed-bundle');
  rmSync(bundleDir, { recursive: true, force: true });
  const bundle = generateBundle({ seed: 'detect-bench', users: 400, days: 28, start: '2025-04-07', outDir: bundleDir });
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

interface Timed {
  events: number;
  seconds: number;
}

/** The floor: read every row in storage order and do nothing with it. */
function bareScan(casePath: string, how: 'objects, all columns' | 'arrays, detection columns'): Timed {
  const store = CaseStore.open(casePath, 'bench', { readOnly: true });
  const all = ['id', ...EVENT_COLUMNS.filter((c) => c !== 'raw' && c !== 'dedup_key')];
  // NOT INDEXED: the narrower covering index would otherwise be scanned instead of the table.
  const statement =
    how === 'objects, all columns'
      ? store.db.prepare(`SELECT ${all.join(', ')} FROM events NOT INDEXED`)
      : store.db.prepare(`SELECT ${DETECTION_COLUMNS.join(', ')} FROM events NOT INDEXED`).raw(true);
  const start = performance.now();
  let events = 0;
  for (const row of statement.iterate()) if (row !== undefined) events++;
  const seconds = (performance.now() - start) / 1000;
  store.close();
  return { events, seconds };
}

async function engineOnly(casePath: string): Promise<Timed & { findings: number }> {
  const store = CaseStore.open(casePath, 'bench', { readOnly: true });
  const start = performance.now();
  const report = await runDetection({ byUser: eventsForDetection(store.db), sink: new MemorySink() });
  const seconds = (performance.now() - start) / 1000;
  store.close();
  return { events: report.stats.events, seconds, findings: report.stats.findings };
}

const peakMiB = (): string => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`;

async function main(): Promise<void> {
  const dir = join(REPO_ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  console.log(`PushTrail detection benchmark: target ${target.toLocaleString('en-US')} events, ${process.version}`);
  const casePath = await buildCase(dir);
  const rate = (t: Timed): number => t.events / t.seconds;
  const fmt = (x: number): string => Math.round(x).toLocaleString('en-US').padStart(10);
  const line = (name: string, t: Timed, extra = ''): void => console.log(`  ${name.padEnd(44)}${fmt(rate(t))} events/s ${t.seconds.toFixed(1).padStart(6)} s${extra}`);

  const objects = bareScan(casePath, 'objects, all columns');
  line('floor a: bare scan, all columns, objects', objects);
  const arrays = bareScan(casePath, 'arrays, detection columns');
  line(`floor b: bare scan, ${DETECTION_COLUMNS.length} detection columns, arrays`, arrays, `   peak RSS ${peakMiB()}`);
  const ratios = (t: Timed): string => `ratio ${(rate(t) / rate(objects)).toFixed(2)}x floor a, ${(rate(t) / rate(arrays)).toFixed(2)}x floor b (goal >= 1.0x)`;

  const engine = await engineOnly(casePath);
  line('detection (engine, findings kept in memory)', engine, `  ${engine.findings} findings  ${ratios(engine)}  peak RSS ${peakMiB()}`);

  const jobStart = performance.now();
  const job = await startJob('detect', { casePath, actor: 'bench' }).result;
  if (!job.ok) throw new Error(job.error.message);
  const jobRun = { events: job.value.events, seconds: (performance.now() - jobStart) / 1000 };
  line('detect job (worker, stages and writes findings)', jobRun, `  ${job.value.findings} findings  ${ratios(jobRun)}`);
  console.log(`  peak RSS ${peakMiB()} (this process, the job's worker thread included)`);
}

await main();
