/**
 * The numbers an analyst compares between screens agree in the browser: for the compromised
 * user, the users table's prompts, denied, timed out and approved equal the sequence's response
 * lanes, the map lists the places the location lanes count with the same numbers, and the
 * report's section for the user states the same counts. In the findings band the critical
 * finding is labelled and no bar is drawn without its label.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot } from '../support/browser.js';
import { demoCase } from '../support/demo-case.js';
import { serve } from '../support/serve.js';

const USER = 'dana.whitfield@kestrelfreight.example';

/** Lane label → count, as drawn in the timeline's gutter. */
async function laneCounts(page: Page): Promise<Map<string, number>> {
  const lanes = await page.locator('svg.seq-svg g.seq-lane').evaluateAll((gs) =>
    gs.map((g) => [g.querySelector('title')?.textContent ?? '', g.querySelector('.seq-lane-count')?.textContent ?? ''] as const),
  );
  // The title holds the whole label ("Responses: Approved (…)" or the source), the label may be cut.
  return new Map(lanes.map(([title, n]) => [title.replace(/^Responses: /, '').replace(/ \(.*$/, '').replace(/: [\d,]+ .*$/, ''), Number(n.replace(/,/g, ''))]));
}

test('counts agree in the browser: users table, sequence lanes, map and report for the compromised user', async (t) => {
  const { casePath } = demoCase(t);
  const server = await serve(t, casePath);
  const { page, errors } = await openBrowser(t);
  await page.goto(server.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Users' }).click();
  const table = page.getByRole('table', { name: 'Users' });
  const row = table.getByRole('row').filter({ hasText: USER });
  await row.waitFor();
  const headers = await table.getByRole('columnheader').allInnerTexts();
  const cells = await row.getByRole('cell').allInnerTexts();
  const cell = (name: string): number => Number((cells[headers.indexOf(name)] ?? '').replace(/,/g, ''));
  const listed = { prompts: cell('Prompts'), denied: cell('Denied'), timedOut: cell('Timed out'), approved: cell('Approved') };
  assert.ok(listed.prompts > 0 && listed.approved > 0, JSON.stringify(listed));

  await row.getByRole('button', { name: USER }).click();
  await page.getByRole('region', { name: 'Authentication sequence' }).waitFor();
  await page.getByLabel('Group login attempts by').selectOption('location');
  await page.locator('svg.seq-svg text.seq-group-label', { hasText: /^Responses to / }).waitFor();
  const lanes = await laneCounts(page);
  assert.equal(lanes.get('Approved'), listed.approved);
  assert.equal(lanes.get('Denied'), listed.denied);
  assert.equal(lanes.get('Timed out / unanswered'), listed.timedOut);
  const responses = await page.locator('svg.seq-svg text.seq-group-label', { hasText: /^Responses to / }).textContent();
  assert.equal(responses, `Responses to ${listed.prompts} MFA prompts`);

  // The map lists login-attempt places with the counts of the location lanes of the same name.
  const attempts = await page.locator('.map-list', { hasText: 'Attempts from' }).innerText();
  const places = [...attempts.replace(/^Attempts from\s*/, '').matchAll(/([^·:]+?) \(([\d,]+)\)/g)].map((m) => [m[1]?.trim() ?? '', Number((m[2] ?? '').replace(/,/g, ''))] as const);
  assert.ok(places.length > 0, attempts);
  for (const [place, n] of places) assert.equal(lanes.get(place), n, `${place} on the map and in its lane`);
  // No place is listed twice.
  assert.equal(new Set(places.map(([p]) => p)).size, places.length);
  await screenshot(page, 'counts-sequence');

  // The findings band: the critical finding is labelled, and no bar is drawn without its label.
  const band = page.locator('svg.seq-svg g.seq-spans');
  await band.locator('text.seq-span-label', { hasText: 'fatigue-approval · critical' }).waitFor();
  const bars = await band.locator('g.seq-span').evaluateAll((gs) => gs.map((g) => [g.querySelector('text')?.textContent ?? '', g.querySelector('text')?.getAttribute('display') ?? ''] as const));
  assert.ok(bars.length > 0);
  for (const [text, display] of bars) assert.ok(text !== '' && display !== 'none', `bar without label: ${text}`);

  // The report's section for the user states the same counts.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Report' }).click();
  const frame = page.frameLocator('iframe[title="Report preview"]');
  const section = frame.locator('section.user', { hasText: USER }).first();
  const line = await section.getByText(/^In the whole case:/).innerText();
  assert.match(line, new RegExp(`${listed.prompts} MFA prompts? \\(${listed.denied} denied, ${listed.timedOut} timed out or unanswered, ${listed.approved} approved`));
  assert.deepEqual(errors, []);
});
