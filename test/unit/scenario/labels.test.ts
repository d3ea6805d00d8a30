/**
 * labels.json is the ground truth for rule tests and the benchmark: every rule id is covered by
 * an attack, and what each label claims (users, sources, times, counts) is true of the files.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ATTACK_KINDS } from '../../../electron/scenario/attacks.js';
import { generateBundle, type BundleResult } from '../../../electron/scenario/bundle.js';
import { RULE_IDS, type Label, type LabelFile } from '../../../electron/scenario/labels.js';
import { LOOKALIKE_KINDS } from '../../../electron/scenario/lookalikes.js';
import { tempDir } from '../../support/temp.js';
import { at, readBundle, type Obj, type ReadBundle } from './generated.js';

/** The user, source IP and time of a record, for any of the three vendors. */
function facts(r: Obj): { user?: string; ip?: string; time: number } {
  if (typeof r.eventType === 'string') {
    const actor = at(r, 'actor.alternateId');
    return { user: typeof actor === 'string' && actor.includes('@') ? actor : undefined, ip: at(r, 'client.ipAddress') as string, time: Date.parse(String(r.published)) };
  }
  if (typeof r.createdDateTime === 'string') return { user: r.userPrincipalName as string, ip: r.ipAddress as string, time: Date.parse(r.createdDateTime) };
  if (typeof r.activityDateTime === 'string') return { user: at(r, 'initiatedBy.user.userPrincipalName') as string, ip: at(r, 'initiatedBy.user.ipAddress') as string, time: Date.parse(r.activityDateTime) };
  return { user: at(r, 'user.name') as string, ip: at(r, 'access_device.ip') as string, time: Date.parse(String(r.isotimestamp)) };
}

function all(b: ReadBundle): Obj[] {
  return [...b.okta, ...b.entraSignIns, ...b.entraAudits, ...b.duo];
}

function generate(t: Parameters<typeof tempDir>[0]): { result: BundleResult; bundle: ReadBundle } {
  const result = generateBundle({ seed: 'labels', users: 80, days: 21, start: '2025-02-24', outDir: tempDir(t) });
  return { result, bundle: readBundle(result) };
}

test('attack labels cover every rule id, and every attack and look-alike kind is planted', (t) => {
  const { result } = generate(t);
  const attacks = result.labels.filter((l) => l.type === 'attack');
  const covered = new Set(attacks.flatMap((l) => l.rules));
  for (const rule of RULE_IDS) assert.ok(covered.has(rule), `no attack expects ${rule}`);
  assert.deepEqual(new Set(attacks.map((l) => l.scenario)), new Set(ATTACK_KINDS));
  assert.deepEqual(new Set(result.labels.filter((l) => l.type === 'lookalike').map((l) => l.scenario)), new Set(LOOKALIKE_KINDS));
  for (const l of result.labels) {
    assert.ok(l.rules.length > 0, l.id);
    for (const r of [...l.rules, ...(l.mayAlsoFire ?? [])]) assert.ok((RULE_IDS as readonly string[]).includes(r), `${l.id}: ${r}`);
    if (l.type === 'lookalike') assert.equal(l.maxSeverity, 'low', l.id);
    else assert.equal(l.maxSeverity, undefined, l.id);
  }
});

test('labels.json on disk is the returned labels, with its files and record counts', (t) => {
  const { result } = generate(t);
  const file = JSON.parse(readFileSync(result.labelsFile, 'utf8')) as LabelFile;
  assert.equal(file.format, 'pushtrail-scenario-labels');
  assert.deepEqual(file.labels, result.labels);
  assert.equal(file.files.length, result.files.length);
  assert.equal(Object.values(file.records).reduce((a, b) => a + b, 0), result.totalRecords);
});

test("each attack's records exist: its users, from its sources, inside its time span", (t) => {
  const { result, bundle } = generate(t);
  const records = all(bundle).map(facts);
  for (const l of result.labels.filter((x: Label) => x.type === 'attack')) {
    const start = Date.parse(l.start);
    const end = Date.parse(l.end);
    const inSpan = records.filter((r) => r.time >= start && r.time <= end);
    const fromSource = inSpan.filter((r) => r.ip !== undefined && l.sources.includes(r.ip));
    assert.ok(fromSource.length > 0, `${l.id}: no record from ${l.sources.join(', ')}`);
    for (const u of l.users) assert.ok(inSpan.some((r) => r.user === u), `${l.id}: no record of ${u}`);
    // A night-long low-and-slow campaign is the longest attack (about 6 hours); bursts last minutes.
    assert.ok(end >= start && end - start < (l.scenario === 'okta-low-and-slow' ? 10 : 2) * 3_600_000, `${l.id}: span ${l.start} .. ${l.end}`);
  }
});

test('the burst-approve-enrol attack approves after the burst and enrols a device from the attacker address', (t) => {
  const { result, bundle } = generate(t);
  const l = result.labels.find((x) => x.scenario === 'okta-burst-approve-enrol');
  assert.ok(l !== undefined);
  const user = l.users[0];
  const src = l.sources[0];
  const mine = bundle.okta.filter((r) => at(r, 'actor.alternateId') === user && Date.parse(String(r.published)) >= Date.parse(l.start) && Date.parse(String(r.published)) <= Date.parse(l.end));
  const pushes = mine.filter((r) => r.eventType === 'system.push.send_factor_verify_push');
  assert.equal(pushes.length, 15);
  assert.ok(pushes.every((r) => at(r, 'client.ipAddress') === src));
  const approvals = mine.filter((r) => r.eventType === 'user.authentication.auth_via_mfa' && at(r, 'debugContext.debugData.factor') === 'OKTA_VERIFY_PUSH' && at(r, 'outcome.result') === 'SUCCESS');
  assert.equal(approvals.length, 1);
  // The phone that approved is at the victim's home, not at the attacker's server.
  assert.notEqual(at(approvals[0], 'client.ipAddress'), src);
  const enrol = mine.find((r) => r.eventType === 'device.enrollment.create');
  assert.ok(enrol !== undefined);
  assert.equal(at(enrol, 'client.ipAddress'), src);
  const gap = Date.parse(String(enrol.published)) - Date.parse(String(approvals[0]?.published));
  assert.ok(gap > 5 * 60_000 && gap < 20 * 60_000, `enrolled ${gap / 60_000} min after approval`);
  assert.ok(mine.some((r) => r.eventType === 'user.mfa.factor.activate'));
});

test('no attacker record leaks outside the attack labels', (t) => {
  const { result, bundle } = generate(t);
  const attackIps = new Set(result.labels.filter((l) => l.type === 'attack').flatMap((l) => l.sources));
  const spans = result.labels.filter((l) => l.type === 'attack').map((l) => [Date.parse(l.start), Date.parse(l.end), new Set(l.sources)] as const);
  for (const r of all(bundle).map(facts)) {
    if (r.ip === undefined || !attackIps.has(r.ip)) continue;
    assert.ok(spans.some(([s, e, ips]) => ips.has(r.ip ?? '') && r.time >= s && r.time <= e), `attacker record at ${new Date(r.time).toISOString()}`);
  }
});

test('look-alikes that add events place them on ordinary networks, never on attacker addresses', (t) => {
  const { result } = generate(t);
  const attackIps = new Set(result.labels.filter((l) => l.type === 'attack').flatMap((l) => l.sources));
  for (const l of result.labels.filter((x) => x.type === 'lookalike')) for (const ip of l.sources) assert.ok(!attackIps.has(ip), `${l.id}: ${ip}`);
  const traveller = result.labels.find((l) => l.scenario === 'traveller');
  assert.ok(traveller !== undefined);
  // Door-to-door travel at airliner speed: never an impossible journey.
  assert.ok(Number(traveller.facts.distanceKm) / Number(traveller.facts.travelHours) < 900);
  assert.ok(join(result.labelsFile).endsWith('labels.json'));
});
