/**
 * Detection benchmark: `npm run bench`. Builds a case of at least 2 million events (a generated
 * organisation — weeks of ordinary Okta/Entra/Duo activity with the labelled attacks — imported
 * for real, then its users cloned in SQL under new names until the target is reached), then
 * measures, each step in a process of its own so that its peak RSS is its own:
 * - the floor: a bare full scan of the events table in storage order, no work per row, read two
 *   ways: (a) every column (but the dedup key blob) as row objects, the plain better-sqlite3 way;
 *   (b) only the columns detection reads, as arrays, the cheapest way to get what detection gets;
 * - detection: the engine's one ordered pass over the same events, every rule enabled;
 * - the whole detect job in its worker, staging and writing findings;
 * and prints events/s, the ratios (goal >= 1.0x) and peak RSS. Figures only, no assertions.
 * `--events N` sets the size; `--attack-rounds N` plants every attack kind N times in the seed
 * organisation (denser attacks, more findings, more state per user); `--reuse` keeps an existing
 * bench case of at least N events.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemorySink, runDetection } from '../../shared/detect/engine-core.js';
import { startJob } from '../../electron/jobs/runner.js';
import { CaseStore } from '../../electron/store/case-store.js';
import { EVENT_COLUMNS } from '../../electron/store/event-row.js';
import { DETECTION_COLUMNS, eventsForDetection } from '../../electron/store/events.js';
import { REPO_ROOT } from '../support/corpus.js';
import { ATTACK_KINDS } from '../../electron/scenario/attacks.js';
import { generateBundle } from '../../electron/scenario/bundle.js';
import { loadAverage } from './load.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const target = arg('--events', 2_000_000);
const attackRounds = arg('--attack-rounds', 1);
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
  const name = attackRounds === 1 ? 'detect-bench' : `detect-bench-attacks-x${attackRounds}`;
  const casePath = join(dir, `${name}.pushtrail`);
  if (existingCase(casePath)) return casePath;
  const bundleDir = join(dir, `${name}-seed-bundle`);
  rmSync(bundleDir, { recursive: true, force: true });
  const attacks = Array.from({ length: attackRounds }, () => ATTACK_KINDS).flat();
  const bundle = generateBundle({ seed: 'detect-bench', users: 400, days: 28, start: '2025-04-07', outDir: bundleDir, attacks });
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
  console.log(`case: ${n.toLocaleString('en-US')} events (${base.toLocaleString('en-US')} imported with ${bundle.labels.filter((l) => l.type === 'attack').length} attacks, the rest cloned users)`);
  return casePath;
}

interface Timed {
  events: number;
  seconds: number;
  findings?: number;
  peakRssMiB: number;
}

const peakRssMiB = (): number => process.resourceUsage().maxRSS / 1024;

/** The floor: read every row in storage order and do nothing with it. */
function bareScan(casePath: string, how: 'floor-a' | 'floor-b'): Timed {
  const store = CaseStore.open(casePath, 'bench', { readOnly: true });
  const all = ['id', ...EVENT_COLUMNS.filter((c) => c !== 'raw' && c !== 'dedup_key')];
  // NOT INDEXED: the narrower covering index would otherwise be scanned instead of the table.
  const statement =
    how === 'floor-a'
      ? store.db.prepare(`SELECT ${all.join(', ')} FROM events NOT INDEXED`)
      : store.db.prepare(`SELECT ${DETECTION_COLUMNS.join(', ')} FROM events NOT INDEXED`).raw(true);
  const start = performance.now();
  let events = 0;
  for (const row of statement.iterate()) if (row !== undefined) events++;
  const seconds = (performance.now() - start) / 1000;
  store.close();
  return { events, seconds, peakRssMiB: peakRssMiB() };
}

async function engineOnly(casePath: string): Promise<Timed> {
  const store = CaseStore.open(casePath, 'bench', { readOnly: true });
  const start = performance.now();
  const report = await runDetection({ byUser: eventsForDetection(store.db), sink: new MemorySink() });
  const seconds = (performance.now() - start) / 1000;
  store.close();
  return { events: report.stats.events, seconds, findings: report.stats.findings, peakRssMiB: peakRssMiB() };
}

async function detectJob(casePath: string): Promise<Timed> {
  const start = performance.now();
  const job = await startJob('detect', { casePath, actor: 'bench' }).result;
  if (!job.ok) throw new Error(job.error.message);
  return { events: job.value.events, seconds: (performance.now() - start) / 1000, findings: job.value.findings, peakRssMiB: peakRssMiB() };
}

const STEPS = { 'floor-a': (p: string) => bareScan(p, 'floor-a'), 'floor-b': (p: string) => bareScan(p, 'floor-b'), engine: engineOnly, job: detectJob };
type Step = keyof typeof STEPS;

/** Runs one step in a child process of this script: its figures, peak RSS included, are its own. */
function measured(step: Step, casePath: string): Timed {
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--step', step, casePath], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) throw new Error(`bench step ${step} failed`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as Timed;
}

async function main(): Promise<void> {
  const dir = join(REPO_ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  console.log(`PushTrail detection benchmark: target ${target.toLocaleString('en-US')} events, attack kinds planted ${attackRounds}x, ${process.version}`);
  const casePath = await buildCase(dir);
  const rate = (t: Timed): number => t.events / t.seconds;
  const fmt = (x: number): string => Math.round(x).toLocaleString('en-US').padStart(10);
  const line = (name: string, t: Timed, extra = ''): void =>
    console.log(`  ${name.padEnd(50)}${fmt(rate(t))} events/s ${t.seconds.toFixed(1).padStart(6)} s  peak RSS ${t.peakRssMiB.toFixed(0).padStart(4)} MiB${extra}`);

  // Other work on the machine slows the two-thread job more than the one-thread floors.
  console.log(`  ${loadAverage()}`);
  const objects = measured('floor-a', casePath);
  line('floor a: table scan, all columns, objects', objects);
  const arrays = measured('floor-b', casePath);
  line(`floor b: table scan, ${DETECTION_COLUMNS.length} detection columns, arrays`, arrays);
  const ratios = (t: Timed): string => `  ratio ${(rate(t) / rate(objects)).toFixed(2)}x floor a, ${(rate(t) / rate(arrays)).toFixed(2)}x floor b (goal >= 1.0x)`;

  const engine = measured('engine', casePath);
  line('detection: engine, all results kept in memory', engine, `  ${engine.findings ?? 0} findings${ratios(engine)}`);
  const job = measured('job', casePath);
  line('detect job: worker, stages and writes findings', job, `  ${job.findings ?? 0} findings${ratios(job)}`);
  console.log('  (floors read the table in storage order; detection reads the (user, time, id) covering index in its order)');
  console.log(`  ${loadAverage()}`);
}

const stepAt = process.argv.indexOf('--step');
if (stepAt >= 0) {
  const step = process.argv[stepAt + 1] as Step;
  console.log(JSON.stringify(await STEPS[step](process.argv[stepAt + 2] ?? '')));
} else {
  await main();
}
