/** Search and filter over a case's events, the full-text index, and the cross-user context of one moment. */
import type { AnalystEvent } from '../model/analyst-event.js';
import type { Factor, Outcome, StoredEvent, Vendor } from '../model/event.js';

/** Every filter is optional; those given must all hold. */
export interface SearchFilters {
  /** Part of the canonical user name. */
  user?: string;
  /** Source or responder address, or its beginning ("203.0.113."). */
  ip?: string;
  /** Source or responder country as stored (ISO code or the vendor's text), any case. */
  country?: string;
  outcome?: Outcome;
  factor?: Factor;
  /** The source of the event; 'analyst' gives only analyst-entered events. */
  vendor?: Vendor;
  /** Events read from this evidence file, or from the members of this archive. */
  evidenceId?: number;
  /** UTC milliseconds, inclusive. */
  from?: number;
  /** UTC milliseconds, inclusive. */
  to?: number;
  /** Words or "quoted phrases" that must all occur in the original record (SQLite FTS5). */
  text?: string;
}

export interface SearchQuery extends SearchFilters {
  offset?: number;
  limit?: number;
}

/** One row of a result list: an event read from evidence, or one the analyst entered. */
export type TimelineEntry = { kind: 'evidence'; event: StoredEvent } | { kind: 'analyst'; entry: AnalystEvent };

/** How much of the case the full-text index covers. */
export interface SearchIndexStatus {
  /** Records in the index. */
  indexed: number;
  /** Records not indexed yet (imported after the last indexing). */
  pending: number;
  /** The indexing job running now, if any. */
  jobId: string | null;
}

export interface SearchPage {
  /** Ordered by time, then evidence before analyst entries, then id. */
  hits: TimelineEntry[];
  offset: number;
  /** True when another page follows. */
  hasMore: boolean;
  /** Full text only covers indexed records; the UI says so while indexing runs. */
  index: SearchIndexStatus;
}

/** The events of all users around one moment (the sequence view's context panel). */
export interface AroundQuery {
  /** UTC milliseconds. */
  time: number;
  /** Half-width of the window. */
  minutes: number;
  limit?: number;
}

export interface AroundResult {
  /** In time order; at most `limit`, split evenly before and after `time`. */
  entries: TimelineEntry[];
  /** True when the window held more events than were returned. */
  truncated: boolean;
}

/** Result of the indexing job. */
export interface SearchIndexReport {
  /** Records added by this run. */
  added: number;
  /** Records in the index afterwards. */
  indexed: number;
}
