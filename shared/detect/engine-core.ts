/**
 * The storage-free detection driver. The caller (a worker reading SQLite, a test, the CLI) hands
 * in two ordered event streams; the engine runs every enabled rule and returns findings and
 * per-user assessments.
 *
 *   1. `byUser`: all events ordered by (user, time, id). Each user's events are pushed into one
 *      fresh run of every enabled user-scope rule, and the runs are finished when the user changes.
 *      Nothing of a user is kept afterwards except their findings and a six-number count, so
 *      memory is one user's rule state, not the case.
 *   2. `byTime`: all events ordered by (time, id), for cross-user rules. Only opened when one is enabled.
 *
 * Either stream may be sync or async (a SQLite cursor in a worker, an array in a test). The
 * input order is checked, since rules are only correct on ordered input; events naming no user
 * (user "") are counted but not analysed. Same input and settings give identical output: rules
 * are pure, findings get content-derived ids and are sorted on content.
 */
import { PushTrailError } from '../api/errors.js';
import type { StoredEvent } from '../model/event.js';
import { findingId, type Finding, type FindingDraft, type RuleId, type UserAssessment, type UserCounts } from '../model/finding.js';
import { RULES, ruleOrder } from '../rules/index.js';
import { AttemptStream, type Ordered } from '../rules/lib/prompts.js';
import type { CrossUserRule, Rule, RuleRun, UserRule } from '../rules/rule.js';
import { assessUsers, emptyCounts } from './assess.js';
import { resolveConfig, type DetectionConfig } from './params.js';

export type EventSource = Iterable<StoredEvent> | AsyncIterable<StoredEvent>;

export interface DetectionProgress {
  phase: 'users' | 'cross-user';
  /** Events read so far in this phase. */
  events: number;
  users: number;
}

export interface DetectionInput {
  byUser: EventSource;
  /** Needed when a cross-user rule is enabled; a function is called only then (e.g. to open a cursor lazily). */
  byTime?: EventSource | (() => EventSource);
  /** Resolved settings; defaults when absent. */
  config?: DetectionConfig;
  /** Called every `progressEvery` events and at the end of each phase. */
  onProgress?: (p: DetectionProgress) => void;
  progressEvery?: number;
  /** Polled with progress; returning true stops the run with a 'cancelled' error. */
  isCancelled?: () => boolean;
}

export interface DetectionResult {
  findings: Finding[];
  assessments: UserAssessment[];
  config: DetectionConfig;
  stats: {
    events: number;
    users: number;
    /** Events with no user, not analysed per user. */
    unattributed: number;
    crossUserEvents: number;
    findingsByRule: Partial<Record<RuleId, number>>;
  };
}

function isAsync(source: EventSource): source is AsyncIterable<StoredEvent> {
  return typeof (source as Partial<AsyncIterable<StoredEvent>>)[Symbol.asyncIterator] === 'function';
}

/** Feed a sync or async source to `each` without paying for `for await` on plain arrays. */
async function drain(source: EventSource, each: (e: StoredEvent) => void): Promise<void> {
  if (isAsync(source)) {
    for await (const e of source) each(e);
  } else {
    for (const e of source) each(e);
  }
}

function orderError(message: string, e: StoredEvent): never {
  throw new PushTrailError('internal', `detection input out of order: ${message}`, { eventId: e.id, user: e.user, time: e.time });
}

/** Whether b may follow a within one ordered run: time non-decreasing, ties by id ascending. */
function inOrder(a: StoredEvent, b: StoredEvent): boolean {
  return a.time < b.time || (a.time === b.time && a.id < b.id);
}

/** Give drafts their ids, normalise lists, sort deterministically and drop exact duplicates. */
export function finalizeFindings(drafts: readonly FindingDraft[]): Finding[] {
  const byId = new Map<string, Finding>();
  for (const d of drafts) {
    const eventIds = [...new Set(d.eventIds)].sort((a, b) => a - b);
    const users = [...new Set(d.users)].sort();
    const f: Finding = { id: findingId({ ...d, eventIds }), ...d, eventIds, users };
    if (!byId.has(f.id)) byId.set(f.id, f);
  }
  return [...byId.values()].sort(compareByTime);
}

/** Timeline order: start, then rule order, then subject, then id. */
export function compareByTime(a: Finding, b: Finding): number {
  const subject = (f: Finding): string => f.user ?? f.source ?? '';
  return (
    a.start - b.start ||
    ruleOrder(a.rule) - ruleOrder(b.rule) ||
    (subject(a) < subject(b) ? -1 : subject(a) > subject(b) ? 1 : 0) ||
    a.end - b.end ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Drop findings whose every event is already evidence of a finding of a rule that suppresses them. */
function applySuppression(drafts: FindingDraft[], rules: readonly Rule[]): FindingDraft[] {
  const suppressors = new Map<RuleId, readonly RuleId[]>();
  for (const r of rules) if (r.suppressedBy !== undefined && r.suppressedBy.length > 0) suppressors.set(r.id, r.suppressedBy);
  if (suppressors.size === 0) return drafts;
  const evidence = new Map<RuleId, Set<number>>();
  for (const d of drafts) {
    let set = evidence.get(d.rule);
    if (set === undefined) evidence.set(d.rule, (set = new Set()));
    for (const id of d.eventIds) set.add(id);
  }
  return drafts.filter((d) => {
    const by = suppressors.get(d.rule);
    if (by === undefined) return true;
    return !by.some((r) => {
      const covered = evidence.get(r);
      return covered !== undefined && d.eventIds.length > 0 && d.eventIds.every((id) => covered.has(id));
    });
  });
}

/** Counts for the assessment, from the same prompt pairing the rules use. */
class CountRun {
  readonly counts: UserCounts = emptyCounts();
  private readonly stream = new AttemptStream();

  push(e: StoredEvent): void {
    this.counts.events++;
    this.take(this.stream.push(e));
  }

  finish(): UserCounts {
    this.take(this.stream.flush());
    return this.counts;
  }

  private take(items: Ordered[]): void {
    for (const item of items) {
      if (item.kind !== 'attempt') continue;
      const c = this.counts;
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
  }
}

export async function runDetection(input: DetectionInput): Promise<DetectionResult> {
  const config = input.config ?? resolveConfig();
  const enabled = RULES.filter((r) => config[r.id].enabled);
  const userRules = enabled.filter((r): r is UserRule => r.scope === 'user');
  const crossRules = enabled.filter((r): r is CrossUserRule => r.scope === 'cross-user');
  const every = Math.max(1, input.progressEvery ?? 50_000);

  const tick = (phase: DetectionProgress['phase'], events: number, users: number): void => {
    if (input.isCancelled?.() === true) throw new PushTrailError('cancelled', 'detection was cancelled');
    input.onProgress?.({ phase, events, users });
  };

  // ---- pass 1: per user ----
  const drafts: FindingDraft[] = [];
  const counts = new Map<string, UserCounts>();
  let events = 0;
  let unattributed = 0;
  let current: { user: string; runs: RuleRun[]; counter: CountRun; last: StoredEvent } | null = null;

  const closeUser = (): void => {
    if (current === null) return;
    const userDrafts: FindingDraft[] = [];
    for (const run of current.runs) userDrafts.push(...run.finish());
    drafts.push(...applySuppression(userDrafts, userRules));
    counts.set(current.user, current.counter.finish());
    current = null;
  };

  await drain(input.byUser, (e) => {
    events++;
    if (events % every === 0) tick('users', events, counts.size);
    if (e.user === '') {
      unattributed++;
      return;
    }
    if (current !== null && current.user === e.user) {
      if (!inOrder(current.last, e)) orderError(`events of user "${e.user}" must be ordered by time, then id`, e);
      current.last = e;
    } else {
      closeUser();
      if (counts.has(e.user)) orderError(`user "${e.user}" appears again after other users; order by (user, time, id)`, e);
      current = { user: e.user, runs: userRules.map((r) => r.evaluate(config[r.id].params, e.user)), counter: new CountRun(), last: e };
    }
    for (const run of current.runs) run.push(e);
    current.counter.push(e);
  });
  closeUser();
  tick('users', events, counts.size);

  // ---- pass 2: across users ----
  let crossUserEvents = 0;
  if (crossRules.length > 0) {
    if (input.byTime === undefined) {
      throw new PushTrailError('internal', `detection: rules ${crossRules.map((r) => r.id).join(', ')} need the events ordered by time (byTime)`);
    }
    const source = typeof input.byTime === 'function' ? input.byTime() : input.byTime;
    const runs = crossRules.map((r) => r.evaluate(config[r.id].params, null));
    let last: StoredEvent | null = null;
    await drain(source, (e) => {
      crossUserEvents++;
      if (crossUserEvents % every === 0) tick('cross-user', crossUserEvents, counts.size);
      if (last !== null && !inOrder(last, e)) orderError('the cross-user stream must be ordered by time, then id', e);
      last = e;
      for (const run of runs) run.push(e);
    });
    const crossDrafts: FindingDraft[] = [];
    for (const run of runs) crossDrafts.push(...run.finish());
    drafts.push(...applySuppression(crossDrafts, crossRules));
    tick('cross-user', crossUserEvents, counts.size);
  }

  const findings = finalizeFindings(drafts);
  const findingsByRule: Partial<Record<RuleId, number>> = {};
  for (const f of findings) findingsByRule[f.rule] = (findingsByRule[f.rule] ?? 0) + 1;
  return {
    findings,
    assessments: assessUsers(findings, counts),
    config,
    stats: { events, users: counts.size, unattributed, crossUserEvents, findingsByRule },
  };
}

/** For small in-memory inputs (tests, CLI on a handful of events): the two orders the engine wants. */
export function orderByUser(events: readonly StoredEvent[]): StoredEvent[] {
  return [...events].sort((a, b) => (a.user < b.user ? -1 : a.user > b.user ? 1 : 0) || a.time - b.time || a.id - b.id);
}

export function orderByTime(events: readonly StoredEvent[]): StoredEvent[] {
  return [...events].sort((a, b) => a.time - b.time || a.id - b.id);
}

/** Run detection over an in-memory array (sorted here). */
export function detectInMemory(events: readonly StoredEvent[], config?: DetectionConfig): Promise<DetectionResult> {
  return runDetection({ byUser: orderByUser(events), byTime: () => orderByTime(events), ...(config === undefined ? {} : { config }) });
}
