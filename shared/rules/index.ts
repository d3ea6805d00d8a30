/** Every detection rule, in the fixed order of `RULE_IDS` (most severe meaning first). */
import { RULE_IDS, type RuleId } from '../model/finding.js';
import { fatigueApproval } from './fatigue-approval.js';
import { fraudReport } from './fraud-report.js';
import { impossibleTravel } from './impossible-travel.js';
import { locationMismatch } from './location-mismatch.js';
import { mfaWeakened } from './mfa-weakened.js';
import { newLocation } from './new-location.js';
import { oddHours } from './odd-hours.js';
import { postApprovalPersistence } from './post-approval-persistence.js';
import { pushBurst } from './push-burst.js';
import type { Rule } from './rule.js';
import { sourceManyUsers } from './source-many-users.js';
import { vendorAnomaly } from './vendor-anomaly.js';

export { RULE_IDS, type RuleId };

export const RULES: readonly Rule[] = [
  fatigueApproval,
  postApprovalPersistence,
  pushBurst,
  fraudReport,
  locationMismatch,
  sourceManyUsers,
  vendorAnomaly,
  impossibleTravel,
  newLocation,
  mfaWeakened,
  oddHours,
];

const BY_ID = new Map<RuleId, Rule>(RULES.map((r) => [r.id, r]));

// Module-load guard: RULES and RULE_IDS must list the same rules in the same order.
if (RULES.length !== RULE_IDS.length || RULES.some((r, i) => r.id !== RULE_IDS[i])) {
  throw new Error('shared/rules: RULES and RULE_IDS are out of step');
}

export function ruleById(id: RuleId): Rule {
  const rule = BY_ID.get(id);
  if (rule === undefined) throw new Error(`no rule "${id}"`);
  return rule;
}

/** Position of a rule in `RULE_IDS`, for deterministic sorting. */
export function ruleOrder(id: RuleId): number {
  return RULE_IDS.indexOf(id);
}

export type { Rule, RuleRun, UserRule, CrossUserRule, Params, ParamDoc, ParamValue } from './rule.js';
export { runRule } from './rule.js';
