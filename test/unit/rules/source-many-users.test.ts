import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Network } from '../../../shared/model/event.js';
import { runRule } from '../../../shared/rules/rule.js';
import { sourceKey, sourceManyUsers } from '../../../shared/rules/source-many-users.js';
import { byTime, EventFactory, NET } from './events.js';

const users = (n: number): string[] => Array.from({ length: n }, (_, i) => `user${String(i + 1).padStart(2, '0')}@example.com`);

function spray(f: EventFactory, who: string[], everyMin: number, source: Network = NET.amsterdam, startMin = 0): ReturnType<EventFactory['ev']>[] {
  return who.map((user, i) => f.ev({ user, min: startMin + i * everyMin, outcome: 'denied', factor: 'push', source }));
}

describe('source-many-users', () => {
  it('one IP failing MFA for 5 users within an hour is medium, with source and users', () => {
    const f = new EventFactory();
    const out = runRule(sourceManyUsers, spray(f, users(5), 10));
    assert.equal(out.length, 1);
    const [finding] = out;
    assert.equal(finding?.severity, 'medium');
    assert.equal(finding?.user, null);
    assert.equal(finding?.source, '203.0.113.9');
    assert.deepEqual(finding?.users, users(5));
    assert.equal(
      finding?.summary,
      'MFA prompts failed for 5 users from 203.0.113.9 (Amsterdam, NL, AS64502) within 40 minutes (2024-03-05 02:00–02:40 UTC): ' +
        'user01@example.com, user02@example.com, user03@example.com, user04@example.com, user05@example.com; 5 failed prompts.',
    );
  });

  it('boundary: 4 users do not fire; 5 users spanning exactly 60 minutes do; 61 minutes do not', () => {
    assert.deepEqual(runRule(sourceManyUsers, spray(new EventFactory(), users(4), 1)), []);
    assert.equal(runRule(sourceManyUsers, spray(new EventFactory(), users(5), 15)).length, 1);
    assert.deepEqual(runRule(sourceManyUsers, spray(new EventFactory(), users(5), 15.25)), []);
  });

  it('counts distinct users, not events', () => {
    const f = new EventFactory();
    const events = f.series(20, 1, { user: 'one@example.com', outcome: 'denied', factor: 'push', source: NET.amsterdam });
    assert.deepEqual(runRule(sourceManyUsers, events), []);
  });

  it('benign: an office NAT where colleagues get and approve prompts, or hit MFA interrupts', () => {
    const f = new EventFactory();
    const events = byTime(
      users(20).flatMap((user, i) => [
        f.ev({ user, min: i, outcome: 'mfa_required', source: NET.chicago }),
        f.ev({ user, min: i + 0.1, outcome: 'challenge_sent', factor: 'push', source: NET.chicago }),
        f.ev({ user, min: i + 0.2, outcome: 'approved', factor: 'push', source: NET.chicago }),
      ]),
    );
    assert.deepEqual(runRule(sourceManyUsers, events), []);
  });

  it('benign: colleagues behind one office NAT time out now and then, but mostly approve', () => {
    const f = new EventFactory();
    const everyone = users(30);
    const events = byTime([
      ...everyone.map((user, i) => f.ev({ user, min: i * 2, outcome: 'approved', factor: 'push', source: NET.chicago })),
      ...everyone.slice(0, 6).map((user, i) => f.ev({ user, min: i * 5 + 1, outcome: 'timeout', factor: 'push', source: NET.chicago })),
    ]);
    assert.deepEqual(runRule(sourceManyUsers, events), []);
    // the same six time-outs from a source where nobody approves anything is an attack
    const g = new EventFactory();
    const attack = everyone.slice(0, 6).map((user, i) => g.ev({ user, min: i * 5 + 1, outcome: 'timeout', factor: 'push', source: NET.chicago }));
    assert.equal(runRule(sourceManyUsers, attack).length, 1);
  });

  it('high when a targeted user then approves a prompt from that source', () => {
    const f = new EventFactory();
    const who = users(5);
    const events = [
      ...spray(f, who, 5),
      f.ev({ user: who[2], min: 30, outcome: 'approved', factor: 'push', source: NET.amsterdam }),
      f.ev({ user: 'bystander@example.com', min: 31, outcome: 'approved', factor: 'push', source: NET.amsterdam }),
    ];
    const out = runRule(sourceManyUsers, events);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.severity, 'high');
    assert.deepEqual(out[0]?.detail['approvedUsers'], ['user03@example.com']);
    assert.equal(out[0]?.detail.approvals, 1);
    assert.ok(out[0]?.eventIds.includes(6));
    assert.ok(!out[0]?.eventIds.includes(7));
  });

  it('groups by /24 or ASN when asked', () => {
    const nets: Network[] = users(5).map((_, i) => ({ ...NET.amsterdam, ip: `203.0.113.${10 + i}` }));
    const mk = (): ReturnType<EventFactory['ev']>[] => {
      const f = new EventFactory();
      return users(5).map((user, i) => f.ev({ user, min: i, outcome: 'timeout', factor: 'push', source: nets[i] ?? NET.amsterdam }));
    };
    assert.deepEqual(runRule(sourceManyUsers, mk()), []);
    assert.equal(runRule(sourceManyUsers, mk(), { groupBy: 'subnet' })[0]?.source, '203.0.113.0/24');
    assert.equal(runRule(sourceManyUsers, mk(), { groupBy: 'asn' })[0]?.source, 'AS64502');
  });

  it('subnet keys for IPv6 use /48', () => {
    const f = new EventFactory();
    const e = f.ev({ outcome: 'denied', source: { ip: '2001:db8:abcd:12::1' } });
    assert.equal(sourceKey(e.source, 'subnet'), '2001:db8:abcd::/48');
    const g = f.ev({ outcome: 'denied', source: { ip: '2001:db8::1' } });
    assert.equal(sourceKey(g.source, 'subnet'), '2001:db8:0::/48');
  });

  it('the same source attacking again hours later is a second finding', () => {
    const f = new EventFactory();
    const events = [...spray(f, users(5), 1), ...spray(f, users(6).slice(1), 1, NET.amsterdam, 300)];
    const out = runRule(sourceManyUsers, events);
    assert.equal(out.length, 2);
    assert.deepEqual(out[1]?.users, users(6).slice(1));
  });
});
