import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listAnnotations } from '../../electron/store/annotations.js';
import { CaseStore } from '../../electron/store/case-store.js';
import { openBrowser, screenshot } from '../support/browser.js';
import { serve } from '../support/serve.js';
import { demoCase } from '../support/demo-case.js';

const ATTACKER_IP = '146.70.117.86';
const IP_NOTE = 'M247 hosting exit used for the whole campaign';
const USER_NOTE = 'Interviewed 2025-03-20: approved to make it stop';

test('bulk tagging and entity notes: users and events tagged in one action, notes shown wherever the entity appears, dark theme kept', async (t) => {
  const { casePath } = demoCase(t);
  const server = await serve(t, casePath);
  const { page, errors } = await openBrowser(t);
  await page.goto(server.url);
  const nav = page.getByRole('navigation', { name: 'Screens' });
  await nav.waitFor();

  // The theme choice is applied at once and survives a reload.
  await page.getByLabel('Theme').selectOption('dark');
  assert.equal(await page.evaluate(() => document.documentElement.dataset['theme']), 'dark');
  await page.reload();
  await nav.waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset['theme']), 'dark');
  assert.equal(await page.getByLabel('Theme').inputValue(), 'dark');
  await page.getByRole('heading', { name: 'Events over time' }).waitFor();
  await page.getByRole('region', { name: 'Events over time' }).getByRole('img').waitFor();
  await screenshot(page, 'dark-overview');

  // Users: three picked by keyboard (Space on each checkbox), starred, tagged and noted at once.
  await nav.getByRole('button', { name: 'Users' }).click();
  const users = page.getByRole('table', { name: 'Users' });
  const rows = users.getByRole('row');
  await rows.nth(1).getByText('compromised').waitFor();
  const picked: string[] = [];
  for (const i of [1, 2, 3]) {
    const row = rows.nth(i);
    picked.push((await row.getByRole('button').first().innerText()).trim());
    const box = row.getByRole('checkbox');
    await box.focus();
    await page.keyboard.press('Space');
    assert.equal(await box.isChecked(), true);
  }
  // The focused checkbox shows a focus ring.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  assert.notEqual(outline, 'none');
  await rows.nth(1).getByRole('img', { name: /prompt events over time/ }).waitFor();
  const bulk = page.getByRole('form', { name: 'Annotate 3 users' });
  await bulk.getByLabel('Star').selectOption('star');
  await bulk.getByLabel('Add tags (comma separated)').fill('interviewed, victim');
  await bulk.getByLabel('Note for all (replaces theirs)').fill(USER_NOTE);
  await bulk.getByRole('button', { name: 'Apply to 3 users' }).click();
  await bulk.getByRole('status').getByText('Applied to 3 items.').waitFor();
  // The users table shows the note without opening any editor.
  await rows.nth(1).getByText(USER_NOTE).waitFor();
  await screenshot(page, 'dark-users-bulk-tagged');

  // The top user's sequence: the user's note is in the event detail.
  await rows.nth(1).getByRole('button', { name: picked[0] }).click();
  const detail = page.getByRole('region', { name: 'Event detail' });
  await detail.getByText(USER_NOTE).first().waitFor();

  // A note on the attacker's address, entered once, shows in the detail and on the map label.
  const addressForm = page.getByRole('form', { name: `Annotate address ${ATTACKER_IP}` });
  await addressForm.getByLabel('Note').fill(IP_NOTE);
  await addressForm.getByRole('button', { name: 'Save annotation' }).click();
  await addressForm.getByRole('status').getByText(/^Saved/).waitFor();
  await detail.getByText(IP_NOTE).first().waitFor();
  await page.getByRole('region', { name: 'Map' }).getByText(`✎ ${IP_NOTE.slice(0, 20)}`, { exact: false }).waitFor();

  // Events: X picks the current one, → moves on, X again; then every event of its finding.
  const sequence = page.getByRole('region', { name: 'Authentication sequence' });
  await sequence.focus();
  await page.keyboard.press('x');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('x');
  const eventsForm = page.getByRole('form', { name: 'Annotate 2 events' });
  await eventsForm.waitFor();
  const selectFinding = page.getByRole('button', { name: /^Select the finding's \d+ events$/ });
  const findingEvents = Number((await selectFinding.innerText()).match(/(\d+) events/)?.[1]);
  await selectFinding.click();
  // And one finding from the list, by its checkbox.
  await page.getByRole('region', { name: 'Findings', exact: true }).getByRole('checkbox').first().check();
  const mixed = page.getByRole('form', { name: /^Annotate \d+ events? and 1 finding$/ });
  await mixed.getByLabel('Add tags (comma separated)').fill('burst');
  await mixed.getByRole('button', { name: /^Apply to / }).click();
  await mixed.getByRole('status').getByText(/^Applied to \d+ items\.$/).waitFor();
  await detail.getByText('burst', { exact: true }).first().waitFor();
  await screenshot(page, 'dark-sequence-annotated');

  // What the case file now holds, read back from the file itself.
  const store = CaseStore.open(casePath, 'e2e', { readOnly: true });
  t.after(() => store.close());
  const marked = listAnnotations(store.db);
  const byKind = (kind: string) => marked.filter((a) => a.kind === kind);
  assert.deepEqual(
    byKind('user').map((a) => [a.target, a.starred, a.tags, a.note]),
    [...picked].sort().map((u) => [u, true, ['interviewed', 'victim'], USER_NOTE]),
  );
  assert.deepEqual(
    byKind('entity').map((a) => [a.target, a.note]),
    [[ATTACKER_IP, IP_NOTE]],
  );
  const events = byKind('event');
  assert.ok(events.length >= Math.max(2, findingEvents), `${events.length} events tagged`);
  assert.ok(events.every((a) => a.tags.includes('burst')));
  assert.equal(byKind('finding').length, 1);
  const custody = store.custody().filter((e) => e.action === 'annotation/set');
  assert.equal(custody.length, 3);
  assert.deepEqual(errors, []);
});
