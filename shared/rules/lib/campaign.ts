/** The words and numbers of a prompt campaign, shared by push-burst and fatigue-approval. */
import type { BurstOutcome } from '../../model/finding.js';
import { count } from '../../format/count.js';
import { burstDetail, burstFacts, type BurstFacts } from './draft.js';
import { duration, HOUR, MINUTE } from './format.js';
import { sourceSpread } from './geo.js';
import { peakIn, type Campaign, type PressureParams } from './pressure.js';

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
  return {
    facts,
    outcome,
    pressureText: `Outcome: ${OUTCOME_WORDS[outcome]}; ${pressure}`,
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
    },
  };
}
