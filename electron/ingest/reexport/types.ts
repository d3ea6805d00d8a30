/**
 * A SIEM re-export: the shape a SIEM gives a vendor's records back in (a Splunk search export,
 * Elasticsearch hits, a Log Analytics / Sentinel table). Unwrapping runs before vendor
 * recognition and parsing: it hands the vendor parser the vendor's own record (the original
 * carried inside, or the row mapped back to the vendor's field names), while the case keeps
 * the re-export row exactly as it stands in the file.
 */
import type { SourceRecord } from '../parser.js';
import type { TimeSettings } from '../time/timestamp.js';

export const REEXPORT_IDS = ['splunk', 'elastic', 'log-analytics', 'original-column'] as const;
export type ReexportId = (typeof REEXPORT_IDS)[number];

export interface Reexport {
  id: ReexportId;
  /** For the import summary: "Splunk search export". */
  title: string;
  /** Whether one record has this shape; cheap, never throws. */
  matches(value: unknown): boolean;
  /**
   * The vendor records inside `record`, numbered and placed as `record` (none for rows that
   * carry no event, such as a Splunk preview row). Throws RecordError for a row of this shape
   * whose content cannot be read (an original that is not JSON, an unreadable time).
   */
  unwrap(record: SourceRecord, time: TimeSettings): SourceRecord[];
}
