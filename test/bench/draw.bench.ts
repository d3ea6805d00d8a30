/**
 * Sequence-view benchmark: `npm run bench -- draw`. Builds the demo incident (imported and
 * analysed for real), gives its top user at least 100,000 events (their own records cloned a
 * minute apart, verbatim records included), runs detection again, serves the case with
 * `pushtrail serve` and opens the user's sequence in Debian's Chromium. Prints:
 * - delivery: the store's read of the user's events (as columns) beside a bare SQL scan of the
 *   same rows (the floor), their JSON size against the same events as objects, and the HTTP
 *   call end to end;
 * - first draw: the time from the data arriving in the page to the first frame of the canvas
 *   timeline drawn (goal: under 300 ms), beside the same for an ordinary user (the floor);
 * - steps: the latency of ← / → from key press to the next frame, p50 / p95 over many
 *   presses, beside a key the screen ignores (the floor: frame alignment and event dispatch).
 * Figures only, no assertions. The User Timing entries it reads are named in shared/view/timing.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Page } from 'playwright-core';
import { decodeEvents } from '../../shared/api/event-columns.js';
import { TIMING } from '../../shared/view/timing.js';
import { startJob } from '../../electron/jobs/runner.js';
import { CaseStore } from '../../electron/store/case-store.js';
import { readUserRows } from '../../electron/store/detection-store.js';
import { EVENT_COLUMNS } from '../../electron/store/event-row.js';
import { userEvents } from '../../electron/store/events.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/browser.js';
import { REPO_ROOT } from '../support/corpus.js';
import { CLI } from '../support/serve.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const target = arg('--user-events', 100_000);
const steps = arg('--steps', 300);
const opens = 3;

interface BenchCase {
  casePath: string;
  heavy: string;
  ordinary: string;
  heavyEvents: number;
}

async function buildCase(dir: string): Promise<BenchCase> {
  const out = join(dir, 'draw-demo');
  const demo = spawnSync(process.execPath, [CLI, 'demo', '--out', out, '--force', '--json'], { encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(demo.stderr);
  const casePath = join(out, 'demo-incident.pushtrail');

  // Benchmark data only: the top user's own events again and again, a minute later each time.
  const store = CaseStore.open(casePath, 'bench');
  const [heavy, ordinary] = readUserRows(store.db, 2).map((r) => r.user);
  if (heavy === undefined || ordinary === undefined) throw new Error('the demo case has fewer than two users');
  const cols = EVENT_COLUMNS.filter((c) => c !== 'time' && c !== 'dedup_key' && c !== 'raw');
  const lastOriginal = (store.db.prepare('SELECT max(id) AS n FROM events').get() as { n: number }).n;
  const own = (store.db.prepare('SELECT count(*) AS n FROM events WHERE user = ?').get(heavy) as { n: number }).n;
  const cloneEvents = store.db.prepare(
    `INSERT INTO events (time, dedup_key, ${cols.join(', ')})
     SELECT time + ? * 61000, randomblob(16), ${cols.join(', ')} FROM events WHERE user = ? AND id <= ? ORDER BY id`,
  );
  // The clones took the next ids in the same order, so their records follow by rank.
  const cloneRaw = store.db.prepare(
    `INSERT INTO event_raw (event_id, raw)
     SELECT ? + row_number() OVER (ORDER BY e.id), r.raw FROM events e JOIN event_raw r ON r.event_id = e.id WHERE e.user = ? AND e.id <= ?`,
  );
  const maxId = store.db.prepare('SELECT max(id) AS n FROM events').pluck();
  store.db.transaction(() => {
    for (let copy = 1; copy * own < target; copy++) {
      const before = maxId.get() as number;
      cloneEvents.run(copy, heavy, lastOriginal);
      cloneRaw.run(before, heavy, lastOriginal);
    }
  })();
  const heavyEvents = (store.db.prepare('SELECT count(*) AS n FROM events WHERE user = ?').get(heavy) as { n: number }).n;
  store.close();
  const detected = await startJob('detect', { casePath, actor: 'bench' }).result;
  if (!detected.ok) throw new Error(detected.error.message);
  return { casePath, heavy, ordinary, heavyEvents };
}

function ms(x: number): string {
  return `${x.toFixed(1)} ms`;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function median(xs: readonly number[]): number {
  return quantile([...xs].sort((a, b) => a - b), 0.5);
}

function delivery(casePath: string, user: string): { floor: number; read: number; json: number; bytes: number; objectBytes: number } {
  const store = CaseStore.open(casePath, 'bench', { readOnly: true });
  const read = ['id', ...EVENT_COLUMNS.filter((c) => c !== 'raw' && c !== 'dedup_key')].join(', ');
  const scan = store.db.prepare(`SELECT ${read} FROM events WHERE user = ? ORDER BY time, id`);
  let t = performance.now();
  let rows = 0;
  for (const row of scan.iterate(user)) if (row !== undefined) rows++;
  const floor = performance.now() - t;
  t = performance.now();
  const columns = userEvents(store.db, user, 1_000_000);
  const stored = performance.now() - t;
  t = performance.now();
  const bytes = Buffer.byteLength(JSON.stringify(columns));
  const json = performance.now() - t;
  const objectBytes = Buffer.byteLength(JSON.stringify(decodeEvents(columns)));
  store.close();
  if (rows !== columns.count) throw new Error(`scan saw ${rows} rows, the store ${columns.count}`);
  return { floor, read: stored, json, bytes, objectBytes };
}

async function serveCase(casePath: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [CLI, 'serve', casePath, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

async function httpCall(url: string, user: string): Promise<number> {
  const { origin, hash } = new URL(url);
  const token = new URLSearchParams(hash.slice(1)).get('token') ?? '';
  const t = performance.now();
  const response = await fetch(`${origin}/api/call/${encodeURIComponent('user/events')}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-PushTrail-Token': token },
    body: JSON.stringify({ arg: { user } }),
  });
  await response.json();
  return performance.now() - t;
}

interface Opened {
  /** Click to data parsed in the page. */
  load: number;
  /** Data parsed to the first canvas frame drawn: React render, sequence model, layout, canvas. */
  draw: number;
  /** The canvas drawing alone. */
  canvas: number;
  marks: number;
}

/** Opens a user's sequence from the users table and reads the User Timing entries it left. */
async function openSequence(page: Page, user: string): Promise<Opened> {
  const nav = page.getByRole('navigation', { name: 'Screens' });
  await nav.getByRole('button', { name: 'Users' }).click();
  await page.getByRole('table', { name: 'Users' }).getByRole('button', { name: user, exact: true }).click();
  const names = [TIMING.sequenceRequested, TIMING.sequenceLoaded, TIMING.timelineFirstDraw] as const;
  const handle = await page.waitForFunction(
    ([requested, loaded, drawn]) => {
      const last = (name: string) => performance.getEntriesByName(name).at(-1);
      const r = last(requested);
      const l = last(loaded);
      const d = last(drawn) as PerformanceMeasure | undefined;
      if (r === undefined || l === undefined || d === undefined || d.startTime < l.startTime) return null;
      performance.clearMarks();
      performance.clearMeasures();
      const detail = d.detail as { marks: number };
      return { load: l.startTime - r.startTime, draw: d.startTime + d.duration - l.startTime, canvas: d.duration, marks: detail.marks };
    },
    names,
    { timeout: 120_000, polling: 50 },
  );
  return (await handle.jsonValue()) as Opened;
}

/** Latency from a key press to the next frame, measured in the page, for `count` presses. */
async function keyLatencies(page: Page, keys: readonly string[], count: number): Promise<number[]> {
  return page.evaluate(
    async ([keys, count]) => {
      const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const out: number[] = [];
      for (let i = 0; i < count; i++) {
        const key = keys[i % keys.length] ?? 'ArrowRight';
        await frame();
        const t = performance.now();
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
        await frame();
        out.push(performance.now() - t);
      }
      return out;
    },
    [keys, count] as const,
  );
}

function spread(xs: readonly number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${ms(quantile(s, 0.5))}  p95 ${ms(quantile(s, 0.95))}  max ${ms(s.at(-1) ?? NaN)}`;
}

async function main(): Promise<void> {
  const dir = join(REPO_ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const bench = await buildCase(dir);
  const { casePath, heavy, ordinary, heavyEvents } = bench;
  console.log(`PushTrail draw benchmark: ${heavy} with ${heavyEvents.toLocaleString('en-US')} events, ${process.version}`);

  const d = delivery(casePath, heavy);
  console.log(
    `  delivery   bare SQL scan (floor) ${ms(d.floor)} · store read as columns ${ms(d.read)} (ratio ${(d.read / d.floor).toFixed(1)}x) · JSON ${(d.bytes / 1e6).toFixed(1)} MB in ${ms(d.json)} (${(d.objectBytes / 1e6).toFixed(1)} MB as objects)`,
  );

  const server = await serveCase(casePath);
  const context = await chromium.launchPersistentContext(join(dir, `draw-chromium-${process.pid}`), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 860 },
  });
  try {
    const http = [];
    for (let i = 0; i < opens; i++) http.push(await httpCall(server.url, heavy));
    console.log(`             user/events over HTTP (serve, end to end) median ${ms(median(http))}`);

    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    const runs: Opened[] = [];
    const floors: Opened[] = [];
    for (let i = 0; i < opens; i++) {
      floors.push(await openSequence(page, ordinary));
      runs.push(await openSequence(page, heavy));
    }
    const version = context.browser()?.version() ?? 'Chromium';
    const row = (label: string, o: Opened[]): string =>
      `${label} click→data ${ms(median(o.map((x) => x.load)))} · data→first frame drawn ${ms(median(o.map((x) => x.draw)))} (canvas ${ms(median(o.map((x) => x.canvas)))}, ${o[0]?.marks.toLocaleString('en-US')} marks)`;
    console.log(`  first draw (median of ${opens}, ${version})`);
    console.log(`  ${row(`${heavyEvents.toLocaleString('en-US')} events:`.padEnd(16), runs)}`);
    console.log(`  ${row('floor, ordinary user:'.padEnd(16), floors)}`);
    const first = median(runs.map((x) => x.draw));
    console.log(`             goal: drawn within 300 ms of the data → ${first < 300 ? 'met' : 'NOT met'} (${ms(first)}, ${(first / median(floors.map((x) => x.draw))).toFixed(1)}x the floor)`);

    await page.getByRole('region', { name: 'Authentication sequence' }).focus();
    const stepping = await keyLatencies(page, ['ArrowRight', 'ArrowRight', 'ArrowLeft'], steps);
    const floor = await keyLatencies(page, ['F13'], steps);
    console.log(`  steps (${steps} presses of ← / →, key to next frame)  ${spread(stepping)}`);
    console.log(`        floor (a key the screen ignores)              ${spread(floor)}`);
    console.log(`        p95 ratio to the floor ${(quantile([...stepping].sort((a, b) => a - b), 0.95) / quantile([...floor].sort((a, b) => a - b), 0.95)).toFixed(2)}x`);
  } finally {
    await context.close();
    server.stop();
    rmSync(join(dir, `draw-chromium-${process.pid}`), { recursive: true, force: true });
  }
}

await main();
