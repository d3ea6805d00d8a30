/** Building finding drafts, and the shared wording of a prompt burst. */
import type { ParamDoc, RuleEvent } from '../rule.js';
import type { Severity } from '../../model/case.js';
import type { Factor } from '../../model/event.js';
import type { FindingDetail, FindingDraft, RuleId } from '../../model/finding.js';
import { count } from '../../format/count.js';
import { duration, factorNoun, utcSpan } from './format.js';
import { describeSources } from './geo.js';
import { addToTally, describeTally, emptyTally, type Attempt, type OutcomeTally } from './prompts.js';

export function sortedUnique(ids: Iterable<number>): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

export function userFinding(args: {
  rule: RuleId;
  severity: Severity;
  user: string;
  start: number;
  end: number;
  eventIds: Iterable<number>;
  summary: string;
  detail: FindingDetail;
}): FindingDraft {
  return {
    rule: args.rule,
    severity: args.severity,
    user: args.user,
    source: null,
    users: [args.user],
    start: args.start,
    end: args.end,
    eventIds: sortedUnique(args.eventIds),
    summary: args.summary,
    detail: args.detail,
  };
}

/** Events in time order grouped into clusters: a new cluster starts after a gap longer than `gapMs`. */
export class GapGrouper<T> {
  private current: { start: number; end: number; items: T[] } | null = null;
  private readonly done: { start: number; end: number; items: T[] }[] = [];

  constructor(private readonly gapMs: number) {}

  push(item: T, time: number): void {
    if (this.current !== null && time - this.current.end <= this.gapMs) {
      this.current.items.push(item);
      this.current.end = time;
      return;
    }
    if (this.current !== null) this.done.push(this.current);
    this.current = { start: time, end: time, items: [item] };
  }

  finish(): { start: number; end: number; items: T[] }[] {
    if (this.current !== null) this.done.push(this.current);
    this.current = null;
    return this.done.splice(0);
  }
}

export interface BurstFacts {
  tally: OutcomeTally;
  start: number;
  end: number;
  eventIds: number[];
  sourceIps: string[];
  /** "15 push requests in 26 minutes (2024-03-05 02:05–02:31 UTC) from 45.155.205.77 (...); 10 denied, 5 unanswered" */
  text: string;
}

/** The numbers and words of a burst of failed prompts (push-burst, fatigue-approval, post-approval-persistence). */
export function burstFacts(attempts: readonly Attempt[]): BurstFacts {
  const tally = emptyTally();
  const factors = new Set<Factor | undefined>();
  const ids: number[] = [];
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  const firsts: RuleEvent[] = [];
  for (const a of attempts) {
    addToTally(tally, a);
    factors.add(a.first.factor ?? a.answer?.factor);
    ids.push(...a.eventIds);
    firsts.push(a.first);
    start = Math.min(start, a.start);
    end = Math.max(end, a.start);
  }
  const sources = describeSources(firsts);
  const head = `${count(tally.attempts, factorNoun(factors))} in ${duration(end - start)} (${utcSpan(start, end)})`;
  const text = [head + (sources.text === '' ? '' : ` ${sources.text}`), describeTally(tally)].filter((s) => s !== '').join('; ');
  return { tally, start, end, eventIds: sortedUnique(ids), sourceIps: sources.ips, text };
}

/** The detail numbers every burst-based finding shares. */
export function burstDetail(f: BurstFacts): Record<string, number | readonly string[]> {
  return {
    prompts: f.tally.attempts,
    denied: f.tally.denied,
    timedOut: f.tally.timeout,
    unanswered: f.tally.unanswered,
    fraud: f.tally.fraud,
    failed: f.tally.failed,
    burstMinutes: Math.round((f.end - f.start) / 60_000),
    sourceIps: f.sourceIps,
  };
}

/** The `groupMinutes` parameter several rules share: events closer than this form one finding. */
export function groupMinutesDoc(why: string): ParamDoc {
  return { why, kind: 'number', min: 0, max: 10_080, integer: false, unit: 'minutes' };
}
