/**
 * Search benchmark: `npm run bench -- search`. Builds a case of at least 1 million events with
 * their verbatim records (a generated organisation imported for real, then its events and
 * records cloned in SQL), then measures in the same process:
 * - the floor: a bare read of every verbatim record (what any index build must at least do);
 * - the indexing job in its worker over the whole case, and its ratio to the floor;
 * - catching up after new evidence (only the new records are indexed);
 * - query latencies through the store: full text (rare and common words), filters, deep pages,
 *   and the context window around one event.
 * Figures only, no assertions.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startJob } from '../../electron/jobs/runner.js';
import { CaseStore } from '../../electron/store/case-store.js';
import { EVENT_COLUMNS } from '../../electron/store/event-row.js';
import { entriesAround, searchEntries } from '../../electron/store/search.js';
import { generateBundle } from '../../electron/scenario/bundle.js';
import type { SearchFilters } from '../../shared/api/search.js';
import { REPO_ROOT } from '../support/corpus.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const target = arg('--events', 1_000_000);

async function buildCase(dir: string): Promise<{ casePath: string; late: string[] }> {
  const bundleDir = join(dir, 'search-seed-bundle');
  rmSync(bundleDir, { recursive: true, force: true });
  const bundle = generateBundle({ seed: 'search-bench', users: 300, days: 21, start: '2025-04-07', outDir: bundleDir });
  const lateDir = join(dir, 'search-late-bundle');
  rmSync(lateDir, { recursive: true, force: true });
  const late = generateBundle({ seed: 'search-bench-late', users: 20, days: 7, start: '2025-05-01', outDir: lateDir });
  const casePath = join(dir, 'search-bench.pushtrail');
  for (const s of ['', '-wal', '-shm']) rmSync(casePath + s, { force: true });
  CaseStore.create(casePath, { name: 'search bench', analyst: 'bench' }, 'bench').close();
  const imported = await startJob('import', { casePath, actor: 'bench', paths: bundle.files }).result;
  if (!imported.ok) throw new Error(imported.error.message);

  // Benchmark data only: clone the imported events and their records under new names. Ids of
  // a fresh import are 1..base, so copy k's ids are the originals plus k × base.
  const store = CaseStore.open(casePath, 'bench');
  const cols = EVENT_COLUMNS.filter((c) => c !== 'user' && c !== 'time' && c !== 'dedup_key' && c !== 'raw');
  const base = (store.db.prepare('SELECT max(id) AS n FROM events').get() as { n: number }).n;
  const cloneEvents = store.db.prepare(
    `INSERT INTO events (id, user, time, dedup_key, ${cols.join(', ')})
     SELECT id + ? * ?, user || '-' || ?, time + ? * 86400000, randomblob(16), ${cols.join(', ')} FROM events WHERE id <= ?`,
  );
  const cloneRaw = store.db.prepare('INSERT INTO event_raw (event_id, raw) SELECT event_id + ? * ?, raw FROM event_raw WHERE event_id <= ?');
  store.db.transaction(() => {
    const copies = Math.max(0, Math.ceil(target / base) - 1);
    for (let copy = 1; copy <= copies; copy++) {
      cloneEvents.run(copy, base, copy, copy % 7, base);
      cloneRaw.run(copy, base, base);
    }
  })();
  const n = (store.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  const bytes = (store.db.prepare('SELECT sum(length(raw)) AS n FROM event_raw').get() as { n: number }).n;
  store.close();
  console.log(`case: ${n.toLocaleString('en-US')} events, ${(bytes / 2 ** 20).toFixed(0)} MiB of records (${base.toLocaleString('en-US')} imported, the rest cloned)`);
  return { casePath, late: late.files };
}

function bareRead(casePath: string): { records: number; seconds: number } {
  const store = CaseStore.open(casePath, 'bench', { readOnly: true });
  const start = performance.now();
  let records = 0;
  let chars = 0;
  for (const row of store.db.prepare('SELECT raw FROM event_raw ORDER BY event_id').iterate() as IterableIterator<{ raw: string }>) {
    records++;
    chars += row.raw.length;
  }
  const seconds = (performance.now() - start) / 1000;
  store.close();
  if (chars === 0) throw new Error('no records read');
  return { records, seconds };
}

async function indexJob(casePath: string): Promise<{ added: number; seconds: number }> {
  const start = performance.now();
  const job = await startJob('search/index', { casePath, actor: 'bench' }).result;
  if (!job.ok) throw new Error(job.error.message);
  return { added: job.value.added, seconds: (performance.now() - start) / 1000 };
}

/** Median of five runs, in milliseconds. */
function timed(fn: () => number): { ms: number; n: number } {
  const times: number[] = [];
  let n = 0;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    n = fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[2] ?? 0, n };
}

async function main(): Promise<void> {
  const dir = join(REPO_ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  console.log(`PushTrail search benchmark: target ${target.toLocaleString('en-US')} events, ${process.version}`);
  const { casePath, late } = await buildCase(dir);
  const floor = bareRead(casePath);
  const built = await indexJob(casePath);
  const fmt = (x: number): string => Math.round(x).toLocaleString('en-US').padStart(10);
  const f = floor.records / floor.seconds;
  const b = built.added / built.seconds;
  console.log(`  floor (read every record)  ${fmt(f)} records/s  ${floor.seconds.toFixed(1)} s`);
  console.log(`  index job (worker, FTS5)   ${fmt(b)} records/s  ${built.seconds.toFixed(1)} s  ${built.added.toLocaleString('en-US')} records  ratio ${(b / f).toFixed(2)}x`);

  const imported = await startJob('import', { casePath, actor: 'bench', paths: late }).result;
  if (!imported.ok) throw new Error(imported.error.message);
  const caughtUp = await indexJob(casePath);
  console.log(`  catch-up after new evidence: ${caughtUp.added.toLocaleString('en-US')} new records indexed in ${caughtUp.seconds.toFixed(2)} s`);

  const store = CaseStore.open(casePath, 'bench', { readOnly: true });
  try {
    const db = store.db;
    const someone = (db.prepare('SELECT user FROM events WHERE user <> \'\' ORDER BY id LIMIT 1 OFFSET 5000').get() as { user: string }).user;
    const total = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const moment = (db.prepare('SELECT time FROM events ORDER BY time LIMIT 1 OFFSET ?').get(Math.floor(total / 3)) as { time: number }).time;
    const rareIp = (db.prepare('SELECT src_ip FROM events WHERE src_ip IS NOT NULL GROUP BY src_ip ORDER BY count(*) LIMIT 1').get() as { src_ip: string }).src_ip;
    const queries: [string, SearchFilters, number][] = [
      ['no filter, first page', {}, 0],
      ['no filter, page at offset 100,000', {}, 100_000],
      [`full text, rare address (${rareIp})`, { text: rareIp }, 0],
      ['full text, common word ("push"), first page', { text: 'push' }, 0],
      ['full text + outcome denied', { text: 'push', outcome: 'denied' }, 0],
      [`user exact (${someone})`, { user: someone }, 0],
      ['user prefix + factor push', { user: `${someone.slice(0, 3)}*`, factor: 'push' }, 0],
      ['country + outcome approved', { country: 'NL', outcome: 'approved' }, 0],
      ['time range (one hour)', { from: moment, to: moment + 3_600_000 }, 0],
    ];
    for (const [label, filters, offset] of queries) {
      const r = timed(() => searchEntries(db, filters, offset, 50).hits.length);
      console.log(`  ${label.padEnd(52)} ${r.ms.toFixed(1).padStart(8)} ms  (${r.n} hits on the page)`);
    }
    const around = timed(() => entriesAround(db, moment, 15, 400).entries.length);
    console.log(`  ${'context ±15 min, up to 400 events'.padEnd(52)} ${around.ms.toFixed(1).padStart(8)} ms  (${around.n} events)`);
  } finally {
    store.close();
  }
  console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (this process; the job's worker thread included)`);
}

await main();
