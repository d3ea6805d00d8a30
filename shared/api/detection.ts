/** Detection results as they cross the contract and the CLI. */
import type { UserVerdict } from '../model/finding.js';

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

/** One row of the ranked user list (`pushtrail users`, the Users screen). */
export interface UserRow {
  user: string;
  risk: number;
  verdict: UserVerdict;
  reasons: string[];
  findings: number;
  events: number;
  challenges: number;
  denied: number;
  timeouts: number;
  approved: number;
  fraud: number;
}
