import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { CaseStore } from '../../../electron/store/case-store.js';
import { CLI } from '../../support/serve.js';
import { tempDir } from '../../support/temp.js';

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('pushtrail --help lists the commands and exits 0', () => {
  const r = run('--help');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /pushtrail serve \[<case>\]/);
  assert.match(r.stdout, /pushtrail info <case>/);
});

test('unknown commands and missing arguments fail on stderr with a non-zero code', () => {
  const unknown = run('frobnicate');
  assert.notEqual(unknown.code, 0);
  assert.equal(unknown.stdout, '');
  assert.match(unknown.stderr, /unknown command "frobnicate"/);
  const missing = run('info');
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /usage: pushtrail info/);
});

test('pushtrail info shows a case and its custody log; --json is machine-readable', (t) => {
  const path = join(tempDir(t), 'info.pushtrail');
  CaseStore.create(path, { name: 'Info case', analyst: 'Ana', displayTimeZone: 'Europe/London' }, 'cli-test').close();
  const text = run('info', path);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /Case\s+Info case/);
  assert.match(text.stdout, /Time zone\s+Europe\/London/);
  assert.match(text.stdout, /#1 .* UTC {2}cli-test {2}case\/create/);

  const json = run('info', path, '--json');
  assert.equal(json.code, 0, json.stderr);
  const parsed = JSON.parse(json.stdout) as { meta: { name: string }; custody: { action: string }[]; counts: { events: number } };
  assert.equal(parsed.meta.name, 'Info case');
  assert.equal(parsed.custody[0]?.action, 'case/create');
  assert.equal(parsed.counts.events, 0);
});

test('pushtrail info on a missing case fails; --json puts the error object on stderr', (t) => {
  const path = join(tempDir(t), 'absent.pushtrail');
  const r = run('info', path, '--json');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  const parsed = JSON.parse(r.stderr) as { error: { kind: string; message: string } };
  assert.equal(parsed.error.kind, 'not_found');
  assert.match(parsed.error.message, /absent\.pushtrail/);
});
