/**
 * The contract every detection rule implements.
 *
 * Streaming model (why it looks like this): a case can hold millions of events, so no rule
 * ever receives an array. The engine makes ONE ordered pass over the case, by (user, time, id),
 * and feeds each user's events to every enabled rule through a small per-run state object:
 *
 *   - user-scope rules: for each user the engine calls `rule.evaluate(params, user)`, which
 *     returns a fresh `RuleRun`, feeds that user's events in time order, then calls `finish()`
 *     and collects the finding drafts. A run takes the events one by one (`push`), or, when it
 *     counts prompts, the user's prompt attempts as the engine's one `AttemptStream` pairs them,
 *     interleaved with the other events (`take`). A run keeps only what its logic needs: a
 *     sliding window of recent prompts, a set of countries/ASNs seen so far, a 24-bucket hour
 *     histogram, the last located event. Nothing outlives the user, so memory is bounded by one
 *     user's working state, not by the case.
 *   - cross-user rules: the same pass hands every user's prompt attempts to a spool (a temporary
 *     table in the job), which gives them back ordered by time; one `CrossUserRun` from
 *     `rule.evaluate(params, null)` sees them all. Such a rule keeps per-key windows (e.g. per
 *     source IP) and drops keys that fell out of the window. An attempt's source is where the
 *     prompt was requested from (the send, not the phone's answer: Okta logs a denial from the
 *     phone's own address).
 *
 * A run must be a pure function of what it is fed and the params: no clock, no randomness,
 * no I/O, so the same input gives the same findings. A run ignores irrelevant input cheaply.
 */
import type { StoredEvent } from '../model/event.js';
import type { FindingDraft, RuleId } from '../model/finding.js';
import { AttemptStream, type Attempt, type AttemptOutcome, type Ordered } from './lib/prompts.js';

/**
 * The fields of an event the rules read. The detection pass loads only these columns, so a rule
 * needing another field must add it here and to the store's detection columns.
 */
export type RuleEvent = Pick<StoredEvent, 'id' | 'time' | 'user' | 'outcome' | 'factor' | 'vendorEvent' | 'reason' | 'source' | 'responder' | 'sessionId'>;

/** One user's prompt attempt as cross-user rules see it. */
export interface CrossAttempt {
  /** When the attempt started (the send, or the standalone answer). */
  time: number;
  /** Id of the event that opened the attempt: with `time`, the order of the cross-user stream. */
  firstId: number;
  user: string;
  outcome: AttemptOutcome;
  /** Where the prompt was requested from. */
  source: RuleEvent['source'];
  eventIds: readonly number[];
}

export type ParamValue = number | boolean | string;
/** Rule parameters are flat objects of numbers, booleans and choice strings, so a case file can store them. */
export type Params = Readonly<Record<string, ParamValue>>;

/** How one parameter may be set, and why its default is what it is (cite the public rule it follows). */
export type ParamDoc = { why: string } & (
  | { kind: 'number'; min: number; max: number; integer: boolean; unit: string }
  | { kind: 'boolean' }
  | { kind: 'choice'; choices: readonly string[] }
);

/** The ATT&CK technique this rule evidences (always T1621) and others that apply, e.g. T1098.005. */
export interface AttackMapping {
  technique: 'T1621';
  related: readonly string[];
}

/** A run over one user. It has `push`, `take` or both; the engine feeds only what it has. */
export interface RuleRun {
  /** Feed the next event (time-ordered within the run). */
  push?(event: RuleEvent): void;
  /** Feed the next attempt or other event, as the user's `AttemptStream` releases them (time-ordered). */
  take?(item: Ordered): void;
  /** No more events: return every finding draft, in the order found. Called once. */
  finish(): FindingDraft[];
}

export interface CrossUserRun {
  /** Feed the next attempt of any user, ordered by (time, firstId). */
  push(attempt: CrossAttempt): void;
  finish(): FindingDraft[];
}

interface RuleBase<P extends Params> {
  id: RuleId;
  title: string;
  /** Plain-words description for the analyst. */
  description: string;
  attack: AttackMapping;
  /** Default parameters. */
  params: P;
  paramDocs: { readonly [K in keyof P]: ParamDoc };
  /**
   * Drop a finding of this rule when every one of its events is already evidence in a finding
   * of one of these rules for the same user (e.g. a factor removal that post-approval-persistence
   * already reports). The engine applies it, so a disabled suppressor suppresses nothing.
   */
  suppressedBy?: readonly RuleId[];
  /**
   * Tell a finding of this rule as context of a finding of one of these rules for the same user
   * when they share evidence and it lies within that finding's time (e.g. the eight "new
   * countries" of one rotating-proxy burst): the engine drops it and adds `foldContext`'s words
   * to the host's summary. A disabled host takes nothing.
   */
  foldsInto?: readonly RuleId[];
  /** The words a folded finding adds to its host ("first activity from BR, DE"); required with `foldsInto`. */
  foldContext?: (folded: readonly FindingDraft[]) => string;
}

export interface UserRule<P extends Params = Params> extends RuleBase<P> {
  scope: 'user';
  /** Start a run over one user's events. Method syntax on purpose: any `UserRule<P>` is a `UserRule`. */
  evaluate(params: P, user: string): RuleRun;
}

export interface CrossUserRule<P extends Params = Params> extends RuleBase<P> {
  scope: 'cross-user';
  /** Start a run over the prompt attempts of all users, ordered by time. */
  evaluate(params: P, user: null): CrossUserRun;
}

export type Rule<P extends Params = Params> = UserRule<P> | CrossUserRule<P>;

/** The user's events as a rule sees them: paired by one `AttemptStream` for `take`, as they are for `push`. */
export function feedUser(runs: readonly RuleRun[], events: Iterable<RuleEvent>, also?: (item: Ordered) => void): void {
  const takers = runs.filter((r) => r.take !== undefined);
  const stream = new AttemptStream((item) => {
    for (const r of takers) r.take?.(item);
    also?.(item);
  });
  for (const e of events) {
    for (const r of runs) r.push?.(e);
    stream.push(e);
  }
  stream.flush();
}

/** Group events by user (keeping their order) and pair each user's prompts into cross-user attempts, ordered by time. */
function crossAttempts(events: Iterable<RuleEvent>): CrossAttempt[] {
  const byUser = new Map<string, RuleEvent[]>();
  for (const e of events) {
    if (e.user === '') continue;
    const list = byUser.get(e.user);
    if (list === undefined) byUser.set(e.user, [e]);
    else list.push(e);
  }
  const out: CrossAttempt[] = [];
  for (const [user, list] of byUser) {
    feedUser([], list, (item) => {
      const attempt = item.kind === 'attempt' ? toCrossAttempt(user, item.attempt) : undefined;
      if (attempt !== undefined) out.push(attempt);
    });
  }
  return out.sort((a, b) => a.time - b.time || a.firstId - b.firstId);
}

/**
 * The attempt as cross-user rules see it, or undefined when its prompt names no source: cross-user
 * rules group attempts by source, so one without cannot count towards any finding.
 */
export function toCrossAttempt(user: string, a: Attempt): CrossAttempt | undefined {
  if (a.first.source === undefined) return undefined;
  return { time: a.start, firstId: a.first.id, user, outcome: a.outcome, source: a.first.source, eventIds: a.eventIds };
}

/**
 * Convenience for small in-memory inputs (tests, a single user in the UI): run one rule over an
 * array that is already in time order (one user's events for a user rule; any users' for a
 * cross-user rule, which pairs each user's prompts first). Missing params take defaults.
 */
export function runRule<P extends Params>(rule: Rule<P>, events: Iterable<RuleEvent>, params?: Partial<P>): FindingDraft[] {
  const merged: P = { ...rule.params, ...params };
  if (rule.scope === 'cross-user') {
    const run = rule.evaluate(merged, null);
    for (const a of crossAttempts(events)) run.push(a);
    return run.finish();
  }
  const list = [...events];
  const first = list[0];
  if (first === undefined) return [];
  const run = rule.evaluate(merged, first.user);
  feedUser([run], list);
  return run.finish();
}
