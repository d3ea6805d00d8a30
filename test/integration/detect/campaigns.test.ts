/**
 * Campaigns on real case files: the demo's one attacker against six people is one campaign (its
 * targets are the users the source-wide finding names, its approver the compromised user), and on
 * a generated case every planted multi-user attack is one campaign while no campaign joins users
 * of attacks from different addresses. Expectations come from the findings, assessments and the
 * scenario's labels, never from pinned numbers.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { UserRow } from '../../../shared/api/detection.js';
import type { Campaign } from '../../../shared/model/campaign.js';
import type { Finding } from '../../../shared/model/finding.js';
import { startJob } from '../../../electron/jobs/runner.js';
import { generateBundle } from '../../../electron/scenario/bundle.js';
import { CaseStore } from '../../../electron/store/case-store.js';
import { demoCase } from '../../support/demo-case.js';
import { directApi } from '../../support/direct-api.js';
import { tempDir } from '../../support/temp.js';

async function open(t: TestContext, casePath: string): Promise<{ campaigns: Campaign[]; findings: Finding[]; users: UserRow[] }> {
  const api = directApi(t, 'test');
  await api.call('case/open', { path: casePath });
  return {
    campaigns: (await api.call('campaigns/list', null)) as Campaign[],
    findings: (await api.call('findings/list', {})) as Finding[],
    users: (await api.call('users/list', {})) as UserRow[],
  };
}

test('the demo case holds one campaign: six targets, one approver, and what the attacker did next', async (t) => {
  const { casePath } = demoCase(t);
  const { campaigns, findings, users } = await open(t, casePath);
  assert.equal(campaigns.length, 1);
  const [c] = campaigns;
  assert.ok(c !== undefined);
  const wide = findings.find((f) => f.rule === 'source-many-users');
  assert.ok(wide?.source !== null && wide !== undefined);
  assert.deepEqual(c.ips, [wide.source]);
  assert.deepEqual(c.targets.map((x) => x.user).sort(), [...wide.users].sort());
  const compromised = users.filter((u) => u.verdict === 'compromised').map((u) => u.user);
  assert.deepEqual(c.approvedBy, compromised);
  const reporters = [...new Set(findings.filter((f) => f.rule === 'fraud-report').map((f) => f.user))];
  assert.deepEqual(c.reportedBy, reporters);
  assert.ok(c.after.some((s) => s.kind === 'factor-change' && compromised.includes(s.user)), 'the factor change after the approval is the next step');
  assert.equal(c.severity, 'critical');
  for (const target of c.targets) {
    const row = users.find((u) => u.user === target.user);
    assert.ok(row !== undefined && (row.verdict === 'attacked' || row.verdict === 'compromised'), `${target.user} is attacked or compromised`);
  }
});

test('on a generated case each multi-user attack is one campaign, and campaigns never join different attackers', async (t) => {
  const dir = tempDir(t);
  const bundle = generateBundle({ seed: 'campaigns-1', users: 40, days: 10, start: '2025-06-02', outDir: join(dir, 'bundle') });
  const casePath = join(dir, 'campaigns.pushtrail');
  CaseStore.create(casePath, { name: 'campaigns', analyst: 'test' }, 'test').close();
  assert.ok((await startJob('import', { casePath, actor: 'test', paths: bundle.files }).result).ok);
  assert.ok((await startJob('detect', { casePath, actor: 'test' }).result).ok);
  const { campaigns, findings } = await open(t, casePath);
  const attacks = bundle.labels.filter((l) => l.type === 'attack');
  const bursted = new Set(findings.filter((f) => f.rule === 'push-burst' || f.rule === 'fatigue-approval').flatMap((f) => f.users));
  const multi = attacks.filter((l) => l.users.filter((u) => bursted.has(u)).length >= 2);
  assert.ok(multi.length > 0, 'the scenario plants a multi-user attack');
  for (const label of multi) {
    const hit = campaigns.filter((c) => c.ips.some((ip) => label.sources.includes(ip)));
    assert.equal(hit.length, 1, `${label.id} is one campaign`);
    const targets = new Set(hit[0]?.targets.map((x) => x.user));
    for (const u of label.users.filter((x) => bursted.has(x))) assert.ok(targets.has(u), `${u} of ${label.id} is a target`);
  }
  for (const c of campaigns) {
    const owners = attacks.filter((l) => l.sources.some((s) => c.ips.includes(s)));
    const allowed = new Set(owners.flatMap((l) => l.users));
    for (const target of c.targets) assert.ok(allowed.has(target.user), `${target.user} in ${c.id} belongs to an attack from ${c.ips.join(', ')}`);
  }
});
