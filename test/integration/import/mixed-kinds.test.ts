/**
 * Files that mix kinds of record, as clients hand them over: an Azure Monitor export of several
 * Entra categories beside Graph directory-audit records, a Duo log-sync file of several logs.
 * Each is assembled at run time from real corpus records (and documented records for the kinds
 * no public sample has), imported through the real job, and compared with the same records
 * imported kind by kind.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { ImportFileReport, ImportRecordKind } from '../../../shared/api/jobs.js';
import { corpusPath } from '../../support/corpus.js';
import { duoOfflineRecord, graphActivityRecord, userRiskEventRecord } from '../../support/documented-records.js';
import { tempDir } from '../../support/temp.js';
import { entry, importPaths, newCase, runCli } from './helpers.js';

type Obj = Record<string, unknown>;

/** The records of an NDJSON corpus file, or of a JSON array / `{value: [...]}` one. */
function corpusRecords(...parts: string[]): Obj[] {
  const text = readFileSync(corpusPath(...parts), 'utf8');
  try {
    const whole = JSON.parse(text) as unknown;
    if (Array.isArray(whole)) return whole as Obj[];
    const value = (whole as { value?: unknown }).value;
    if (Array.isArray(value)) return value as Obj[];
  } catch {
    // NDJSON
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Obj);
}

/** Groups interleaved record by record (a, b, c, a, b, c ...), as a stream of several logs arrives. */
function interleave(groups: readonly Obj[][]): Obj[] {
  const out: Obj[] = [];
  for (let i = 0; groups.some((g) => i < g.length); i += 1) {
    for (const g of groups) {
      const record = g[i];
      if (record !== undefined) out.push(record);
    }
  }
  return out;
}

const ndjson = (records: readonly Obj[]): string => `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;

function kind(f: ImportFileReport, name: string): ImportRecordKind {
  const found = f.kinds.find((k) => k.kind === name);
  assert.ok(found, `no kind ${name} in ${JSON.stringify(f.kinds)}`);
  return found;
}

/** Events (duplicates included) the records give when imported alone, one file per group, into a fresh case. */
async function eventsAlone(t: TestContext, groups: Record<string, Obj[]>): Promise<Record<string, number>> {
  const dir = tempDir(t);
  const casePath = newCase(t, dir);
  const paths = Object.entries(groups).map(([name, records]) => {
    const path = join(dir, `${name}.ndjson`);
    writeFileSync(path, ndjson(records));
    return path;
  });
  const report = await importPaths(casePath, paths);
  return Object.fromEntries(Object.keys(groups).map((name) => {
    const f = entry(report, `${name}.ndjson`);
    assert.equal(f.status, 'imported', `${name} alone: ${f.reason ?? ''}`);
    return [name, f.events + f.duplicates];
  }));
}

test('an Azure Monitor export of six categories mixed with Graph directory audits: every kind read by its own parser and counted', async (t) => {
  const groups = {
    signIn: [...corpusRecords('entra', 'elastic-integrations', 'test-signinlogs-raw.log'), ...corpusRecords('entra', 'panther-analysis', 'azure_high_risk_signin.tests.ndjson')],
    nonInteractive: [...corpusRecords('entra', 'elastic-integrations', 'test-non-interactive-user.log'), ...corpusRecords('entra', 'panther-analysis', 'azure_vscode_oauth_phishing.tests.ndjson')],
    servicePrincipal: corpusRecords('entra', 'panther-analysis', 'azure_risklevel_passthrough.tests.ndjson'),
    auditLogs: corpusRecords('entra', 'panther-analysis', 'azure_mfa_disabled.tests.ndjson'),
    // A diagnostic-settings record's `properties` is the Graph directoryAudit object itself.
    graphAudit: corpusRecords('entra', 'panther-analysis', 'azure_policy_changed.tests.ndjson').map((r) => r['properties'] as Obj),
  };
  const notAuth = { graphActivity: [0, 1, 2].map(graphActivityRecord), risk: [0, 1].map(userRiskEventRecord) };
  const dir = tempDir(t);
  const mixed = join(dir, 'eventhub-export.ndjson');
  writeFileSync(mixed, ndjson(interleave([...Object.values(notAuth), ...Object.values(groups)])));
  const report = await importPaths(newCase(t, dir), [mixed]);
  const f = entry(report, 'eventhub-export.ndjson');
  assert.equal(f.status, 'imported');
  assert.deepEqual([f.rejected, f.errors], [0, []]);

  const alone = await eventsAlone(t, groups);
  const expect = (name: string, records: number, format: string | null, events: number, skipped: number): void => {
    const k = kind(f, name);
    assert.deepEqual([k.records, k.format, k.events, k.skipped, k.rejected], [records, format, events, skipped, 0], name);
  };
  expect('SignInLogs (Azure Monitor)', groups.signIn.length, 'entra-signin', alone['signIn'] ?? -1, 0);
  expect('NonInteractiveUserSignInLogs (Azure Monitor)', groups.nonInteractive.length, 'entra-signin', alone['nonInteractive'] ?? -1, 0);
  expect('ServicePrincipalSignInLogs (Azure Monitor)', groups.servicePrincipal.length, 'entra-signin', alone['servicePrincipal'] ?? -1, 0);
  expect('AuditLogs (Azure Monitor)', groups.auditLogs.length, 'entra-audit', alone['auditLogs'] ?? -1, 0);
  expect('Microsoft Entra ID audit logs', groups.graphAudit.length, 'entra-audit', alone['graphAudit'] ?? -1, 0);
  expect('MicrosoftGraphActivityLogs (Azure Monitor)', 3, null, 0, 3);
  expect('UserRiskEvents (Azure Monitor)', 2, null, 0, 2);
  assert.equal(f.kinds.length, 7, JSON.stringify(f.kinds));
  const all = Object.values(groups).flat().length + 5;
  assert.deepEqual([f.records, f.skipped, f.events + f.duplicates], [all, 5, Object.values(alone).reduce((a, b) => a + b, 0)]);
  // The kinds come most records first.
  assert.deepEqual(f.kinds.map((k) => k.records), [...f.kinds.map((k) => k.records)].sort((a, b) => b - a));
});

test('a Duo log-sync file of authentication, administrator, telephony and offline logs: each log read by its parser, offline enrolments skipped', async (t) => {
  // duo_client adds `eventtype` and `host` to every record it fetches (duo_client/admin.py).
  const tag = (records: Obj[], eventtype: string): Obj[] => records.map((r) => ({ ...r, eventtype, host: 'api-abc123.duosecurity.com' }));
  const groups = {
    auth: tag(corpusRecords('duo', 'elastic-integrations', 'test-auth.log'), 'authentication'),
    admin: tag(corpusRecords('duo', 'elastic-integrations', 'test-admin.log'), 'administrator'),
    telephony: tag(corpusRecords('duo', 'elastic-integrations', 'test-telephony.log'), 'telephony'),
  };
  // Offline enrolments look like administrator records (action, username, timestamp): only `eventtype` tells them apart.
  const offline = [0, 1, 2, 3].map((i) => duoOfflineRecord(i, 'offline_log'));
  const dir = tempDir(t);
  const mixed = join(dir, 'duo-logsync.json');
  writeFileSync(mixed, ndjson(interleave([offline, ...Object.values(groups)])));
  const report = await importPaths(newCase(t, dir), [mixed]);
  const f = entry(report, 'duo-logsync.json');
  assert.equal(f.status, 'imported');

  const alone = await eventsAlone(t, groups);
  const check = (name: string, records: number, format: string | null, events: number): void => {
    const k = kind(f, name);
    assert.deepEqual([k.records, k.format, k.events], [records, format, events], name);
  };
  check('authentication (Duo)', groups.auth.length, 'duo-auth', alone['auth'] ?? -1);
  check('administrator (Duo)', groups.admin.length, 'duo-admin', alone['admin'] ?? -1);
  check('telephony (Duo)', groups.telephony.length, 'duo-telephony', alone['telephony'] ?? -1);
  const skipped = kind(f, 'offline_log (Duo)');
  assert.deepEqual([skipped.records, skipped.format, skipped.events, skipped.skipped, skipped.rejected], [4, null, 0, 4, 0]);
  assert.equal(f.skipped, 4);
  assert.equal(f.events + f.duplicates, Object.values(alone).reduce((a, b) => a + b, 0));
});

test('pushtrail import --json lists the kinds and skipped counts of each file and keeps every field it had', async (t) => {
  const dir = tempDir(t);
  const mixed = join(dir, 'mixed.ndjson');
  writeFileSync(mixed, ndjson(interleave([corpusRecords('entra', 'elastic-integrations', 'test-signinlogs-raw.log'), [0, 1].map(graphActivityRecord)])));
  const casePath = join(dir, 'cli.pushtrail');
  const run = runCli('import', casePath, mixed, '--json');
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout) as { files: Obj[]; totals: Obj };
  const file = out.files[0] ?? {};
  for (const field of ['path', 'sha256', 'format', 'events', 'duplicates', 'errors', 'status', 'size', 'container', 'compression', 'records', 'rejected', 'errorsOmitted', 'evidenceId']) {
    assert.ok(field in file, `--json lost the field ${field}`);
  }
  assert.deepEqual([file['format'], file['skipped']], ['entra-signin', 2]);
  assert.deepEqual(file['kinds'], [
    { kind: 'SignInLogs (Azure Monitor)', format: 'entra-signin', records: 2, events: 2, skipped: 0, rejected: 0 },
    { kind: 'MicrosoftGraphActivityLogs (Azure Monitor)', format: null, records: 2, events: 0, skipped: 2, rejected: 0 },
  ]);
  assert.equal(out.totals['skipped'], 2);
  const text = runCli('import', join(dir, 'text.pushtrail'), mixed);
  assert.match(text.stdout, /2 records skipped, not authentication/);
  assert.match(text.stdout, /MicrosoftGraphActivityLogs \(Azure Monitor\): 2 records, 2 skipped, not authentication/);
});

test('a file of kinds without authentication meaning only is imported with nothing but skipped records, not rejected as unrecognised', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'graph-activity.ndjson');
  writeFileSync(path, ndjson([0, 1, 2].map(graphActivityRecord)));
  const f = entry(await importPaths(newCase(t, dir), [path]), 'graph-activity.ndjson');
  assert.deepEqual([f.status, f.format, f.events, f.skipped, f.rejected], ['imported', null, 0, 3, 0]);
});
