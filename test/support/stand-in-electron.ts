/**
 * A STAND-IN for Electron's Linux distribution folder, for packaging where Electron's release
 * cannot be downloaded: the layout electron-builder copies (an `electron` executable, `version`,
 * `LICENSE`, `resources/`), where the executable is a script that refuses to run and carries
 * Electron's fuse wire with Electron's default settings, so that the fuses electron-builder
 * flips can be read back. It is never an app anyone could start.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** @electron/fuses' sentinel: the fuse wire follows it (version byte, length byte, one byte per fuse). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/**
 * Electron's defaults, in FuseV1Options order: RunAsNode on, cookie encryption off, NODE_OPTIONS
 * on, --inspect on, ASAR integrity off, only-from-ASAR off, browser V8 snapshot off, file://
 * privileges on ('1' = 0x31 enabled, '0' = 0x30 disabled).
 */
export const ELECTRON_DEFAULT_FUSES = '10110001';

export function writeStandInElectronDist(dir: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const script = '#!/bin/sh\necho "stand-in for Electron used to test packaging: not a runnable app" >&2\nexit 1\n';
  const wire = Buffer.concat([Buffer.from(`# ${FUSE_SENTINEL}`, 'latin1'), Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]), Buffer.from(`${ELECTRON_DEFAULT_FUSES}\n`, 'latin1')]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from(script), wire]));
  chmodSync(join(dir, 'electron'), 0o755);
  const require = createRequire(import.meta.url);
  const electronPackage = require.resolve('electron/package.json');
  const { version } = JSON.parse(readFileSync(electronPackage, 'utf8')) as { version: string };
  writeFileSync(join(dir, 'version'), version);
  writeFileSync(join(dir, 'LICENSE'), readFileSync(join(electronPackage, '..', 'LICENSE')));
  return dir;
}
