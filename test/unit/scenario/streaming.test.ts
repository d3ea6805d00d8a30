/**
 * The big-bundle mode streams: 200k+ records are generated in a child process whose V8 heap is
 * capped far below what holding them would need (~2 kB of JSON per Okta record), and its RSS
 * stays modest. A sanity bound on memory, not a timing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { tempDir } from '../../support/temp.js';

const HEAP_CAP_MB = 128;

test('200k records are written with a 128 MB heap and modest RSS', (t) => {
  const here = fileURLToPath(import.meta.url);
  // Run as compiled JavaScript (npm test) or as TypeScript under tsx (the execArgv carry its loader).
  const child = here.replace(/streaming\.test\.(ts|js)$/, 'stream-child.$1');
  const run = spawnSync(process.execPath, [...process.execArgv, `--max-old-space-size=${HEAP_CAP_MB}`, child, tempDir(t), '1500', '30'], {
    encoding: 'utf8',
    timeout: 240_000,
  });
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { records: number; rss: number; heapUsed: number };
  assert.ok(report.records >= 200_000, `${report.records} records`);
  assert.ok(report.rss < 600 * 1024 * 1024, `rss ${Math.round(report.rss / 1048576)} MB`);
});
