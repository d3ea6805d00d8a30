import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openBrowser, screenshot } from '../support/browser.js';
import { serve } from '../support/serve.js';
import { tempDir } from '../support/temp.js';
import { oktaEvent } from '../unit/ingest-pipeline/samples.js';
import { CaseStore } from '../../electron/store/case-store.js';

/** "2026-01-02 03:04:05 UTC": a UTC instant as the screens write it, `hours` east of UTC. */
function shown(at: number, hours: number, zone: string): string {
  return `${new Date(at + hours * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')} ${zone}`;
}

test('the first screen shows the served case, its custody log, and runs the integrity check', async (t) => {
  const dir = tempDir(t);
  const server = await serve(t, join(dir, 'acme-incident.pushtrail'));
  const { page, errors } = await openBrowser(t);
  await page.goto(server.url);

  await page.getByRole('heading', { level: 1, name: 'acme-incident' }).waitFor();
  assert.equal(await page.evaluate(() => window.location.hash), '', 'the token is taken out of the address bar');
  const custody = page.getByRole('region', { name: 'Chain of custody' });
  await custody.getByRole('cell', { name: 'case/create' }).waitFor();
  // The creation entry's time, as the case file holds it, shown in the display zone (UTC first).
  const store = CaseStore.open(join(dir, 'acme-incident.pushtrail'), 'test', { readOnly: true });
  const createdAt = store.custody(0, 1)[0]?.at ?? 0;
  store.close();
  const createdRow = custody.getByRole('row').filter({ has: page.getByRole('cell', { name: 'case/create' }) });
  assert.match(await createdRow.innerText(), new RegExp(shown(createdAt, 0, 'UTC')));

  await page.getByRole('button', { name: 'Verify case integrity' }).click();
  const verdict = page.getByRole('status');
  await verdict.waitFor();
  assert.match(await verdict.innerText(), /^Verified: database intact; 1 custody entries chain correctly and are signed by this installation's key [0-9a-f]{16}…; the content \(digest [0-9a-f]{16}…\) is as custody entry #1 sealed it/);

  await page.getByLabel('Display time zone').selectOption('Asia/Tokyo');
  await custody.getByRole('cell', { name: 'case/set-time-zone' }).waitFor();
  assert.match(await createdRow.innerText(), new RegExp(shown(createdAt, 9, 'GMT\\+9')));
  await screenshot(page, 'foundation-case-overview');

  // The CSP must stop an injected inline script even if some text ever reached the DOM as markup.
  const injected = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__pwned = true';
    document.body.appendChild(s);
    return (window as unknown as { __pwned?: boolean }).__pwned ?? false;
  });
  assert.equal(injected, false);
  assert.deepEqual(errors.filter((e) => !/Content Security Policy/.test(e)), []);
});

test('closing the case leads to the chooser, which creates and opens cases and reports errors', async (t) => {
  const dir = tempDir(t);
  const server = await serve(t, join(dir, 'first.pushtrail'));
  const { page, errors } = await openBrowser(t);
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Close case' }).click();
  await page.getByRole('heading', { name: 'Open a case' }).waitFor();
  await screenshot(page, 'foundation-case-chooser');

  const openForm = page.getByRole('form', { name: 'Open a case' });
  await openForm.getByLabel('Case file').fill(join(dir, 'missing.pushtrail'));
  await openForm.getByRole('button', { name: 'Open case' }).click();
  assert.match(await page.getByRole('alert').innerText(), /No case file at .*missing\.pushtrail/);

  const created = join(dir, 'second.pushtrail');
  const form = page.getByRole('form', { name: 'New case' });
  await form.getByLabel('Case file').fill(created);
  await form.getByLabel('Case name').fill('Second <b>case</b>');
  await form.getByLabel('Analyst').fill('Dana Analyst');
  await form.getByLabel('Display time zone').selectOption('Europe/Berlin');
  await form.getByRole('button', { name: 'Create case' }).click();
  await page.getByRole('heading', { level: 1, name: 'Second <b>case</b>' }).waitFor();
  assert.equal(await page.locator('h1 b').count(), 0, 'names are text, never markup');
  assert.ok(existsSync(created));
  await page.getByText('Dana Analyst', { exact: true }).waitFor();
  await screenshot(page, 'foundation-new-case');

  await page.getByRole('button', { name: 'Close case' }).click();
  await openForm.getByLabel('Case file').fill(join(dir, 'first.pushtrail'));
  await openForm.getByRole('button', { name: 'Open case' }).click();
  await page.getByRole('heading', { level: 1, name: 'first' }).waitFor();
  assert.deepEqual(errors, []);
});

test('a new case\'s first import through the screens: files chosen and dropped, the summary, then the evidence', async (t) => {
  // A browser tells a page no file's path: web mode copies what it is given beside the case.
  const dir = tempDir(t);
  const chosen = join(dir, 'okta.ndjson');
  writeFileSync(chosen, `${[0, 1, 2].map((i) => JSON.stringify(oktaEvent(i))).join('\n')}\n`);
  const server = await serve(t, join(dir, 'fresh.pushtrail'));
  const { page, errors } = await openBrowser(t);
  await page.goto(server.url);
  const screens = page.getByRole('navigation', { name: 'Screens' });
  await screens.getByRole('button', { name: 'Import' }).click();
  const paths = page.getByLabel(/^Paths/);

  await page.getByLabel('Evidence files').setInputFiles(chosen);
  await page.waitForFunction(() => (document.querySelector('textarea')?.value ?? '').includes('okta.ndjson'));
  const [copied] = (await paths.inputValue()).split('\n');
  assert.ok(copied?.startsWith(join(dir, 'fresh-evidence')) && copied.endsWith('/okta.ndjson'), copied);

  // A drop, as the page sees it: a DataTransfer holding a file.
  await page.getByRole('region', { name: 'Evidence to import' }).evaluate((zone, line) => {
    const data = new DataTransfer();
    data.items.add(new File([`${line}\n`], 'dropped <b>.ndjson', { type: 'application/x-ndjson' }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, JSON.stringify(oktaEvent(7)));
  await page.waitForFunction(() => (document.querySelector('textarea')?.value ?? '').includes('dropped <b>.ndjson'));

  // A chosen folder is imported as the folder, nested files and all.
  const folder = join(dir, 'export');
  mkdirSync(join(folder, 'deeper'), { recursive: true });
  writeFileSync(join(folder, 'a.ndjson'), `${[20, 21].map((i) => JSON.stringify(oktaEvent(i))).join('\n')}\n`);
  writeFileSync(join(folder, 'deeper', 'b.ndjson'), `${[30, 31].map((i) => JSON.stringify(oktaEvent(i))).join('\n')}\n`);
  await page.getByLabel('Evidence folder').setInputFiles(folder);
  await page.waitForFunction(() => (document.querySelector('textarea')?.value ?? '').split('\n').length === 3);
  assert.match((await paths.inputValue()).split('\n')[2] ?? '', /fresh-evidence\/[^/]+\/export$/);
  await screenshot(page, 'import-chosen-and-dropped');

  await page.getByRole('button', { name: 'Import', exact: true }).last().click();
  assert.match(await page.getByRole('status').innerText(), /4 files: 8 events added/);
  // The screen lists the case's evidence with hashes, names as text.
  const listed = page.getByRole('region', { name: 'Evidence', exact: true });
  await listed.getByText('dropped <b>.ndjson', { exact: false }).waitFor();
  assert.equal(await listed.getByRole('row').count(), 5);
  assert.match(await listed.innerText(), /\b[0-9a-f]{64}\b/);
  assert.equal(await listed.locator('b').count(), 0);
  await screenshot(page, 'import-summary-and-evidence');
  await screens.getByRole('button', { name: 'Overview' }).click();
  await page.getByRole('region', { name: 'Evidence' }).getByText('dropped <b>.ndjson', { exact: false }).waitFor();
  await screens.getByRole('button', { name: 'Import' }).click();
  assert.match(await page.getByRole('status').innerText(), /4 files: 8 events added/, 'the import screen keeps its summary across screens');
  assert.deepEqual(errors, []);
});
