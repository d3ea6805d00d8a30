/**
 * The storage-free detection driver. The caller (a worker reading SQLite, a test, the CLI) hands
 * in the events grouped by person, each person's in (time, id) order; the engine makes that ONE pass:
 *
 *   1. Each person's events are fed to a fresh run of every enabled user-scope rule, through one
 *      `AttemptStream` per person shared by the rules that count prompts and by the per-person counts.
 *      When the person changes, their findings and assessment go to the `sink` at once, so memory
 *      holds one person's rule state, never the case's findings.
 *
 * A person is a set of identities (the `user` an event names) the analyst or the evidence linked
 * (shared/identity). `persons` maps each identity of a person with several to the person's name;
 * any other identity is a person of its own, named by itself. Findings and assessments name the
 * person; a finding of a person with several identities lists the identities its events name.
 *   2. The same pass hands each prompt attempt to the `spool`, which gives them back ordered by
 *      time for the cross-user rules (a temporary table in the job; an array in tests). Users named
 *      by a cross-user finding are then assessed again from what the sink holds for them.
 *
 * The source may be sync or async (a SQLite cursor in a worker, an array in a test). The input
 * order is checked, since rules are only correct on ordered input; events naming no user
 * (user "") are counted but not analysed. Same input and settings give identical output: rules
 * are pure, findings get content-derived ids and are sorted on content.
 */
import { PushTrailError } from '../api/errors.js';
import { findingId, type Finding, type FindingDraft, type RuleId, type UserAssessment, type UserCounts } from '../model/finding.js';
import { RULES, ruleOrder } from '../rules/index.js';
import { AttemptStream } from '../rules/lib/prompts.js';
import { toCrossAttempt, type CrossAttempt, type CrossUserRule, type Rule, type RuleEvent, type RuleRun, type UserRule } from '../rules/rule.js';
import { assessUser } from './assess.js';
import { foldIntoHosts } from './fold.js';
import { countItem, emptyCounts } from './prompt-counts.js';
import { resolveConfig, type DetectionConfig } from './params.js';

export type EventSource = Iterable<RuleEvent> | AsyncIterable<RuleEvent>;

export interface DetectionProgress {
  phase: 'users' | 'cross-user';
  /** Events read so far (users), or attempts fed to cross-user rules so far (cross-user). */
  events: number;
  users: number;
}

/** Where results go as they are found. The job writes them into the case as they come. */
export interface DetectionSink {
  /** A user is done: their findings (final ids, timeline order) and their assessment. */
  user(findings: readonly Finding[], assessment: UserAssessment): void;
  /** The user's findings and counts as given to `user`, for re-assessment after cross-user rules. */
  userResult(user: string): { findings: readonly Finding[]; counts: UserCounts } | undefined;
  /** Findings of the cross-user rules, once, after every user. */
  crossUser(findings: readonly Finding[]): void;
  /** A new assessment for a user named by a cross-user finding; replaces the one given to `user`. */
  reassess(assessment: UserAssessment): void;
}

/** Holds every user's prompt attempts during the pass and gives them back ordered by (time, firstId). */
export interface AttemptSpool {
  add(attempt: CrossAttempt): void;
  sorted(): Iterable<CrossAttempt>;
}

export interface DetectionInput {
  /** Every event, grouped by person (see `persons`), each person's ordered by (time, id). */
  byUser: EventSource;
  /** Identity → person name, for the identities of persons with more than one; others are their own person. */
  persons?: ReadonlyMap<string, string>;
  sink: DetectionSink;
  /** Needed when a cross-user rule is enabled; an in-memory spool when absent. */
  spool?: AttemptSpool;
  /** Resolved settings; defaults when absent. */
  config?: DetectionConfig;
  /** Called every `progressEvery` events and at the end of each phase. */
  onProgress?: (p: DetectionProgress) => void;
  progressEvery?: number;
  /** Polled with progress; returning true stops the run with a 'cancelled' error. */
  isCancelled?: () => boolean;
}

export interface DetectionStats {
  events: number;
  users: number;
  /** Events with no user, not analysed per user. */
  unattributed: number;
  /** Prompt attempts fed to the cross-user rules. */
  crossUserAttempts: number;
  findings: number;
  findingsByRule: Partial<Record<RuleId, number>>;
}

export interface DetectionReport {
  config: DetectionConfig;
  stats: DetectionStats;
}

export interface DetectionResult extends DetectionReport {
  findings: Finding[];
  assessments: UserAssessment[];
}

function isAsync(source: EventSource): source is AsyncIterable<RuleEvent> {
  return typeof (source as Partial<AsyncIterable<RuleEvent>>)[Symbol.asyncIterator] === 'function';
}

/** Feed a sync or async source to `each` without paying for `for await` on plain arrays. */
async function drain(source: EventSource, each: (e: RuleEvent) => void): Promise<void> {
  if (isAsync(source)) {
    for await (const e of source) each(e);
  } else {
    for (const e of source) each(e);
  }
}

/** Name the identities a person's finding rests on, when the person has several. */
function withIdentities(d: FindingDraft, identityOf: ReadonlyMap<number, string>): FindingDraft {
  const identities = [...new Set(d.eventIds.map((id) => identityOf.get(id)).filter((i): i is string => i !== undefined))].sort();
  if (identities.length === 0) return d;
  const named = identities.length === 1 && identities[0] === d.user ? '' : ` Identities: ${identities.join(', ')}.`;
  return { ...d, summary: `${d.summary}${named}`, detail: { ...d.detail, identities } };
}

function orderError(message: string, detail: { eventId: number; user: string; time: number }): never {
  throw new PushTrailError('internal', `detection input out of order: ${message}`, detail);
}

/** Whether b may follow a within one ordered run: time non-decreasing, ties by id ascending. */
function inOrder(aTime: number, aId: number, bTime: number, bId: number): boolean {
  return aTime < bTime || (aTime === bTime && aId < bId);
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
function compareByTime(a: Finding, b: Finding): number {
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

/** The per-person state of the pass: the rule runs, the shared attempt stream, the counts. */
class UserPass {
  readonly counts: UserCounts = emptyCounts();
  readonly runs: RuleRun[];
  private readonly pushers: RuleRun[];
  private readonly stream: AttemptStream;
  /** Event id → identity, kept only for a person with several identities (to name them in findings). */
  private readonly identityOf: Map<number, string> | null;
  lastTime: number;
  lastId: number;

  constructor(
    readonly user: string,
    rules: readonly UserRule[],
    config: DetectionConfig,
    first: RuleEvent,
    spool: AttemptSpool | null,
    linked: boolean,
  ) {
    this.identityOf = linked ? new Map() : null;
    this.runs = rules.map((r) => r.evaluate(config[r.id].params, user));
    this.pushers = this.runs.filter((r) => r.push !== undefined);
    const takers = this.runs.filter((r) => r.take !== undefined);
    const counts = this.counts;
    this.stream = new AttemptStream((item) => {
      for (const r of takers) r.take?.(item);
      countItem(counts, item);
      if (spool === null || item.kind !== 'attempt') return;
      const attempt = toCrossAttempt(user, item.attempt);
      if (attempt !== undefined) spool.add(attempt);
    });
    this.lastTime = first.time;
    this.lastId = first.id - 1;
  }

  push(e: RuleEvent): void {
    this.counts.events++;
    this.identityOf?.set(e.id, e.user);
    for (const r of this.pushers) r.push?.(e);
    this.stream.push(e);
  }

  finish(): FindingDraft[] {
    this.stream.flush();
    const drafts: FindingDraft[] = [];
    for (const run of this.runs) drafts.push(...run.finish());
    const identityOf = this.identityOf;
    return identityOf === null ? drafts : drafts.map((d) => withIdentities(d, identityOf));
  }
}

class MemorySpool implements AttemptSpool {
  private readonly items: CrossAttempt[] = [];
  add(a: CrossAttempt): void {
    this.items.push(a);
  }
  sorted(): Iterable<CrossAttempt> {
    return this.items.sort((a, b) => a.time - b.time || a.firstId - b.firstId);
  }
}

/** Keeps everything: for tests, the CLI on small inputs, and the engine-only benchmark. */
export class MemorySink implements DetectionSink {
  private readonly findings = new Map<string, readonly Finding[]>();
  private readonly assessments = new Map<string, UserAssessment>();
  private cross: readonly Finding[] = [];

  user(findings: readonly Finding[], assessment: UserAssessment): void {
    this.findings.set(assessment.user, findings);
    this.assessments.set(assessment.user, assessment);
  }
  userResult(user: string): { findings: readonly Finding[]; counts: UserCounts } | undefined {
    const a = this.assessments.get(user);
    return a === undefined ? undefined : { findings: this.findings.get(user) ?? [], counts: a.counts };
  }
  crossUser(findings: readonly Finding[]): void {
    this.cross = findings;
  }
  reassess(assessment: UserAssessment): void {
    this.assessments.set(assessment.user, assessment);
  }
  /** Every finding in timeline order, and users ranked by risk, then name. */
  result(): { findings: Finding[]; assessments: UserAssessment[] } {
    const findings = [...[...this.findings.values()].flat(), ...this.cross].sort(compareByTime);
    const assessments = [...this.assessments.values()].sort((a, b) => b.risk - a.risk || (a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
    return { findings, assessments };
  }
}

export async function runDetection(input: DetectionInput): Promise<DetectionReport> {
  const config = input.config ?? resolveConfig();
  const enabled = RULES.filter((r) => config[r.id].enabled);
  const userRules = enabled.filter((r): r is UserRule => r.scope === 'user');
  const crossRules = enabled.filter((r): r is CrossUserRule => r.scope === 'cross-user');
  const every = Math.max(1, input.progressEvery ?? 50_000);
  const spool = crossRules.length === 0 ? null : (input.spool ?? new MemorySpool());
  const sink = input.sink;
  const findingsByRule: Partial<Record<RuleId, number>> = {};
  let findingCount = 0;
  const tally = (findings: readonly Finding[]): void => {
    for (const f of findings) findingsByRule[f.rule] = (findingsByRule[f.rule] ?? 0) + 1;
    findingCount += findings.length;
  };

  const tick = (phase: DetectionProgress['phase'], events: number, users: number): void => {
    if (input.isCancelled?.() === true) throw new PushTrailError('cancelled', 'detection was cancelled');
    input.onProgress?.({ phase, events, users });
  };

  // ---- the pass, per user ----
  const done = new Set<string>();
  let events = 0;
  let unattributed = 0;
  let current: UserPass | null = null;

  const closeUser = (): void => {
    if (current === null) return;
    const findings = finalizeFindings(foldIntoHosts(applySuppression(current.finish(), userRules), userRules));
    tally(findings);
    sink.user(findings, assessUser(current.user, findings, current.counts));
    done.add(current.user);
    current = null;
  };

  const persons = input.persons ?? new Map<string, string>();
  await drain(input.byUser, (e) => {
    events++;
    if (events % every === 0) tick('users', events, done.size);
    if (e.user === '') {
      unattributed++;
      return;
    }
    const person = persons.get(e.user) ?? e.user;
    if (current === null || current.user !== person) {
      closeUser();
      if (done.has(person)) orderError(`person "${person}" appears again after other persons; group the events by person`, { eventId: e.id, user: e.user, time: e.time });
      current = new UserPass(person, userRules, config, e, spool, persons.has(e.user));
    } else if (!inOrder(current.lastTime, current.lastId, e.time, e.id)) {
      orderError(`events of person "${person}" must be ordered by time, then id`, { eventId: e.id, user: e.user, time: e.time });
    }
    current.lastTime = e.time;
    current.lastId = e.id;
    current.push(e);
  });
  closeUser();
  tick('users', events, done.size);

  // ---- across users, from the spooled attempts ----
  let crossUserAttempts = 0;
  if (spool !== null) {
    const runs = crossRules.map((r) => r.evaluate(config[r.id].params, null));
    let lastTime = Number.NEGATIVE_INFINITY;
    let lastId = 0;
    for (const a of spool.sorted()) {
      crossUserAttempts++;
      if (crossUserAttempts % every === 0) tick('cross-user', crossUserAttempts, done.size);
      if (!inOrder(lastTime, lastId, a.time, a.firstId)) orderError('the spool must give attempts ordered by time, then id', { eventId: a.firstId, user: a.user, time: a.time });
      lastTime = a.time;
      lastId = a.firstId;
      for (const run of runs) run.push(a);
    }
    const drafts: FindingDraft[] = [];
    for (const run of runs) drafts.push(...run.finish());
    const cross = finalizeFindings(applySuppression(drafts, crossRules));
    tally(cross);
    sink.crossUser(cross);
    const named = new Map<string, Finding[]>();
    for (const f of cross) {
      for (const u of f.users) {
        const list = named.get(u);
        if (list === undefined) named.set(u, [f]);
        else list.push(f);
      }
    }
    for (const [user, theirs] of [...named].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const before = sink.userResult(user);
      sink.reassess(assessUser(user, [...(before?.findings ?? []), ...theirs], before?.counts ?? emptyCounts()));
    }
    tick('cross-user', crossUserAttempts, done.size);
  }

  return { config, stats: { events, users: done.size, unattributed, crossUserAttempts, findings: findingCount, findingsByRule } };
}

/** For small in-memory inputs (tests, CLI on a handful of events): the order the engine wants, by person. */
export function orderByUser<E extends RuleEvent>(events: readonly E[], persons: ReadonlyMap<string, string> = new Map()): E[] {
  const key = (e: E): string => persons.get(e.user) ?? e.user;
  return [...events].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) || a.time - b.time || a.id - b.id);
}

/** Run detection over an in-memory array (sorted here), keeping every result. */
export async function detectInMemory(events: readonly RuleEvent[], config?: DetectionConfig, persons?: ReadonlyMap<string, string>): Promise<DetectionResult> {
  const sink = new MemorySink();
  const run = await runDetection({ byUser: orderByUser(events, persons), sink, ...(config === undefined ? {} : { config }), ...(persons === undefined ? {} : { persons }) });
  return { ...run, ...sink.result() };
}
