/**
 * Wall-clock times in a named (IANA) zone to UTC, with the zone's rules as the platform's ICU
 * knows them. A wall time that does not exist (skipped by a spring-forward change) or exists
 * twice (repeated by a fall-back change) is refused rather than resolved one way: the log
 * cannot say which instant it meant, and PushTrail does not guess.
 */
import { zoneOffsetMs } from '../../../shared/view/time-axis.js';
import { RecordError } from '../parser.js';

/** UTC ms of the wall time `wall` (given as if it were UTC ms) in `zone`; throws for a skipped or repeated wall time. */
export function zonedToUtc(wall: number, zone: string, shown: string): number {
  // The offsets in force a day either side bound every candidate instant.
  const candidates = new Set<number>();
  for (const probe of [wall - 86_400_000, wall, wall + 86_400_000]) {
    const utc = wall - zoneOffsetMs(probe, zone);
    if (utc + zoneOffsetMs(utc, zone) === wall) candidates.add(utc);
  }
  const found = [...candidates].sort((a, b) => a - b);
  if (found.length === 1 && found[0] !== undefined) return found[0];
  if (found.length === 0) throw new RecordError(`${shown} does not exist in ${zone} (the clocks skipped it)`);
  const both = found.map((t) => new Date(t).toISOString()).join(' or ');
  throw new RecordError(`${shown} happened twice in ${zone} (the clocks went back): ${both}; PushTrail does not guess which`);
}
