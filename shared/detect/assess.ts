/**
 * Per-user roll-up of findings into a verdict, a 0–100 risk and the reasoning shown to the analyst.
 *
 * Verdicts (first that applies):
 *   compromised  an attack succeeded: a fatigue approval, a factor change after a suspicious
 *                approval, an approved prompt answered from a distant device, or an approval from a
 *                source that attacked many users;
 *   attacked     an attack finding of medium or above (burst, fraud report, mismatch, vendor
 *                verdict, many-users source) with no evidence of success;
 *   suspicious   only weaker signals of low severity or above (new place, odd hours, impossible
 *                travel, MFA removed);
 *   clear        nothing of low severity or above.
 * Risk: the most severe finding gives the base, every further rule that fired adds 5, and the
 * result is held inside the verdict's band so that risk and verdict always agree.
 */
import { SEVERITY_RANK, type Severity } from '../model/case.js';
import type { Finding, RuleId, UserAssessment, UserCounts, UserVerdict } from '../model/finding.js';
import { ruleById, ruleOrder } from '../rules/index.js';
import { emptyCounts } from './prompt-counts.js';
import { utcStamp } from '../rules/lib/format.js';

const SEVERITY_BASE: Record<Severity, number> = { info: 0, low: 20, medium: 45, high: 70, critical: 95 };
export const RISK_BANDS: Readonly<Record<UserVerdict, readonly [number, number]>> = {
  compromised: [90, 100],
  attacked: [60, 89],
  suspicious: [15, 59],
  clear: [0, 14],
};

/**
 * Rules whose findings mean someone else is actively going after the account: they decide the
 * verdict here, and the report takes a user's key events from them.
 */
export const ATTACK_RULES: ReadonlySet<RuleId> = new Set<RuleId>([
  'fatigue-approval',
  'post-approval-persistence',
  'push-burst',
  'fraud-report',
  'location-mismatch',
  'source-many-users',
  'vendor-anomaly',
]);

function concerns(f: Finding, user: string): boolean {
  return f.user === user || f.users.includes(user);
}

function num(f: Finding, key: string): number | null {
  const v = f.detail[key];
  return typeof v === 'number' ? v : null;
}

/** Why this finding shows the attack succeeded for `user`, or null. */
function successEvidence(f: Finding, user: string): string | null {
  switch (f.rule) {
    case 'fatigue-approval': {
      const at = num(f, 'approvedAt');
      return `a prompt was approved right after a burst of prompts${at === null ? '' : ` (${utcStamp(at)})`}`;
    }
    case 'post-approval-persistence':
      return 'MFA factors changed after a suspicious approval';
    case 'location-mismatch':
      return f.detail.approvals > 0 ? 'a prompt answered from a distant device was approved' : null;
    case 'source-many-users': {
      const approved = f.detail['approvedUsers'];
      return Array.isArray(approved) && approved.some((u) => u === user)
        ? `the user approved a prompt from ${f.source ?? 'a source'} that attacked ${f.users.length} users`
        : null;
    }
    default:
      return null;
  }
}

/** Deterministic order: most severe first, then earliest, then rule order, then id. */
function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    a.start - b.start ||
    ruleOrder(a.rule) - ruleOrder(b.rule) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function titles(findings: readonly Finding[]): string {
  const seen = [...new Set(findings.map((f) => f.rule))].sort((a, b) => ruleOrder(a) - ruleOrder(b));
  return seen.map((id) => ruleById(id).title.toLowerCase()).join(', ');
}

/** Roll one user's findings up. `findings` may include other users' findings; only this user's count. */
export function assessUser(user: string, findings: readonly Finding[], counts: UserCounts = emptyCounts()): UserAssessment {
  const mine = findings.filter((f) => concerns(f, user)).sort(compareFindings);
  const signals = mine.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK.low);
  const success = [...new Set(mine.map((f) => successEvidence(f, user)).filter((s): s is string => s !== null))];
  const attacks = signals.filter((f) => ATTACK_RULES.has(f.rule) && SEVERITY_RANK[f.severity] >= SEVERITY_RANK.medium);

  let verdict: UserVerdict;
  let why: string;
  if (success.length > 0) {
    verdict = 'compromised';
    why = `Compromised: ${success.join('; ')}.`;
  } else if (attacks.length > 0) {
    verdict = 'attacked';
    why = `Attacked, with no sign that it succeeded: ${titles(attacks)}; no approval or factor change tied to the attack was found.`;
  } else if (signals.length > 0) {
    verdict = 'suspicious';
    why = `Suspicious: only weaker signals (${titles(signals)}), no attack pattern.`;
  } else {
    verdict = 'clear';
    why = `Clear: nothing of low severity or above in ${counts.events} events.`;
  }

  const top = signals[0];
  const base = top === undefined ? 0 : SEVERITY_BASE[top.severity];
  const rulesFired = new Set(signals.map((f) => f.rule)).size;
  const [low, high] = RISK_BANDS[verdict];
  const risk = Math.min(high, Math.max(low, base + 5 * Math.max(0, rulesFired - 1)));

  return {
    user,
    risk,
    verdict,
    reasons: [why, ...mine.map((f) => `${ruleById(f.rule).title} (${f.severity}): ${f.summary}`)],
    findingIds: mine.map((f) => f.id),
    counts,
  };
}
