/** Detection results as they cross the contract and the CLI. */
import type { BurstOutcome, UserCounts, UserVerdict } from '../model/finding.js';
import type { IdentityInfo } from '../model/identity.js';

export interface DetectSummary {
  engineVersion: string;
  events: number;
  users: number;
  findings: number;
  bySeverity: Record<string, number>;
  verdicts: Record<UserVerdict, number>;
  startedAt: number;
  finishedAt: number;
}

/** One row of the ranked user list (`pushtrail users`, the Users screen): the assessment's counts and verdict. */
export interface UserRow extends UserCounts {
  user: string;
  risk: number;
  verdict: UserVerdict;
  reasons: string[];
  /** Number of findings concerning the user. */
  findings: number;
  /** How each prompt campaign against the user ended, in time order (see `BURST_OUTCOMES`). */
  bursts: BurstOutcome[];
  /** The person's identities (the user itself when linked to nothing), with their vendors, most events first. */
  identities: IdentityInfo[];
}
