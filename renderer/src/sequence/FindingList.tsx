/** The user's findings, most severe first, each a button that moves the playhead to it. */
import { formatTime } from '../../../shared/format/time.js';
import { SEVERITY_RANK, type FindingId, type FindingSpan } from '../../../shared/view/sequence.js';
import { formatDuration } from '../../../shared/view/time-axis.js';

export interface FindingListProps {
  findings: readonly FindingSpan[];
  zone: string;
  /** Findings exist but a replay hides them until the reveal. */
  hidden: boolean;
  /** Id of the finding the playhead is in, if any. */
  activeId: FindingId | null;
  onJump: (finding: FindingSpan) => void;
}

export function FindingList({ findings, zone, hidden, activeId, onJump }: FindingListProps) {
  const ranked = [...findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.start - b.start);
  return (
    <section className="seq-findings panel" aria-labelledby="seq-findings-heading">
      <h2 id="seq-findings-heading">Findings</h2>
      {hidden ? (
        <p className="muted">Hidden until the trainer presses Reveal.</p>
      ) : ranked.length === 0 ? (
        <p className="muted">No findings for this user.</p>
      ) : (
        <ol>
          {ranked.map((f) => (
            <li key={String(f.id)}>
              <button type="button" className="seq-finding" aria-current={f.id === activeId ? 'true' : undefined} onClick={() => onJump(f)}>
                <span className={`seq-severity seq-severity-${f.severity}`}>{f.severity}</span> <strong>{f.rule}</strong>
                <span className="seq-finding-when muted">
                  {formatTime(f.start, zone)} · {formatDuration(f.end - f.start)} · {f.eventIds.length} event{f.eventIds.length === 1 ? '' : 's'}
                </span>
                <span className="seq-finding-summary">{f.summary}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
