/**
 * Context (screen 3): every user's events within ±N minutes of the current one, landing on it.
 * Other events open where they belong: the same user's move the playhead, another user's open
 * that user's sequence on the event.
 */
import { useEffect, useRef, useState } from 'react';
import type { AroundResult } from '../../../shared/api/search.js';
import type { StoredEvent } from '../../../shared/model/event.js';
import { formatTime } from '../../../shared/format/time.js';
import { summarizeEntry } from '../../../shared/view/entries.js';
import { messageOf, useApi } from '../api.js';
import { ErrorAlert } from './ErrorAlert.js';

const MINUTES = [1, 5, 15, 60, 240] as const;

export interface ContextPanelProps {
  current: StoredEvent | null;
  zone: string;
  evidenceName: (id: number) => string;
  onOpen: (user: string, sequenceId: number) => void;
}

export function ContextPanel({ current, zone, evidenceName, onOpen }: ContextPanelProps) {
  const api = useApi();
  const [minutes, setMinutes] = useState<number>(5);
  const [around, setAround] = useState<AroundResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const time = current?.time ?? null;

  useEffect(() => {
    if (time === null) return;
    let stale = false;
    api.call('events/around', { time, minutes, limit: 400 }).then(
      (r) => {
        if (stale) return;
        setAround(r);
        setError(null);
      },
      (err: unknown) => !stale && setError(messageOf(err)),
    );
    return () => {
      stale = true;
    };
  }, [api, time, minutes]);

  // Land on the current event: scroll the list (not the page) so it is in view.
  useEffect(() => {
    const list = listRef.current;
    const row = list?.querySelector<HTMLElement>('[aria-current="true"]');
    if (list === null || row === null || row === undefined) return;
    list.scrollTop = row.offsetTop - list.offsetTop - list.clientHeight / 2 + row.clientHeight / 2;
  }, [around, current?.id]);

  const users = new Set(around?.entries.map((e) => (e.kind === 'evidence' ? e.event.user : e.entry.user)) ?? []);
  return (
    <section className="panel context-panel" aria-label="Context">
      <h2>Context: all users around this event</h2>
      <label className="inline">
        Window{' '}
        <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
          {MINUTES.map((m) => (
            <option key={m} value={m}>
              ±{m} min
            </option>
          ))}
        </select>
      </label>{' '}
      {around !== null && (
        <span className="muted">
          {around.entries.length.toLocaleString('en-US')} events of {users.size.toLocaleString('en-US')} users{around.truncated ? ' (the nearest shown)' : ''} · times in {zone}
        </span>
      )}
      <ErrorAlert message={error} />
      <ol ref={listRef} className="context-list">
        {around?.entries.map((entry) => {
          const s = summarizeEntry(entry, evidenceName);
          const here = current !== null && s.sequenceId === current.id;
          const other = current !== null && s.user !== current.user;
          return (
            <li key={s.key} aria-current={here ? 'true' : undefined} className={`${s.analyst ? 'entry-analyst ' : ''}${other ? 'context-other' : 'context-same'}`}>
              <button type="button" className="link" disabled={here || s.user === ''} onClick={() => onOpen(s.user, s.sequenceId)}>
                <span className="nowrap">{formatTime(s.time, zone)}</span> <strong>{s.user === '' ? 'no user' : s.user}</strong>{' '}
                {s.analyst && <span className="analyst-badge">Analyst-entered</span>} {s.what}
                {s.where !== '' && <span className="muted"> · {s.where}</span>}
              </button>
              {here && <span className="context-here"> ◀ current event</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
