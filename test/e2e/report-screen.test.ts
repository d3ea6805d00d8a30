import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { openBrowser, screenshot } from '../support/browser.js';
import { serve } from '../support/serve.js';
import { demoCase } from '../support/demo-case.js';

test('report screen (web mode): narrative saved, sections and users chosen, preview, PDF written beside the case and downloaded', async (t) => {
  const { casePath } = demoCase(t);

  const server = await serve(t, casePath);
  const { page, errors } = await openBrowser(t);
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1, name: /Kestrel Freight/ }).waitFor();
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Report' }).click();

  const cover = page.getByRole('region', { name: 'Cover and narrative' });
  await cover.getByLabel('Client').fill('Kestrel Freight Ltd');
  await cover.getByLabel('Case number').fill('KF-2025-031');
  await cover.getByLabel(/^Narrative/).fill('Dana approved the fifteenth prompt. <script>alert(1)</script>');
  await cover.getByRole('button', { name: 'Save text' }).click();
  await cover.getByRole('status').getByText(/^Saved in the case/).waitFor();

  const preview = page.getByRole('region', { name: 'Preview' });
  await preview.getByText(/6 user sections, \d+ findings/).waitFor();
  await preview.getByText(/and the narrative/).waitFor();

  // Only two users, and no appendix: the preview follows the choice.
  const contents = page.getByRole('region', { name: 'Contents' });
  await contents.getByLabel('Original records').uncheck();
  for (const u of ['marcus.okafor', 'lukas.becker', 'mei.chen', 'priya.raman']) await contents.getByLabel(`${u}@kestrelfreight.example`).uncheck();
  await preview.getByText(/2 user sections/).waitFor();
  assert.doesNotMatch(await preview.innerText(), /Original records/);
  await screenshot(page, 'report-screen');

  const exporter = page.getByRole('region', { name: 'Export' });
  await exporter.getByLabel('Paper').selectOption('Letter');
  await exporter.getByRole('button', { name: 'Export' }).click();
  const status = exporter.getByRole('status');
  await status.waitFor({ timeout: 60_000 });
  const text = await status.innerText();
  assert.match(text, /2 user sections, \d+ findings, 0 original records, \d+ pages to .*demo-incident-reports\/demo-incident-report-.*\.pdf/);
  const written = /to (\/\S+\.pdf)/.exec(text)?.[1] ?? '';
  const download = page.waitForEvent('download');
  await exporter.getByRole('button', { name: /^Download / }).click();
  const file = await (await download).path();
  assert.deepEqual(readFileSync(file), readFileSync(written));
  assert.equal(readFileSync(written).subarray(0, 5).toString(), '%PDF-');
  await screenshot(page, 'report-screen-exported');
  const pdfText = spawnSync('pdftotext', [written, '-'], { encoding: 'utf8' }).stdout;
  assert.match(pdfText, /Dana approved the fifteenth prompt\. <script>alert\(1\)<\/script>/);
  assert.match(pdfText, /KF-2025-031/);
  assert.deepEqual(errors, []);
});
