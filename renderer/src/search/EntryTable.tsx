/**
 * Search results: evidence events and analyst-entered events in one time-ordered table, the
 * latter marked as such. Every cell is log content or the analyst's words, rendered as text.
 */
import type { TimelineEntry } from '../../../shared/api/search.js';
import { formatTime } from '../../../shared/format/time.js';
import { summarizeEntry } from '../../../shared/view/entries.js';

export interface EntryTableProps {
  entries: readonly TimelineEntry[];
  zone: string;
  evidenceName: (id: number) => string;
  /** Open the entry's user's sequence on it. */
  onOpen: (user: string, sequenceId: number) => void;
}

export function EntryTable({ entries, zone, evidenceName, onOpen }: EntryTableProps) {
  return (
    <table className="entry-table" aria-label="Search results">
      <thead>
        <tr>
          <th scope="col">Time ({zone})</th>
          <th scope="col">User</th>
          <th scope="col">Event</th>
          <th scope="col">Source address</th>
          <th scope="col">From</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const s = summarizeEntry(entry, evidenceName);
          return (
            <tr key={s.key} className={s.analyst ? 'entry-analyst' : undefined}>
              <td className="nowrap">{formatTime(s.time, zone)}</td>
              <td>
                {s.user === '' ? (
                  <span className="muted">no user</span>
                ) : (
                  <button type="button" className="link" onClick={() => onOpen(s.user, s.sequenceId)} aria-label={`Open ${s.user} at ${formatTime(s.time, zone)} in the sequence`}>
                    {s.user}
                  </button>
                )}
              </td>
              <td>
                {s.analyst && <span className="analyst-badge">Analyst-entered</span>} {s.what}
              </td>
              <td>{s.where}</td>
              <td>{s.source}</td>
              <td className="entry-detail">{s.detail}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
