/**
 * Archives under limits: a few KB of nested zips that declare gigabytes stop at once with an
 * error naming each member over the limit while the good member beside them imports; raising
 * the limit lets more through; temporary copies are made beside the case and what a killed
 * import (kill -9) left there is gone at the case's next open.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { zipSync } from 'fflate';
import { oktaEvent } from '../../unit/ingest-pipeline/samples.js';
import { CLI } from '../../support/serve.js';
import { tempDir } from '../../support/temp.js';
import { importPaths, newCase } from './helpers.js';

const LEAF_BYTES = 96 * 1024 * 1024;

/** 8 x 8 leaves of 96 MiB of zeros each (6 GiB) in nested zips of a few hundred KB, beside 5 good records. */
function nestedBomb(dir: string): { path: string; size: number } {
  const leaf = zipSync({ 'zeros.ndjson': new Uint8Array(LEAF_BYTES) }, { level: 9 });
  const inner = zipSync(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`leaf-${i}.zip`, leaf])), { level: 9 });
  const good = new TextEncoder().encode(Array.from({ length: 5 }, (_, i) => JSON.stringify(oktaEvent(i))).join('\n'));
  const outer = zipSync({ ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`inner-${i}.zip`, inner])), 'good/okta.ndjson': good }, { level: 9 });
  const path = join(dir, 'bomb.zip');
  writeFileSync(path, outer);
  return { path, size: outer.length };
}

test('a nested zip bomb stops quickly at the ratio limit, naming each member over it; the good member imports', async (t) => {
  const dir = tempDir(t);
  const bomb = nestedBomb(dir);
  t.diagnostic(`bomb: ${bomb.size} bytes stored, ${8 * 8 * LEAF_BYTES} bytes expanded`);
  const casePath = newCase(t, dir);
  const started = Date.now();
  const report = await importPaths(casePath, [bomb.path]);
  const took = Date.now() - started;
  t.diagnostic(`stopped in ${took} ms`);
  assert.ok(took < 60_000, `took ${took} ms`);
  const leaves = report.files.filter((f) => f.path.endsWith('zeros.ndjson'));
  assert.equal(leaves.length, 64, 'every leaf is named');
  assert.ok(leaves.length > 0);
  // What fits in 2,000 times the bomb's size (the first leaf) is read: zeros, not a log.
  const refused = leaves.filter((f) => f.status === 'unreadable');
  assert.ok(refused.length >= 62, `${refused.length} leaves refused`);
  assert.ok(leaves.every((f) => f.status === 'unreadable' || f.status === 'unrecognised'));
  for (const f of refused) {
    assert.match(f.reason ?? '', /not read: it would expand the evidence file to [\d,]+ bytes, more than 2,000 times the [\d,]+ bytes of the evidence file \(a decompression bomb\?\); --max-ratio raises the limit/);
  }
  const good = report.files.find((f) => f.path === 'good/okta.ndjson');
  assert.equal(good?.status, 'imported');
  assert.equal(good?.events, 5);
  assert.deepEqual(readdirSync(dir).filter((n) => n.includes('scratch')), [], 'no temporary space is left beside the case');

  // With a limit raised past the bomb's declared size, the first leaves are read.
  const raised = await importPaths(newCase(t), [bomb.path], { expansion: { maxRatio: 1_000_000, maxExpandedBytes: 2 * LEAF_BYTES + 16 * 1024 * 1024 } });
  const read = raised.files.filter((f) => f.path.endsWith('zeros.ndjson'));
  assert.ok(read.length >= 2, JSON.stringify(raised.files.map((f) => [f.path, f.status, f.reason])));
  assert.ok(raised.files.some((f) => /more than [\d,]+ bytes expanded from one evidence file; --max-expanded raises the limit/.test(f.reason ?? '')));
});

test('an import killed (kill -9) while copying a nested archive leaves its copy beside the case, and the next open clears it', async (t) => {
  const dir = tempDir(t);
  const casePath = newCase(t, dir);
  // Stored (not compressible) so that the copy takes a moment to write.
  const inner = zipSync({ 'noise.bin': randomBytes(160 * 1024 * 1024) }, { level: 0 });
  const outerPath = join(dir, 'transfer.zip');
  writeFileSync(outerPath, zipSync({ 'export.zip': inner }, { level: 0 }));
  const scratch = join(dir, '.case.pushtrail.scratch');
  const child = spawn(process.execPath, [CLI, 'import', casePath, outerPath], { stdio: 'ignore' });
  const deadline = Date.now() + 120_000;
  while (!(existsSync(scratch) && readdirSync(scratch).length > 0) && Date.now() < deadline && child.exitCode === null) await sleep(5);
  assert.ok(existsSync(scratch), 'the copy is made beside the case');
  child.kill('SIGKILL');
  await new Promise((done) => child.once('exit', done));
  assert.ok(readdirSync(scratch).length > 0, 'the killed import left its copy');

  const good = join(dir, 'okta.ndjson');
  writeFileSync(good, JSON.stringify(oktaEvent(1)));
  const next = spawnSync(process.execPath, [CLI, 'import', casePath, good], { encoding: 'utf8' });
  assert.equal(next.status, 0, next.stderr);
  assert.ok(!existsSync(scratch), 'the next open cleared what the killed import left');
});
