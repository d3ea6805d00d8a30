/**
 * The one sniff verdict every vendor parser uses over its sample of first records.
 */
import type { SourceRecord } from '../parser.js';

/**
 * A clear majority of the sample must pass `test` (all but one, for small samples). Odd records
 * are tolerated because real exports start with a banner, a header, a truncated line or a
 * trimmed test event, and a long sample may hold a few records of another shape; a file whose
 * records are mostly something else is not claimed. `test` is guarded (a throw counts as a
 * miss) so that sniffing never throws.
 */
export function mostRecordsMatch(sample: readonly SourceRecord[], test: (record: SourceRecord) => boolean): boolean {
  if (sample.length === 0) return false;
  let hits = 0;
  for (const record of sample) if (passes(test, record)) hits += 1;
  return hits >= 1 && (hits >= sample.length - 1 || hits * 2 > sample.length);
}

function passes(test: (record: SourceRecord) => boolean, record: SourceRecord): boolean {
  try {
    return test(record);
  } catch {
    return false;
  }
}
