/**
 * Trainer replay: plays the sequence on the wall clock with a speed factor and idle-gap
 * compression, hides the verdict and the findings until the trainer presses Reveal, and offers
 * a presentation layout with large type for a projector. The player only moves the playhead
 * (onIndex); what is shown at that playhead is the screen's business.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { IDLE_GAP_CAPS, REPLAY_SPEEDS, replayDuration, replayIndexAt, replayOffsets, type Verdict } from '../../../shared/view/replay.js';
import { formatDuration } from '../../../shared/view/time-axis.js';

export interface ReplayPlayerProps {
  /** Event times, ascending (SequenceModel.times). */
  times: Float64Array;
  current: number;
  onIndex: (index: number) => void;
  revealed: boolean;
  onRevealedChange: (revealed: boolean) => void;
  /** The verdict, or null while it is hidden. */
  verdict: Verdict | null;
  presentation: boolean;
  onPresentationChange: (on: boolean) => void;
  onExit: () => void;
}

function clock(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Drives the playhead from requestAnimationFrame while playing. */
function usePlayback(offsets: Float64Array, playing: boolean, current: number, onIndex: (i: number) => void, onEnd: () => void): void {
  const emitted = useRef(current);
  const seek = useRef<number | null>(null);
  const callbacks = useRef({ onIndex, onEnd });
  useLayoutEffect(() => {
    callbacks.current = { onIndex, onEnd };
  });
  // A playhead move the player did not make (a step key, a click) re-anchors the clock there.
  useEffect(() => {
    if (current !== emitted.current) seek.current = current;
  }, [current]);
  useEffect(() => {
    if (!playing) return;
    let anchorIndex = Math.max(0, current);
    let anchorWall = performance.now();
    emitted.current = anchorIndex;
    seek.current = null;
    let raf = 0;
    const tick = (now: number): void => {
      if (seek.current !== null) {
        anchorIndex = seek.current;
        anchorWall = now;
        emitted.current = anchorIndex;
        seek.current = null;
      }
      const i = replayIndexAt(offsets, anchorIndex, anchorWall, now);
      if (i !== emitted.current) {
        emitted.current = i;
        callbacks.current.onIndex(i);
      }
      if (i >= offsets.length - 1) {
        callbacks.current.onEnd();
        return;
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
    // `current` is deliberately read only when playback (re)starts; later moves arrive via `seek`.
  }, [playing, offsets]);
}

export function ReplayPlayer(props: ReplayPlayerProps) {
  const { times, current, onIndex, revealed, verdict, presentation } = props;
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(60);
  const [cap, setCap] = useState<number | null>(1);
  const offsets = useMemo(() => replayOffsets(times, { speed, idleGapCapSeconds: cap }), [times, speed, cap]);
  const atEnd = current >= times.length - 1;
  usePlayback(offsets, playing, current, onIndex, () => setPlaying(false));
  const ids = useId();

  const play = (): void => {
    if (playing) return setPlaying(false);
    if (atEnd) onIndex(0);
    setPlaying(times.length > 1);
  };

  const here = offsets[Math.max(0, current)] ?? 0;
  const next = current + 1 < times.length ? current + 1 : -1;
  const realGap = next >= 0 ? (times[next] ?? 0) - (times[current] ?? 0) : 0;
  const wallGap = next >= 0 ? (offsets[next] ?? 0) - here : 0;
  const compressed = next >= 0 && realGap / speed > wallGap + 500;

  return (
    <section className="seq-replay panel" aria-label="Trainer replay">
      <div className="seq-replay-bar">
        <button type="button" className="seq-play" onClick={play}>
          {playing ? 'Pause' : atEnd ? 'Replay from start' : 'Play'}
        </button>
        <label htmlFor={`${ids}-speed`}>Speed</label>
        <select id={`${ids}-speed`} value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
          {REPLAY_SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-cap`}>Idle gaps</label>
        <select id={`${ids}-cap`} value={cap === null ? 'off' : String(cap)} onChange={(e) => setCap(e.target.value === 'off' ? null : Number(e.target.value))}>
          {IDLE_GAP_CAPS.map((c) => (
            <option key={String(c)} value={c === null ? 'off' : String(c)}>
              {c === null ? 'not compressed' : `compressed to ${c} s`}
            </option>
          ))}
        </select>
        <button type="button" aria-pressed={presentation} onClick={() => props.onPresentationChange(!presentation)}>
          Presentation layout
        </button>
        <button type="button" className="seq-reveal" aria-pressed={revealed} onClick={() => props.onRevealedChange(!revealed)}>
          Reveal
        </button>
        <button type="button" onClick={props.onExit}>
          Exit replay
        </button>
      </div>
      <p className="seq-replay-clock muted">
        Replay {clock(here)} / {clock(replayDuration(offsets))}
        {compressed && ` · next event after ${formatDuration(realGap)} of quiet, shown as ${formatDuration(wallGap)}`}
      </p>
      <div className="seq-verdict" role="status">
        {verdict === null ? (
          <p className="muted">Verdict and findings are hidden. What is happening to this user? Press Reveal when the group has decided.</p>
        ) : (
          <>
            <p className={`seq-verdict-headline seq-severity-text-${verdict.severity ?? 'none'}`}>{verdict.headline}</p>
            <ul>
              {verdict.lines.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
