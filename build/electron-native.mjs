// Builds better-sqlite3 for Electron's ABI into .native/ at the checkout's root, leaving
// node_modules (Node's ABI, used by the CLI and the tests) untouched. Electron then loads the
// binding through better-sqlite3's `nativeBinding` option (electron/store/sqlite-open.ts).
// Building needs Electron's headers (or better-sqlite3's prebuilt Electron binary) from the
// network once per Electron version; the result is kept and reused.
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** @param {string} name @returns {{ version: string }} */
function packageJson(name) {
  return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8'));
}

/**
 * @returns {Promise<string>} the path of better_sqlite3.node built for the installed Electron,
 * building it first if this checkout has none for this Electron version, platform and CPU.
 */
export async function electronSqliteBinding() {
  // The path is the one the app looks for (compiled by `npm run build`, which runs first).
  const { electronBindingFile } = await import(pathToFileURL(join(root, 'dist/electron/store/sqlite-open.js')).href);
  const electronVersion = packageJson('electron').version;
  /** @type {string} */
  const target = electronBindingFile(root, electronVersion, process.platform, process.arch);
  if (existsSync(target)) return target;

  mkdirSync(join(root, '.native'), { recursive: true });
  // A scratch app holding a copy of better-sqlite3's sources: @electron/rebuild rebuilds the
  // modules of the app it is given, so the checkout's own node_modules are never written.
  const scratch = mkdtempSync(join(root, '.native', 'build-'));
  try {
    const sqlite = packageJson('better-sqlite3');
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'pushtrail-native', version: '0.0.0', private: true, dependencies: { 'better-sqlite3': sqlite.version } }));
    const source = join(require.resolve('better-sqlite3/package.json'), '..');
    const copy = join(scratch, 'node_modules', 'better-sqlite3');
    cpSync(source, copy, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({ buildPath: scratch, electronVersion, arch: process.arch, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
    const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
    // Copied then renamed, so a build interrupted half-way never leaves a binding to load.
    copyFileSync(built, `${target}.partial`);
    renameSync(`${target}.partial`, target);
    return target;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
