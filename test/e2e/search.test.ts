import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { RESULTS_DIR, openBrowser, screenshot } from '../support/browser.js';
import { serve } from '../support/serve.js';
import { demoCase } from '../support/demo-case.js';

const DANA = 'dana.whitfield@kestrelfreight.example';
const ATTACKER_IP = '146.70.117.86';
const HOSTILE_NOTE = 'Victim says she approved to stop the noise <img src=x onerror="window.__pwned=3">';

test('search: full text and filters, a result opens in the sequence, an analyst-entered event is marked everywhere, context of all users', async (t) => {
  const { casePath } = demoCase(t);

  const server = await serve(t, casePath);
  const { page, errors } = await openBrowser(t);
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1, name: /Kestrel Freight/ }).waitFor();
  const screens = page.getByRole('navigation', { name: 'Screens' });

  // Opening the search screen indexes the records in the background; progress, then coverage.
  await screens.getByRole('button', { name: 'Search' }).click();
  const indexPanel = page.getByRole('region', { name: 'Full-text index' });
  await indexPanel.getByText(/all records indexed/).waitFor();
  assert.match(await indexPanel.innerText(), /Full-text index: 4,2\d\d records/);

  const form = page.getByRole('search', { name: 'Search events' });
  await form.getByLabel('Text in the original records').fill(ATTACKER_IP);
  await form.getByRole('button', { name: 'Search' }).click();
  const results = page.getByRole('region', { name: 'Results' });
  await results.getByRole('status').getByText(/^Results 1–50, more follow$/).waitFor();
  const table = results.getByRole('table', { name: 'Search results' });
  assert.equal(await table.getByRole('row').count(), 51);
  assert.match(await table.getByRole('columnheader').first().innerText(), /Time \(UTC\)/);
  await screenshot(page, 'search-results');
  await results.getByRole('button', { name: 'Next page' }).click();
  await results.getByRole('status').getByText(/^Results 51–/).waitFor();

  // Dana's approvals, opened in her sequence.
  await form.getByLabel('Text in the original records').fill('');
  await form.getByLabel('User').fill(DANA);
  await form.getByLabel('Outcome').selectOption({ label: 'Approved' });
  await form.getByRole('button', { name: 'Search' }).click();
  await results.getByRole('status').getByText(/^Results 1–\d+$/).waitFor();
  const firstHit = table.getByRole('row').nth(1);
  const hitTime = await firstHit.getByRole('cell').first().innerText();
  assert.match(await firstHit.innerText(), /Approved/);
  await firstHit.getByRole('button', { name: `Open ${DANA} at ${hitTime} in the sequence` }).click();
  const detail = page.getByRole('region', { name: 'Event detail' });
  await detail.getByText(hitTime).waitFor();
  assert.match(await detail.innerText(), /Approved/);

  // The context: all users around this approval, landing on it.
  const context = page.getByRole('region', { name: 'Context' });
  const here = context.locator('li[aria-current="true"]');
  await here.waitFor();
  assert.match(await here.innerText(), new RegExp(`${hitTime}.*${DANA.replaceAll('.', '\\.')}`));
  await context.getByLabel('Window').selectOption('60');
  await context.getByText(/events of \d+ users/).waitFor();
  await screenshot(page, 'search-opened-in-sequence');

  // The victim's account, entered by the analyst: marked in the timeline, the detail and lists.
  const addForm = page.getByRole('form', { name: 'Add analyst-entered event' });
  // Two minutes after the approval, typed in the display zone.
  const [day, clock] = hitTime.split(' ');
  const [h, m, sec] = (clock ?? '').split(':').map(Number) as [number, number, number];
  const later = `${day}T${String(h + Math.floor((m + 2) / 60)).padStart(2, '0')}:${String((m + 2) % 60).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
  await addForm.getByLabel('Time (UTC)').fill(later);
  await addForm.getByLabel('What happened, and who says so').fill(HOSTILE_NOTE);
  await addForm.getByRole('button', { name: 'Add event' }).click();
  await addForm.getByRole('status').getByText('Added as an analyst-entered event.').waitFor();
  await detail.getByText('Analyst-entered', { exact: true }).waitFor();
  await detail.getByText(`${later.replace('T', ' ')} UTC`).waitFor();
  await detail.getByText(HOSTILE_NOTE).waitFor();
  assert.match(await detail.innerText(), /not read from evidence/);
  const timeline = page.getByRole('region', { name: 'Authentication sequence' });
  assert.equal(await timeline.locator('g.seq-analyst > g').count(), 1);
  await timeline.getByRole('list', { name: 'Legend' }).getByText('Analyst-entered (not evidence)').waitFor();
  assert.match(await timeline.locator('.seq-now').innerText(), /analyst-entered \(not evidence\)/);
  await context.locator('li[aria-current="true"].entry-analyst').waitFor();
  await screenshot(page, 'search-analyst-event');
  await timeline.screenshot({ path: join(RESULTS_DIR, 'search-analyst-timeline.png') });

  // Another user's event in the context opens that user's sequence on it.
  const other = context.locator('li.context-other button').first();
  const otherText = await other.innerText();
  const otherUser = /\d\d:\d\d:\d\d UTC (\S+@\S+)/.exec(otherText)?.[1];
  assert.ok(otherUser !== undefined && otherUser !== DANA, otherText);
  await other.click();
  await page.locator('.seq-user', { hasText: otherUser }).waitFor();
  const otherTime = /^(\S+ \S+ UTC)/.exec(otherText)?.[1] ?? '';
  await detail.getByText(otherTime).first().waitFor();
  await context.locator('li[aria-current="true"]', { hasText: otherUser }).waitFor();
  await screenshot(page, 'search-context-other-user');

  // Search finds the analyst's entry too, marked as such, and it opens back in Dana's sequence.
  // Back on the search screen the filters and results are as they were left.
  await screens.getByRole('button', { name: 'Search' }).click();
  assert.equal(await form.getByLabel('User').inputValue(), DANA);
  assert.equal(await table.getByRole('row').nth(1).getByRole('cell').first().innerText(), hitTime);
  await form.getByLabel('Source').selectOption({ label: 'Analyst-entered events' });
  await form.getByRole('button', { name: 'Search' }).click();
  await results.getByRole('status').getByText(/^Results 1–1$/).waitFor();
  const analystRow = table.getByRole('row').nth(1);
  assert.match(await analystRow.innerText(), /Analyst-entered[\s\S]*Approved/i);
  assert.match(await analystRow.innerText(), /Analyst-entered by e2e-analyst/);
  await screenshot(page, 'search-analyst-result');
  await analystRow.getByRole('button', { name: new RegExp(`^Open ${DANA.replaceAll('.', '\\.')}`) }).click();
  await detail.getByText(HOSTILE_NOTE).waitFor();

  const pwned = await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0);
  assert.equal(pwned, 0);
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  assert.deepEqual(errors, []);
});
