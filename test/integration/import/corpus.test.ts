/**
 * The acceptance test: the whole public sample corpus (../shared/corpus), imported as one
 * folder. Every sample file's format must be recognised from its content.
 */
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { test } from 'node:test';
import { CORPUS_DIR } from '../../support/corpus.js';
import { importPaths, inCase, newCase } from './helpers.js';

/** Which formats each vendor folder of the corpus may hold. */
const FOLDER_FORMATS: Record<string, readonly string[]> = {
  okta: ['okta'],
  entra: ['entra-signin', 'entra-audit'],
  o365: ['m365-audit'],
  duo: ['duo-auth', 'duo-admin', 'duo-telephony'],
  'google-workspace': ['google-workspace'],
  'aws-cloudtrail': ['cloudtrail'],
  pingone: ['pingone'],
};

test('every file of the corpus is recognised as its vendor\'s format and imported', async (t) => {
  const casePath = newCase(t);
  const report = await importPaths(casePath, [CORPUS_DIR]);
  const problems: string[] = [];
  for (const f of report.files) {
    const name = relative(CORPUS_DIR, f.path);
    if (name === 'SOURCES.md') {
      assert.equal(f.status, 'unrecognised', 'the corpus index is not evidence');
      continue;
    }
    const folder = name.split('/')[0] ?? '';
    const allowed = FOLDER_FORMATS[folder] ?? [];
    if (f.status !== 'imported' && f.status !== 'already_imported') problems.push(`${name}: ${f.status} (${f.reason ?? ''})`);
    else if (f.format === null || !allowed.includes(f.format)) problems.push(`${name}: read as ${String(f.format)}, expected one of ${allowed.join(', ')}`);
    else if (f.records === 0 && f.status === 'imported') problems.push(`${name}: no records read`);
  }
  assert.deepEqual(problems, []);
  assert.ok(report.files.length > 100, `files: ${report.files.length}`);
  assert.ok(report.totals.events > 300, `events: ${report.totals.events}`);
  // Every format the corpus has samples of was seen.
  const seen = new Set(report.files.map((f) => f.format));
  for (const format of ['okta', 'entra-signin', 'entra-audit', 'm365-audit', 'duo-auth', 'duo-admin', 'duo-telephony', 'google-workspace', 'cloudtrail', 'pingone']) {
    assert.ok(seen.has(format as never), `no corpus file read as ${format}`);
  }
  inCase(casePath, (store) => {
    assert.equal(store.db.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(store.db.pragma('foreign_key_check'), [], 'every event, record and error belongs to its evidence');
    const stored = store.evidence();
    assert.equal(stored.reduce((n, e) => n + e.events, 0), report.totals.events);
  });
});
