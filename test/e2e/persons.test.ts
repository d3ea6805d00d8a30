import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { CaseStore } from '../../electron/store/case-store.js';
import { openBrowser, screenshot } from '../support/browser.js';
import { CLI, serve } from '../support/serve.js';
import { BARE, UPN, writeFabrikam, writeSplitIdp } from '../support/split-idp.js';
import { tempDir } from '../support/temp.js';

function run(...args: string[]): void {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, `pushtrail ${args.join(' ')}: ${r.stderr}`);
}

test('one person across Duo, Okta and Entra: a proposed bare-name link accepted on the users screen, identities in the person panel and the sequence', async (t) => {
  const dir = tempDir(t);
  const casePath = join(dir, 'case.pushtrail');
  // Two organisations' Ivan Petrov make Duo's bare `ivan.petrov` ambiguous: proposed, not applied.
  run('import', casePath, ...writeSplitIdp(dir).files, ...writeFabrikam(dir));
  run('detect', casePath);
  const server = await serve(t, casePath);
  const { page, errors } = await openBrowser(t);
  await page.goto(server.url);
  const nav = page.getByRole('navigation', { name: 'Screens' });
  await nav.getByRole('button', { name: 'Users' }).click();
  const users = page.getByRole('table', { name: 'Users' });
  await users.getByRole('button', { name: UPN, exact: true }).waitFor();
  assert.equal(await users.getByRole('button', { name: BARE, exact: true }).count(), 1, 'before a decision the bare name is a user of its own');

  await page.getByRole('button', { name: /2 proposed identity links wait for a decision/ }).click();
  const proposals = page.getByRole('region', { name: 'Proposed identity links' });
  await proposals.getByText(/bare name ivan\.petrov may be ivan\.petrov@kestrelfreight\.example/).waitFor();
  await screenshot(page, 'persons-proposals');
  await proposals.getByRole('button', { name: `Accept: ${BARE} and ${UPN}` }).click();

  // Detection runs again; the bare name is now one of the person's identities.
  await users.getByRole('button', { name: BARE, exact: true }).waitFor({ state: 'detached' });
  const row = users.getByRole('row').filter({ has: page.getByRole('button', { name: UPN, exact: true }) });
  await row.getByRole('button', { name: `also ${BARE}` }).click();
  const panel = page.getByRole('region', { name: `Identities of ${UPN}` });
  const identities = panel.getByRole('table');
  await identities.getByRole('row').filter({ hasText: BARE }).getByText('duo').waitFor();
  await identities.getByRole('row').filter({ hasText: UPN }).getByText('entra, okta').waitFor();
  await panel.getByText('linked (accepted)').waitFor();
  await screenshot(page, 'persons-panel');

  // The person's sequence holds the Duo events of the bare name: each event says which identity and vendor.
  await users.getByRole('button', { name: UPN, exact: true }).click();
  const detail = page.getByRole('region', { name: 'Event detail' });
  await detail.waitFor();
  const sequence = page.getByRole('region', { name: 'Authentication sequence' });
  let seen = false;
  for (let i = 0; i < 12 && !seen; i++) {
    await page.getByRole('button', { name: 'Next finding' }).click();
    seen = (await detail.getByText(`on duo`).count()) > 0;
  }
  assert.ok(seen, 'a finding of the person lands on a Duo event');
  await detail.getByText(/^ivan\.petrov on duo/).first().waitFor();
  await sequence.waitFor();
  await screenshot(page, 'persons-sequence');
  assert.deepEqual(errors, []);

  const store = CaseStore.open(casePath, 'test', { readOnly: true });
  try {
    const accepted = store.custody(0, 10_000).filter((c) => c.action === 'identities/accept');
    assert.equal(accepted.length, 1);
    assert.deepEqual([accepted[0]?.detail['a'], accepted[0]?.detail['b']], [BARE, UPN]);
  } finally {
    store.close();
  }
});
