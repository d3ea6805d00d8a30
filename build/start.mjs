// `npm start`: the desktop app where Electron can run; otherwise (no display, or the Electron
// binary cannot be downloaded, as on air-gapped analysis machines) the same UI in local web mode.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { electronSqliteBinding } from './electron-native.mjs';

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

/** @param {string} command @param {string[]} args @param {NodeJS.ProcessEnv} [env] */
function run(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  child.on('exit', (code) => process.exit(code ?? 1));
}

/**
 * better-sqlite3 is native: Electron needs it built for its own ABI. That build goes to .native/
 * (build/electron-native.mjs), never over node_modules, so the CLI and the tests keep working.
 * @returns {Promise<string | null>}
 */
async function sqliteForElectron() {
  try {
    return await electronSqliteBinding();
  } catch (err) {
    process.stderr.write(`Could not build better-sqlite3 for Electron (${String(err).split('\n')[0]}).\n`);
    return null;
  }
}

const electron = electronBinary();
const binding = electron === null ? null : await sqliteForElectron();
if (electron !== null && binding !== null) {
  run(electron, [root, ...caseArgs], { ...process.env, PUSHTRAIL_SQLITE_BINDING: binding });
} else {
  process.stderr.write('Starting PushTrail in local web mode: open the URL below in a browser.\n');
  run(process.execPath, [fileURLToPath(new URL('../dist/electron/cli/main.js', import.meta.url)), 'serve', ...caseArgs]);
}
