/**
 * Analyst-entered events: what a witness or the analyst reports happened ("victim says they
 * approved to stop the noise, 02:31"). They are the analyst's account, not evidence: they live
 * in their own table with no evidence file, detection never reads them, and every view marks them.
 */
import type { Factor, Outcome } from './event.js';

/** What the analyst enters. */
export interface AnalystEventInput {
  /** Canonical user name the event concerns. */
  user: string;
  /** UTC milliseconds. */
  time: number;
  outcome: Outcome;
  factor?: Factor;
  /** What happened and who said so, in the analyst's words. */
  description: string;
}

export interface AnalystEvent extends AnalystEventInput {
  id: number;
  /** Who entered it (the custody log's actor). */
  analyst: string;
  /** UTC milliseconds. */
  createdAt: number;
}
