/**
 * The sequence keys and the annotation forms in Chromium: ← / → step whenever the sequence screen
 * is shown and no text field has focus (also with focus left on a form's button after a save), and
 * a single-item form follows a bulk apply instead of showing, and saving back, the old state.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CaseStore } from '../../electron/store/case-store.js';
import { listAnnotations } from '../../electron/store/annotations.js';
import { screenshot } from '../support/browser.js';
import { demoCase } from '../support/demo-case.js';
import { Workbench } from '../support/pages.js';

const USER = 'dana.whitfield@kestrelfreight.example';

test('arrows step after saving an annotation; a bulk apply refreshes the single-item form or flags its edits', async (t) => {
  const { casePath } = demoCase(t);
  const bench = await Workbench.open(t, casePath);
  const { page } = bench;
  const sequence = await (await bench.users()).openSequence(USER);
  await sequence.region.focus();
  await page.keyboard.press('ArrowRight');
  const start = await sequence.position();

  // Save an annotation with the button: focus stays on it, and → still steps.
  const form = sequence.eventForm;
  await form.getByLabel('Tags (comma separated)').fill('reviewed');
  await form.getByRole('button', { name: 'Save annotation' }).click();
  await form.getByRole('status').getByText(/^Saved/).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Save annotation');
  await page.keyboard.press('ArrowRight');
  await sequence.waitForPosition(start + 1);
  // After ticking the Starred box (a control, not a text field) ← steps back too.
  await form.getByLabel('Starred').focus();
  await page.keyboard.press('ArrowLeft');
  await sequence.waitForPosition(start);
  // In a text field the arrows move the caret, not the playhead.
  await form.getByLabel('Note').fill('caret test');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await sequence.position(), start);
  await form.getByLabel('Note').fill('');
  await screenshot(page, 'keys-after-save');

  // Pick the current event (X) and star it with the bulk form: the event's own form shows it starred.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('ArrowRight');
  await sequence.waitForPosition(start + 1);
  await page.keyboard.press('x');
  const bulk = sequence.selectionForm;
  await bulk.getByLabel('Star').selectOption('star');
  await bulk.getByRole('button', { name: /^Apply to / }).click();
  await bulk.getByRole('status').getByText('Applied to 1 item.').waitFor();
  assert.equal(await form.getByLabel('Starred').isChecked(), true, 'the single-item form shows the bulk star');
  await screenshot(page, 'keys-bulk-starred');

  // With edits of its own, the form is not overwritten: it says so and saves only as a replacement.
  await form.getByLabel('Note').fill('my own note');
  await bulk.getByLabel('Add tags (comma separated)').fill('burst');
  await bulk.getByRole('button', { name: /^Apply to / }).click();
  await form.getByRole('alert').getByText(/^Changed elsewhere since you started editing/).waitFor();
  assert.equal(await form.getByLabel('Note').inputValue(), 'my own note');
  await form.getByRole('button', { name: 'Show the saved annotation' }).click();
  assert.equal(await form.getByLabel('Tags (comma separated)').inputValue(), 'burst');
  assert.equal(await form.getByLabel('Starred').isChecked(), true);
  assert.equal(await form.getByRole('button', { name: 'Save annotation' }).count(), 1);

  const store = CaseStore.open(casePath, 'e2e', { readOnly: true });
  t.after(() => store.close());
  const events = listAnnotations(store.db).filter((a) => a.kind === 'event');
  assert.deepEqual(
    events.map((a) => [a.starred, a.tags, a.note]).sort(),
    [
      [false, ['reviewed'], ''],
      [true, ['burst'], ''],
    ],
  );
  assert.deepEqual(bench.errors, []);
});
