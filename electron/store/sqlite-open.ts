/**
 * Every SQLite connection of the Node side opens here, so that one checkout serves two runtimes.
 *
 * better-sqlite3 is a native module: the copy npm installs is built for Node's ABI (the CLI,
 * `pushtrail serve`, the tests), and Electron's main process and its worker threads need one
 * built for Electron's ABI. Rebuilding node_modules in place for Electron (what
 * `electron-builder install-app-deps` does) broke the CLI and the tests until `npm rebuild`.
 * Instead `npm start` builds the Electron binding once into its own folder
 * (build/electron-native.mjs, `.native/` at the checkout's root) and Electron loads it through
 * better-sqlite3's `nativeBinding` option; Node keeps the binding npm installed.
 *
 * The packaged app has no `.native/` folder: electron-builder rebuilds its own copy of
 * node_modules for Electron, so there the default binding is already the right one.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Database as Db, Options } from 'better-sqlite3';

/** Overrides where Electron's binding is read from (a path to a better_sqlite3.node). */
export const BINDING_ENV = 'PUSHTRAIL_SQLITE_BINDING';

/** The checkout's root: this module is compiled to dist/electron/store/. */
const CHECKOUT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Where build/electron-native.mjs puts the binding for one Electron version, platform and CPU. */
export function electronBindingFile(root: string, electronVersion: string, platform: string, arch: string): string {
  return `${root}.native/better-sqlite3-electron-${electronVersion}-${platform}-${arch}.node`;
}

export interface Runtime {
  /** process.versions.electron: undefined under Node. */
  readonly electronVersion: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: string;
  readonly arch: string;
  readonly root: string;
  readonly exists: (path: string) => boolean;
}

/**
 * The binding to load instead of better-sqlite3's default, or undefined for the default.
 * An explicit override is taken as given (a wrong path must fail loudly, not fall back to a
 * binding of the other ABI); under Node nothing else is needed; under Electron the checkout's
 * own build is used when there is one (a development run), the default otherwise (packaged).
 */
export function nativeBindingFor(runtime: Runtime): string | undefined {
  const override = runtime.env[BINDING_ENV];
  if (override !== undefined && override !== '') return override;
  if (runtime.electronVersion === undefined) return undefined;
  const built = electronBindingFile(runtime.root, runtime.electronVersion, runtime.platform, runtime.arch);
  return runtime.exists(built) ? built : undefined;
}

let chosen: { binding: string | undefined } | undefined;

/** This process's binding, decided once: every connection of a process uses the same. */
function processBinding(): string | undefined {
  chosen ??= {
    binding: nativeBindingFor({
      electronVersion: process.versions.electron,
      env: process.env,
      platform: process.platform,
      arch: process.arch,
      root: CHECKOUT_ROOT,
      exists: existsSync,
    }),
  };
  return chosen.binding;
}

/** Opens a connection with the binding of the runtime this code runs in (to a file, or to a database's bytes in memory). */
export function openDatabase(path: string | Buffer, options: Omit<Options, 'nativeBinding'> = {}): Db {
  const binding = processBinding();
  return new Database(path, binding === undefined ? options : { ...options, nativeBinding: binding });
}
