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

export interface HuntRule {
  id: HuntRuleId;
  title: string;
  level: HuntLevel;
  /** Parameters as the case holds them, in a fixed order. */
  params: Readonly<Record<string, number | string>>;
  /** What the query finds, in the words of the rule. */
  sees: string;
  /** What PushTrail's engine adds that a query over raw events cannot. */
  misses: string;
}

const COMMON_MISSES =
  'It sees only the records of one table at a time, not the analyst\'s notes, tags or analyst-entered events, not identities linked across providers, and not the context PushTrail uses to lower or raise a severity.';

function num(params: Params, rule: RuleId, name: string): number {
  const v = params[name];
  if (typeof v !== 'number') throw new Error(`hunt: rule ${rule} has no numeric parameter "${name}"`);
  return v;
}

/** The enabled rules a hunt can express, with the case's parameters. */
export function huntRules(config: DetectionConfig): HuntRule[] {
  const out: HuntRule[] = [];
  const burst = config['push-burst'];
  if (burst.enabled) {
    const threshold = num(burst.params, 'push-burst', 'threshold');
    const windowMinutes = num(burst.params, 'push-burst', 'windowMinutes');
    out.push({
      id: 'push-burst',
      title: 'MFA prompt burst',
      level: 'high',
      params: { threshold, windowMinutes },
      sees: `At least ${threshold} failed MFA prompts (denied, timed out, reported) for one user within ${windowMinutes} minutes.`,
      misses: `Prompts a vendor logs only as an unanswered send (Okta), which PushTrail pairs and counts. ${COMMON_MISSES}`,
    });
  }
  const fatigue = config['fatigue-approval'];
  if (fatigue.enabled) {
    const threshold = num(fatigue.params, 'fatigue-approval', 'threshold');
    const windowMinutes = num(fatigue.params, 'fatigue-approval', 'windowMinutes');
    const approvalWithinMinutes = num(fatigue.params, 'fatigue-approval', 'approvalWithinMinutes');
    out.push({
      id: 'fatigue-approval',
      title: 'Prompt approved after a burst',
      level: 'critical',
      params: { threshold, windowMinutes, approvalWithinMinutes },
      sees: `A burst of at least ${threshold} failed prompts within ${windowMinutes} minutes, then an approved prompt for the same user within ${approvalWithinMinutes} minutes of the last one.`,
      misses: `Slow campaigns spread over hours, and what the attacker did after the approval. ${COMMON_MISSES}`,
    });
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
  return out;
}

/** "threshold=5, windowMinutes=10": how a query header names its parameters. */
export function paramsText(rule: HuntRule): string {
  return Object.entries(rule.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}
