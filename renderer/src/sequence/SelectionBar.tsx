/**
 * Picks events for a bulk annotation from the sequence: the event under the playhead (X), or
 * every event of the finding it belongs to. What to do with the pick is the caller's business.
 */
import type { StoredEvent } from '../../../shared/model/event.js';
import { isAnalystEvent } from '../../../shared/view/entries.js';
import type { FindingSpan } from '../../../shared/model/finding-span.js';
import type { Selection } from '../annotations/selection.js';

const eventTarget = (id: number) => ({ kind: 'event' as const, target: String(id) });

export function SelectionBar({ event, finding, selection }: { event: StoredEvent | null; finding: FindingSpan | undefined; selection: Selection }) {
  if (event === null) return null;
  const here = eventTarget(event.id);
  const selected = selection.has(here);
  const findingEvents = finding?.eventIds.map(eventTarget) ?? [];
  return (
    <div className="seq-selection" role="toolbar" aria-label="Select for annotation">
      {/* Analyst-entered events are the analyst's own words, not evidence to mark up. */}
      {!isAnalystEvent(event) && (
        <button type="button" aria-pressed={selected} aria-keyshortcuts="X" title="Select the current event (X)" onClick={() => selection.set([here], !selected)}>
          Select event
        </button>
      )}
      {finding !== undefined && (
        <button type="button" onClick={() => selection.set(findingEvents, true)}>
          Select the finding&apos;s {findingEvents.length.toLocaleString('en-US')} events
        </button>
      )}
    </div>
  );
}

export function toggleEvent(selection: Selection, event: StoredEvent | null): void {
  if (event === null || isAnalystEvent(event)) return;
  const here = eventTarget(event.id);
  selection.set([here], !selection.has(here));
}
