import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CaseStore } from '../../electron/store/case-store.js';
import { openBrowser, screenshot } from '../support/browser.js';
import { demoCase } from '../support/demo-case.js';
import { serve } from '../support/serve.js';

test('hunt screen (web mode): targets chosen, a generated query read as text, the pack saved beside the case and recorded in custody', async (t) => {
  const demo = demoCase(t);
  const server = await serve(t, demo.casePath);
  const { page, errors } = await openBrowser(t);
  await page.goto(server.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Hunt' }).click();

  const choose = page.getByRole('region', { name: /Hunt in the client/ });
  const preview = page.getByRole('region', { name: 'Preview' });
  const fileSelect = preview.getByRole('combobox', { name: /^File/ });
  await preview.getByText(/^File \(\d+\)/).waitFor();
  const allFiles = await fileSelect.locator('option').count();

  // Only Sentinel: the list shrinks to the pack's README and KQL files.
  for (const label of ['Sigma rules with correlations', 'Splunk SPL', 'Elastic ES|QL', 'SQL over OCSF (data lake)']) await choose.getByLabel(label).uncheck();
  await preview.getByText(/^File \(\d+\)/).waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('select option').length < n, allFiles);
  const options = await fileSelect.locator('option').allTextContents();
  assert.ok(options.length > 1 && options.every((o) => o === 'README.md' || /^sentinel\/.+\.kql$/.test(o)), options.join(', '));

  await fileSelect.selectOption('sentinel/fatigue-approval.SigninLogs.kql');
  const content = preview.getByLabel('File content');
  await content.getByText(/PushTrail hunt: fatigue-approval/).waitFor();
  assert.match((await content.textContent()) ?? '', /toint\(ResultType\) == 500121/);
  await screenshot(page, 'hunt-screen');

  await choose.getByRole('button', { name: 'Save hunt pack' }).click();
  const status = choose.getByRole('status');
  await status.getByText(/^Saved \d+ files to/).waitFor();
  const out = (await status.locator('code').textContent()) ?? '';
  assert.ok(out.startsWith(join(demo.dir, 'demo-incident-hunts')), out);
  const kql = readFileSync(join(out, 'sentinel', 'fatigue-approval.SigninLogs.kql'), 'utf8');
  assert.match(kql, /approvalWithinMinutes=10/);

  const store = CaseStore.open(demo.casePath, 'test', { readOnly: true });
  const entry = store.custody(0, 10000).find((e) => e.action === 'hunt/pack');
  store.close();
  const logged = (entry?.detail as { out: string; files: { path: string; sha256: string }[] } | undefined) ?? { out: '', files: [] };
  assert.equal(logged.out, out);
  const file = logged.files.find((f) => f.path === 'sentinel/fatigue-approval.SigninLogs.kql');
  assert.equal(file?.sha256, createHash('sha256').update(kql).digest('hex'));
  assert.deepEqual(errors, []);
});
