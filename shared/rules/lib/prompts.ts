/**
 * From events to MFA prompt attempts.
 *
 * Vendors log a prompt differently: Okta writes a send record (challenge_sent) and later an
 * answer (auth_via_mfa / deny_push) for the same push; Duo writes one authlog per attempt and no
 * send record (docs/log-sources.md §4); PingID writes the time-out itself. Counting raw events would count an
 * Okta push twice, so every rule that counts prompts goes through `AttemptStream`, which pairs an
 * answer with the open send it belongs to and releases one `Attempt` per prompt.
 */
import type { Factor } from '../../model/event.js';
import type { RuleEvent } from '../rule.js';

/**
 * How long a sent prompt waits for its answer before we call it unanswered. Vendors expire
 * pushes within minutes (Okta's ignored pushes have no record at all, docs/log-sources.md §1 "timeout"), so
 * an answer later than this belongs to another prompt.
 */
const PAIR_WINDOW_MS = 5 * 60_000;

/** Channels an attacker can fire at a user's phone without knowing a second secret (docs/log-sources.md §0, T1621). */
const PROMPT_FACTORS: ReadonlySet<Factor> = new Set<Factor>(['push', 'sms', 'voice']);
/**
 * Factors that are not prompts: a code the user types, a key they touch, a remembered device.
 * TOTP/passcode failures are code guessing (docs/log-sources.md §10 P12, T1110), not push fatigue.
 */
const NON_PROMPT_FACTORS: ReadonlySet<Factor> = new Set<Factor>([
  'totp',
  'passcode',
  'hardware_token',
  'webauthn',
  'password',
  'remembered',
  'bypass',
  'email',
]);

function isPromptFactor(factor: Factor | undefined): boolean {
  return factor !== undefined && PROMPT_FACTORS.has(factor);
}

/** An explicit non-prompt factor rules an event out; an absent or 'unknown' factor does not. */
function mayBePrompt(factor: Factor | undefined): boolean {
  return factor === undefined || !NON_PROMPT_FACTORS.has(factor);
}

export type AttemptOutcome = 'approved' | 'denied' | 'timeout' | 'unanswered' | 'fraud' | 'failed';

/** What an event means for prompt counting. */
type PromptRole =
  | { role: 'send' }
  | { role: 'answer'; outcome: Exclude<AttemptOutcome, 'unanswered'>; standalone: boolean }
  | { role: 'none' };

// Shared constants: classification runs for every event of every rule, so it allocates nothing.
const NONE: PromptRole = { role: 'none' };
const SEND: PromptRole = { role: 'send' };
const APPROVED: PromptRole = { role: 'answer', outcome: 'approved', standalone: true };
const DENIED: PromptRole = { role: 'answer', outcome: 'denied', standalone: true };
const TIMEOUT: PromptRole = { role: 'answer', outcome: 'timeout', standalone: true };
const FAILED: PromptRole = { role: 'answer', outcome: 'failed', standalone: true };
const FRAUD_ALONE: PromptRole = { role: 'answer', outcome: 'fraud', standalone: true };
const FRAUD_PAIRED: PromptRole = { role: 'answer', outcome: 'fraud', standalone: false };

/**
 * Classify an event. `standalone` says whether an answer with no open send to pair with is
 * itself an attempt (a Duo authlog is; an Okta "report suspicious activity" record is not, it
 * follows the denial it reports).
 *
 * Counted (brief / docs/log-sources.md §9 P1–P3): challenge_sent, denied, timeout, approved unless the factor
 * says it is not a prompt; failed_other only with an explicit push/SMS/voice factor (Duo
 * anomalous_push lands here; a failed_other without factor may be a policy block, docs/log-sources.md §2
 * 53003); fraud_reported pairs with its prompt, or stands alone with an explicit prompt factor.
 */
function promptRole(e: RuleEvent): PromptRole {
  switch (e.outcome) {
    case 'challenge_sent':
      return mayBePrompt(e.factor) ? SEND : NONE;
    case 'approved':
      return mayBePrompt(e.factor) ? APPROVED : NONE;
    case 'denied':
      return mayBePrompt(e.factor) ? DENIED : NONE;
    case 'timeout':
      return mayBePrompt(e.factor) ? TIMEOUT : NONE;
    case 'failed_other':
      return isPromptFactor(e.factor) ? FAILED : NONE;
    case 'fraud_reported':
      return mayBePrompt(e.factor) ? (isPromptFactor(e.factor) ? FRAUD_ALONE : FRAUD_PAIRED) : NONE;
    default:
      return NONE;
  }
}

/** Events that make an IdP ask for a second factor: prompts and their answers, plus MFA interrupts. */
export function isMfaTriggering(e: RuleEvent): boolean {
  return e.outcome === 'mfa_required' || promptRole(e).role !== 'none';
}

export interface Attempt {
  /** Time of the event that opened the attempt (the send, or the standalone answer). */
  start: number;
  /** Time of the answer; equals `start` for unanswered prompts. */
  end: number;
  outcome: AttemptOutcome;
  /** The opening event: its `source` is where the sign-in came from. */
  first: RuleEvent;
  /** The answering event, or null when unanswered. */
  answer: RuleEvent | null;
  eventIds: number[];
}

/** The stream a rule sees: attempts and all other events, in time order (attempts by start). */
export type Ordered = { kind: 'attempt'; time: number; attempt: Attempt } | { kind: 'event'; time: number; event: RuleEvent };

interface Pending {
  start: number;
  end: number;
  outcome: AttemptOutcome | undefined;
  first: RuleEvent;
  answer: RuleEvent | null;
  eventIds: number[];
}

type Slot = { kind: 'attempt'; pending: Pending } | { kind: 'event'; event: RuleEvent };

function sessionsCompatible(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/**
 * Reorder buffer that pairs answers with sends. Events go in time-ordered; `Ordered` items go out
 * to `emit` time-ordered, each attempt once its outcome is known (answered, or `pairWindowMs`
 * passed). Memory: only what arrived within one pair window after the oldest unanswered send.
 * The engine runs one per user and shares its output among the rules that count prompts.
 */
export class AttemptStream {
  private readonly slots: Slot[] = [];
  private head = 0;
  private readonly open: Pending[] = [];

  constructor(
    private readonly emit: (item: Ordered) => void,
    private readonly pairWindowMs: number = PAIR_WINDOW_MS,
  ) {}

  push(e: RuleEvent): void {
    if (this.open.length > 0) this.expire(e.time);
    const role = promptRole(e);
    if (role.role === 'none' && this.head === this.slots.length) {
      // Nothing waits for an answer: the event passes straight through.
      this.emit({ kind: 'event', time: e.time, event: e });
      return;
    }
    if (role.role === 'send') {
      const pending: Pending = { start: e.time, end: e.time, outcome: undefined, first: e, answer: null, eventIds: [e.id] };
      this.open.push(pending);
      this.slots.push({ kind: 'attempt', pending });
    } else if (role.role === 'answer') {
      const match = this.open.length > 0 ? this.takeOpen(e) : null;
      if (match !== null) {
        match.outcome = role.outcome;
        match.answer = e;
        match.end = e.time;
        match.eventIds.push(e.id);
      } else if (role.standalone) {
        const pending: Pending = { start: e.time, end: e.time, outcome: role.outcome, first: e, answer: e, eventIds: [e.id] };
        this.slots.push({ kind: 'attempt', pending });
      } else {
        this.slots.push({ kind: 'event', event: e });
      }
    } else {
      this.slots.push({ kind: 'event', event: e });
    }
    this.release();
  }

  /** End of input: every open send is unanswered; release everything. */
  flush(): void {
    this.expire(Number.POSITIVE_INFINITY);
    this.release();
  }

  private expire(now: number): void {
    let keep = 0;
    for (const p of this.open) {
      if (now - p.start > this.pairWindowMs) p.outcome = 'unanswered';
      else this.open[keep++] = p;
    }
    this.open.length = keep;
  }

  /** The open send this answer belongs to: same session first, else the oldest compatible one. */
  private takeOpen(e: RuleEvent): Pending | null {
    let index = -1;
    if (e.sessionId !== undefined) index = this.open.findIndex((p) => p.first.sessionId === e.sessionId);
    if (index < 0) index = this.open.findIndex((p) => sessionsCompatible(p.first.sessionId, e.sessionId));
    if (index < 0) return null;
    const [found] = this.open.splice(index, 1);
    return found ?? null;
  }

  private release(): void {
    while (this.head < this.slots.length) {
      const slot = this.slots[this.head];
      if (slot === undefined) break;
      if (slot.kind === 'event') {
        this.emit({ kind: 'event', time: slot.event.time, event: slot.event });
      } else {
        const p = slot.pending;
        if (p.outcome === undefined) break;
        const attempt: Attempt = { start: p.start, end: p.end, outcome: p.outcome, first: p.first, answer: p.answer, eventIds: p.eventIds };
        this.emit({ kind: 'attempt', time: p.start, attempt });
      }
      this.head++;
    }
    if (this.head === this.slots.length) {
      this.slots.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.slots.length) {
      // Compact now and then so the array does not grow with the whole history.
      this.slots.splice(0, this.head);
      this.head = 0;
    }
  }
}

export function isFailedAttempt(a: Attempt): boolean {
  return a.outcome !== 'approved';
}

/** Tally of attempt outcomes, for summaries and the per-user counts. */
export interface OutcomeTally {
  attempts: number;
  approved: number;
  denied: number;
  timeout: number;
  unanswered: number;
  fraud: number;
  failed: number;
}

export function emptyTally(): OutcomeTally {
  return { attempts: 0, approved: 0, denied: 0, timeout: 0, unanswered: 0, fraud: 0, failed: 0 };
}

export function addToTally(t: OutcomeTally, a: Attempt): void {
  t.attempts++;
  t[a.outcome]++;
}

/** "10 denied, 3 timed out, 2 unanswered" (zero parts left out). */
export function describeTally(t: OutcomeTally): string {
  const parts: string[] = [];
  if (t.denied > 0) parts.push(`${t.denied} denied`);
  if (t.timeout > 0) parts.push(`${t.timeout} timed out`);
  if (t.unanswered > 0) parts.push(`${t.unanswered} unanswered`);
  if (t.fraud > 0) parts.push(`${t.fraud} reported as fraud`);
  if (t.failed > 0) parts.push(`${t.failed} failed or blocked`);
  if (t.approved > 0) parts.push(`${t.approved} approved`);
  return parts.join(', ');
}
