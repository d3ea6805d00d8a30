/** The bundled demo incident says what its narrative says, in every vendor's files. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ATTACKER_IP, DEMO_NARRATIVE, writeDemoIncident, type DemoResult } from '../../../electron/scenario/demo-incident.js';
import type { LabelFile } from '../../../electron/scenario/labels.js';
import { at, readBundle, type Obj, type ReadBundle } from './generated.js';

const dir = mkdtempSync(join(tmpdir(), 'pushtrail-demo-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let demo: DemoResult;
let b: ReadBundle;
before(() => {
  demo = writeDemoIncident(dir);
  b = readBundle(demo);
});

const time = (r: Obj): number => Date.parse(String(r.published ?? r.createdDateTime ?? r.isotimestamp));
const okta = (user: string, type?: string): Obj[] =>
  b.okta.filter((r) => at(r, 'actor.alternateId') === `${user}@kestrelfreight.example` && (type === undefined || r.eventType === type));
const fromAttacker = (r: Obj): boolean => at(r, 'client.ipAddress') === DEMO_ATTACKER_IP;

test('three vendors, forty people, three weeks, labels and narrative beside the evidence', () => {
  assert.deepEqual(demo.files.map((f) => f.split(/[\\/]/).at(-1)).sort(), ['duo-authentication-logs.json', 'entra-signins.json', 'okta-system-log.ndjson']);
  const labels = JSON.parse(readFileSync(demo.labelsFile, 'utf8')) as LabelFile;
  assert.equal(labels.users, 40);
  assert.equal(labels.days, 21);
  assert.equal(labels.start, '2025-02-24');
  assert.equal(labels.narrative, DEMO_NARRATIVE);
  assert.ok(readFileSync(join(dir, 'narrative.md'), 'utf8').includes(DEMO_ATTACKER_IP));
  const people = new Set([...b.okta.map((r) => at(r, 'actor.alternateId')), ...b.entraSignIns.map((r) => r.userPrincipalName), ...b.duo.map((r) => at(r, 'user.name'))]);
  assert.ok(people.size >= 38, `${people.size} people active`);
  assert.deepEqual(demo.labels.filter((l) => l.type === 'attack').map((l) => l.id), [
    'D00-campaign-one-address', 'D01-okta-fraud-report', 'D02-entra-deny-telecom-limit', 'D03-duo-anomalous-push',
    'D04-okta-ignored-burst', 'D05-okta-denied-burst', 'D06-okta-burst-approve-enrol',
  ]);
  for (const l of demo.labels.filter((x) => x.type === 'attack')) assert.deepEqual(l.sources, [DEMO_ATTACKER_IP]);
});

test('Dana Whitfield approves the 15th prompt at ~02:31 UTC after ~26 minutes; a new device follows ~11 minutes later', () => {
  const pushes = okta('dana.whitfield', 'system.push.send_factor_verify_push').filter(fromAttacker);
  assert.equal(pushes.length, 15);
  const span = time(pushes.at(-1) ?? {}) - time(pushes[0] ?? {});
  assert.ok(span > 24 * 60_000 && span < 27 * 60_000, `${span / 60_000} min`);
  const approval = okta('dana.whitfield', 'user.authentication.auth_via_mfa').filter((r) => at(r, 'debugContext.debugData.factor') === 'OKTA_VERIFY_PUSH' && time(r) >= time(pushes[0] ?? {}) && time(r) <= time(pushes.at(-1) ?? {}) + 60_000 && at(r, 'outcome.result') === 'SUCCESS');
  assert.equal(approval.length, 1);
  const approvedAt = new Date(time(approval[0] ?? {})).toISOString();
  assert.ok(approvedAt.startsWith('2025-03-14T02:31'), approvedAt);
  assert.equal(at(approval[0], 'client.geographicalContext.city'), 'Chicago');
  const enrol = okta('dana.whitfield', 'device.enrollment.create');
  assert.equal(enrol.length, 1);
  assert.ok(fromAttacker(enrol[0] ?? {}));
  const gap = (time(enrol[0] ?? {}) - time(approval[0] ?? {})) / 60_000;
  assert.ok(gap > 10.5 && gap < 12, `${gap} min`);
  assert.equal(okta('dana.whitfield', 'user.mfa.factor.activate').length, 1);
  assert.ok(okta('dana.whitfield', 'user.session.start').some(fromAttacker));
});

test('Marcus denies and reports; Priya lets every push time out', () => {
  const denials = okta('marcus.okafor', 'user.authentication.auth_via_mfa').filter((r) => at(r, 'outcome.result') === 'FAILURE');
  assert.equal(denials.length, 9);
  const report = okta('marcus.okafor', 'user.account.report_suspicious_activity_by_enduser');
  assert.equal(report.length, 1);
  assert.equal(at(report[0], 'debugContext.debugData.suspiciousActivityEventIp'), DEMO_ATTACKER_IP);
  const priya = okta('priya.raman').filter((r) => time(r) > Date.parse('2025-03-14T01:00:00Z') && time(r) < Date.parse('2025-03-14T03:00:00Z'));
  assert.equal(priya.filter((r) => r.eventType === 'system.push.send_factor_verify_push').length, 8);
  assert.ok(!priya.some((r) => r.eventType === 'user.authentication.auth_via_mfa' && at(r, 'debugContext.debugData.factor') === 'OKTA_VERIFY_PUSH'));
});

test('one address touches twelve accounts: a spray of six, then six victims with failed prompts within the hour', () => {
  const campaign = demo.labels.find((l) => l.id === 'D00-campaign-one-address');
  assert.ok(campaign !== undefined);
  assert.equal(campaign.users.length, 12);
  assert.deepEqual(campaign.rules, ['source-many-users']);
  // Failed prompts (denied, declined, blocked) from the address, per user, in the busiest hour.
  const failed = new Map<string, number>();
  const note = (user: unknown, t: number): void => {
    if (typeof user === 'string') failed.set(user, Math.min(failed.get(user) ?? Infinity, t));
  };
  for (const r of b.entraSignIns) if (r.ipAddress === DEMO_ATTACKER_IP && at(r, 'status.errorCode') === 500121) note(r.userPrincipalName, time(r));
  for (const r of b.duo) if (at(r, 'access_device.ip') === DEMO_ATTACKER_IP && r.result !== 'success') note(at(r, 'user.name'), time(r));
  const sessions = new Set(b.okta.filter(fromAttacker).map((r) => at(r, 'authenticationContext.externalSessionId')));
  for (const r of b.okta) {
    const denied = r.eventType === 'user.authentication.auth_via_mfa' && at(r, 'outcome.result') === 'FAILURE' && at(r, 'debugContext.debugData.factor') === 'OKTA_VERIFY_PUSH';
    if (denied && sessions.has(at(r, 'authenticationContext.externalSessionId'))) note(at(r, 'actor.alternateId'), time(r));
  }
  const firsts = [...failed.values()].sort((x, y) => x - y);
  assert.equal(firsts.length, 5);
  assert.ok((firsts.at(-1) ?? 0) - (firsts[0] ?? 0) < 60 * 60_000);
});

test('the spray hits six other accounts from the same address and ThreatInsight notices it', () => {
  const failures = b.okta.filter((r) => r.eventType === 'user.session.start' && at(r, 'outcome.result') === 'FAILURE' && fromAttacker(r));
  assert.equal(new Set(failures.map((r) => at(r, 'actor.alternateId'))).size, 6);
  const threat = b.okta.filter((r) => r.eventType === 'security.threat.detected');
  assert.equal(threat.length, 1);
  assert.equal(at(threat[0], 'client.ipAddress'), DEMO_ATTACKER_IP);
  assert.equal(at(threat[0], 'securityContext.asNumber'), 9009);
  assert.equal(at(threat[0], 'client.geographicalContext.city'), 'Amsterdam');
});

test('Duo blocks pushes to Mei Chen as anomalous: login from Amsterdam, phone in Singapore', () => {
  const anomalous = b.duo.filter((r) => r.reason === 'anomalous_push');
  assert.ok(anomalous.length >= 3);
  for (const r of anomalous) {
    assert.equal(at(r, 'user.name'), 'mei.chen@kestrelfreight.example');
    assert.equal(at(r, 'access_device.ip'), DEMO_ATTACKER_IP);
    assert.equal(at(r, 'access_device.location.city'), 'Amsterdam');
    assert.equal(at(r, 'auth_device.location.city'), 'Singapore');
  }
});

test('Entra shows Lukas Becker declining pushes, then the telecom limit', () => {
  const lukas = b.entraSignIns.filter((r) => r.userPrincipalName === 'lukas.becker@kestrelfreight.example' && r.ipAddress === DEMO_ATTACKER_IP);
  const declined = lukas.filter((r) => at(r, 'status.errorCode') === 500121 && at(r, 'status.additionalDetails') === 'MFA denied; user declined the authentication');
  assert.equal(declined.length, 8);
  assert.ok(lukas.some((r) => at(r, 'status.errorCode') === 50088));
  assert.ok(lukas.every((r) => at(r, 'location.countryOrRegion') === 'NL'));
});

test('no attacker record falls outside the night of the incident', () => {
  const all = [...b.okta.filter(fromAttacker), ...b.entraSignIns.filter((r) => r.ipAddress === DEMO_ATTACKER_IP), ...b.duo.filter((r) => at(r, 'access_device.ip') === DEMO_ATTACKER_IP)];
  assert.ok(all.length > 60);
  for (const r of all) {
    const t = time(r);
    assert.ok(t >= Date.parse('2025-03-14T00:55:00Z') && t <= Date.parse('2025-03-14T02:50:00Z'), new Date(t).toISOString());
  }
});
