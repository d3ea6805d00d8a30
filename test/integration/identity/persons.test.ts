import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { IdentityLink, PersonIdentities } from '../../../shared/model/identity.js';
import { CaseStore } from '../../../electron/store/case-store.js';
import { readEventsByIds } from '../../../electron/store/events.js';
import { corpusPath } from '../../support/corpus.js';
import { CLI } from '../../support/serve.js';
import { BARE, OTHER_UPN, UPN, writeFabrikam, writeSplitIdp } from '../../support/split-idp.js';
import { tempDir } from '../../support/temp.js';

function run(...args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, `pushtrail ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
const json = <T>(...args: string[]): T => JSON.parse(run(...args, '--json')) as T;

interface UserOut {
  user: string;
  identities: { identity: string; vendors: string[]; events: number }[];
}
interface FindingOut {
  rule: string;
  user: string | null;
  eventIds: number[];
  summary: string;
}
interface State {
  links: IdentityLink[];
  persons: PersonIdentities[];
}

const linkOf = (s: State, a: string, b: string): IdentityLink | undefined => s.links.find((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a));

test('Duo, Okta and Entra evidence of the same people: one person per human, found across both providers', (t) => {
  const dir = tempDir(t);
  const bundle = writeSplitIdp(dir);
  const casePath = join(dir, 'case.pushtrail');
  run('import', casePath, ...bundle.files);
  run('detect', casePath);

  const users = json<{ users: UserOut[] }>('users', casePath).users;
  assert.ok(!users.some((u) => u.user === BARE), 'the Duo bare name is not a user of its own');
  const ivan = users.find((u) => u.user === UPN);
  assert.ok(ivan !== undefined);
  const ids = new Map(ivan.identities.map((i) => [i.identity, i.vendors]));
  assert.deepEqual(ids.get(UPN), ['entra', 'okta']);
  assert.deepEqual(ids.get(BARE), ['duo']);
  assert.ok(ids.has(bundle.victim.ids.entra), 'the Entra userId is one of his identities');
  assert.ok(ids.has(bundle.victim.ids.okta), 'the Okta actor id is one of his identities');
  // Every identity is in exactly one row.
  const all = users.flatMap((u) => u.identities.map((i) => i.identity));
  assert.equal(new Set(all).size, all.length);
  for (const bare of bundle.duoBare) assert.equal(users.filter((u) => u.identities.some((i) => i.identity === bare)).length, 1);

  // The report's section of the person names every identity, as data and as printed text.
  const reportJson = join(dir, 'report.json');
  run('report', casePath, '--out', reportJson);
  const report = JSON.parse(readFileSync(reportJson, 'utf8')) as { users: (UserOut & { displayNames?: string[] })[] };
  assert.ok(report.users.find((u) => u.user === UPN)?.identities.some((i) => i.identity === BARE && i.vendors.includes('duo')));
  const reportHtml = join(dir, 'report.html');
  run('report', casePath, '--out', reportHtml);
  assert.match(readFileSync(reportHtml, 'utf8'), /One person, 5 identities: ivan\.petrov@kestrelfreight\.example \(entra, okta: \d+ events\), ivan\.petrov \(duo: \d+ events\)/);

  const text = run('users', casePath);
  assert.match(text, new RegExp(`${UPN.replaceAll('.', '\\.')}.*\\n +also known as: .*ivan\\.petrov \\(duo\\)`));

  const state = json<State>('identities', casePath, '--no-detect');
  const bare = linkOf(state, BARE, UPN);
  assert.equal(bare?.status, 'auto');
  assert.equal(bare?.basis, 'bare-name');
  assert.match(bare?.reason ?? '', /only domain in the evidence, kestrelfreight\.example/);
  assert.equal(linkOf(state, UPN, bundle.victim.ids.entra)?.basis, 'record-vendor-id');

  // The attacker's Okta password step and the Duo pushes are evidence of one finding of the person.
  const findings = json<{ findings: FindingOut[] }>('detect', casePath).findings.filter((f) => f.user === UPN);
  const store = CaseStore.open(casePath, 'test', { readOnly: true });
  try {
    const spanning = findings.filter((f) => {
      const vendors = new Set(readEventsByIds(store.db, f.eventIds).map((e) => e.vendor));
      return vendors.has('okta') && vendors.has('duo');
    });
    assert.ok(spanning.length > 0, `no finding of ${UPN} rests on both Okta and Duo: ${findings.map((f) => f.rule).join(', ')}`);
    for (const f of spanning) assert.match(f.summary, /Identities: ivan\.petrov, ivan\.petrov@kestrelfreight\.example\./);
    const burst = findings.find((f) => f.rule === 'push-burst');
    assert.ok(burst !== undefined, 'the Duo pushes are a burst of the person');
  } finally {
    store.close();
  }
});

test('an ambiguous bare name is proposed, not applied, until the analyst decides; decisions are in the custody log', (t) => {
  const dir = tempDir(t);
  const bundle = writeSplitIdp(dir);
  const casePath = join(dir, 'case.pushtrail');
  run('import', casePath, ...bundle.files, ...writeFabrikam(dir));
  run('detect', casePath);

  const proposed = json<State>('identities', casePath, '--no-detect');
  for (const upn of [UPN, OTHER_UPN]) assert.equal(linkOf(proposed, BARE, upn)?.status, 'proposed');
  assert.match(linkOf(proposed, BARE, UPN)?.reason ?? '', /2 identities of the case's domains are named ivan\.petrov/);
  const usersOf = (): string[] => json<{ users: UserOut[] }>('users', casePath).users.map((u) => u.user);
  assert.ok(usersOf().includes(BARE), 'not applied: the bare name is still its own user');
  assert.match(run('identities', casePath), /Proposed, not applied/);

  const accepted = json<State>('identities', casePath, '--accept', BARE, UPN);
  assert.equal(linkOf(accepted, BARE, UPN)?.status, 'accepted');
  assert.ok(!usersOf().includes(BARE), 'accepted: detection ran again and the bare name is part of the person');

  const rejected = json<State>('identities', casePath, '--reject', BARE, UPN);
  assert.equal(linkOf(rejected, BARE, UPN)?.status, 'rejected');
  assert.ok(usersOf().includes(BARE));

  // Setting the case's domain makes the bare name certain: the rejection still holds.
  const set = json<State>('identities', casePath, '--domain', 'kestrelfreight.example');
  assert.equal(linkOf(set, BARE, UPN)?.status, 'rejected');
  assert.equal(linkOf(set, BARE, OTHER_UPN)?.status, 'proposed');

  const custody = json<{ custody: { action: string; actor: string; detail: Record<string, unknown> }[] }>('info', casePath).custody;
  const decisions = custody.filter((c) => c.action.startsWith('identities/') && c.action !== 'identities/auto-link');
  assert.deepEqual(decisions.map((c) => c.action), ['identities/accept', 'identities/reject', 'identities/domains']);
  assert.deepEqual([decisions[0]?.detail['a'], decisions[0]?.detail['b'], decisions[0]?.detail['was']], [BARE, UPN, 'proposed']);
  assert.match(String(decisions[0]?.detail['reason']), /bare name/);
  assert.ok(custody.some((c) => c.action === 'identities/auto-link'), 'the links found after import are recorded');
});

test('a real Duo export naming one user by e-mail, by bare name and by user key is one person', (t) => {
  const dir = tempDir(t);
  const casePath = join(dir, 'case.pushtrail');
  run('import', casePath, corpusPath('duo/elastic-integrations/test-auth.log'));
  const state = json<State>('identities', casePath, '--no-detect');
  const person = state.persons.find((p) => p.identities.some((i) => i.identity === 'narroway'));
  assert.deepEqual(person?.identities.map((i) => i.identity).sort(), ['DU3KC77WJ06Y5HIV7XKQ', 'narroway', 'narroway@example.com']);
  assert.equal(person?.person, 'narroway@example.com');
  assert.equal(linkOf(state, 'narroway', 'narroway@example.com')?.basis, 'record-email');
});
