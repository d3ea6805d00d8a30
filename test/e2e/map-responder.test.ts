/**
 * Where a Duo push was answered, in Chromium: Duo logs the login device (access_device) and the
 * phone that answered (auth_device) each with a city, state and country but no coordinates; the
 * bundled DB-IP database places each address where it names the same city, so the detail shows
 * the responder's place and the map draws the attempt → answering device line.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from '../support/browser.js';
import { tempDir } from '../support/temp.js';
import { Workbench } from '../support/pages.js';
import { spawnSync } from 'node:child_process';
import { CLI } from '../support/serve.js';

const USER = 'ines.ward@example.com';

/**
 * One Duo Auth API v2 log record, field by field as Elastic's Duo integration sample
 * (../shared/corpus/duo/elastic-integrations/test-auth.log) writes them, with public addresses
 * whose DB-IP Lite city is the city Duo names: the sign-in from Frankfurt, the push approved on a
 * phone in London. https://duo.com/docs/adminapi#authentication-logs
 */
function duoApproval(): string {
  return `${JSON.stringify({
    access_device: { browser: 'Chrome', ip: '109.43.208.143', location: { city: 'Frankfurt am Main', country: 'Germany', state: 'Hesse' }, os: 'Windows', os_version: '10' },
    alias: '',
    application: { key: 'DIY231J8BR23QK4UKBY8', name: 'Microsoft Azure Active Directory' },
    auth_device: { ip: '81.2.69.142', location: { city: 'London', country: 'United Kingdom', state: 'England' }, name: 'Ines iPhone 14' },
    email: USER,
    event_type: 'authentication',
    factor: 'duo_push',
    isotimestamp: '2025-03-14T02:31:05.000000+00:00',
    reason: 'user_approved',
    result: 'success',
    timestamp: 1741919465,
    txid: 'b2a7e3c1-5d6f-4a8b-9c0d-1e2f3a4b5c6d',
    user: { groups: ['Duo Users'], key: 'DUE2E0000000000000', name: USER },
  })}\n`;
}

test('map: a Duo approval answered on a phone in London is placed and joined to its sign-in in Frankfurt', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'duo-auth.json');
  writeFileSync(file, duoApproval());
  const casePath = join(dir, 'duo.pushtrail');
  const imported = spawnSync(process.execPath, [CLI, 'import', casePath, file], { encoding: 'utf8' });
  assert.equal(imported.status, 0, imported.stderr);
  const detect = spawnSync(process.execPath, [CLI, 'detect', casePath], { encoding: 'utf8' });
  assert.equal(detect.status, 0, detect.stderr);

  const bench = await Workbench.open(t, casePath);
  const sequence = await (await bench.users()).openSequence(USER);
  const detail = sequence.detail;
  const responder = await detail.getByText('Responder location', { exact: true }).locator('xpath=following-sibling::dd[1]').innerText();
  assert.match(responder, /^London, GB \(51\.\d+, -0\.\d+\)/);
  const map = bench.page.getByRole('region', { name: 'Map' });
  assert.match(await map.locator('.map-list', { hasText: 'Answered in' }).innerText(), /London/);
  assert.match((await map.getByRole('img').first().getAttribute('aria-label')) ?? '', /prompts answered in 1 places/);
  // The playhead's prompt line, from the sign-in to the phone, and the link between the places.
  await map.locator('path.map-link-current').waitFor();
  assert.equal(await map.locator('path.map-link').count(), 1);
  await screenshot(bench.page, 'map-duo-responder');
  assert.deepEqual(bench.errors, []);
});
