/**
 * What an operator does by accident: cases on read-only files and folders, two processes creating
 * the same case at once. Read commands work; write commands say which file and why; creation is
 * race-free. When the tests run as root (who may write anything) the
 * commands run as an unprivileged user, so the permissions are really enforced.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { oktaEvent } from '../../unit/ingest-pipeline/samples.js';
import { CLI } from '../../support/serve.js';
import { tempDir } from '../../support/temp.js';

const NOBODY = 65534;
const asOther = typeof process.getuid === 'function' && process.getuid() === 0 ? { uid: NOBODY, gid: NOBODY } : {};

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', ...asOther });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function evidence(dir: string): string {
  const path = join(dir, 'okta.ndjson');
  writeFileSync(path, Array.from({ length: 40 }, (_, i) => JSON.stringify(oktaEvent(i))).join('\n'));
  return path;
}

test('write commands on a read-only case or in a read-only folder say which file and why; read commands still read it', (t) => {
  const dir = tempDir(t);
  const casePath = join(dir, 'case.pushtrail');
  for (const args of [['import', casePath, evidence(dir)], ['detect', casePath]]) {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
  chmodSync(casePath, 0o444);
  chmodSync(dir, 0o777);
  try {
    const info = cli('info', casePath, '--json');
    assert.equal(info.code, 0, info.stderr);
    assert.equal((JSON.parse(info.stdout) as { counts: { events: number } }).counts.events, 40);
    const detect = cli('detect', casePath);
    assert.equal(detect.code, 1, detect.stderr);
    assert.match(detect.stderr, new RegExp(`${casePath.replaceAll('/', '\\/')} is read-only \\(its permissions do not let this user write it\\)`));
    chmodSync(casePath, 0o666);
    chmodSync(dir, 0o555);
    const imported = cli('import', casePath, join(dir, 'okta.ndjson'));
    assert.equal(imported.code, 1, imported.stderr);
    assert.match(imported.stderr, /the folder .* is read-only: writing case\.pushtrail needs its journal \(case\.pushtrail-wal\) beside it/);
  } finally {
    chmodSync(dir, 0o755);
  }
});

test('a case in a read-only folder without its -wal and -shm is read in place: info, users, verify and a report to elsewhere work, and nothing is created beside it', (t) => {
  const dir = tempDir(t);
  chmodSync(dir, 0o755);
  const folder = join(dir, 'write-blocked');
  mkdirSync(folder);
  const casePath = join(folder, 'case.pushtrail');
  for (const args of [['import', casePath, evidence(dir)], ['detect', casePath]]) {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
  const owner = JSON.parse(spawnSync(process.execPath, [CLI, 'verify', casePath, '--no-detection', '--json'], { encoding: 'utf8' }).stdout) as { keys: { fingerprint: string }[] };
  // The case alone is copied onto write-blocked media: the last writer left nothing in its -wal.
  assert.ok(!existsSync(`${casePath}-wal`) || statSync(`${casePath}-wal`).size === 0, 'the last writer leaves the case whole');
  for (const suffix of ['-wal', '-shm']) rmSync(`${casePath}${suffix}`, { force: true });
  // The reading user has an installation (and key) of its own; the case's key is trusted by fingerprint.
  const config = join(dir, 'reader-config');
  mkdirSync(config);
  if (asOther.uid !== undefined) chownSync(config, asOther.uid, asOther.gid);
  const reports = join(dir, 'reports');
  mkdirSync(reports, { mode: 0o777 });
  chmodSync(reports, 0o777);
  chmodSync(casePath, 0o444);
  chmodSync(folder, 0o555);
  const reader = (...args: string[]): ReturnType<typeof cli> => {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', ...asOther, env: { ...process.env, PUSHTRAIL_CONFIG_DIR: config } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  try {
    const info = reader('info', casePath, '--json');
    assert.equal(info.code, 0, info.stderr);
    assert.equal((JSON.parse(info.stdout) as { counts: { events: number } }).counts.events, 40);
    const users = reader('users', casePath);
    assert.equal(users.code, 0, users.stderr);
    assert.match(users.stdout, /user0@example\.com/);
    const trust = owner.keys.flatMap((k) => ['--trust', k.fingerprint]);
    const verify = reader('verify', casePath, '--no-detection', '--json', ...trust);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    assert.equal((JSON.parse(verify.stdout) as { content: { matches: boolean } }).content.matches, true);
    const report = reader('report', casePath, '--out', join(reports, 'case.json'));
    assert.equal(report.code, 0, report.stderr);
    assert.match(report.stdout, /Wrote JSON report/);
    assert.match(report.stdout, /not recorded in the case's custody log, which cannot be written \(read-only file: /);
    assert.deepEqual(readdirSync(folder), ['case.pushtrail'], 'no -wal, -shm or journal was created');
  } finally {
    chmodSync(folder, 0o755);
  }
});

test('seven processes creating the same case at once: one creates it, the others open it, none fails', async (t) => {
  const dir = tempDir(t);
  const casePath = join(dir, 'race.pushtrail');
  const script = `const { CaseStore } = await import(${JSON.stringify(new URL('../../../electron/store/case-store.js', import.meta.url).href)});
const s = CaseStore.createOrOpen(process.argv[1], { name: 'race', analyst: 'a' }, 'racer'); process.stdout.write(s.meta().caseId); s.close();`;
  const runs = await Promise.all(
    Array.from({ length: 7 }, () =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script, casePath], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => done({ code, stdout, stderr }));
      }),
    ),
  );
  for (const r of runs) assert.equal(r.code, 0, r.stderr);
  assert.equal(new Set(runs.map((r) => r.stdout)).size, 1, 'every process has the same case');
  assert.deepEqual(readdirSync(dir).filter((n) => n.includes('.creating')), [], 'no staging file is left');
  const verify = spawnSync(process.execPath, [CLI, 'verify', casePath, '--no-detection', '--json'], { encoding: 'utf8' });
  assert.equal(verify.status, 0, verify.stdout + verify.stderr);
});
