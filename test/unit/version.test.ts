import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TOOL_VERSION } from '../../shared/version.js';
import { REPO_ROOT } from '../support/corpus.js';

test('the version recorded in custody entries and reports is package.json\'s', () => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.equal(TOOL_VERSION, pkg.version);
});
