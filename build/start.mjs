// `npm start`: the desktop app where Electron can run; otherwise (no display, or the Electron
// binary cannot be downloaded, as on air-gapped analysis machines) the same UI in local web mode.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const caseArgs = process.argv.slice(2);

/** @returns {string | null} the Electron executable, downloading it on first use, or null. */
function electronBinary() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return null;
  try {
    return require('electron');
  } catch (err) {
    process.stderr.write(`Electron is not available here (${String(err).split('\n')[0]}).\n`);
    return null;
  }
}

/** @param {string} command @param {string[]} args */
function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 1));
}

/** better-sqlite3 is native: build it for Electron's ABI (`npm rebuild better-sqlite3` switches it back for Node). */
function rebuildForElectron() {
  const r = spawnSync('npx', ['electron-builder', 'install-app-deps'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.stderr.write('Could not rebuild native modules for Electron.\n');
  return r.status === 0;
}

const electron = electronBinary();
if (electron !== null && rebuildForElectron()) {
  run(electron, [root, ...caseArgs]);
} else {
  process.stderr.write('Starting PushTrail in local web mode: open the URL below in a browser.\n');
  run(process.execPath, [fileURLToPath(new URL('../dist/electron/cli/main.js', import.meta.url)), 'serve', ...caseArgs]);
}
