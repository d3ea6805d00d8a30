import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openBrowser, screenshot } from '../support/browser.js';
import { CLI, serve } from '../support/serve.js';
import { demoCase } from '../support/demo-case.js';

const HOSTILE_UA = '<img src=x onerror="window.__pwned=1">';

/** A hand-made Okta record whose user agent and display name carry markup. */
function hostileOkta(): string {
  return JSON.stringify({
    uuid: 'e2e-hostile-0001',
    published: '2025-03-20T03:00:00.000Z',
    eventType: 'user.session.start',
    version: '0',
    displayMessage: 'User login to Okta',
    actor: { id: '00u-hostile', type: 'User', alternateId: 'dana.whitfield@kestrelfreight.example', displayName: '<script>window.__pwned=2</script>' },
    client: { ipAddress: '203.0.113.66', userAgent: { rawUserAgent: HOSTILE_UA } },
    outcome: { result: 'SUCCESS' },
  });
}

test('workbench: demo case → overview, import, users, the compromised user\'s sequence, stepping by keyboard', async (t) => {
  const { dir, casePath } = demoCase(t);
  const hostileFile = join(dir, 'hostile-okta.ndjson');
  writeFileSync(hostileFile, `${hostileOkta()}\n`);

  const server = await serve(t, casePath);
  const { page, errors } = await openBrowser(t);
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1, name: /Kestrel Freight/ }).waitFor();
  await page.getByRole('region', { name: 'Evidence' }).getByText('okta-system-log.ndjson', { exact: false }).waitFor();
  await screenshot(page, 'workbench-overview');

  // Import through the UI, with live progress and the per-file summary.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Import' }).click();
  await page.getByLabel(/^Paths/).fill(hostileFile);
  await page.getByRole('button', { name: 'Import', exact: true }).last().click();
  const summary = page.getByRole('status');
  await summary.waitFor();
  assert.match(await summary.innerText(), /1 file: 1 event added/);
  await screenshot(page, 'workbench-import');

  // Re-run detection from the overview so the new event is assessed.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Overview' }).click();
  await page.getByRole('button', { name: 'Run detection', exact: true }).click();
  await page.getByRole('region', { name: 'Detection' }).getByRole('status').waitFor();

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Users' }).click();
  const users = page.getByRole('table', { name: 'Users' });
  const firstUser = users.getByRole('row').nth(1);
  await firstUser.getByText('compromised').waitFor();
  assert.match(await firstUser.innerText(), /dana\.whitfield@kestrelfreight\.example/);
  await screenshot(page, 'workbench-users');

  await firstUser.getByRole('button', { name: 'dana.whitfield@kestrelfreight.example' }).click();
  const sequence = page.getByRole('region', { name: 'Authentication sequence' });
  await sequence.waitFor();
  const detail = page.getByRole('region', { name: 'Event detail' });
  await detail.waitFor();
  const before = await detail.innerText();
  await sequence.focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((text) => document.querySelector('[aria-label="Event detail"]')?.textContent !== text, before);
  await page.getByRole('button', { name: 'Next finding' }).click();
  await screenshot(page, 'workbench-sequence');

  // Tag the current event and note the attacker's address; both are stored and in custody.
  const eventForm = page.getByRole('form', { name: /^Annotate event \d+$/ });
  await eventForm.getByLabel('Starred').check();
  await eventForm.getByLabel('Tags (comma separated)').fill('bombing, key-event');
  await eventForm.getByLabel('Note').fill('First prompt of the 02:05 burst');
  await eventForm.getByRole('button', { name: 'Save annotation' }).click();
  await eventForm.getByRole('status').getByText(/^Saved/).waitFor();
  const addressForm = page.getByRole('form', { name: /^Annotate address / });
  await addressForm.getByLabel('Note').fill('M247 hosting exit used for the whole campaign');
  await addressForm.getByRole('button', { name: 'Save annotation' }).click();
  await addressForm.getByRole('status').getByText(/^Saved/).waitFor();
  const info = spawnSync(process.execPath, [CLI, 'info', casePath, '--json'], { encoding: 'utf8' });
  const custody = (JSON.parse(info.stdout) as { custody: { action: string }[] }).custody.filter((e) => e.action === 'annotation/set');
  assert.equal(custody.length, 2);

  // Jump to the last event: the hostile record, shown as text and never executed.
  await page.getByRole('button', { name: 'Last event' }).click();
  await detail.getByText(HOSTILE_UA, { exact: false }).first().waitFor();
  // The verbatim record, with the evidence file and line it came from.
  await detail.getByText('"uuid":"e2e-hostile-0001"', { exact: false }).waitFor();
  await detail.getByText(/hostile-okta\.ndjson/).first().waitFor();
  const pwned = await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0);
  assert.equal(pwned, 0);
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  await screenshot(page, 'workbench-hostile-as-text');

  // Trainer replay: verdict and findings hidden, play moves the playhead, pause holds it,
  // reveal shows the verdict; the presentation layout for a projector.
  await page.getByRole('button', { name: 'Trainer replay' }).click();
  const replay = page.getByRole('region', { name: 'Trainer replay' });
  await replay.getByText(/^Verdict and findings are hidden/).waitFor();
  await page.getByRole('region', { name: 'Findings', exact: true }).getByText('Hidden until the trainer presses Reveal.').waitFor();
  const position = page.locator('.seq-position');
  const start = await position.innerText();
  assert.match(start, /^Event 1 of /);
  await replay.getByLabel('Speed').selectOption('3600');
  await replay.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction((before) => document.querySelector('.seq-position')?.textContent !== before, start);
  await replay.getByRole('button', { name: 'Pause' }).click();
  const paused = await position.innerText();
  await page.waitForTimeout(600);
  assert.equal(await position.innerText(), paused);
  await screenshot(page, 'workbench-replay');
  await replay.getByRole('button', { name: 'Reveal' }).click();
  await replay.getByRole('status').getByText(/^CRITICAL: \d+ findings?\./).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Findings', exact: true }).getByText('Hidden until the trainer presses Reveal.').count(), 0);
  await replay.getByRole('button', { name: 'Presentation layout' }).click();
  await screenshot(page, 'workbench-replay-revealed-presentation');
  await replay.getByRole('button', { name: 'Exit replay' }).click();
  await page.getByRole('button', { name: 'Trainer replay' }).waitFor();
  assert.deepEqual(errors, []);
});
