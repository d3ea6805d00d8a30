/**
 * What the detection rules produce (findings) and what the per-user roll-up produces
 * (assessments). Plain data: stored in the case, shown in the UI, printed in reports.
 */
import type { Severity } from './case.js';

/** Every detection rule, in the order reports list them. Ids are fixed: they are stored in cases. */
export const RULE_IDS = [
  'fatigue-approval',
  'post-approval-persistence',
  'push-burst',
  'fraud-report',
  'location-mismatch',
  'source-many-users',
  'vendor-anomaly',
  'impossible-travel',
  'new-location',
  'mfa-weakened',
  'odd-hours',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export function isRuleId(value: unknown): value is RuleId {
  return typeof value === 'string' && (RULE_IDS as readonly string[]).includes(value);
}

/** A value in `Finding.detail`: the structured numbers the summary was written from. */
export type DetailValue = number | string | boolean | null | readonly number[] | readonly string[];

/**
 * Structured numbers behind a summary. Every rule writes `approvals` (approved prompts that
 * are part of the finding's evidence, 0 when none): the assessment reads it to tell an attack
 * that succeeded from one that did not. Other keys are rule-specific and documented in the rule.
 */
export type FindingDetail = Readonly<Record<string, DetailValue>> & { readonly approvals: number };

/**
 * How a campaign of prompts against one person ended, as Sentinel's Okta MFAFatigue analytic
 * labels it: every prompt-burst and fatigue-approval finding carries one in `detail.burstOutcome`.
 *   approved        the person eventually approved a prompt of the campaign;
 *   reported-fraud  they reported a prompt as fraud (and approved none);
 *   denied          they declined at least one prompt (and approved or reported none);
 *   ignored         every prompt timed out or went unanswered;
 *   blocked         the vendor refused every prompt (Duo anomalous push, Entra's telecom limit).
 */
export const BURST_OUTCOMES = ['approved', 'reported-fraud', 'denied', 'ignored', 'blocked'] as const;
export type BurstOutcome = (typeof BURST_OUTCOMES)[number];

/** The campaign outcome a finding carries, or null when it is not about a campaign of prompts. */
export function burstOutcomeOf(f: Pick<Finding, 'detail'>): BurstOutcome | null {
  const v = f.detail['burstOutcome'];
  return typeof v === 'string' && (BURST_OUTCOMES as readonly string[]).includes(v) ? (v as BurstOutcome) : null;
}

/** The outcome of every campaign among these findings, in time order: "denied", "approved" ... */
export function burstOutcomes(findings: Iterable<Pick<Finding, 'detail' | 'start'>>): BurstOutcome[] {
  const found: { start: number; outcome: BurstOutcome }[] = [];
  for (const f of findings) {
    const outcome = burstOutcomeOf(f);
    if (outcome !== null) found.push({ start: f.start, outcome });
  }
  return found.sort((a, b) => a.start - b.start).map((b) => b.outcome);
}

export interface Finding {
  /** Stable id: a hash of rule, user/source, start and evidence ids (see `findingId`). */
  id: string;
  rule: RuleId;
  severity: Severity;
  /** The user the finding is about; null for cross-user findings. */
  user: string | null;
  /** The grouping key of a cross-user finding (an IP, a subnet, "AS49505"); null otherwise. */
  source: string | null;
  /** Every user the finding concerns, sorted; `[user]` for user-scope findings. */
  users: string[];
  /** UTC milliseconds of the first and last evidence event. */
  start: number;
  end: number;
  /** Ids of the stored events that are the evidence, ascending. */
  eventIds: number[];
  /** Plain words with the numbers that matter, times written in UTC with the zone. */
  summary: string;
  detail: FindingDetail;
}

/** A finding before the engine gives it its id. */
export type FindingDraft = Omit<Finding, 'id'>;

export type UserVerdict = 'compromised' | 'attacked' | 'suspicious' | 'clear';
export const USER_VERDICTS: readonly UserVerdict[] = ['compromised', 'attacked', 'suspicious', 'clear'];

export interface UserCounts {
  /** Every stored event of the user. */
  events: number;
  /** MFA prompts (push/SMS/voice) sent or attempted; a send and its answer count once. */
  challenges: number;
  denied: number;
  /** Prompts that timed out or were never answered. */
  timeouts: number;
  approved: number;
  fraud: number;
}

export interface UserAssessment {
  user: string;
  /** 0–100; the verdict decides the band (compromised 90–100, attacked 60–89, suspicious 15–59, clear 0–14). */
  risk: number;
  verdict: UserVerdict;
  /** The reasoning shown to the analyst, most severe first. */
  reasons: string[];
  findingIds: string[];
  counts: UserCounts;
}

/**
 * 32-bit FNV-1a over UTF-16 code units. Pure TypeScript (no crypto module in shared/); collisions
 * only matter between findings of one case, and two independent 32-bit hashes make them negligible.
 */
function fnv1a(text: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/**
 * Deterministic id of a finding: the same rule, subject, start and evidence always give the same
 * id, so re-running detection on an unchanged case keeps analyst notes attached to findings.
 */
export function findingId(draft: Pick<FindingDraft, 'rule' | 'user' | 'source' | 'start' | 'eventIds'>): string {
  return stableId(draft.rule, `${draft.rule}|${draft.user ?? ''}|${draft.source ?? ''}|${draft.start}|${draft.eventIds.join(',')}`);
}

/** `prefix:` and 16 hex digits that depend only on `key`: ids that survive re-running detection. */
export function stableId(prefix: string, key: string): string {
  return `${prefix}:${hex8(fnv1a(key, 0x811c9dc5))}${hex8(fnv1a(key, 0x050c5d1f))}`;
}
