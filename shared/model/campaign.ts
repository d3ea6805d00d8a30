/**
 * A campaign: one attacker's findings against several users, tied together by the source they
 * came from (the same address, the same network within the same hours, or a finding that names
 * the source and its targets). Derived from the findings, never stored: the same findings always
 * give the same campaigns with the same ids (see shared/detect/campaigns.ts).
 */
import type { Severity } from './case.js';
import type { BurstOutcome } from './finding.js';

/** One targeted user of a campaign. */
export interface CampaignTarget {
  user: string;
  /** UTC ms of the first and last finding of the campaign about this user. */
  start: number;
  end: number;
  /** How the prompts against this user ended (the most decisive outcome when there were several bursts); null: no prompt finding. */
  outcome: BurstOutcome | null;
  /** Prompts the burst findings counted against the user. */
  prompts: number;
  /** UTC ms of the first approval of an attack prompt, or null. */
  approvedAt: number | null;
  /** The user reported a prompt as fraud. */
  reportedFraud: boolean;
  /** Worst severity among the user's findings in the campaign. */
  severity: Severity;
  findingIds: string[];
}

/** Something the attacker did after a user approved: a factor change, a sign-in from the prompting address. */
export interface CampaignStep {
  user: string;
  /** UTC ms. */
  at: number;
  kind: 'factor-change' | 'session';
  /** What was done, without a time (times are written by whoever shows the step, in its zone). */
  what: string;
  findingId: string;
}

export interface Campaign {
  /** `campaign:` and a hash of the member finding ids: stable while the findings are. */
  id: string;
  /** Source addresses the findings name, most cited first. */
  ips: string[];
  /** Autonomous systems of those addresses, ascending. */
  asns: number[];
  /** Country codes of those addresses, as the findings give them. */
  countries: string[];
  /** UTC ms of the first and last finding. */
  start: number;
  end: number;
  severity: Severity;
  /** Every targeted user, in order of first contact. */
  targets: CampaignTarget[];
  /** Users who approved a prompt of the campaign, in order of approval. */
  approvedBy: string[];
  /** Users who reported a prompt as fraud. */
  reportedBy: string[];
  /** What the attacker did after approvals, in time order. */
  after: CampaignStep[];
  /** Every member finding, sorted. */
  findingIds: string[];
}
