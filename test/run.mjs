// Runs the compiled tests (dist/test/**/*.test.js) with node's test runner.
// Usage: node test/run.mjs [unit|integration|e2e ...]  (default: all tiers)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tiers = process.argv.length > 2 ? process.argv.slice(2) : ['unit', 'integration', 'e2e'];

/** @param {string} dir @returns {string[]} */
function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.js'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const files = tiers.flatMap((tier) => testFiles(join(root, 'dist', 'test', tier)));
if (files.length === 0) {
  console.error(`no compiled tests found for ${tiers.join(', ')}: run "npm run build" first`);
  process.exit(1);
}
// Custody entries are signed with the analyst's key (electron/integrity/analyst-key.ts): the tests
// get one of their own, never the key of the person running them.
const configDir = process.env.PUSHTRAIL_CONFIG_DIR ?? mkdtempSync(join(tmpdir(), 'pushtrail-test-config-'));
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PUSHTRAIL_CONFIG_DIR: configDir },
});
if (process.env.PUSHTRAIL_CONFIG_DIR === undefined) rmSync(configDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
