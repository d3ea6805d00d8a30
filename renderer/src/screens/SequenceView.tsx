/**
 * Loads one user's events, findings and analyst entries through the contract and shows the
 * authentication sequence, with the context of all users around the current event, annotation
 * and the form for analyst-entered events.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { baseName } from '../../../shared/format/path.js';
import { decodeEvents } from '../../../shared/api/event-columns.js';
import type { AnalystEvent } from '../../../shared/model/analyst-event.js';
import type { AnnotationTarget } from '../../../shared/model/annotation.js';
import type { StoredEvent } from '../../../shared/model/event.js';
import type { Finding } from '../../../shared/model/finding.js';
import { TIMING } from '../../../shared/view/timing.js';
import { isAnalystEvent } from '../../../shared/view/entries.js';
import { messageOf, useApi } from '../api.js';
import { SequenceScreen, type SequenceFocus } from '../sequence/SequenceScreen.js';
import { AnalystEventForm } from '../components/AnalystEventForm.js';
import { AnnotationEditor } from '../components/AnnotationEditor.js';
import { ContextPanel } from '../components/ContextPanel.js';
import { BulkAnnotate } from '../annotations/BulkAnnotate.js';
import { selectionKey, type Selection } from '../annotations/selection.js';
import { ErrorAlert } from '../components/ErrorAlert.js';

function count(n: number, one: string): string {
  return `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;
}

/** "3 events and 1 finding" */
function pickLabel(picked: Iterable<AnnotationTarget>): string {
  let events = 0;
  let findings = 0;
  for (const t of picked) {
    if (t.kind === 'event') events++;
    else findings++;
  }
  return [events > 0 ? count(events, 'event') : '', findings > 0 ? count(findings, 'finding') : ''].filter((p) => p !== '').join(' and ');
}

export interface SequenceViewProps {
  user: string;
  zone: string;
  /** Sequence id of the event to land on (a search result, another user's context event). */
  focusId?: number;
  /** Open an event of any user in its sequence. */
  onOpen: (user: string, sequenceId: number) => void;
}

export function SequenceView({ user, zone, focusId, onOpen }: SequenceViewProps) {
  const api = useApi();
  /** Whose sequence this is: the person `user` (any of its identities) belongs to, once loaded. */
  const [data, setData] = useState<{ person: string; events: StoredEvent[]; findings: Finding[] } | null>(null);
  const [entries, setEntries] = useState<AnalystEvent[]>([]);
  const [evidence, setEvidence] = useState<Map<number, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<StoredEvent | null>(null);
  const [focus, setFocus] = useState<SequenceFocus | undefined>(focusId === undefined ? undefined : { eventId: focusId });
  const [picked, setPicked] = useState<ReadonlyMap<string, AnnotationTarget>>(new Map());
  // `set` never changes, so lists can pass it down without rendering again.
  const setSelected = useCallback((targets: readonly AnnotationTarget[], on: boolean) => {
    setPicked((prev) => {
      const next = new Map(prev);
      for (const t of targets) {
        if (on) next.set(selectionKey(t), t);
        else next.delete(selectionKey(t));
      }
      return next;
    });
  }, []);
  const selection = useMemo<Selection>(() => ({ has: (t) => picked.has(selectionKey(t)), set: setSelected }), [picked, setSelected]);

  useEffect(() => {
    setData(null);
    setPicked(new Map());
    performance.mark(TIMING.sequenceRequested, { detail: { user } });
    Promise.all([api.call('user/events', { user }), api.call('findings/list', { user }), api.call('analyst/list', { user })]).then(
      ([columns, findings, analyst]) => {
        const events = decodeEvents(columns);
        performance.mark(TIMING.sequenceLoaded, { detail: { user, events: events.length } });
        setEntries(analyst);
        setData({ person: columns.user, events, findings });
      },
      (err: unknown) => setError(messageOf(err)),
    );
  }, [api, user]);

  useEffect(() => {
    setFocus(focusId === undefined ? undefined : { eventId: focusId });
  }, [focusId]);

  useEffect(() => {
    api.call('case/evidence', null).then(
      (files) => setEvidence(new Map(files.map((f) => [f.id, baseName(f.path)]))),
      (err: unknown) => setError(messageOf(err)),
    );
  }, [api]);
  const evidenceName = useCallback((id: number) => evidence.get(id) ?? `evidence ${id}`, [evidence]);

  const loadRaw = useCallback(
    async (id: number) => {
      const detail = await api.call('event/get', { id });
      const path = detail.evidence.archive === null ? detail.evidence.path : `${detail.evidence.archive} › ${detail.evidence.path}`;
      return detail.evidence.line === null ? { raw: detail.raw, evidencePath: path } : { raw: detail.raw, evidencePath: path, line: detail.evidence.line };
    },
    [api],
  );

  // The same user's events move the playhead here; another user's open their own sequence.
  const openFromContext = useCallback(
    (other: string, sequenceId: number) => (other === user ? setFocus({ eventId: sequenceId }) : onOpen(other, sequenceId)),
    [user, onOpen],
  );
  const added = useCallback((entry: AnalystEvent) => {
    setEntries((list) => [...list, entry]);
    setFocus({ eventId: -entry.id });
  }, []);
  const sortedEntries = useMemo(() => [...entries].sort((a, b) => a.time - b.time || a.id - b.id), [entries]);

  if (error !== null)
    return <ErrorAlert message={error} />;
  if (data === null) return <p className="muted">Loading {user}…</p>;
  return (
    <>
      <SequenceScreen
        key={data.person}
        user={data.person}
        events={data.events}
        findings={data.findings}
        analystEntries={sortedEntries}
        focus={focus}
        zone={zone}
        loadRaw={loadRaw}
        onCurrentChange={setCurrent}
        selection={selection}
      />
      {picked.size > 0 && <BulkAnnotate targets={[...picked.values()]} label={pickLabel(picked.values())} onClear={() => setPicked(new Map())} />}
      <div className="sequence-tools">
        <ContextPanel current={current} zone={zone} evidenceName={evidenceName} onOpen={openFromContext} />
        <div className="annotations">
          {current !== null && !isAnalystEvent(current) && <AnnotationEditor targets={[{ kind: 'event', target: String(current.id) }]} label={`event ${current.id}`} />}
          {current?.source !== undefined && <AnnotationEditor targets={[{ kind: 'entity', target: current.source.ip }]} label={`address ${current.source.ip}`} />}
          <AnnotationEditor targets={[{ kind: 'user', target: data.person }]} label={`user ${data.person}`} />
          <AnalystEventForm user={user} zone={zone} near={current?.time ?? null} onAdded={added} />
        </div>
      </div>
    </>
  );
}
