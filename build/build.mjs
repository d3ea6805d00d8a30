// Builds everything PushTrail runs: tsc for shared/electron/test, the sandboxed preload bundle,
// and the renderer with Vite. Output goes to dist/.
import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
/** @param {string} name */
const step = (name) => process.stderr.write(`build: ${name}\n`);

step('tsc -b (shared, electron, test)');
execFileSync(process.execPath, [fileURLToPath(import.meta.resolve('typescript/bin/tsc')), '-b', 'tsconfig.json'], {
  cwd: root,
  stdio: 'inherit',
});
chmodSync(`${root}/dist/electron/cli/main.js`, 0o755);

step('preload bundle');
await esbuild({
  entryPoints: [`${root}/electron/app/preload.ts`],
  outfile: `${root}/dist/electron/app/preload.cjs`,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  external: ['electron'],
  target: 'node20',
  logLevel: 'warning',
});

step('renderer (vite)');
await viteBuild({ configFile: `${root}/build/vite.config.ts`, logLevel: 'warn' });
