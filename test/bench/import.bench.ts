/**
 * Import benchmark: `npm run bench [-- --mb N]`. For a generated Okta NDJSON file and a
 * generated Entra Graph JSON export it measures
 * - the floor: streaming the file and JSON.parse of every record, nothing else;
 * - the import (parse thread + writer thread) of the file into a fresh case, as the CLI's
 *   `pushtrail import` runs it and as the app's session runs it (`import/start`): both have
 *   the case to itself, and a large file is written with a rollback journal;
 * - the app's import of the same file into a case that already holds evidence: its session
 *   keeps reading the case meanwhile, so the file goes through the WAL;
 * and prints events/s for each, their ratio, peak RSS and case-file bytes per million events.
 * Each measurement runs in its own process so peak RSS is its own. Prints figures only; the
 * tests never assert timings.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createReader } from '../../electron/ingest/containers/index.js';
import type { ContainerKind } from '../../electron/ingest/containers/types.js';
import { decodeText } from '../../electron/ingest/source/decode.js';
import type { JobFinished } from '../../shared/api/contract.js';
import type { ImportReport, JobProgress } from '../../shared/api/jobs.js';
import { createDispatch } from '../../electron/api/dispatch.js';
import { Session } from '../../electron/api/session.js';
import { startJob } from '../../electron/jobs/runner.js';
import { CaseStore } from '../../electron/store/case-store.js';
import { REPO_ROOT } from '../support/corpus.js';
import { generateEntra, generateOkta } from './generate.js';
import { loadAverage } from './load.js';

interface Measured {
  records: number;
  seconds: number;
  /** Import only: seconds from the first batch written to the last, before the commit. */
  streamingSeconds?: number;
  /** Import only: records read during that stretch. */
  streamingRecords?: number;
  peakRssMiB: number;
  caseBytes?: number;
  rejected?: number;
  duplicates?: number;
}

const MiB = 1024 * 1024;

function peakRssMiB(): number {
  // resourceUsage().maxRSS is in KiB and covers every thread of the process.
  return process.resourceUsage().maxRSS / 1024;
}

async function floor(file: string, container: ContainerKind): Promise<Measured> {
  const start = process.hrtime.bigint();
  let records = 0;
  const reader = createReader(container, { record: () => (records += 1), issue: () => undefined }, { maxRecordChars: MiB });
  // The import's own decoder: the floor must not pay for a slower one than the import uses.
  for await (const text of decodeText(createReadStream(file, { highWaterMark: MiB }))) reader.push(text);
  reader.end();
  return { records, seconds: Number(process.hrtime.bigint() - start) / 1e9, peakRssMiB: peakRssMiB() };
}

/** Follows `importing` progress, for the streaming rate. */
class StreamWatch {
  private first = 0;
  private last = 0;
  private firstRecords = 0;
  private lastRecords = 0;

  readonly onProgress = (p: JobProgress): void => {
    if (p.phase !== 'importing') return;
    const now = performance.now();
    if (this.first === 0) {
      this.first = now;
      this.firstRecords = p.records ?? 0;
    }
    this.last = now;
    this.lastRecords = p.records ?? 0;
  };

  measured(report: ImportReport, seconds: number, casePath: string): Measured {
    const t = report.totals;
    const caseBytes = statSync(casePath).size + (existsSync(`${casePath}-wal`) ? statSync(`${casePath}-wal`).size : 0);
    return {
      records: t.events,
      seconds,
      streamingSeconds: (this.last - this.first) / 1000,
      streamingRecords: this.lastRecords - this.firstRecords,
      peakRssMiB: peakRssMiB(),
      caseBytes,
      rejected: t.rejected,
      duplicates: t.duplicates,
    };
  }
}

function freshCase(casePath: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(casePath + suffix, { force: true });
}

/** The CLI's import job, with the case to itself. */
async function cliImport(file: string, casePath: string): Promise<Measured> {
  freshCase(casePath);
  CaseStore.create(casePath, { name: 'bench', analyst: 'bench' }, 'bench').close();
  const watch = new StreamWatch();
  const start = process.hrtime.bigint();
  const outcome = await startJob('import', { casePath, actor: 'bench', paths: [file], exclusive: true }, watch.onProgress).result;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (!outcome.ok) throw new Error(`import failed: ${outcome.error.message}`);
  return watch.measured(outcome.value, seconds, casePath);
}

/**
 * The app's import: `import/start` through a session, timed until the job is announced
 * finished. `seed` is imported first and waited for (with the indexing it starts), so that
 * the measured import goes into a case that already holds evidence.
 */
async function appImport(file: string, casePath: string, seed: string | null): Promise<Measured> {
  freshCase(casePath);
  const session = new Session('direct', 'bench');
  const dispatch = createDispatch(session);
  let watch = new StreamWatch();
  let ended: (finished: JobFinished) => void = () => undefined;
  session.subscribe((event, payload) => {
    if (event === 'job/progress') watch.onProgress(payload as JobProgress);
    if (event === 'job/finished' && (payload as JobFinished).kind === 'import') ended(payload as JobFinished);
  });
  const importing = async (path: string): Promise<ImportReport> => {
    const finished = new Promise<JobFinished>((resolve) => (ended = resolve));
    const started = await dispatch('import/start', { paths: [path] });
    if (!started.ok) throw new Error(`import/start failed: ${started.error.message}`);
    const done = await finished;
    if (done.kind !== 'import' || !done.outcome.ok) throw new Error(`import failed: ${done.outcome.ok ? done.kind : done.outcome.error.message}`);
    return done.outcome.value;
  };
  try {
    const created = await dispatch('case/create', { path: casePath, name: 'bench', analyst: 'bench' });
    if (!created.ok) throw new Error(`case/create failed: ${created.error.message}`);
    if (seed !== null) {
      await importing(seed);
      while (session.jobs.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      watch = new StreamWatch();
    }
    const start = process.hrtime.bigint();
    const report = await importing(file);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return watch.measured(report, seconds, casePath);
  } finally {
    session.close();
  }
}

/** Run one measurement in a fresh process and read its JSON answer. */
function measure(args: string[]): Measured {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', maxBuffer: 16 * MiB });
  if (r.status !== 0) throw new Error(`benchmark step ${args.join(' ')} failed:\n${r.stderr}`);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as Measured;
}

function rate(m: Measured): number {
  return m.records / m.seconds;
}

async function orchestrate(argv: string[]): Promise<void> {
  const mbArg = argv.indexOf('--mb');
  const mb = mbArg >= 0 ? Number(argv[mbArg + 1]) : 500;
  if (!Number.isFinite(mb) || mb <= 0) throw new Error('--mb takes a size in MiB');
  const dir = join(REPO_ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  // The evidence already in the case for the third measurement: a few hundred Okta records.
  const seed = join(dir, 'seed-okta.ndjson');
  if (!existsSync(seed)) await generateOkta(seed, 256 * 1024);
  const inputs: { name: string; file: string; container: ContainerKind; make: (p: string, bytes: number) => Promise<number> }[] = [
    { name: 'Okta NDJSON', file: join(dir, `okta-${mb}mb.ndjson`), container: 'ndjson', make: generateOkta },
    { name: 'Entra Graph JSON', file: join(dir, `entra-${mb}mb.json`), container: 'json', make: generateEntra },
  ];
  console.log(`PushTrail import benchmark: ${mb} MiB per input, ${process.version}, ${process.arch}`);
  for (const input of inputs) {
    if (!existsSync(input.file)) {
      process.stdout.write(`generating ${input.file} ... `);
      const n = await input.make(input.file, mb * MiB);
      console.log(`${n.toLocaleString('en-US')} records`);
    }
    const size = statSync(input.file).size;
    const loadBefore = loadAverage();
    const f = measure(['floor', input.file, input.container]);
    const cli = measure(['import', input.file, join(dir, 'bench.pushtrail'), 'cli']);
    const app = measure(['import', input.file, join(dir, 'bench.pushtrail'), 'app']);
    const later = measure(['import', input.file, join(dir, 'bench.pushtrail'), 'app', seed]);
    console.log(`\n${input.name}: ${(size / MiB).toFixed(0)} MiB, ${f.records.toLocaleString('en-US')} records`);
    // Other work on the machine slows the two-thread import more than the one-thread floor.
    console.log(`  ${loadBefore} before, ${loadAverage()} after`);
    console.log(`  floor   ${Math.round(rate(f)).toLocaleString('en-US').padStart(9)} events/s  ${f.seconds.toFixed(1)} s  peak RSS ${f.peakRssMiB.toFixed(0)} MiB`);
    for (const [name, i] of [
      ['CLI, new case', cli],
      ['app, new case', app],
      ['app, case with evidence', later],
    ] as const) {
      console.log(`  import (${name}) ${Math.round(rate(i)).toLocaleString('en-US').padStart(9)} events/s  ${i.seconds.toFixed(1)} s  peak RSS ${i.peakRssMiB.toFixed(0)} MiB`);
      console.log(`    ratio   ${(rate(i) / rate(f)).toFixed(2)}x of the floor (goal >= 0.5x), whole job: hashing, parsing, indexing, commit and checkpoint`);
      if ((i.streamingSeconds ?? 0) > 0) {
        const streaming = (i.streamingRecords ?? 0) / (i.streamingSeconds ?? 1);
        console.log(`    stream  ${Math.round(streaming).toLocaleString('en-US').padStart(9)} events/s  while both threads parse and write (${(streaming / rate(f)).toFixed(2)}x of the floor)`);
      }
    }
    const perMillion = ((cli.caseBytes ?? 0) / Math.max(1, cli.records)) * 1e6;
    console.log(`  case    ${(perMillion / MiB).toFixed(0)} MiB per million events (${((cli.caseBytes ?? 0) / MiB).toFixed(0)} MiB for ${cli.records.toLocaleString('en-US')} events; input ${((size / Math.max(1, f.records)) * 1e6 / MiB).toFixed(0)} MiB per million)`);
  }
  freshCase(join(dir, 'bench.pushtrail'));
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'floor') {
  console.log(JSON.stringify(await floor(rest[0] ?? '', (rest[1] ?? 'ndjson') as ContainerKind)));
} else if (mode === 'import') {
  const [file = '', casePath = '', how = 'cli', seed] = rest;
  console.log(JSON.stringify(how === 'cli' ? await cliImport(file, casePath) : await appImport(file, casePath, seed ?? null)));
} else {
  await orchestrate(process.argv.slice(2));
}
