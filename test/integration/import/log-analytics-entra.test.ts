/**
 * Log Analytics / Sentinel exports of the Entra tables besides SigninLogs (reexport.test.ts):
 * `AADNonInteractiveUserSignInLogs` from the portal's "Export to CSV" (US-locale times, dynamic
 * columns as JSON text), and a JSON export of a union query mixing `AuditLogs`, a
 * non-interactive sign-in and a table with no authentication meaning (`AADUserRiskEvents`),
 * each row read by its own parser and every kind counted. Fixtures: test/fixtures/reexport
 * (SOURCES.md there).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixturePath } from '../../support/corpus.js';
import { entry, importPaths, inCase, newCase } from './helpers.js';

interface Row {
  time: number;
  user: string;
  outcome: string;
  factor: string | null;
  vendor_event: string;
  src_ip: string | null;
  vendor_uid: string | null;
}

function events(casePath: string): Row[] {
  return inCase(casePath, (s) => s.db.prepare('SELECT time, user, outcome, factor, vendor_event, src_ip, vendor_uid FROM events ORDER BY time').all() as Row[]);
}

test('AADNonInteractiveUserSignInLogs portal CSV: month-first locale times, JSON-text columns, a token-satisfied MFA is no approval', async (t) => {
  const casePath = newCase(t);
  const file = entry(await importPaths(casePath, [fixturePath('reexport', 'la-aadnoninteractive.csv')]), 'la-aadnoninteractive.csv');
  assert.equal(file.status, 'imported', JSON.stringify(file));
  assert.equal(file.format, 'entra-signin');
  assert.equal(file.reexport, 'Log Analytics / Sentinel query results');
  assert.equal(file.rejected, 0, JSON.stringify(file.errors));
  assert.equal(file.dateOrder, 'mdy');
  assert.deepEqual(file.kinds.map((k) => [k.kind, k.records, k.events]), [['AADNonInteractiveUserSignInLogs (Log Analytics)', 2, 2]]);
  assert.deepEqual(
    events(casePath).map((r) => [new Date(r.time).toISOString(), r.user, r.outcome, r.factor, r.src_ip, r.vendor_uid]),
    [
      ['2025-06-19T02:10:43.871Z', 'erin@example.com', 'auth_success', 'remembered', '198.51.100.23', '5d7b3c1e-0000-4000-8000-00000000f001'],
      ['2025-06-19T14:14:01.050Z', 'erin@example.com', 'auth_failure', null, '203.0.113.5', '5d7b3c1e-0000-4000-8000-00000000f002'],
    ],
  );
});

test('a Log Analytics JSON export mixing AuditLogs, a non-interactive sign-in and AADUserRiskEvents: each row by its own kind, risk skipped', async (t) => {
  const casePath = newCase(t);
  const file = entry(await importPaths(casePath, [fixturePath('reexport', 'la-union-entra.json')]), 'la-union-entra.json');
  assert.equal(file.status, 'imported', JSON.stringify(file));
  assert.equal(file.rejected, 0, JSON.stringify(file.errors));
  assert.equal(file.skipped, 1);
  assert.deepEqual(
    file.kinds.map((k) => [k.kind, k.format, k.records, k.events, k.skipped]).sort(),
    [
      ['AADNonInteractiveUserSignInLogs (Log Analytics)', 'entra-signin', 1, 1, 0],
      ['AADUserRiskEvents (Log Analytics)', null, 1, 0, 1],
      ['AuditLogs (Log Analytics)', 'entra-audit', 1, 1, 0],
    ],
  );
  assert.deepEqual(
    events(casePath).map((r) => [new Date(r.time).toISOString(), r.user, r.outcome, r.vendor_event]),
    [
      ['2025-06-19T02:20:31.221Z', 'erin@example.com', 'factor_change', 'User registered security info'],
      ['2025-06-19T02:21:05.000Z', 'erin@example.com', 'auth_success', 'Sign-in activity'],
    ],
  );
});
