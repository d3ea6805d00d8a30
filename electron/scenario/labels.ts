/**
 * Ground truth written beside every generated bundle (labels.json): which attacks the bundle
 * contains and which rules must find them, and which benign look-alikes it contains that no
 * rule may raise to medium or above. Rule tests, the benchmark and trainers read this file.
 */
import type { ScenarioVendor } from './model.js';

/** Detection rule ids (shared/rules), one per pattern of docs/log-sources.md §10. */
export { RULE_IDS, type RuleId } from '../../shared/model/finding.js';
import type { RuleId } from '../../shared/model/finding.js';

export interface Label {
  /** Stable id within the bundle, e.g. "A03-okta-burst-approve-enrol". */
  id: string;
  /** attack: rules in `rules` must fire. lookalike: benign, nothing may reach `maxSeverity`'s next level. */
  type: 'attack' | 'lookalike';
  /** Scenario kind (see attacks.ts / lookalikes.ts). */
  scenario: string;
  title: string;
  vendors: ScenarioVendor[];
  /** Canonical user names (lower-case e-mail / UPN, as AuthEvent.user). */
  users: string[];
  /** Source IPs that belong to the scenario (attacker infrastructure, or the look-alike's unusual network). */
  sources: string[];
  /** First and last record of the scenario, ISO-8601 UTC. */
  start: string;
  end: string;
  /** attack: rules that must fire; lookalike: the rules it resembles. */
  rules: RuleId[];
  /** attack only: the rule whose finding tells the story; it must be found at high or above. */
  pattern?: RuleId;
  /** attack only: further rules that may legitimately fire on the same events. */
  mayAlsoFire?: RuleId[];
  /** lookalike only: highest acceptable severity; anything at medium or above is a false positive. */
  maxSeverity?: 'info' | 'low';
  /** Facts for assertions and for trainers: prompt counts, approval and enrolment times ... */
  facts: Record<string, string | number | boolean>;
}

export interface LabelFile {
  format: 'pushtrail-scenario-labels';
  version: 1;
  seed: string;
  /** First day (UTC date) and number of days generated. */
  start: string;
  days: number;
  users: number;
  /** Evidence files of the bundle, relative to the labels file. */
  files: string[];
  /** Record count per evidence file name. */
  records: Record<string, number>;
  labels: Label[];
  narrative?: string;
}

export const iso = (ms: number): string => new Date(ms).toISOString();
