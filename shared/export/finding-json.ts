/**
 * A finding as JSON for scripts: the fields `pushtrail detect --json` promises, times as ISO 8601
 * UTC. The report's JSON export prints the same object plus the finding's structured detail.
 */
import type { Finding } from '../model/finding.js';

export interface FindingJson {
  id: string;
  rule: Finding['rule'];
  severity: Finding['severity'];
  user: Finding['user'];
  source: Finding['source'];
  users: Finding['users'];
  start: string;
  end: string;
  eventIds: Finding['eventIds'];
  summary: string;
}

export function findingJson(f: Finding): FindingJson {
  return {
    id: f.id,
    rule: f.rule,
    severity: f.severity,
    user: f.user,
    source: f.source,
    users: f.users,
    start: new Date(f.start).toISOString(),
    end: new Date(f.end).toISOString(),
    eventIds: f.eventIds,
    summary: f.summary,
  };
}
