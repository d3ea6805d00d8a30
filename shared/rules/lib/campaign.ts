/** The words and numbers of a prompt campaign, shared by push-burst and fatigue-approval. */
import type { BurstOutcome } from '../../model/finding.js';
import { count } from '../../format/count.js';
import { burstDetail, burstFacts, type BurstFacts } from './draft.js';
import { duration, HOUR, MINUTE, utcClock } from './format.js';
import { sourceSpread } from './geo.js';
import { passwordElsewhere, peakIn, type Campaign, type PressureParams } from './pressure.js';
import type { RuleEvent } from '../rule.js';

/** How the campaign ended (see `BURST_OUTCOMES`). */
export function campaignOutcome(c: Campaign, facts: BurstFacts): BurstOutcome {
  const t = facts.tally;
  if (c.approvals.length > 0) return 'approved';
  if (t.fraud > 0 || c.reports.length > 0) return 'reported-fraud';
  if (t.denied > 0) return 'denied';
  if (t.timeout + t.unanswered > 0) return 'ignored';
  return 'blocked';
}

const OUTCOME_WORDS: Readonly<Record<BurstOutcome, string>> = {
  approved: 'eventually approved',
  'reported-fraud': 'reported as fraud',
  denied: 'denied',
  ignored: 'ignored',
  blocked: 'blocked by the vendor',
};

export interface CampaignFacts {
  facts: BurstFacts;
  outcome: BurstOutcome;
  /** "Outcome: denied. Sustained pressure: ..." sentences after the facts. */
  pressureText: string;
  /** The password steps of another identity of the person that belong to the campaign (their events are evidence too). */
  passwordSteps: RuleEvent[];
  /** " The password of X was accepted ..." when there are such steps, else ''. */
  passwordText: string;
  detail: Record<string, number | string | readonly string[] | readonly number[]>;
}

/** Facts, outcome and pressure of a campaign, with the detail keys both rules write. */
export function describeCampaign(c: Campaign, params: PressureParams): CampaignFacts {
  const facts = burstFacts(c.failed);
  const outcome = campaignOutcome(c, facts);
  const peakBurst = peakIn(c.failed, params.windowMinutes * MINUTE);
  const peakSustained = peakIn(c.failed, params.sustainedHours * HOUR);
  const spread = sourceSpread(c.failed.map((a) => a.first));
  let pressure: string;
  if (c.scale === 'burst') pressure = `at least ${params.threshold} within ${params.windowMinutes} minutes (at most ${peakBurst})`;
  else {
    const pace = c.failed.length > 1 ? `, one every ${duration((c.end - c.start) / (c.failed.length - 1))} on average` : '';
    pressure =
      `slow pressure: never more than ${peakBurst} in ${params.windowMinutes} minutes, but ${peakSustained} in ${params.sustainedHours} hours ` +
      `and ${count(c.failed.length, 'prompt')} over ${duration(c.end - c.start)}${pace}, paced to stay under burst rules`;
  }
  const passwordSteps = passwordElsewhere(c);
  return {
    facts,
    outcome,
    pressureText: `Outcome: ${OUTCOME_WORDS[outcome]}; ${pressure}`,
    passwordSteps,
    passwordText: passwordSentence(c, passwordSteps),
    detail: {
      ...burstDetail(facts),
      burstOutcome: outcome,
      pressure: c.scale,
      peakInWindow: peakBurst,
      peakInSustained: peakSustained,
      sourceCount: facts.sourceIps.length,
      countries: spread.countries,
      asns: spread.asns,
      fraudReports: c.reports.length,
      passwordStepIdentities: [...new Set(passwordSteps.map((p) => p.user))].sort(),
    },
  };
}

/** " The password of X was accepted from IP at T, N before the first prompt to Y." when another identity's password step opened the campaign. */
function passwordSentence(c: Campaign, steps: readonly RuleEvent[]): string {
  const first = steps[0];
  if (first === undefined) return '';
  const when = first.time <= c.start ? `${duration(c.start - first.time)} before the first prompt` : 'while the prompts went on';
  const prompted = [...new Set(c.failed.map((a) => a.first.user))].sort().join(', ');
  return ` The password of ${first.user} was accepted from ${first.source?.ip ?? 'the same address'} at ${utcClock(first.time)}, ${when} to ${prompted}: one person, the password at one identity provider and the prompts at another.`;
}
