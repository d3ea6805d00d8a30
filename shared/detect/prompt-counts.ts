/**
 * The one definition of the numbers an analyst compares between screens: MFA prompts, and how
 * many were approved, denied, timed out or never answered, and reported as fraud. A prompt is an
 * attempt of the prompt pairing every rule uses (rules/lib/prompts.ts: an Okta send and its
 * answer are one prompt, a Duo authlog is one, a send with no answer is unanswered). The engine
 * counts them while it runs the rules (the users list and the report read those), and the
 * sequence and the map count the loaded events with `countPrompts`, so the screens cannot drift.
 * Analyst-entered events are the analyst's account, not evidence: they count nowhere.
 */
import type { StoredEvent } from '../model/event.js';
import type { UserCounts } from '../model/finding.js';
import { AttemptStream, type Ordered } from '../rules/lib/prompts.js';

export function emptyCounts(): UserCounts {
  return { events: 0, challenges: 0, denied: 0, timeouts: 0, approved: 0, fraud: 0 };
}

/** Add one item of the attempt stream to the counts (events are counted as they are pushed). */
export function countItem(c: UserCounts, item: Ordered): void {
  if (item.kind !== 'attempt') return;
  c.challenges++;
  switch (item.attempt.outcome) {
    case 'approved':
      c.approved++;
      break;
    case 'denied':
      c.denied++;
      break;
    case 'timeout':
    case 'unanswered':
      c.timeouts++;
      break;
    case 'fraud':
      c.fraud++;
      break;
    case 'failed':
      break;
  }
}

/** Whether an event is evidence (read from a log), not the analyst's own entry. */
export function isEvidence(e: Pick<StoredEvent, 'vendor'>): boolean {
  return e.vendor !== 'analyst';
}

/** The counts of one user's events, given in time order (then id), as the engine counts them. */
export function countPrompts(events: Iterable<StoredEvent>): UserCounts {
  const counts = emptyCounts();
  const stream = new AttemptStream((item) => countItem(counts, item));
  for (const e of events) {
    if (!isEvidence(e)) continue;
    counts.events++;
    stream.push(e);
  }
  stream.flush();
  return counts;
}
