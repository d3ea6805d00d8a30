/**
 * A hostile log names its user with 500 KB of text (lines of up to 1 MiB are accepted). The
 * name is stored cut, with a visible mark, while the verbatim record keeps every byte; the
 * user opens in the browser, and the PDF report of the case is printed in time.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openBrowser } from '../support/browser.js';
import { CLI, serve } from '../support/serve.js';
import { tempDir } from '../support/temp.js';
import { CaseStore } from '../../electron/store/case-store.js';

const HUGE_USER = `${'n'.repeat(500 * 1024)}@hostile.example`;

/** Thirty unanswered Okta pushes in five minutes to the user with the huge name: a push burst. */
function hostileEvidence(dir: string): string {
  const lines = Array.from({ length: 30 }, (_, i) =>
    JSON.stringify({
      uuid: `huge-${i}`,
      published: new Date(Date.UTC(2025, 2, 14, 2, 0, i * 10)).toISOString(),
      eventType: 'system.push.send_factor_verify_push',
      displayMessage: 'Push notification sent for verification',
      actor: { id: '00uhuge', type: 'User', alternateId: HUGE_USER, displayName: HUGE_USER },
      client: { ipAddress: '146.70.117.86' },
      outcome: { result: 'SUCCESS' },
    }),
  );
  const path = join(dir, 'hostile.ndjson');
  writeFileSync(path, lines.join('\n'));
  return path;
}

test('a 500 KB user name: stored cut with a mark, the record whole; the user opens in the browser and the PDF report finishes', async (t) => {
  const dir = tempDir(t);
  const casePath = join(dir, 'huge.pushtrail');
  for (const args of [['import', casePath, hostileEvidence(dir)], ['detect', casePath]]) execFileSync(process.execPath, [CLI, ...args], { stdio: 'pipe' });

  const store = CaseStore.open(casePath, 'test', { readOnly: true });
  let stored: string;
  try {
    const event = store.events(0, 1)[0];
    assert.ok(event !== undefined);
    stored = event.user;
    assert.ok(stored.length < 1024, `stored user name is ${stored.length} characters`);
    assert.match(stored, /^n{512}… \[truncated: 512,016 characters, SHA-256 [0-9a-f]{16}…; the record holds it whole\]$/);
    assert.ok(store.event(event.id).raw.includes(HUGE_USER), 'the verbatim record keeps every byte');
  } finally {
    store.close();
  }

  const server = await serve(t, casePath);
  const { page, errors } = await openBrowser(t);
  await page.goto(server.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Users' }).click();
  const row = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: 'SHA-256' });
  await row.getByRole('button').first().click();
  await page.getByRole('region', { name: 'Authentication sequence' }).waitFor();
  await page.locator('svg.seq-svg g.seq-lane').first().waitFor();
  assert.deepEqual(errors, []);

  const pdf = join(dir, 'huge.pdf');
  const started = Date.now();
  const report = spawnSync(process.execPath, [CLI, 'report', casePath, '--out', pdf], { encoding: 'utf8', timeout: 180_000 });
  assert.equal(report.status, 0, report.stderr);
  assert.match(report.stdout, /Wrote PDF report \(1 user section, [\d,]+ findings?, 30 original records, A4, \d+ pages\)/);
  t.diagnostic(`PDF of the case printed in ${Date.now() - started} ms`);
});
