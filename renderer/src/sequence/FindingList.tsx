/**
 * The user's findings, most severe first, each a button that moves the playhead to it, with
 * the analyst's marks on it and a checkbox to pick it for a bulk annotation. A heavily attacked
 * user can have hundreds: the most severe are listed first and the rest on request, and each
 * item renders again only when it changes, not on every step of the playhead.
 */
import { memo, useMemo, useState } from 'react';
import type { AnnotationTarget } from '../../../shared/model/annotation.js';
import { formatTime } from '../../../shared/format/time.js';
import { AnnotationBadge } from '../annotations/AnnotationBadge.js';
import type { Selection } from '../annotations/selection.js';
import { SEVERITY_RANK } from '../../../shared/model/case.js';
import type { FindingId, FindingSpan } from '../../../shared/model/finding-span.js';
import { formatDuration } from '../../../shared/view/time-axis.js';

/** Findings listed before "Show all". */
const FIRST = 40;

export interface FindingListProps {
  findings: readonly FindingSpan[];
  zone: string;
  /** Findings exist but a replay hides them until the reveal. */
  hidden: boolean;
  /** A replay lists only findings that have begun: how many the user has in all. */
  total?: number;
  /** Id of the finding the playhead is in, if any. */
  activeId: FindingId | null;
  onJump: (finding: FindingSpan) => void;
  selection?: Selection | undefined;
}

interface ItemProps {
  finding: FindingSpan;
  zone: string;
  active: boolean;
  onJump: (finding: FindingSpan) => void;
  /** Undefined when nothing can be picked. */
  selected: boolean | undefined;
  onSelect: (targets: readonly AnnotationTarget[], on: boolean) => void;
}

const FindingItem = memo(function FindingItem({ finding: f, zone, active, onJump, selected, onSelect }: ItemProps) {
  const when = formatTime(f.start, zone);
  const target = { kind: 'finding' as const, target: String(f.id) };
  return (
    <li className="seq-finding-item">
      {selected !== undefined && (
        <input type="checkbox" className="seq-finding-select" aria-label={`Select finding ${f.rule} at ${when}`} checked={selected} onChange={(e) => onSelect([target], e.target.checked)} />
      )}
      <button type="button" className="seq-finding" aria-current={active ? 'true' : undefined} onClick={() => onJump(f)}>
        <span className={`seq-severity seq-severity-${f.severity}`}>{f.severity}</span> <strong>{f.rule}</strong>
        <span className="seq-finding-when muted">
          {when} · {formatDuration(f.end - f.start)} · {f.eventIds.length} event{f.eventIds.length === 1 ? '' : 's'}
        </span>
        <span className="seq-finding-summary">{f.summary}</span>
        <AnnotationBadge kind="finding" target={target.target} />
        <AnnotationBadge kind="entity" target={f.source ?? undefined} />
      </button>
    </li>
  );
});

const NO_SELECT = (): void => undefined;

export const FindingList = memo(function FindingList({ findings, zone, hidden, total = findings.length, activeId, onJump, selection }: FindingListProps) {
  const [all, setAll] = useState(false);
  const ranked = useMemo(() => [...findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.start - b.start), [findings]);
  // The finding the playhead is in is always listed, even when it is not among the first.
  const listed = all || ranked.length <= FIRST ? ranked : ranked.filter((f, i) => i < FIRST || f.id === activeId);
  return (
    <section className="seq-findings panel" aria-labelledby="seq-findings-heading">
      <h2 id="seq-findings-heading">Findings</h2>
      {hidden ? (
        <p className="muted">Hidden until the trainer presses Reveal.</p>
      ) : ranked.length === 0 ? (
        <p className="muted">{total === 0 ? 'No findings for this user.' : 'No finding has begun yet at this point of the replay.'}</p>
      ) : (
        <>
          <ol>
            {listed.map((f) => (
              <FindingItem
                key={String(f.id)}
                finding={f}
                zone={zone}
                active={f.id === activeId}
                onJump={onJump}
                selected={selection?.has({ kind: 'finding', target: String(f.id) })}
                onSelect={selection?.set ?? NO_SELECT}
              />
            ))}
          </ol>
          {listed.length < ranked.length && (
            <button type="button" className="seq-findings-more" onClick={() => setAll(true)}>
              Show all {ranked.length.toLocaleString('en-US')} findings
            </button>
          )}
        </>
      )}
    </section>
  );
});
