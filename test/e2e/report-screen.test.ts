import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RESULTS_DIR, openBrowser, screenshot } from '../support/browser.js';
import { serve } from '../support/serve.js';
import { demoCase } from '../support/demo-case.js';
import { CASE_NAME_PAYLOAD, NAME_PAYLOAD, hostileCase } from '../support/hostile-case.js';

test('report screen (web mode): narrative saved, sections and users chosen, the real report previewed in a script-free frame, Letter PDF written beside the case and downloaded', async (t) => {
  const demo = demoCase(t);
  const casePath = hostileCase(demo.dir, demo.dir, 'UTC', 'e2e-analyst');

  const server = await serve(t, casePath);
  const { page, errors } = await openBrowser(t);
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1, name: /Kestrel .* review/ }).waitFor();
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

  // The frame holds the report itself: cover, summary with the narrative, a section per user.
  const frame = page.frameLocator('iframe[title="Report preview"]');
  await frame.getByText('Dana approved the fifteenth prompt. <script>alert(1)</script>').waitFor();
  await frame.getByRole('heading', { level: 1, name: `Kestrel ${CASE_NAME_PAYLOAD} review` }).waitFor();
  await frame.getByRole('cell', { name: 'KF-2025-031' }).waitFor();
  await frame.getByRole('heading', { name: /Executive summary/ }).waitFor();
  await frame.locator('section.user').nth(5).waitFor();
  await frame.locator('section.user svg.seq').first().waitFor();
  // Log text stays text: the display name planted in the logs is read, never parsed.
  await frame.getByText(NAME_PAYLOAD, { exact: false }).first().waitFor();
  assert.equal(await frame.locator('script, img, iframe, object, embed').count(), 0);
  const frameEl = page.locator('iframe[title="Report preview"]');
  assert.equal(await frameEl.getAttribute('sandbox'), '');

  // Its page has a policy of its own without any script, and the run's token guards it.
  const src = (await frameEl.getAttribute('src')) ?? '';
  assert.match(src, /^\/report-preview\/[0-9a-f]{32}\?token=/);
  const served = await fetch(new URL(src, server.origin));
  assert.equal(served.status, 200);
  const csp = served.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /(^|; )sandbox($|;)/);
  assert.doesNotMatch(csp, /script-src/);
  assert.equal((await fetch(new URL(src.replace(/\?.*/, ''), server.origin))).status, 401);
  assert.equal((await fetch(new URL(src.replace(/token=.*/, 'token=wrong'), server.origin))).status, 401);

  // Only two users, and no appendix: the preview follows the choice.
  const contents = page.getByRole('region', { name: 'Contents' });
  await contents.getByLabel('Original records').uncheck();
  for (const u of ['marcus.okafor', 'lukas.becker', 'mei.chen', 'priya.raman']) await contents.getByLabel(`${u}@kestrelfreight.example`).uncheck();
  await preview.getByText(/2 user sections/).waitFor();
  assert.doesNotMatch(await preview.innerText(), /Original records/);
  await frame.locator('section.user').nth(2).waitFor({ state: 'detached' });
  assert.equal(await frame.locator('section.user').count(), 2);
  assert.equal(await frame.getByRole('heading', { name: /marcus\.okafor@/ }).count(), 0);
  assert.equal(await frame.locator('#appendix').count(), 0);

  const exporter = page.getByRole('region', { name: 'Export' });
  await exporter.getByLabel('Paper').selectOption('Letter');
  await frame.getByText(/of the report on Letter paper/).waitFor();
  // Chromium does not paint a frame of another origin (this one has none) while it is off screen.
  await frameEl.scrollIntoViewIfNeeded();
  await frame.locator('.preview-note').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(RESULTS_DIR, 'report-screen.png') });
  await frame.locator('section.user h3').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(RESULTS_DIR, 'report-screen-preview-user.png') });
  await exporter.getByRole('button', { name: 'Export' }).click();
  const status = exporter.getByRole('status');
  await status.waitFor({ timeout: 60_000 });
  const text = await status.innerText();
  assert.match(text, /2 user sections, \d+ findings, 0 original records, \d+ pages to .*hostile-reports\/hostile-report-.*\.pdf/);
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
  assert.match(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout, /Page size:\s+612 x 792 pts \(letter\)/);
  assert.deepEqual(errors, []);
});
