import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnalystEvent } from '../../../shared/model/analyst-event.js';
import type { StoredEvent } from '../../../shared/model/event.js';
import { analystEntryOf, analystIndexes, isAnalystEvent, sequenceIdOf, summarizeEntry, withAnalystEvents } from '../../../shared/view/entries.js';
import { buildSequence, describeEvent } from '../../../shared/view/sequence.js';

const T0 = Date.UTC(2026, 1, 12, 2, 0, 0);

function ev(id: number, minute: number): StoredEvent {
  return {
    id,
    time: T0 + minute * 60_000,
    vendor: 'okta',
    user: 'dana@example.com',
    outcome: 'challenge_sent',
    factor: 'push',
    vendorEvent: 'system.push.send_factor_verify_push',
    source: { ip: '203.0.113.45', geo: { city: 'Amsterdam', country: 'NL', source: 'vendor' } },
    ref: { evidenceId: 2, line: id, record: id },
  };
}

const said: AnalystEvent = {
  id: 1,
  time: T0 + 31 * 60_000,
  user: 'dana@example.com',
  outcome: 'approved',
  factor: 'push',
  description: 'Victim says she approved to stop the noise',
  analyst: 'ana',
  createdAt: T0 + 86_400_000,
};

test('analyst entries join a sequence in time order under negative ids, findable back and marked', () => {
  const events = [ev(1, 0), ev(2, 30), ev(3, 32)];
  assert.equal(withAnalystEvents(events, []), events, 'no entries: the same array, no copy');
  const merged = withAnalystEvents(events, [said]);
  assert.deepEqual(merged.map((e) => e.id), [1, 2, -1, 3]);
  const entry = merged[2];
  assert.ok(entry !== undefined && isAnalystEvent(entry));
  assert.equal(entry.vendor, 'analyst');
  assert.equal(entry.outcome, 'approved');
  assert.equal(analystEntryOf(entry, [said]), said);
  assert.equal(analystEntryOf(merged[1], [said]), undefined);
  assert.deepEqual(analystIndexes(merged), [2]);
  // The timeline's model draws it in the response lane with the evidence.
  const model = buildSequence(merged, [], { grouping: 'ip' });
  assert.equal(model.layout.lanes[model.layout.laneOf[2] ?? 0]?.key, 'response:approved');
  assert.match(describeEvent(entry, 2, 4, 'UTC'), /^Event 3 of 4, analyst-entered \(not evidence\), 2026-02-12 02:31:00 UTC: Approved \(Push\)\.$/);
  assert.doesNotMatch(describeEvent(events[0], 0, 4, 'UTC'), /analyst/);
});

test('result rows say where each entry came from: the evidence file, or the analyst who entered it', () => {
  const name = (id: number): string => `file-${id}.json`;
  const fromEvidence = summarizeEntry({ kind: 'evidence', event: ev(7, 0) }, name);
  assert.deepEqual(fromEvidence, {
    key: 'e7',
    sequenceId: 7,
    time: T0,
    user: 'dana@example.com',
    what: 'Challenge sent · Push',
    where: '203.0.113.45 · Amsterdam, NL',
    source: 'okta · file-2.json',
    analyst: false,
    detail: 'system.push.send_factor_verify_push',
  });
  const fromAnalyst = summarizeEntry({ kind: 'analyst', entry: said }, name);
  assert.equal(fromAnalyst.analyst, true);
  assert.equal(fromAnalyst.source, 'Analyst-entered by ana');
  assert.equal(fromAnalyst.detail, said.description);
  assert.equal(fromAnalyst.sequenceId, -1);
  assert.equal(sequenceIdOf({ kind: 'analyst', entry: said }), -1);
  assert.equal(sequenceIdOf({ kind: 'evidence', event: ev(7, 0) }), 7);
});
