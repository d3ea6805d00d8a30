/**
 * The SPL, KQL, ES|QL and SQL hunts and the field-mapping document, generated from the default
 * detection settings, compared with the reviewed files in test/fixtures/hunt/golden and docs/.
 * After a deliberate change, `UPDATE_GOLDEN=1 node --test dist/test/unit/hunt/golden.test.js`
 * rewrites them; the diff is then what a reviewer reads.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { defaultConfig } from '../../../shared/detect/params.js';
import { fieldMappingMarkdown, huntPack } from '../../../shared/hunt/pack.js';
import { REPO_ROOT } from '../../support/corpus.js';

const GOLDEN = join(REPO_ROOT, 'test', 'fixtures', 'hunt', 'golden');
const MAPPING_DOC = join(REPO_ROOT, 'docs', 'hunt-field-mapping.md');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

function listed(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1).split('\\').join('/'))
    .sort();
}

test('generated SPL, KQL, ES|QL and SQL hunts match the reviewed golden files', () => {
  const files = huntPack(defaultConfig(), { targets: ['spl', 'kql', 'esql', 'sql'], dialects: ['duckdb', 'trino'], date: '2026-01-02' }).filter((f) => f.path !== 'README.md');
  if (UPDATE) {
    rmSync(GOLDEN, { recursive: true, force: true });
    for (const f of files) {
      const path = join(GOLDEN, ...f.path.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.content);
    }
  }
  assert.deepEqual(files.map((f) => f.path).sort(), listed(GOLDEN), 'the same files');
  for (const f of files) assert.equal(f.content, readFileSync(join(GOLDEN, ...f.path.split('/')), 'utf8'), f.path);
  for (const kind of ['splunk/', 'sentinel/', 'elastic/', 'sql/duckdb/', 'sql/trino/']) assert.ok(files.some((f) => f.path.startsWith(kind)), kind);
});

test('docs/hunt-field-mapping.md is the mapping the hunts are generated from', () => {
  const text = fieldMappingMarkdown();
  if (UPDATE) {
    mkdirSync(dirname(MAPPING_DOC), { recursive: true });
    writeFileSync(MAPPING_DOC, text);
  }
  assert.equal(readFileSync(MAPPING_DOC, 'utf8'), text);
  for (const table of ['OktaV2_CL', 'SigninLogs', 'AWSCloudTrail', 'logs-okta.system-*', 'OktaIM2:log']) assert.ok(text.includes(table), table);
});
