// One checkout, two runtimes (issue 15): Node keeps the binding npm installed, Electron loads its
// own build from .native/ through better-sqlite3's nativeBinding option. Electron cannot run here,
// so the choice is tested as a function of the runtime, and the loading by pointing a Node
// process at a copy of Node's own binding.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BINDING_ENV, electronBindingFile, nativeBindingFor, type Runtime } from '../../../electron/store/sqlite-open.js';
import { tempDir } from '../../support/temp.js';

const root = '/checkout/';
const base: Runtime = { electronVersion: undefined, env: {}, platform: 'linux', arch: 'x64', root, exists: () => true };
const electronBuild = electronBindingFile(root, '45.3.4', 'linux', 'x64');

test('Node keeps the default binding; Electron takes the checkout build when there is one', () => {
  assert.equal(nativeBindingFor(base), undefined);
  assert.equal(electronBuild, '/checkout/.native/better-sqlite3-electron-45.3.4-linux-x64.node');
  assert.equal(nativeBindingFor({ ...base, electronVersion: '45.3.4', exists: (p) => p === electronBuild }), electronBuild);
  // Packaged app: electron-builder rebuilt its own node_modules, there is no .native/.
  assert.equal(nativeBindingFor({ ...base, electronVersion: '45.3.4', exists: () => false }), undefined);
  // Another Electron version's build is not taken for this one.
  assert.equal(nativeBindingFor({ ...base, electronVersion: '46.0.0', exists: (p) => p === electronBuild }), undefined);
});

test('an explicit binding wins in either runtime', () => {
  const env = { [BINDING_ENV]: '/elsewhere/better_sqlite3.node' };
  assert.equal(nativeBindingFor({ ...base, env }), '/elsewhere/better_sqlite3.node');
  assert.equal(nativeBindingFor({ ...base, env, electronVersion: '45.3.4' }), '/elsewhere/better_sqlite3.node');
  assert.equal(nativeBindingFor({ ...base, env: { [BINDING_ENV]: '' } }), undefined);
});

const openScript = `
import { createRequire } from 'node:module';
import { openDatabase } from ${JSON.stringify(fileURLToPath(new URL('../../../electron/store/sqlite-open.js', import.meta.url)))};
const db = openDatabase(':memory:');
const row = db.prepare('SELECT sqlite_version() AS v').get();
db.close();
const natives = Object.keys(createRequire(import.meta.url).cache).filter((k) => k.endsWith('.node'));
process.stdout.write(JSON.stringify({ version: row.v, natives }));
`;

function openIn(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['--input-type=module', '-e', openScript], { encoding: 'utf8', env: { ...process.env, ...env } });
}

test('connections load the binding they are given, and a missing one fails instead of falling back', (t) => {
  const installed = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
  const copy = join(tempDir(t), 'better_sqlite3.node');
  copyFileSync(installed, copy);

  const given = openIn({ [BINDING_ENV]: copy });
  assert.equal(given.status, 0, given.stderr);
  const loaded = JSON.parse(given.stdout) as { version: string; natives: string[] };
  assert.match(loaded.version, /^3\.\d+\.\d+$/);
  assert.deepEqual(loaded.natives, [copy]);

  const plain = openIn({ [BINDING_ENV]: '' });
  assert.equal(plain.status, 0, plain.stderr);
  assert.deepEqual((JSON.parse(plain.stdout) as { natives: string[] }).natives, [installed]);

  const missing = openIn({ [BINDING_ENV]: join(tempDir(t), 'absent.node') });
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /absent\.node/);
});
