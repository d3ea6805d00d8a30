/**
 * The architecture's boundaries are enforced by tools; these tests prove a deliberate
 * cross-boundary import or global fails them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { REPO_ROOT } from '../support/corpus.js';
import { tempDir } from '../support/temp.js';

// Probe files do not exist on disk, so type-aware rules are switched off; the boundary rules are not type-aware.
const eslint = new ESLint({ cwd: REPO_ROOT, overrideConfig: [tseslint.configs.disableTypeChecked] });

async function lintErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

test('lint: shared/ may not import Node, the backend or the UI', async () => {
  assert.match((await lintErrors("import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'shared/probe.ts'))[0] ?? '', /shared\/ is pure/);
  assert.equal((await lintErrors("import path from 'path';\nexport const p = path;\n", 'shared/probe.ts')).length, 1);
  assert.equal((await lintErrors("import { CaseStore } from '../electron/store/case-store.js';\nexport const c = CaseStore;\n", 'shared/probe.ts')).length, 1);
  assert.equal((await lintErrors("import * as d3 from 'd3';\nexport const x = d3;\n", 'shared/probe.ts')).length, 1);
});

test('lint: renderer/ may not import Node or backend modules', async () => {
  assert.match((await lintErrors("import { spawn } from 'node:child_process';\nexport const s = spawn;\n", 'renderer/src/probe.ts'))[0] ?? '', /typed contract/);
  assert.equal((await lintErrors("import { CaseStore } from '../../electron/store/case-store.js';\nexport const c = CaseStore;\n", 'renderer/src/probe.ts')).length, 1);
  assert.equal((await lintErrors("import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n", 'renderer/src/probe.ts')).length, 1);
  assert.deepEqual(await lintErrors("import { IPC_INVOKE_CHANNEL } from '../../shared/api/contract.js';\nexport const m = IPC_INVOKE_CHANNEL;\n", 'renderer/src/probe.ts'), []);
});

test('lint: electron/ may not import the UI', async () => {
  assert.equal((await lintErrors("import { App } from '../renderer/src/App.js';\nexport const a = App;\n", 'electron/probe.ts')).length, 1);
});

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** Type-check one probe file under a layer's own tsconfig (its lib and types settings). */
function typeErrors(layerConfig: string, probe: string, dir: string): string {
  writeFileSync(join(dir, 'probe.ts'), probe);
  writeFileSync(join(dir, 'package.json'), '{"type": "module"}');
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: join(REPO_ROOT, layerConfig),
      compilerOptions: { noEmit: true, composite: false, declaration: false, rootDir: dir, typeRoots: [join(REPO_ROOT, 'node_modules', '@types')] },
      include: [],
      files: ['probe.ts'],
    }),
  );
  const r = spawnSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  return r.stdout + r.stderr;
}

test('tsc: shared/ sees neither Node nor DOM globals', (t) => {
  const dir = tempDir(t);
  assert.match(typeErrors('shared/tsconfig.json', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", dir), /TS2307|TS2591/);
  assert.match(typeErrors('shared/tsconfig.json', 'export const title = document.title;\n', dir), /Cannot find name 'document'/);
  assert.match(typeErrors('shared/tsconfig.json', 'export const env = process.env;\n', dir), /Cannot find name 'process'/);
  assert.equal(typeErrors('shared/tsconfig.json', 'export const ok: number = [1, 2].length;\n', dir).trim(), '');
});

test('tsc: renderer/ sees the DOM but not Node', (t) => {
  const dir = tempDir(t);
  assert.match(typeErrors('renderer/tsconfig.json', 'export const env = process.env;\n', dir), /Cannot find name 'process'/);
  assert.match(typeErrors('renderer/tsconfig.json', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", dir), /TS2307|TS2591/);
  assert.equal(typeErrors('renderer/tsconfig.json', 'export const title: string = document.title;\n', dir).trim(), '');
});
