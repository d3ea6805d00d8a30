/** Same seed and options: byte-identical files. Another seed: different files. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { generateBundle, type BundleOptions } from '../../../electron/scenario/bundle.js';
import { writeDemoIncident } from '../../../electron/scenario/demo-incident.js';
import { tempDir } from '../../support/temp.js';

function contents(files: readonly string[]): Map<string, string> {
  return new Map(files.map((f) => [basename(f), readFileSync(f, 'utf8')]));
}

const OPTIONS: Omit<BundleOptions, 'outDir'> = { seed: 'determinism', users: 45, days: 12, start: '2025-03-03', hostile: true };

test('the same seed writes byte-identical evidence and labels', (t) => {
  const dir = tempDir(t);
  const a = generateBundle({ ...OPTIONS, outDir: join(dir, 'a') });
  const b = generateBundle({ ...OPTIONS, outDir: join(dir, 'b') });
  assert.ok(a.totalRecords > 1000);
  assert.deepEqual([...contents(a.files).keys()], [...contents(b.files).keys()]);
  assert.deepEqual(contents([...a.files, a.labelsFile]), contents([...b.files, b.labelsFile]));
});

test('a different seed writes different files', (t) => {
  const dir = tempDir(t);
  const a = generateBundle({ ...OPTIONS, outDir: join(dir, 'a') });
  const b = generateBundle({ ...OPTIONS, seed: 'determinism-2', outDir: join(dir, 'b') });
  const ca = contents(a.files);
  for (const [name, text] of contents(b.files)) assert.notEqual(text, ca.get(name), name);
});

test('splitting by day writes the same records, one file per stream and UTC day', (t) => {
  const dir = tempDir(t);
  const whole = generateBundle({ ...OPTIONS, outDir: join(dir, 'whole') });
  const split = generateBundle({ ...OPTIONS, outDir: join(dir, 'split'), splitByDay: true });
  assert.equal(split.totalRecords, whole.totalRecords);
  assert.ok(split.files.length >= 3 * OPTIONS.days, `${split.files.length} files`);
  const okta = (files: readonly string[]): string[] =>
    files.filter((f) => f.endsWith('.ndjson')).flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l !== ''));
  assert.deepEqual(okta(split.files), okta(whole.files));
  for (const f of split.files.filter((x) => x.endsWith('.ndjson'))) {
    const day = /(\d{4}-\d{2}-\d{2})\.ndjson$/.exec(f)?.[1];
    for (const line of readFileSync(f, 'utf8').split('\n').filter((l) => l !== '')) {
      assert.equal((JSON.parse(line) as { published: string }).published.slice(0, 10), day);
    }
  }
});

test('records are written in time order', (t) => {
  const r = generateBundle({ ...OPTIONS, outDir: tempDir(t) });
  const okta = readFileSync(r.files.find((f) => f.endsWith('.ndjson')) ?? '', 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => (JSON.parse(l) as { published: string }).published);
  assert.deepEqual(okta, [...okta].sort());
});

test('the demo incident is identical on every run', (t) => {
  const dir = tempDir(t);
  const a = writeDemoIncident(join(dir, 'a'));
  const b = writeDemoIncident(join(dir, 'b'));
  assert.deepEqual(contents([...a.files, a.labelsFile]), contents([...b.files, b.labelsFile]));
});

test('generation never reads Math.random or the clock', (t) => {
  const random = Math.random;
  const now = Date.now;
  const forbid = (what: string) => (): never => {
    throw new Error(`${what} called during generation`);
  };
  Math.random = forbid('Math.random');
  Date.now = forbid('Date.now');
  try {
    generateBundle({ ...OPTIONS, users: 15, days: 9, outDir: tempDir(t) });
  } finally {
    Math.random = random;
    Date.now = now;
  }
});
