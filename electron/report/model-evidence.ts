/**
 * The report's case-wide facts about the evidence: each file with its rejected records, the
 * period it covers, its long gaps and whether it was cut off; events per vendor; the case's first
 * and last event. They read every event of the case (a million-event case: seconds), yet change
 * only when evidence is imported, so they are kept per open case and read again only when the
 * evidence has changed: the report screen rebuilds its preview on every choice.
 */
import type { EvidenceError } from '../../shared/api/contract.js';
import type { CaseStore } from '../store/case-store.js';
import { readEvidenceErrors } from '../store/events.js';
import {
  eventSpan,
  evidenceGaps,
  evidencePeriods,
  evidenceVersion,
  lastRecordRejected,
  readEvidenceRecords,
  vendorCounts,
  type EventSpan,
  type EvidenceRecord,
} from '../store/report-queries.js';
import { REPORT_LIMITS } from './limits.js';

export interface ReportEvidence extends EvidenceRecord {
  /** The first rejected records of the file (`rejected` says how many there were). */
  errors: EvidenceError[];
  /** First and last event of the file; null when it added no events. */
  period: { first: number; last: number } | null;
  /** The longest stretches without events (see REPORT_LIMITS.gapMs). */
  gaps: { start: number; end: number }[];
  /** The file's last record could not be read: the export may have been cut off. */
  truncated: { line: number | null; message: string } | null;
}

export interface EvidenceFacts {
  evidence: ReportEvidence[];
  vendors: { vendor: string; events: number }[];
  /** First and last event of the whole case. */
  caseSpan: EventSpan | null;
}

const kept = new WeakMap<CaseStore, { version: string; facts: EvidenceFacts }>();

function readFacts(store: CaseStore): EvidenceFacts {
  const periods = new Map(evidencePeriods(store.db).map((p) => [p.evidenceId, { first: p.first, last: p.last }]));
  const gaps = evidenceGaps(store.db, REPORT_LIMITS.gapMs, REPORT_LIMITS.gapsPerFile);
  const cutOff = new Map(lastRecordRejected(store.db).map((r) => [r.evidenceId, { line: r.line, message: r.message }]));
  const evidence = readEvidenceRecords(store.db).map(
    (e): ReportEvidence => ({
      ...e,
      errors: e.rejected > 0 ? readEvidenceErrors(store.db, e.id, 0, REPORT_LIMITS.errorsPerFile) : [],
      period: periods.get(e.id) ?? null,
      gaps: gaps.filter((g) => g.evidenceId === e.id).map((g) => ({ start: g.start, end: g.end })),
      truncated: cutOff.get(e.id) ?? null,
    }),
  );
  return { evidence, vendors: vendorCounts(store.db), caseSpan: eventSpan(store.db) };
}

export function evidenceFacts(store: CaseStore): EvidenceFacts {
  const version = evidenceVersion(store.db);
  const known = kept.get(store);
  if (known !== undefined && known.version === version) return known.facts;
  const facts = readFacts(store);
  kept.set(store, { version, facts });
  return facts;
}
