/**
 * The public vendor samples live outside the repo in ../shared/corpus (see its SOURCES.md);
 * tests read them in place rather than copying them in.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('test/support/corpus: no package.json above this file');
    dir = up;
  }
  return dir;
}

export const REPO_ROOT = repoRoot();
export const CORPUS_DIR = resolve(REPO_ROOT, '..', 'shared', 'corpus');

/** Absolute path of a corpus file, e.g. corpusPath('okta', 'panther-analysis', 'x.ndjson'). */
export function corpusPath(...parts: string[]): string {
  const path = join(CORPUS_DIR, ...parts);
  if (!existsSync(path)) throw new Error(`corpus file missing: ${path} (CI lays ../shared beside the clone)`);
  return path;
}

/** Absolute path of a fixture of the repository's own (test/fixtures, each folder with its SOURCES.md). */
export function fixturePath(...parts: string[]): string {
  const path = join(REPO_ROOT, 'test', 'fixtures', ...parts);
  if (!existsSync(path)) throw new Error(`test fixture missing: ${path}`);
  return path;
}
