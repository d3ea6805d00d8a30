/**
 * Microsoft-Extractor-Suite outputs as an incident responder hands them over: the Graph sign-in
 * logs as PowerShell appends them (JSON texts one after another, a one-record page as a bare
 * object, a byte-order mark), and the unified audit log as `Get-UAL` writes it in CSV
 * (`Export-Csv`, locale `CreationDate`, the record in `AuditData`) and in JSON (`AuditData` as
 * an object). Fixtures: test/fixtures/extractor-suite (SOURCES.md there).
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
  src_ip: string | null;
  vendor_uid: string | null;
  line: number | null;
}

function events(casePath: string): Row[] {
  return inCase(casePath, (s) => s.db.prepare('SELECT time, user, outcome, factor, src_ip, vendor_uid, line FROM events ORDER BY time').all() as Row[]);
}

test('Get-GraphEntraSignInLogs JSON: appended pages (an array, then a bare object) are every sign-in, each with its line', async (t) => {
  const casePath = newCase(t);
  const name = '20250619021000-interactiveUser-SignInLogs.json';
  const file = entry(await importPaths(casePath, [fixturePath('extractor-suite', name)]), name);
  assert.equal(file.status, 'imported', JSON.stringify(file));
  assert.equal(file.format, 'entra-signin');
  assert.equal(file.rejected, 0, JSON.stringify(file.errors));
  assert.equal(file.errors.length, 0, JSON.stringify(file.errors));
  assert.deepEqual(
    events(casePath).map((r) => [new Date(r.time).toISOString(), r.user, r.outcome, r.factor, r.src_ip, r.line]),
    [
      ['2025-06-19T02:06:05.000Z', 'frank@example.com', 'denied', 'push', '198.51.100.23', 2],
      ['2025-06-19T02:07:40.000Z', 'frank@example.com', 'timeout', 'push', '198.51.100.23', 58],
      ['2025-06-19T02:09:15.000Z', 'frank@example.com', 'approved', 'push', '198.51.100.23', 107],
    ],
  );
});

test('Get-UAL CSV and JSON: the AuditData record is read, the CSV one from its text; both give the same events', async (t) => {
  const seen: Row[][] = [];
  for (const name of ['UAL-20250619.csv', 'UAL-20250619.json']) {
    const casePath = newCase(t);
    const file = entry(await importPaths(casePath, [fixturePath('extractor-suite', name)]), name);
    assert.equal(file.status, 'imported', `${name}: ${JSON.stringify(file)}`);
    assert.equal(file.format, 'm365-audit', name);
    assert.equal(file.rejected, 0, JSON.stringify(file.errors));
    seen.push(events(casePath));
  }
  const [csv = [], json = []] = seen;
  const summary = (rows: Row[]): unknown[] => rows.map((r) => [new Date(r.time).toISOString(), r.user, r.outcome, r.src_ip, r.vendor_uid]);
  assert.deepEqual(summary(csv), [
    ['2025-06-19T02:06:09.000Z', 'frank@example.com', 'failed_other', '198.51.100.23', '4c2a9b7e-0000-4000-8000-00000000d001'],
    ['2025-06-19T02:09:21.000Z', 'frank@example.com', 'approved', '198.51.100.23', '4c2a9b7e-0000-4000-8000-00000000d002'],
  ]);
  assert.deepEqual(summary(json), summary(csv));
});
