import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredEvent } from '../../../shared/model/event.js';
import { detectInMemory } from '../../../shared/detect/engine-core.js';
import { EventFactory, NET } from './events.js';

const UPN = 'ivan@contoso.example';
const BARE = 'ivan';

/** Ivan works from Chicago through Okta for a week; then the attacker, from Amsterdam, bombs him through Duo under his bare name. */
function splitAcrossProviders(): StoredEvent[] {
  const f = new EventFactory(UPN);
  const out: StoredEvent[] = [...f.baseline(6, 5, NET.chicago, UPN)];
  out.push(f.ev({ user: UPN, min: -1, outcome: 'auth_success', factor: 'password', source: NET.amsterdam, vendorEvent: 'user.authentication.auth_via_mfa' }));
  out.push(f.ev({ user: UPN, min: -0.9, outcome: 'mfa_required', source: NET.amsterdam, vendorEvent: 'policy.evaluate_sign_on' }));
  out.push(...f.series(7, 1, { user: BARE, min: 0, outcome: 'denied', factor: 'push', source: NET.amsterdam, vendor: 'duo', vendorEvent: 'authentication' }));
  return out;
}

describe('engine grouping by person', () => {
  it('analyses a person as one: findings name the person and the identities their events name', async () => {
    const events = splitAcrossProviders();
    const apart = await detectInMemory(events);
    assert.deepEqual(apart.assessments.map((a) => a.user).sort(), [BARE, UPN], 'unlinked, the two identities are two users');
    const together = await detectInMemory(events, undefined, new Map([[UPN, UPN], [BARE, UPN]]));
    assert.deepEqual(together.assessments.map((a) => a.user), [UPN], 'linked, one person');
    assert.equal(together.assessments[0]?.counts.events, events.length);
    const spanning = together.findings.filter((f) => {
      const vendors = new Set(f.eventIds.map((id) => events.find((e) => e.id === id)?.vendor));
      return vendors.has('okta') && vendors.has('duo');
    });
    assert.ok(spanning.length > 0, `a finding rests on both providers' events: ${together.findings.map((f) => f.rule).join(', ')}`);
    for (const f of spanning) {
      assert.equal(f.user, UPN);
      assert.deepEqual(f.detail['identities'], [BARE, UPN]);
      assert.match(f.summary, /Identities: ivan, ivan@contoso\.example\./);
    }
    // The password accepted at Okta from the prompting address is part of the Duo campaign's story.
    const passwordSteps = events.filter((e) => e.user === UPN && e.source?.ip === NET.amsterdam.ip).map((e) => e.id);
    const burst = together.findings.find((f) => f.rule === 'push-burst');
    assert.ok(burst !== undefined);
    for (const id of passwordSteps) assert.ok(burst.eventIds.includes(id), `password step ${id} is evidence of the burst`);
    assert.match(burst.summary, new RegExp(`The password of ivan@contoso\\.example was accepted from ${NET.amsterdam.ip.replaceAll('.', '\\.')} at \\d\\d:\\d\\d UTC, 1 minute before the first prompt to ivan:`));
    assert.deepEqual(burst.detail['passwordStepIdentities'], [UPN]);
    // Apart, no finding of the bare name can use the Okta history, and none spans both.
    for (const f of apart.findings) {
      const vendors = new Set(f.eventIds.map((id) => events.find((e) => e.id === id)?.vendor));
      assert.ok(!(vendors.has('okta') && vendors.has('duo')));
      assert.doesNotMatch(f.summary, /The password of/);
    }
  });
});
