// Runs the compiled import benchmark (dist/test/bench/import.bench.js); `npm run bench` builds first.
// Usage: node test/bench/run.mjs [--mb N]   (N MiB per generated input; default 500)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bench = fileURLToPath(new URL('../../dist/test/bench/import.bench.js', import.meta.url));
if (!existsSync(bench)) {
  console.error('the benchmark is not built: run "npm run build" first');
  process.exit(1);
}
const result = spawnSync(process.execPath, [bench, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
