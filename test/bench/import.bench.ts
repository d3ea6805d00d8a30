/**
 * Import benchmark: `npm run bench [-- --mb N]`. For a generated Okta NDJSON file and a
 * generated Entra Graph JSON export it measures
 * - the floor: streaming the file and JSON.parse of every record, nothing else;
 * - the import: `pushtrail import`'s job into a fresh case (parse thread + writer thread), as
 *   the CLI runs it (the case to itself: a large file is written with a rollback journal) and
 *   as the app runs it (its session has the case open: the file goes through the WAL);
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
import { decodeText } from '../../electron/ingest/decode.js';
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

async function runImport(file: string, casePath: string, exclusive: boolean): Promise<Measured> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(casePath + suffix, { force: true });
  CaseStore.create(casePath, { name: 'bench', analyst: 'bench' }, 'bench').close();
  const start = process.hrtime.bigint();
  const stream = { first: 0, last: 0, firstRecords: 0, lastRecords: 0 };
  const outcome = await startJob('import', { casePath, actor: 'bench', paths: [file], exclusive }, (p) => {
    if (p.phase !== 'importing') return;
    const now = performance.now();
    if (stream.first === 0) {
      stream.first = now;
      stream.firstRecords = p.records ?? 0;
    }
    stream.last = now;
    stream.lastRecords = p.records ?? 0;
  }).result;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (!outcome.ok) throw new Error(`import failed: ${outcome.error.message}`);
  const t = outcome.value.totals;
  const caseBytes = statSync(casePath).size + (existsSync(`${casePath}-wal`) ? statSync(`${casePath}-wal`).size : 0);
  return {
    records: t.events,
    seconds,
    streamingSeconds: (stream.last - stream.first) / 1000,
    streamingRecords: stream.lastRecords - stream.firstRecords,
    peakRssMiB: peakRssMiB(),
    caseBytes,
    rejected: t.rejected,
    duplicates: t.duplicates,
  };
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
    console.log(`\n${input.name}: ${(size / MiB).toFixed(0)} MiB, ${f.records.toLocaleString('en-US')} records`);
    // Other work on the machine slows the two-thread import more than the one-thread floor.
    console.log(`  ${loadBefore} before, ${loadAverage()} after`);
    console.log(`  floor   ${Math.round(rate(f)).toLocaleString('en-US').padStart(9)} events/s  ${f.seconds.toFixed(1)} s  peak RSS ${f.peakRssMiB.toFixed(0)} MiB`);
    for (const [name, i] of [['CLI', cli], ['app', app]] as const) {
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
  rmSync(join(dir, 'bench.pushtrail'), { force: true });
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'floor') {
  console.log(JSON.stringify(await floor(rest[0] ?? '', (rest[1] ?? 'ndjson') as ContainerKind)));
} else if (mode === 'import') {
  console.log(JSON.stringify(await runImport(rest[0] ?? '', rest[1] ?? '', rest[2] === 'cli')));
} else {
  await orchestrate(process.argv.slice(2));
}
