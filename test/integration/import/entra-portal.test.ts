/**
 * The Entra admin center's sign-in download as a client hands it over: the interactive
 * sign-ins CSV and its authentication details CSV (one row per step, keyed by Request ID),
 * imported alone, together from a folder or a zip, or one after the other in two imports.
 * Fixtures: test/fixtures/entra-portal (SOURCES.md there).
 */
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { zipSync } from 'fflate';
import { fixturePath } from '../../support/corpus.js';
import { tempDir } from '../../support/temp.js';
import { entry, importPaths, inCase, newCase } from './helpers.js';

const SIGNINS = 'InteractiveSignIns_2025-06-19_2025-06-20.csv';
const DETAILS = 'InteractiveSignIns_AuthDetails_2025-06-19_2025-06-20.csv';
const fixture = (name: string): string => fixturePath('entra-portal', name);

interface Row {
  time: number;
  user: string;
  outcome: string;
  factor: string | null;
  vendor_event: string;
  src_ip: string | null;
  reason: string | null;
}

function rows(casePath: string, vendorEvent: 'steps' | 'sign-ins'): Row[] {
  const op = vendorEvent === 'steps' ? '=' : '<>';
  return inCase(casePath, (s) =>
    s.db
      .prepare(`SELECT time, user, outcome, factor, vendor_event, src_ip, reason FROM events WHERE vendor_event ${op} 'Authentication step' ORDER BY time, id`)
      .all() as Row[],
  );
}

/** The three sign-ins once their steps are joined: the refusal, the time-out and the approval the details name. */
function assertJoined(casePath: string): void {
  const signIns = rows(casePath, 'sign-ins');
  assert.deepEqual(
    signIns.map((r) => [new Date(r.time).toISOString(), r.user, r.outcome, r.factor]),
    [
      ['2025-06-19T02:06:05.000Z', 'alice@contoso.example', 'denied', 'push'],
      ['2025-06-19T02:07:30.000Z', 'alice@contoso.example', 'timeout', 'push'],
      ['2025-06-19T02:09:12.000Z', 'alice@contoso.example', 'approved', 'push'],
    ],
  );
  assert.match(signIns[0]?.reason ?? '', /^500121: .*MFA denied; user declined the authentication/);
  const steps = rows(casePath, 'steps');
  assert.equal(steps.length, 6);
  // The steps now belong to alice and count for nothing on their own: one prompt, one event that says so.
  for (const step of steps) {
    assert.equal(step.user, 'alice@contoso.example');
    assert.equal(step.outcome, 'other');
    assert.equal(step.src_ip, '203.0.113.77');
  }
}

test('the authentication details CSV alone: one event per step, its outcome from the step, no user', async (t) => {
  const casePath = newCase(t);
  const file = entry(await importPaths(casePath, [fixture(DETAILS)]), DETAILS);
  assert.equal(file.status, 'imported', JSON.stringify(file));
  assert.equal(file.format, 'entra-auth-details');
  assert.equal(file.rejected, 0, JSON.stringify(file.errors));
  assert.equal(file.events, 6);
  assert.deepEqual(file.kinds.map((k) => [k.kind, k.records, k.events]), [['Microsoft Entra ID authentication details (portal CSV)', 6, 6]]);
  assert.deepEqual(
    rows(casePath, 'steps').map((r) => [new Date(r.time).toISOString(), r.user, r.outcome, r.factor]),
    [
      ['2025-06-19T02:06:05.000Z', '', 'auth_success', 'password'],
      ['2025-06-19T02:06:07.000Z', '', 'denied', 'push'],
      ['2025-06-19T02:07:30.000Z', '', 'auth_success', 'password'],
      ['2025-06-19T02:07:31.000Z', '', 'timeout', 'push'],
      ['2025-06-19T02:09:12.000Z', '', 'auth_success', 'password'],
      ['2025-06-19T02:09:20.000Z', '', 'approved', 'push'],
    ],
  );
});

test('the sign-ins CSV alone: a failed strong authentication stays failed_other, a success without its steps is no approval', async (t) => {
  const casePath = newCase(t);
  const file = entry(await importPaths(casePath, [fixture(SIGNINS)]), SIGNINS);
  assert.equal(file.format, 'entra-signin');
  assert.equal(file.events, 3);
  assert.equal(file.note, undefined);
  assert.deepEqual(
    rows(casePath, 'sign-ins').map((r) => r.outcome),
    ['failed_other', 'failed_other', 'auth_success'],
  );
});

test('both files from one folder: each sign-in is enriched with its MFA steps, and the summary says how many were joined', async (t) => {
  const dir = tempDir(t);
  for (const name of [SIGNINS, DETAILS]) copyFileSync(fixture(name), join(dir, name));
  const casePath = newCase(t, tempDir(t));
  const report = await importPaths(casePath, [dir]);
  // The folder is read in name order: the sign-ins first, their details second.
  assert.match(entry(report, DETAILS).note ?? '', /6 Entra authentication steps joined to their sign-ins by Request ID/);
  assertJoined(casePath);
});

test('both files in a zip, and the details imported before the sign-ins in another import: the same join', async (t) => {
  const dir = tempDir(t);
  const zipPath = join(dir, 'SignIns.zip');
  writeFileSync(zipPath, zipSync({ [SIGNINS]: readFileSync(fixture(SIGNINS)), [DETAILS]: readFileSync(fixture(DETAILS)) }));
  const zipped = newCase(t, tempDir(t));
  await importPaths(zipped, [zipPath]);
  assertJoined(zipped);

  const twice = newCase(t, tempDir(t));
  await importPaths(twice, [fixture(DETAILS)]);
  const second = entry(await importPaths(twice, [fixture(SIGNINS)]), SIGNINS);
  assert.match(second.note ?? '', /6 Entra authentication steps joined/);
  assertJoined(twice);
  // Importing either file again joins nothing more and changes nothing.
  const again = entry(await importPaths(twice, [fixture(DETAILS)]), DETAILS);
  assert.equal(again.events, 0);
  assert.equal(again.note, undefined);
  assertJoined(twice);
});

test('a bad details row costs that row only, named with its line: no Request ID, an unreadable date', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'AuthDetails.csv');
  const [header = '', first = ''] = readFileSync(fixture(DETAILS), 'utf8').split('\r\n');
  writeFileSync(path, [header, first, `,2025-06-19T02:06:09Z,Text message,,True,MFA successfully completed,Secondary authentication`, first.replace('2025-06-19T02:06:05Z', '19/06/2025 25:06'), ''].join('\r\n'));
  const file = entry(await importPaths(newCase(t, tempDir(t)), [path]), 'AuthDetails.csv');
  assert.equal(file.events, 1);
  assert.equal(file.rejected, 2);
  assert.deepEqual(file.errors.map((e) => e.line), [3, 4]);
  assert.match(file.errors[0]?.message ?? '', /Request ID/);
  assert.match(file.errors[1]?.message ?? '', /not a valid date|not a time/);
});
