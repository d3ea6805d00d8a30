/**
 * The overview after new evidence, in Chromium: imported files make the findings out of date and
 * the screen says so until detection runs again; two tiny files from other years are counted and
 * marked instead of stretching the histogram over them; the headline's counts open the users.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { screenshot } from '../support/browser.js';
import { demoCase } from '../support/demo-case.js';
import { Workbench } from '../support/pages.js';

/** One Okta sign-in of the demo's user at `published`: a stray record from another period. */
function strayOkta(uuid: string, published: string): string {
  return `${JSON.stringify({
    uuid,
    published,
    eventType: 'user.session.start',
    version: '0',
    displayMessage: 'User login to Okta',
    actor: { id: '00u-stray', type: 'User', alternateId: 'dana.whitfield@kestrelfreight.example', displayName: 'Dana Whitfield' },
    client: { ipAddress: '198.51.100.7', userAgent: { rawUserAgent: 'Mozilla/5.0' } },
    outcome: { result: 'SUCCESS' },
  })}\n`;
}

test('overview: stale findings after an import, outliers kept off the histogram axis, headline to the users', async (t) => {
  const { dir, casePath } = demoCase(t);
  const early = join(dir, 'okta-2020.ndjson');
  const late = join(dir, 'okta-2026.ndjson');
  writeFileSync(early, strayOkta('e2e-stray-2020', '2020-06-01T10:00:00.000Z'));
  writeFileSync(late, strayOkta('e2e-stray-2026', '2026-11-20T10:00:00.000Z'));
  const bench = await Workbench.open(t, casePath);
  const { page } = bench;
  const stale = page.getByRole('region', { name: 'Findings out of date' });
  const caption = page.locator('.histogram-caption');
  await caption.waitFor();
  const before = await caption.innerText();
  assert.equal(await stale.count(), 0, 'the demo was analysed after its import');
  assert.equal(await page.locator('.histogram-outliers').count(), 0);

  // The headline names the verdicts, and a count opens the users with that verdict.
  const headline = page.getByLabel('Case headline');
  assert.match(await headline.innerText(), /^1 compromised, \d+ attacked, \d+ suspicious, 1 campaign$/);

  // Import the two stray files through the Import screen.
  await bench.show('Import');
  await page.getByLabel(/^Paths/).fill(`${early}\n${late}`);
  await page.getByRole('button', { name: 'Import', exact: true }).last().click();
  await page.getByRole('status').getByText(/2 files: 2 events added/).waitFor();
  await stale.getByText(/^Findings are out of date: 2 evidence files \(2 events\) imported since detection last ran/).waitFor();

  // The histogram keeps the incident's span and marks the two strays at its ends.
  await bench.show('Overview');
  const outliers = page.locator('.histogram-outliers');
  await outliers.waitFor();
  assert.equal(await caption.innerText(), before, 'the drawn span is still the incident');
  assert.match(await outliers.innerText(), /1 event earlier \(2020-06-01 10:00:00 UTC\); 1 event later \(2026-11-20 10:00:00 UTC\)/);
  await page.locator('text.histogram-outlier-mark', { hasText: '◀ 1 earlier' }).waitFor();
  await page.locator('text.histogram-outlier-mark', { hasText: '1 later ▶' }).waitFor();
  await screenshot(page, 'overview-stale-outliers');

  // Re-running detection from the banner brings the findings up to date: the banner goes.
  await stale.getByRole('button', { name: 'Re-run detection' }).click();
  await stale.waitFor({ state: 'detached' });

  await headline.getByRole('button', { name: '1 compromised' }).click();
  const users = page.getByRole('table', { name: 'Users' });
  await users.getByRole('row').nth(1).getByText('compromised').waitFor();
  assert.equal(await users.getByRole('row').count(), 2, 'the header and the one compromised user');
  assert.equal(await page.getByLabel('Filter users').inputValue(), 'compromised');
  await screenshot(page, 'overview-headline-users');
  assert.deepEqual(bench.errors, []);
});
