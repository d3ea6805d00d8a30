/**
 * The detections a hunt can carry to another engine, with the parameters the case was analysed
 * with (the same values the report's Method section prints). Only patterns a query over raw
 * events can express are here; each says what it sees and what PushTrail's own engine sees that
 * it cannot.
 */
import type { DetectionConfig } from '../detect/params.js';
import type { RuleId } from '../model/finding.js';
import type { Params } from '../rules/rule.js';

export const HUNT_RULE_IDS = ['push-burst', 'fatigue-approval', 'fraud-report', 'mfa-weakened', 'source-many-users'] as const satisfies readonly RuleId[];
export type HuntRuleId = (typeof HUNT_RULE_IDS)[number];

export type HuntLevel = 'medium' | 'high' | 'critical';

/**
 * The slower windows of prompt pressure (shared/rules/lib/pressure.ts): a campaign paced to stay
 * under the short burst window still reaches one of these. A hunt for one is its rule with that
 * window's threshold and length.
 */
export const PRESSURE_VARIANTS = ['sustained', 'night'] as const;
export type PressureVariant = (typeof PRESSURE_VARIANTS)[number];

export interface HuntRule {
  id: HuntRuleId;
  /** Set on the hunts for the slower pressure windows; absent on the short-window hunt. */
  variant?: PressureVariant;
  title: string;
  level: HuntLevel;
  /** Parameters as the case holds them, in a fixed order. */
  params: Readonly<Record<string, number | string>>;
  /** What the query finds, in the words of the rule. */
  sees: string;
  /** What PushTrail's engine adds that a query over raw events cannot. */
  misses: string;
}

const OKTA_SENDS = 'Prompts a vendor logs only as an unanswered send (Okta), which PushTrail pairs and counts';
const SLOWER = 'campaigns paced slower than this window (the .sustained and .night hunts look for those)';

const COMMON_MISSES =
  'It sees only the records of one table at a time, not the analyst\'s notes, tags or analyst-entered events, not identities linked across providers, and not the context PushTrail uses to lower or raise a severity.';

function num(params: Params, rule: RuleId, name: string): number {
  const v = params[name];
  if (typeof v !== 'number') throw new Error(`hunt: rule ${rule} has no numeric parameter "${name}"`);
  return v;
}

/** How a hunt is named in file names and rule names: its rule id, and its window when it has one. */
export function huntName(rule: HuntRule): string {
  return rule.variant === undefined ? rule.id : `${rule.id}.${rule.variant}`;
}

const VARIANT_WINDOWS: Record<PressureVariant, { threshold: string; hours: string; words: string }> = {
  sustained: { threshold: 'sustainedThreshold', hours: 'sustainedHours', words: 'sustained pressure' },
  night: { threshold: 'nightThreshold', hours: 'nightHours', words: 'a night of prompts' },
};

/**
 * Why the slow-window hunts stay at medium: PushTrail takes a person's own retries out of a chain
 * (a push that timed out, then approved from the same address) before it counts it, and links
 * prompts only while they follow each other closely; a count over a fixed window cannot, so a
 * flaky phone over a long day can reach these thresholds. They are leads to look at, not alerts.
 */
const SLOW_MISSES =
  'Which failures were the person\'s own retries (PushTrail takes those out before counting), and whether the prompts form one chain; a day of flaky pushes can reach this count.';

/** The slow-window hunts of a pressure rule (push-burst or fatigue-approval), from the rule's own parameters. */
function slowVariants(rule: HuntRule, params: Params): HuntRule[] {
  const out: HuntRule[] = [];
  for (const variant of PRESSURE_VARIANTS) {
    const w = VARIANT_WINDOWS[variant];
    const threshold = params[w.threshold];
    const hours = params[w.hours];
    if (typeof threshold !== 'number' || typeof hours !== 'number') continue;
    const windowMinutes = hours * 60;
    const gap = params['gapMinutes'];
    const base = { ...rule, variant, level: 'medium' as const };
    if (rule.id === 'push-burst') {
      out.push({
        ...base,
        title: `MFA prompt pressure (${w.words})`,
        params: { threshold, windowMinutes },
        sees: `At least ${threshold} failed MFA prompts for one user within ${hours} hours: a campaign paced to stay under the ${rule.params['windowMinutes']}-minute burst window.`,
        misses: `${SLOW_MISSES} ${OKTA_SENDS}. ${COMMON_MISSES}`,
      });
    } else {
      // A slow campaign's approval comes as late as its next prompt would have (pressure.ts).
      const approvalWithinMinutes = Math.max(Number(rule.params['approvalWithinMinutes']), typeof gap === 'number' ? gap : 0);
      out.push({
        ...base,
        title: `Prompt approved after ${w.words}`,
        params: { threshold, windowMinutes, approvalWithinMinutes },
        sees: `At least ${threshold} failed prompts within ${hours} hours, then an approved prompt for the same user within ${approvalWithinMinutes} minutes of the last one.`,
        misses: `${SLOW_MISSES} What the attacker did after the approval. ${COMMON_MISSES}`,
      });
    }
  }
  return out;
}

/** The enabled rules a hunt can express, with the case's parameters. */
export function huntRules(config: DetectionConfig): HuntRule[] {
  const out: HuntRule[] = [];
  const slow: HuntRule[] = [];
  const burst = config['push-burst'];
  if (burst.enabled) {
    const threshold = num(burst.params, 'push-burst', 'threshold');
    const windowMinutes = num(burst.params, 'push-burst', 'windowMinutes');
    const burstHunt: HuntRule = {
      id: 'push-burst',
      title: 'MFA prompt burst',
      level: 'high',
      params: { threshold, windowMinutes },
      sees: `At least ${threshold} failed MFA prompts (denied, timed out, reported) for one user within ${windowMinutes} minutes.`,
      misses: `${OKTA_SENDS}; ${SLOWER}. ${COMMON_MISSES}`,
    };
    out.push(burstHunt);
    slow.push(...slowVariants(burstHunt, burst.params));
  }
  const fatigue = config['fatigue-approval'];
  if (fatigue.enabled) {
    const threshold = num(fatigue.params, 'fatigue-approval', 'threshold');
    const windowMinutes = num(fatigue.params, 'fatigue-approval', 'windowMinutes');
    const approvalWithinMinutes = num(fatigue.params, 'fatigue-approval', 'approvalWithinMinutes');
    const fatigueHunt: HuntRule = {
      id: 'fatigue-approval',
      title: 'Prompt approved after a burst',
      level: 'critical',
      params: { threshold, windowMinutes, approvalWithinMinutes },
      sees: `A burst of at least ${threshold} failed prompts within ${windowMinutes} minutes, then an approved prompt for the same user within ${approvalWithinMinutes} minutes of the last one.`,
      misses: `What the attacker did after the approval; ${SLOWER}. ${COMMON_MISSES}`,
    };
    out.push(fatigueHunt);
    slow.push(...slowVariants(fatigueHunt, fatigue.params));
  }
  const fraud = config['fraud-report'];
  if (fraud.enabled) {
    out.push({
      id: 'fraud-report',
      title: 'User reported a prompt as fraud',
      level: 'high',
      params: { groupMinutes: num(fraud.params, 'fraud-report', 'groupMinutes') },
      sees: 'Every prompt a user reported as not theirs.',
      misses: COMMON_MISSES,
    });
  }
  const weakened = config['mfa-weakened'];
  if (weakened.enabled) {
    out.push({
      id: 'mfa-weakened',
      title: 'MFA removed or disabled',
      level: 'medium',
      params: { groupMinutes: num(weakened.params, 'mfa-weakened', 'groupMinutes') },
      sees: 'A factor removed, reset or suspended, or MFA switched off, for a user.',
      misses: `Whether the change followed a suspicious approval (PushTrail then reports it as persistence) or was a routine help-desk reset. ${COMMON_MISSES}`,
    });
  }
  const many = config['source-many-users'];
  if (many.enabled) {
    const minUsers = num(many.params, 'source-many-users', 'minUsers');
    const windowMinutes = num(many.params, 'source-many-users', 'windowMinutes');
    out.push({
      id: 'source-many-users',
      title: 'One source, many users',
      level: 'high',
      params: { minUsers, windowMinutes, maxApprovedShare: num(many.params, 'source-many-users', 'maxApprovedShare') },
      sees: `One source address with failed prompts for at least ${minUsers} different users within ${windowMinutes} minutes.`,
      misses: `Grouping by subnet or AS, and dropping shared gateways whose prompts are mostly approved (the SQL hunt does the latter). ${COMMON_MISSES}`,
    });
  }
  return [...out, ...slow];
}

/** "threshold=5, windowMinutes=10": how a query header names its parameters. */
export function paramsText(rule: HuntRule): string {
  return Object.entries(rule.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}
