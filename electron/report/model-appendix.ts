/**
 * The appendix's records: the verbatim record of every event a finding cites, each once (under
 * the first finding that cites it), within the report's limits, which say what was left out.
 */
import type { EventDetail } from '../../shared/api/contract.js';
import type { Finding } from '../../shared/model/finding.js';
import type { CaseStore } from '../store/case-store.js';
import { readEventDetail } from '../store/events.js';
import { REPORT_LIMITS } from './limits.js';

export interface AppendixRecord {
  detail: EventDetail;
  /** Ids of the findings (in scope) that cite this record. */
  findingIds: string[];
}

export interface AppendixFinding {
  finding: Finding;
  /** Event ids whose records the appendix prints for this finding (some under earlier findings). */
  shown: number[];
  /** Evidence events of the finding not printed because of the limits. */
  omitted: number;
}

/** How many verbatim records one finding, and the whole appendix, print. */
export interface AppendixLimits {
  recordsPerFinding: number;
  recordsTotal: number;
}

export interface Appendix {
  findings: AppendixFinding[];
  limits: AppendixLimits;
  /** Every printed record once, keyed by event id, in the order first cited. */
  records: Map<number, AppendixRecord>;
}

export function appendixOf(store: CaseStore, ordered: readonly Finding[], limits: AppendixLimits = REPORT_LIMITS): Appendix {
  const records = new Map<number, AppendixRecord>();
  const findings: AppendixFinding[] = [];
  for (const f of ordered) {
    const shown: number[] = [];
    let omitted = 0;
    for (const id of f.eventIds) {
      const known = records.get(id);
      if (known !== undefined) {
        if (shown.length < limits.recordsPerFinding) {
          known.findingIds.push(f.id);
          shown.push(id);
        } else omitted++;
        continue;
      }
      if (shown.length >= limits.recordsPerFinding || records.size >= limits.recordsTotal) {
        omitted++;
        continue;
      }
      const detail = readEventDetail(store.db, id);
      if (detail === undefined) {
        omitted++;
        continue;
      }
      records.set(id, { detail, findingIds: [f.id] });
      shown.push(id);
    }
    findings.push({ finding: f, shown, omitted });
  }
  return { findings, limits: { recordsPerFinding: limits.recordsPerFinding, recordsTotal: limits.recordsTotal }, records };
}
