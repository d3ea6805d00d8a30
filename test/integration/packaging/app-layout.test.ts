// What a user installs: builds the unpacked Linux app with electron-builder and
// build/electron-builder.yml, on a STAND-IN Electron distribution (test/support/stand-in-electron.ts;
// Electron's release cannot be downloaded here), and checks the archive, the unpacked natives,
// the fuses flipped in the binary, the desktop entry and MIME type the deb and AppImage targets
// write, and that the shipped files alone run the app's jobs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { extractAll, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { LinuxTargetHelper } from 'app-builder-lib/out/targets/LinuxTargetHelper.js';
import { Arch, build, LinuxPackager, Platform } from 'electron-builder';
import { corpusPath, REPO_ROOT } from '../../support/corpus.js';
import { writeStandInElectronDist } from '../../support/stand-in-electron.js';

interface Packaged {
  appDir: string;
  asar: string;
  files: string[];
  desktopEntry: string;
  mimeInfo: string;
  iconSizes: number[];
}

const work = mkdtempSync(join(tmpdir(), 'pushtrail-packaging-'));
let packaged: Packaged;

async function packageApp(): Promise<Packaged> {
  const electronDist = writeStandInElectronDist(join(work, 'stand-in-electron-dist'));
  const linux: Pick<Packaged, 'desktopEntry' | 'mimeInfo' | 'iconSizes'> = { desktopEntry: '', mimeInfo: '', iconSizes: [] };
  await build({
    projectDir: REPO_ROOT,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: {
      extends: 'build/electron-builder.yml',
      electronDist,
      // Rebuilding better-sqlite3 for Electron needs Electron's headers from the network.
      npmRebuild: false,
      directories: { output: join(work, 'release') },
      // What the deb and AppImage targets write (they need tools downloaded at build time).
      afterPack: async ({ packager }) => {
        assert.ok(packager instanceof LinuxPackager);
        const helper = new LinuxTargetHelper(packager);
        linux.desktopEntry = await helper.computeDesktopEntry(packager.platformSpecificBuildOptions);
        const mime = await helper.mimeTypeFiles;
        linux.mimeInfo = mime === null ? '' : readFileSync(mime, 'utf8');
        linux.iconSizes = (await helper.icons).map((icon) => icon.size);
      },
    },
  });
  const appDir = join(work, 'release', 'linux-unpacked');
  const asar = join(appDir, 'resources', 'app.asar');
  return { appDir, asar, files: listPackage(asar, { isPack: false }), ...linux };
}

before(async () => {
  packaged = await packageApp();
});
after(() => rmSync(work, { recursive: true, force: true }));

test('app.asar holds the main process, preload, renderer and every worker', () => {
  const { files, asar } = packaged;
  for (const path of [
    '/package.json',
    '/dist/electron/app/main.js',
    '/dist/electron/app/launch.js',
    '/dist/electron/app/preload.cjs',
    '/dist/renderer/index.html',
    '/dist/electron/jobs/worker.js',
    '/dist/electron/ingest/pipeline/parse-worker.js',
    '/node_modules/better-sqlite3/lib/index.js',
    '/node_modules/@duckdb/node-api/lib/index.js',
  ]) {
    assert.ok(files.includes(path), `${path} is packaged`);
  }
  assert.ok(files.some((f) => /^\/dist\/renderer\/assets\/.+\.js$/.test(f)), 'the renderer bundle is packaged');
  const pkg = JSON.parse(readFileSync(join(packaged.appDir, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as { name: string };
  assert.equal(pkg.name, 'better-sqlite3');
  // Workers load from inside the archive (Electron reads asar in worker threads), with their imports.
  for (const worker of ['/dist/electron/jobs/worker.js', '/dist/electron/ingest/pipeline/parse-worker.js']) {
    assert.notEqual(statFile(asar, worker.slice(1)).unpacked, true, `${worker} stays packed beside its imports`);
  }
});

test('native modules are unpacked next to the archive, and only they need to be', () => {
  const { files, asar, appDir } = packaged;
  const natives = files.filter((f) => f.endsWith('.node'));
  // DuckDB's binding (Node-API, so one build serves Node and Electron) reads Parquet evidence in the import worker.
  assert.deepEqual(natives.sort(), [`/node_modules/@duckdb/node-bindings-${process.platform}-${process.arch}/duckdb.node`, '/node_modules/better-sqlite3/build/Release/better_sqlite3.node']);
  for (const native of natives) {
    assert.equal(statFile(asar, native.slice(1)).unpacked, true, `${native} is marked unpacked`);
    assert.ok(existsSync(join(appDir, 'resources', 'app.asar.unpacked', native)), `${native} is on disk`);
  }
  const unpackedCode = files.filter((f) => f.startsWith('/dist/') && statFile(asar, f.slice(1)).unpacked === true);
  assert.deepEqual(unpackedCode, []);
});

test('only what runs is shipped: no tests, no playwright, no CLI, no build leftovers or sources', () => {
  const offending = packaged.files.filter(
    (f) =>
      /playwright/i.test(f) ||
      /\/(test|tests|__tests__|spec)(\/|$)/.test(f) ||
      /\/(test|tests)[-.][^/]*\.js$|\.(test|spec)\.[cm]?js$/.test(f) ||
      f.startsWith('/dist/test') ||
      f.startsWith('/dist/electron/cli/') ||
      /\.(map|ts|tsbuildinfo|cc|h|a|o|gyp)$/.test(f) ||
      /\/better-sqlite3\/(deps|src|build\/Release\/(obj|obj\.target|test_extension\.node))/.test(f) ||
      /\/node_modules\/(react|react-dom|electron|electron-builder|typescript|vite)\//.test(f),
  );
  assert.deepEqual(offending, []);
});

test('the fuses are flipped in the binary: no Node mode, no NODE_OPTIONS or --inspect, code only from an intact app.asar', async () => {
  const wire = await getCurrentFuseWire(join(packaged.appDir, 'pushtrail'));
  // @electron/fuses' FuseState.ENABLE ('1'), which its index does not export.
  const on = (fuse: FuseV1Options): boolean => Number(wire[fuse]) === 0x31;
  assert.equal(on(FuseV1Options.RunAsNode), false);
  assert.equal(on(FuseV1Options.EnableNodeOptionsEnvironmentVariable), false);
  assert.equal(on(FuseV1Options.EnableNodeCliInspectArguments), false);
  assert.equal(on(FuseV1Options.OnlyLoadAppFromAsar), true);
  assert.equal(on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation), true);
  assert.equal(on(FuseV1Options.EnableCookieEncryption), true);
  assert.equal(on(FuseV1Options.GrantFileProtocolExtraPrivileges), false);
});

test('case files are associated: the desktop entry takes them, the MIME type names the extension, icons at every size', () => {
  const entry = new Map(packaged.desktopEntry.split('\n').map((line) => line.split('=', 2) as [string, string]));
  assert.equal(entry.get('MimeType'), 'application/x-pushtrail-case;');
  assert.match(entry.get('Exec') ?? '', /^\/opt\/PushTrail\/pushtrail %U$/, 'files are passed to the app');
  assert.equal(entry.get('Categories'), 'System;Security;', 'a freedesktop main category with Security');
  assert.equal(entry.get('Icon'), 'pushtrail');
  assert.match(packaged.mimeInfo, /<mime-type type="application\/x-pushtrail-case">\s*<glob pattern="\*\.pushtrail"\/>/);
  for (const size of [16, 32, 48, 64, 128, 256, 512]) assert.ok(packaged.iconSizes.includes(size), `a ${size} px icon`);
});

test('the shipped files alone import, detect and verify a case in the app\'s own workers', () => {
  const extracted = join(work, 'extracted');
  extractAll(packaged.asar, extracted);
  cpSync(join(packaged.appDir, 'resources', 'app.asar.unpacked'), extracted, { recursive: true });
  const caseDir = join(work, 'case');
  mkdirSync(caseDir);
  const check = fileURLToPath(new URL('./shipped-app-check.js', import.meta.url));
  const log = corpusPath('aws-cloudtrail', 'elastic-integrations', 'test-console-login-json.log');
  const out = execFileSync(process.execPath, [check, extracted, caseDir, log], { cwd: caseDir, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } });
  const result = JSON.parse(out) as { imported: { ok: boolean; value?: { totals: { events: number } } }; detected: { ok: boolean }; verified: { ok: boolean }; located: number };
  assert.equal(result.imported.ok, true, out);
  assert.ok((result.imported.value?.totals.events ?? 0) > 0, out);
  assert.equal(result.detected.ok, true, out);
  assert.equal(result.verified.ok, true, out);
  assert.ok(result.located > 0, 'addresses were placed from the bundled geo databases');
});
