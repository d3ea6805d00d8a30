/**
 * One user's authentication sequence, for the investigator: controls, the lane timeline, the
 * event under the playhead with its original record, the attack map and the findings; and a
 * trainer replay mode that hides the verdict until it is revealed. Fed entirely by props; the
 * data API is wired by the caller.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AnalystEvent } from '../../../shared/model/analyst-event.js';
import type { StoredEvent } from '../../../shared/model/event.js';
import { analystEntryOf, isAnalystEvent, withAnalystEvents } from '../../../shared/view/entries.js';
import { formatTime } from '../../../shared/format/time.js';
import { visibleFindings, visibleVerdict } from '../../../shared/view/replay.js';
import type { FindingSpan } from '../../../shared/model/finding-span.js';
import { mainIncident } from '../../../shared/model/incident.js';
import type { SourceGrouping } from '../../../shared/view/lanes.js';
import { buildSequence, type SequenceModel } from '../../../shared/view/sequence.js';
import { findingExtent } from '../../../shared/view/spans.js';
import { step, type StepCommand } from '../../../shared/view/stepping.js';
import { AttackMap } from '../map/AttackMap.js';
import { EventDetail } from './EventDetail.js';
import { FindingList } from './FindingList.js';
import { ReplayPlayer } from './ReplayPlayer.js';
import { SequenceControls } from './SequenceControls.js';
import { SequenceTimeline, type TimeFrame } from './SequenceTimeline.js';
import { useColorScheme } from '../theme/ThemeProvider.js';
import { useRawRecord, type RawRecord } from './useRawRecord.js';
import { useLetterKey, useStepKeys } from './useStepKeys.js';
import { SelectionBar, toggleEvent } from './SelectionBar.js';
import type { Selection } from '../annotations/selection.js';
import './sequence.css';

export type { RawRecord } from './useRawRecord.js';

export interface SequenceScreenProps {
  /** Canonical user name the sequence belongs to. */
  user: string;
  events: readonly StoredEvent[];
  findings: readonly FindingSpan[];
  /** IANA display zone of the case. */
  zone: string;
  /** The original record of one event, verbatim, with where it came from. */
  loadRaw: (eventId: number) => Promise<RawRecord>;
  /** Told which event the playhead is on, e.g. to annotate it. */
  onCurrentChange?: (event: StoredEvent | null) => void;
  /** The analyst's entries for this user, drawn among the events and marked as such. */
  analystEntries?: readonly AnalystEvent[];
  /** Put the playhead on this event; a new object moves it again. */
  focus?: SequenceFocus;
  /** Events and findings picked for a bulk annotation; omitted, nothing can be picked. */
  selection?: Selection;
}

/** A request to land on one event (by its sequence id: analyst entries have negative ids). */
export interface SequenceFocus {
  eventId: number;
}

/** How much of the timeline to show around an event the screen lands on. */
const FOCUS_WINDOW_MS = 30 * 60_000;
const NO_ENTRIES: readonly AnalystEvent[] = [];

interface Opening {
  current: number;
  frame: TimeFrame | null;
}

/** Where the screen opens: on the main incident's first event, framed on it; else at the end. */
function opening(model: SequenceModel, findings: readonly FindingSpan[]): Opening {
  const incident = mainIncident(findings);
  const last = model.events.length - 1;
  if (incident === null) return { current: last, frame: null };
  const firsts = incident.findings.map((f) => findingExtent(f, model.findingEventIndex, model.times)?.[0] ?? Infinity);
  const current = Math.min(...firsts);
  return { current: Number.isFinite(current) ? current : last, frame: { start: incident.start, end: incident.end } };
}

type Mode = 'investigate' | 'replay';

const GROUPINGS: readonly { value: SourceGrouping; label: string }[] = [
  { value: 'ip', label: 'IP address' },
  { value: 'location', label: 'Location' },
  { value: 'network', label: 'Network (ASN)' },
];

export function SequenceScreen(props: SequenceScreenProps) {
  const { user, events, findings, zone, loadRaw, onCurrentChange, analystEntries = NO_ENTRIES, focus, selection } = props;
  const root = useRef<HTMLDivElement>(null);
  const scheme = useColorScheme();
  const [grouping, setGrouping] = useState<SourceGrouping>('ip');
  const merged = useMemo(() => withAnalystEvents(events, analystEntries), [events, analystEntries]);
  const model = useMemo(() => buildSequence(merged, findings, { grouping }), [merged, findings, grouping]);
  const count = model.events.length;
  // Open on the main incident: that is what the investigator came for.
  const [initial] = useState(() => opening(model, findings));
  const [current, setCurrent] = useState(initial.current);
  const [frame, setFrame] = useState<TimeFrame | null>(initial.frame);
  const [mode, setMode] = useState<Mode>('investigate');
  const [revealed, setRevealed] = useState(false);
  const [presentation, setPresentation] = useState(false);
  // A new sequence (another user) starts over, on its own first finding.
  const [seenEvents, setSeenEvents] = useState(events);
  if (seenEvents !== events) {
    setSeenEvents(events);
    const open = opening(model, findings);
    setCurrent(open.current);
    setFrame(open.frame);
  }
  // Landing on an event (a search result, the context list, a new analyst entry) comes last,
  // so it wins over the opening position of a sequence that arrives with it.
  const [seenFocus, setSeenFocus] = useState<SequenceFocus | undefined>(undefined);
  if (seenFocus !== focus) {
    setSeenFocus(focus);
    const at = focus === undefined ? -1 : model.events.findIndex((e) => e.id === focus.eventId);
    const target = model.events[at];
    if (target !== undefined) {
      setCurrent(at);
      setFrame({ start: target.time - FOCUS_WINDOW_MS, end: target.time + FOCUS_WINDOW_MS });
    }
  }

  const replay = mode === 'replay';
  const event = model.events[current] ?? null;
  useEffect(() => onCurrentChange?.(event), [event, onCurrentChange]);
  const playheadTime = event?.time ?? -Infinity;

  // In a replay only revealed findings that have begun are drawn. Keyed by their ids so the
  // timeline is not rebuilt on every step of the playhead.
  const shown = replay ? visibleFindings(findings, { revealed }, playheadTime) : findings;
  const shownKey = shown.map((f) => `${typeof f.id}:${f.id}`).join('\n');
  const spans = useMemo(() => {
    const ids = new Set(shown.map((f) => f.id));
    return model.spans.filter((s) => ids.has(s.finding.id));
    // shownKey stands for the content of `shown`, which is a new array on every step; when
    // the key changes this closure sees the current `shown`.
  }, [model.spans, shownKey]);

  // Finding navigation only knows what may be seen: before a reveal it would give the game away.
  const stops = useMemo(
    () => (replay ? [...new Set(spans.map((s) => s.firstIndex))].sort((a, b) => a - b) : model.findingStarts),
    [replay, spans, model.findingStarts],
  );

  const frameFinding = useCallback(
    (atIndex: number) => {
      const here = model.findingStarts.includes(atIndex) ? model.events[atIndex] : undefined;
      const starting = here === undefined ? [] : findings.filter((f) => findingExtent(f, model.findingEventIndex, model.times)?.[0] === atIndex);
      if (starting.length === 0) return;
      setFrame({ start: Math.min(...starting.map((f) => f.start)), end: Math.max(...starting.map((f) => f.end)) });
    },
    [findings, model],
  );

  const onStep = useCallback(
    (command: StepCommand) => {
      const next = step(command, current, count, stops);
      setCurrent(next);
      if ((command === 'nextFinding' || command === 'prevFinding') && next !== current && !replay) frameFinding(next);
    },
    [current, count, stops, frameFinding, replay],
  );
  useStepKeys(root, onStep);
  const toggleCurrent = useCallback(() => selection !== undefined && toggleEvent(selection, event), [selection, event]);
  useLetterKey(root, 'x', replay || selection === undefined ? undefined : toggleCurrent);

  // Stable, so the findings list (hundreds of findings for a heavily attacked user) is not
  // rendered again on every step.
  const jumpTo = useCallback(
    (f: FindingSpan): void => {
      const extent = findingExtent(f, model.findingEventIndex, model.times);
      if (extent !== null) setCurrent(extent[0]);
      setFrame({ start: f.start, end: f.end });
    },
    [model],
  );

  const enterReplay = (): void => {
    setMode('replay');
    setRevealed(false);
    setCurrent(0);
    // Start on the whole history; the trainer zooms in (+ / −) as the story needs.
    const a = model.events[0];
    const b = model.events[count - 1];
    if (a !== undefined && b !== undefined) setFrame({ start: a.time, end: b.time });
  };
  const exitReplay = (): void => {
    setMode('investigate');
    setPresentation(false);
  };

  // Analyst entries have no original record to fetch.
  const raw = useRawRecord(event === null || isAnalystEvent(event) ? null : event.id, loadRaw);
  const analystEntry = event === null ? undefined : analystEntryOf(event, analystEntries);
  const eventFindings = event === null ? [] : (model.findingsByEvent.get(event.id) ?? []);
  const activeId = eventFindings[0]?.id ?? null;
  const first = model.events[0];
  const last = model.events[count - 1];

  return (
    <div ref={root} className={`seq-screen${presentation ? ' seq-presentation' : ''}`}>
      <header className="seq-header">
        <div>
          <h1 className="seq-user">{user}</h1>
          <p className="muted seq-summary">
            {count.toLocaleString('en-US')} events
            {first !== undefined && last !== undefined && ` from ${formatTime(first.time, zone)} to ${formatTime(last.time, zone)}`}
            {!replay && ` · ${findings.length} finding${findings.length === 1 ? '' : 's'}`}
          </p>
        </div>
        <div className="seq-header-tools">
          <label>
            Group login attempts by{' '}
            <select value={grouping} onChange={(e) => setGrouping(GROUPINGS.find((g) => g.value === e.target.value)?.value ?? 'ip')}>
              {GROUPINGS.map((g) => (
                <option key={g.value} value={g.value}>
                  {g.label}
                </option>
              ))}
            </select>
          </label>
          {!replay && (
            <button type="button" onClick={enterReplay}>
              Trainer replay
            </button>
          )}
        </div>
      </header>
      {replay && (
        <ReplayPlayer
          times={model.times}
          current={current}
          onIndex={setCurrent}
          revealed={revealed}
          onRevealedChange={setRevealed}
          verdict={visibleVerdict(findings, { revealed })}
          presentation={presentation}
          onPresentationChange={setPresentation}
          onExit={exitReplay}
        />
      )}
      <SequenceControls current={current} count={count} findingStarts={stops} onStep={onStep} />
      {selection !== undefined && !replay && <SelectionBar event={event} finding={eventFindings[0]} selection={selection} />}
      <SequenceTimeline
        model={model}
        spans={spans}
        current={current}
        zone={zone}
        through={replay ? current : undefined}
        frame={frame}
        largeType={presentation}
        onSelect={setCurrent}
      />
      <div className="seq-lower">
        <EventDetail
          event={event}
          zone={zone}
          findings={eventFindings}
          findingsHidden={replay && !revealed}
          raw={raw.status === 'ready' ? raw.record.raw : ''}
          evidencePath={raw.status === 'ready' ? raw.record.evidencePath : ''}
          line={raw.status === 'ready' ? raw.record.line : undefined}
          loading={raw.status === 'loading'}
          error={raw.status === 'error' ? raw.message : undefined}
          scheme={scheme}
          analystEntry={analystEntry}
        />
        <div className="seq-side">
          <AttackMap events={model.events} current={current} through={replay ? current : undefined} scheme={scheme} />
          <FindingList findings={shown} total={findings.length} zone={zone} hidden={replay && !revealed} activeId={activeId} onJump={jumpTo} selection={replay ? undefined : selection} />
        </div>
      </div>
    </div>
  );
}
