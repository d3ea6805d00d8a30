// Runs the compiled benchmarks (dist/test/bench/*.bench.js); `npm run bench` builds first.
// Usage: node test/bench/run.mjs [import|detect|draw|search] [--mb N] [--events N] [--attack-rounds N] [--reuse] [--user-events N] [--steps N]
//   import: --mb N MiB per generated input (default 500)
//   detect: --events N (default 2,000,000), --attack-rounds N every attack kind planted N times (default 1),
//           --reuse keeps an earlier bench case of at least N events
//   draw: --user-events N events of the drawn user (default 100,000), --steps N key presses (default 300)
//   search: --events N (default 1,000,000)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const names = ['import', 'detect', 'draw', 'search'];
const chosen = names.filter((n) => process.argv.includes(n));
const args = process.argv.slice(2).filter((a) => !names.includes(a));
for (const name of chosen.length > 0 ? chosen : names) {
  const bench = fileURLToPath(new URL(`../../dist/test/bench/${name}.bench.js`, import.meta.url));
  if (!existsSync(bench)) {
    console.error('the benchmark is not built: run "npm run build" first');
    process.exit(1);
  }
  const result = spawnSync(process.execPath, [bench, ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
