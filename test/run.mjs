// Runs the compiled tests (dist/test/**/*.test.js) with node's test runner.
// Usage: node test/run.mjs [unit|integration|e2e ...]  (default: all tiers)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
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
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
