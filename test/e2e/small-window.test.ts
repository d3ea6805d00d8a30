/**
 * A 1024×700 window in Chromium: every screen reflows to it. The header keeps "Close case" in
 * view, no screen scrolls sideways, and in the users table no label or number is wider than its
 * column (so nothing is cut, overlapped or broken mid-word to fit).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser.js';
import { demoCase } from '../support/demo-case.js';
import { Workbench, type ScreenName } from '../support/pages.js';

const USER = 'dana.whitfield@kestrelfreight.example';
const WINDOW = { width: 1024, height: 700 };

/** How far the page reaches past the window's right edge (0: no sideways scroll). */
async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function closeCaseInView(page: Page): Promise<void> {
  const box = await page.getByRole('button', { name: 'Close case' }).boundingBox();
  assert.ok(box !== null && box.x >= 0 && box.x + box.width <= WINDOW.width && box.y >= 0, `Close case at ${JSON.stringify(box)}`);
}

test('at 1024×700 the header, the users table and every screen fit the window', async (t) => {
  const { casePath } = demoCase(t);
  const bench = await Workbench.open(t, casePath, WINDOW);
  const { page } = bench;
  await page.getByLabel('Case headline').waitFor();

  const users = await bench.users();
  await users.rows.nth(1).getByRole('img', { name: /prompt events over time/ }).waitFor();
  assert.equal(await sidewaysOverflow(page), 0, 'users screen scrolls sideways');
  // Every header label and cell fits its column: wider content would spill over its neighbour.
  const spilling = await users.table.locator('[role=columnheader], [role=cell]').evaluateAll((cells) =>
    cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => `${c.textContent ?? ''}: ${c.scrollWidth} > ${c.clientWidth}`),
  );
  assert.deepEqual(spilling, []);
  const rowWidth = await users.rows.nth(1).evaluate((r) => r.scrollWidth - r.clientWidth);
  assert.equal(rowWidth, 0, 'a users row is wider than the table');
  await closeCaseInView(page);
  await screenshot(page, 'small-users');

  // The sequence names the user in its tab: the header still fits, with Close case in view.
  await users.openSequence(USER);
  await closeCaseInView(page);
  assert.equal(await sidewaysOverflow(page), 0, 'sequence screen scrolls sideways');
  await screenshot(page, 'small-sequence');

  for (const screen of ['Overview', 'Import', 'Search', 'Report', 'Hunt'] satisfies ScreenName[]) {
    await bench.show(screen);
    await page.waitForLoadState('networkidle');
    await closeCaseInView(page);
    assert.equal(await sidewaysOverflow(page), 0, `${screen} scrolls sideways`);
  }
  await bench.show('Overview');
  await screenshot(page, 'small-overview');
  assert.deepEqual(bench.errors, []);
});
