/** The report's evidence facts are kept per open case and read again once evidence is added. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { evidenceFacts } from '../../../electron/report/model-evidence.js';
import { CaseStore } from '../../../electron/store/case-store.js';
import { corpusPath } from '../../support/corpus.js';
import { CLI } from '../../support/serve.js';
import { tempDir } from '../../support/temp.js';

function importFile(casePath: string, file: string): void {
  const r = spawnSync(process.execPath, [CLI, 'import', casePath, file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

test('evidence facts are read once while the evidence stays the same, and again when an import adds to it', (t) => {
  const casePath = join(tempDir(t), 'facts.pushtrail');
  CaseStore.create(casePath, { name: 'facts', analyst: 'ana' }, 'ana').close();
  importFile(casePath, corpusPath('okta', 'elastic-integrations', 'test-okta-system-events.log'));
  const store = CaseStore.open(casePath, 'ana');
  t.after(() => store.close());

  const first = evidenceFacts(store);
  assert.equal(first.evidence.length, 1);
  assert.equal(evidenceFacts(store), first, 'the same facts while nothing was imported');
  // A change that is not evidence keeps them.
  store.change('ana', 'report/text', {}, () => undefined);
  assert.equal(evidenceFacts(store), first);

  // Another process imports a second file into the open case.
  importFile(casePath, corpusPath('duo', 'elastic-integrations', 'test-auth.log'));
  const second = evidenceFacts(store);
  assert.notEqual(second, first);
  assert.equal(second.evidence.length, 2);
  assert.equal(
    second.vendors.reduce((n, v) => n + v.events, 0),
    store.info().counts.events,
  );
});
