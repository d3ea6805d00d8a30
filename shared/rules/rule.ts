/**
 * The contract every detection rule implements.
 *
 * Streaming model (why it looks like this): a case can hold millions of events, so no rule
 * ever receives an array. The engine makes ONE ordered pass per scope and feeds each event to
 * every enabled rule through a small per-run state object:
 *
 *   - user-scope rules: the engine reads events ordered by (user, time, id). For each user it
 *     calls `rule.evaluate(params, user)`, which returns a fresh `RuleRun`, pushes that user's
 *     events one by one in time order, then calls `finish()` and collects the finding drafts.
 *     A run keeps only what its logic needs: a sliding window of recent prompts, a set of
 *     countries/ASNs seen so far, a 24-bucket hour histogram, the last located event. Nothing
 *     outlives the user, so memory is bounded by one user's working state, not by the case.
 *   - cross-user rules: after the user pass the engine reads all events ordered by (time, id)
 *     and feeds them to one `RuleRun` from `rule.evaluate(params, null)`. Such a rule keeps
 *     per-key windows (e.g. per source IP) and drops keys that fell out of the window.
 *
 * A run must be a pure function of the events pushed and the params: no clock, no randomness,
 * no I/O, so the same input gives the same findings. `push` may be called with events whose
 * outcome is irrelevant to the rule; the rule ignores them cheaply.
 */
import type { StoredEvent } from '../model/event.js';
import type { FindingDraft, RuleId } from '../model/finding.js';

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

export interface RuleRun {
  /** Feed the next event (time-ordered within the run). */
  push(event: StoredEvent): void;
  /** No more events: return every finding draft, in the order found. Called once. */
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
}

export interface UserRule<P extends Params = Params> extends RuleBase<P> {
  scope: 'user';
  /** Start a run over one user's events. Method syntax on purpose: any `UserRule<P>` is a `UserRule`. */
  evaluate(params: P, user: string): RuleRun;
}

export interface CrossUserRule<P extends Params = Params> extends RuleBase<P> {
  scope: 'cross-user';
  /** Start a run over all events of the case ordered by time. */
  evaluate(params: P, user: null): RuleRun;
}

export type Rule<P extends Params = Params> = UserRule<P> | CrossUserRule<P>;

/**
 * Convenience for small in-memory inputs (tests, a single user in the UI): run one rule over an
 * array that is already ordered the way the rule's scope requires. Missing params take defaults.
 */
export function runRule<P extends Params>(rule: Rule<P>, events: Iterable<StoredEvent>, params?: Partial<P>): FindingDraft[] {
  const merged: P = { ...rule.params, ...params };
  let run: RuleRun | undefined = rule.scope === 'cross-user' ? rule.evaluate(merged, null) : undefined;
  for (const event of events) {
    if (run === undefined && rule.scope === 'user') run = rule.evaluate(merged, event.user);
    run?.push(event);
  }
  return run === undefined ? [] : run.finish();
}
