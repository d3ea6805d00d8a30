/**
 * Trainer replay: plays a user's sequence back on the wall clock so trainees can watch an
 * attack unfold, with the findings and the verdict kept hidden until the trainer reveals them.
 * Pure scheduling; the renderer only reads the clock and moves the playhead.
 */
import type { Severity } from '../model/case.js';
import { SEVERITY_RANK } from '../model/case.js';
import type { FindingSpan } from '../model/finding-span.js';

export interface ReplayOptions {
  /** Event-time seconds per wall-clock second (1 = real time, 60 = a minute per second). */
  speed: number;
  /**
   * Idle-gap cap in wall-clock seconds: after the speed factor, no pause between two events
   * lasts longer than this, so weeks of quiet collapse while the burst keeps its rhythm.
   * null or Infinity = no cap.
   */
  idleGapCapSeconds: number | null;
}

/**
 * Wall-clock offset (ms from the replay's start) at which each event is shown.
 * `times` must be ascending; out-of-order or identical times are shown together.
 */
export function replayOffsets(times: ArrayLike<number>, options: ReplayOptions): Float64Array {
  if (!(options.speed > 0)) throw new RangeError('replay speed must be positive');
  const cap = options.idleGapCapSeconds === null ? Infinity : Math.max(0, options.idleGapCapSeconds) * 1000;
  const offsets = new Float64Array(times.length);
  for (let i = 1; i < times.length; i++) {
    const gap = Math.max(0, (times[i] ?? 0) - (times[i - 1] ?? 0)) / options.speed;
    offsets[i] = (offsets[i - 1] ?? 0) + Math.min(gap, cap);
  }
  return offsets;
}

/** The last event due by `elapsed` ms (-1 before the first; there is none when empty). */
export function indexAtOffset(offsets: ArrayLike<number>, elapsed: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((offsets[mid] ?? Infinity) <= elapsed) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Total wall-clock length of the replay, ms. */
export function replayDuration(offsets: ArrayLike<number>): number {
  return offsets.length === 0 ? 0 : (offsets[offsets.length - 1] ?? 0);
}

/**
 * Where a replay is at a wall-clock moment, given where it was anchored: playing resumes from
 * the current event (anchorIndex) at anchorWall; pausing or seeking re-anchors.
 */
export function replayIndexAt(offsets: ArrayLike<number>, anchorIndex: number, anchorWall: number, now: number): number {
  const base = offsets[Math.max(0, anchorIndex)] ?? 0;
  return Math.max(anchorIndex, indexAtOffset(offsets, base + Math.max(0, now - anchorWall)));
}

/** What a trainee may see. Before the reveal: no findings and no verdict. */
export interface RevealState {
  revealed: boolean;
}

/**
 * Findings shown in a replay: none until revealed; after the reveal, those that have begun by
 * the playhead, so a reveal mid-replay does not give away what is still to come.
 */
export function visibleFindings(findings: readonly FindingSpan[], state: RevealState, playheadTime: number): readonly FindingSpan[] {
  if (!state.revealed) return [];
  return findings.filter((f) => f.start <= playheadTime);
}

/** Events a replay shows: those up to and including the playhead. */
export function visibleThrough(current: number, count: number): number {
  return Math.min(Math.max(current, -1), count - 1);
}

export interface Verdict {
  /** Highest severity among the findings, or null when there are none. */
  severity: Severity | null;
  headline: string;
  /** One line per finding, most severe first. */
  lines: readonly string[];
}

export function verdictOf(findings: readonly FindingSpan[]): Verdict {
  if (findings.length === 0) return { severity: null, headline: 'No findings: nothing here matched a detection rule.', lines: [] };
  const ranked = [...findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.start - b.start);
  const top = ranked[0];
  const severity = top?.severity ?? null;
  const n = findings.length;
  return {
    severity,
    headline: `${(severity ?? 'info').toUpperCase()}: ${n} finding${n === 1 ? '' : 's'}. ${top?.summary ?? ''}`.trim(),
    lines: ranked.map((f) => `${f.severity} · ${f.rule}: ${f.summary}`),
  };
}

/** The verdict as a trainee may see it. */
export function visibleVerdict(findings: readonly FindingSpan[], state: RevealState): Verdict | null {
  return state.revealed ? verdictOf(findings) : null;
}

export const REPLAY_SPEEDS: readonly number[] = [1, 10, 60, 600, 3600];
/** Idle-gap caps offered in the UI, wall-clock seconds; null = off. */
export const IDLE_GAP_CAPS: readonly (number | null)[] = [0.5, 1, 2, 5, null];
