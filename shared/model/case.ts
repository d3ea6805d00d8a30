/** Case-level records: metadata, evidence files and the chain-of-custody log. */

export interface CaseMeta {
  /** Stable random id of the case, printed in report headers. */
  caseId: string;
  name: string;
  analyst: string;
  /** UTC milliseconds. */
  createdAt: number;
  /** IANA zone used to display times; storage is always UTC. */
  displayTimeZone: string;
}

export interface CaseInfo {
  path: string;
  meta: CaseMeta;
  schemaVersion: number;
  toolVersion: string;
  counts: { evidence: number; events: number; findings: number; annotations: number };
  analysis: AnalysisState;
}

/** Whether the findings cover all the evidence: what was imported since detection last ran. */
export interface AnalysisState {
  /** UTC milliseconds when the last detection run started; null when detection never ran. */
  lastRunAt: number | null;
  /** Evidence files with events imported since then, and how many events they added. */
  newFiles: number;
  newEvents: number;
}

export interface EvidenceFile {
  id: number;
  /** Path as given at import time; for an archive member, the member path inside the archive. */
  path: string;
  sha256: string;
  size: number;
  format: string | null;
  /** The archive this file was read from, if any. */
  parentId: number | null;
  importedAt: number;
  events: number;
  duplicates: number;
  rejected: number;
}

export interface CustodyEntry {
  seq: number;
  /** UTC milliseconds. */
  at: number;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
  toolVersion: string;
  /** The content digest the entry sealed (entries written since case schema 9). */
  digest?: string;
  /** Fingerprint of the analyst key that signed the entry. */
  keyId?: string;
}

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
/** Higher is worse: for sorting and comparing severities. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
