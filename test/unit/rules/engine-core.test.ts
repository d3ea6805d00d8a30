import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PushTrailError } from '../../../shared/api/errors.js';
import type { StoredEvent } from '../../../shared/model/event.js';
import { detectInMemory, MemorySink, orderByUser, runDetection, type AttemptSpool, type DetectionProgress } from '../../../shared/detect/engine-core.js';
import type { CrossAttempt } from '../../../shared/rules/rule.js';
import { resolveConfig } from '../../../shared/detect/params.js';
import { EventFactory, NET } from './events.js';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const CAROL = 'carol@example.com';

/** A small case: alice is bombed and gives in, then the attacker resets her factors; bob is bombed and
 * refuses; carol is quiet; the attacker's IP touches three more users; one record names nobody. */
function scenario(): StoredEvent[] {
  const f = new EventFactory();
  const out: StoredEvent[] = [];
  out.push(...f.baseline(6, 5, NET.chicago, ALICE), ...f.baseline(6, 5, NET.chicago, BOB), ...f.baseline(6, 5, NET.chicago, CAROL));
  for (let i = 0; i < 8; i++) {
    out.push(f.ev({ user: ALICE, min: i * 2, outcome: 'challenge_sent', factor: 'push', sessionId: `a${i}`, source: NET.amsterdam }));
    out.push(f.ev({ user: ALICE, min: i * 2 + 0.3, outcome: 'denied', factor: 'push', sessionId: `a${i}`, source: NET.amsterdam }));
  }
  out.push(f.ev({ user: ALICE, min: 16, outcome: 'challenge_sent', factor: 'push', sessionId: 'a8', source: NET.amsterdam }));
  out.push(f.ev({ user: ALICE, min: 16.5, outcome: 'approved', factor: 'push', sessionId: 'a8', source: NET.amsterdam }));
  out.push(f.ev({ user: ALICE, min: 27, outcome: 'factor_change', vendorEvent: 'user.mfa.factor.reset_all' }));
  out.push(f.ev({ user: ALICE, min: 28, outcome: 'factor_change', vendorEvent: 'user.mfa.factor.activate' }));
  out.push(...f.series(6, 1, { user: BOB, min: 3, outcome: 'denied', factor: 'push', source: NET.amsterdam }));
  out.push(f.ev({ user: BOB, min: 10, outcome: 'fraud_reported', source: NET.amsterdam }));
  for (const u of ['dan@example.com', 'erin@example.com', 'frank@example.com']) {
    out.push(f.ev({ user: u, min: 20, outcome: 'timeout', factor: 'push', source: NET.amsterdam }));
  }
  out.push(f.ev({ user: '', min: 5, outcome: 'other', vendorEvent: 'system.org.rate_limit' }));
  return out;
}

async function* slowly(events: readonly StoredEvent[]): AsyncGenerator<StoredEvent> {
  for (const e of events) {
    await Promise.resolve();
    yield e;
  }
}

describe('engine-core', () => {
  it('finds the attack and judges each user', async () => {
    const r = await detectInMemory(scenario());
    const rules = r.findings.map((x) => `${x.rule}:${x.user ?? x.source ?? ''}`);
    assert.ok(rules.includes(`fatigue-approval:${ALICE}`));
    // Alice's burst ended in her approval: one story, told by fatigue-approval alone.
    assert.ok(!rules.includes(`push-burst:${ALICE}`));
    assert.ok(rules.includes(`post-approval-persistence:${ALICE}`));
    assert.ok(rules.includes(`push-burst:${BOB}`));
    assert.ok(rules.includes(`fraud-report:${BOB}`));
    assert.ok(rules.includes('source-many-users:203.0.113.9'));
    const verdicts = Object.fromEntries(r.assessments.map((a) => [a.user, a.verdict]));
    assert.equal(verdicts[ALICE], 'compromised');
    assert.equal(verdicts[BOB], 'attacked');
    assert.equal(verdicts[CAROL], 'clear');
    assert.equal(verdicts['dan@example.com'], 'attacked');
    assert.equal(r.assessments[0]?.user, ALICE);
    assert.equal(r.stats.unattributed, 1);
    assert.equal(r.stats.users, 6);
  });

  it('benign look-alikes stay below medium: a traveller with their phone, ignored pushes, MFA interrupts', async () => {
    const f = new EventFactory(CAROL);
    const duo = { vendor: 'duo', factor: 'push', vendorEvent: 'authentication' } as const;
    const events = [
      ...f.baseline(6, 5, NET.chicago).map((e) => ({ ...e, vendor: 'duo' as const, responder: NET.chicagoPhone })),
      // in London, the phone with her
      ...f.series(3, 45, { ...duo, min: 8 * 60, outcome: 'approved', source: NET.london, responder: NET.londonPhone, reason: 'user_approved' }),
      // two pushes she ignored, then one she approved
      f.ev({ ...duo, min: 11 * 60, outcome: 'timeout', source: NET.london, responder: NET.londonPhone, reason: 'no_response' }),
      f.ev({ ...duo, min: 11 * 60 + 3, outcome: 'timeout', source: NET.london, responder: NET.londonPhone, reason: 'no_response' }),
      f.ev({ ...duo, min: 11 * 60 + 5, outcome: 'approved', source: NET.london, responder: NET.londonPhone, reason: 'user_approved' }),
      // ordinary Entra MFA interrupts
      ...f.series(3, 20, { min: 12 * 60, vendor: 'entra', outcome: 'mfa_required', vendorEvent: 'Sign-in activity', reason: '50074', source: NET.london }),
    ];
    const r = await detectInMemory(events);
    const above = r.findings.filter((x) => x.severity !== 'low' && x.severity !== 'info');
    assert.deepEqual(above.map((x) => `${x.rule} ${x.severity}`), []);
    const carol = r.assessments.find((a) => a.user === CAROL);
    assert.ok(carol?.verdict === 'suspicious' || carol?.verdict === 'clear');
    assert.ok((carol?.risk ?? 100) < 60);
  });

  it('counts prompts per user with sends and answers paired', async () => {
    const r = await detectInMemory(scenario());
    const alice = r.assessments.find((a) => a.user === ALICE);
    // 30 baseline approvals + 8 denied pairs + 1 approved pair
    assert.deepEqual(alice?.counts, { events: 30 + 18 + 2, challenges: 39, denied: 8, timeouts: 0, approved: 31, fraud: 0 });
    const bob = r.assessments.find((a) => a.user === BOB);
    assert.equal(bob?.counts.fraud, 0, 'a report with no prompt factor pairs with nothing and is not a prompt');
    assert.equal(bob?.counts.denied, 6);
  });

  it('drops mfa-weakened when post-approval-persistence already holds its events, not when that rule is off', async () => {
    const on = await detectInMemory(scenario());
    assert.ok(!on.findings.some((x) => x.rule === 'mfa-weakened'));
    const off = await detectInMemory(scenario(), resolveConfig({ 'post-approval-persistence': { enabled: false } }));
    const weakened = off.findings.filter((x) => x.rule === 'mfa-weakened');
    assert.equal(weakened.length, 1);
    assert.equal(weakened[0]?.user, ALICE);
  });

  it('is deterministic: same input, same output, whether sync or async, whatever the input array order', async () => {
    const events = scenario();
    const a = await detectInMemory(events);
    const b = await detectInMemory([...events].reverse());
    const sink = new MemorySink();
    const run = await runDetection({ byUser: slowly(orderByUser(events)), sink });
    const c = { ...run, ...sink.result() };
    assert.deepEqual(b, a);
    assert.deepEqual(c, a);
    assert.equal(JSON.stringify(a.findings), JSON.stringify(b.findings));
  });

  it('sorts findings by start time, then rule order, then subject', async () => {
    const r = await detectInMemory(scenario());
    for (let i = 1; i < r.findings.length; i++) {
      const prev = r.findings[i - 1];
      const cur = r.findings[i];
      assert.ok(prev !== undefined && cur !== undefined && prev.start <= cur.start, 'start order');
    }
    const ids = r.findings.map((x) => x.id);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    for (const x of r.findings) assert.deepEqual(x.eventIds, [...x.eventIds].sort((p, q) => p - q));
  });

  it('rejects input out of order, with a message that says how to order it', async () => {
    const f = new EventFactory();
    const a1 = f.ev({ user: ALICE, min: 0, outcome: 'denied' });
    const b1 = f.ev({ user: BOB, min: 0, outcome: 'denied' });
    const a2 = f.ev({ user: ALICE, min: 1, outcome: 'denied' });
    await assert.rejects(runDetection({ byUser: [a1, b1, a2], sink: new MemorySink() }), (err: unknown) => {
      assert.ok(err instanceof PushTrailError);
      assert.match(err.message, /person "alice@example.com" appears again after other persons; group the events by person/);
      return true;
    });
    await assert.rejects(runDetection({ byUser: [a2, a1], sink: new MemorySink() }), /must be ordered by time, then id/);
    const backwards: AttemptSpool = {
      items: [] as CrossAttempt[],
      add(a: CrossAttempt) {
        this.items.push(a);
      },
      sorted() {
        return [...this.items].sort((x, y) => y.time - x.time);
      },
    } as AttemptSpool & { items: CrossAttempt[] };
    const located = [a1, a2, b1].map((e) => ({ ...e, source: NET.amsterdam }));
    await assert.rejects(runDetection({ byUser: located, sink: new MemorySink(), spool: backwards }), /spool must give attempts ordered by time/);
  });

  it('spools prompt attempts only when a cross-user rule is enabled, each with the source of its send', async () => {
    const events = scenario();
    const spooled: CrossAttempt[] = [];
    const spool: AttemptSpool = {
      add: (a) => spooled.push(a),
      sorted: () => [...spooled].sort((x, y) => x.time - y.time || x.firstId - y.firstId),
    };
    const off = await runDetection({ byUser: orderByUser(events), sink: new MemorySink(), spool, config: resolveConfig({ 'source-many-users': { enabled: false } }) });
    assert.equal(spooled.length, 0);
    assert.equal(off.stats.crossUserAttempts, 0);
    assert.ok(!(off.stats.findingsByRule['source-many-users'] !== undefined));
    const on = await runDetection({ byUser: orderByUser(events), sink: new MemorySink(), spool });
    assert.equal(on.stats.crossUserAttempts, spooled.length);
    const alice = spooled.filter((a) => a.user === ALICE && a.source?.ip === NET.amsterdam.ip);
    assert.equal(alice.length, 9, 'eight denied sends and the approved one, each paired with its answer');
    assert.ok(alice.every((a) => a.eventIds.length === 2));
  });

  it('reports progress and can be cancelled', async () => {
    const events = scenario();
    const seen: DetectionProgress[] = [];
    const r = await runDetection({ byUser: orderByUser(events), sink: new MemorySink(), progressEvery: 50, onProgress: (p) => seen.push(p) });
    assert.ok(seen.some((p) => p.phase === 'users' && p.events === events.length));
    assert.deepEqual(seen[seen.length - 1], { phase: 'cross-user', events: r.stats.crossUserAttempts, users: 6 });
    await assert.rejects(
      runDetection({ byUser: orderByUser(events), sink: new MemorySink(), progressEvery: 10, isCancelled: () => true }),
      (err: unknown) => err instanceof PushTrailError && err.kind === 'cancelled',
    );
  });
});
