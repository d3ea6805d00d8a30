/** Bounds on what one report prints; the report says when one was reached. */
export const REPORT_LIMITS = {
  /** Events drawn in one user's sequence chart and map. */
  windowEvents: 2000,
  /** Rows of one user's key events table. */
  keyEvents: 40,
  /** Rejected records listed per evidence file. */
  errorsPerFile: 50,
  /** A stretch without events this long in a file is listed as a possible gap in the export... */
  gapMs: 24 * 3_600_000,
  /** ...the longest ones, at most this many per file. */
  gapsPerFile: 5,
  /** Verbatim records printed per finding, and in the whole appendix. */
  recordsPerFinding: 50,
  recordsTotal: 1000,
} as const;
