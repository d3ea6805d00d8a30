/**
 * Timeline entries in the views: evidence events and analyst-entered events side by side.
 * Analyst entries join a sequence as events of the 'analyst' source with their id negated, so
 * they sort, step and draw with the evidence, yet can never be taken for an evidence record
 * (those ids start at 1) nor be named by a finding.
 */
import type { TimelineEntry } from '../api/search.js';
import type { AnalystEvent } from '../model/analyst-event.js';
import type { StoredEvent } from '../model/event.js';
import { FACTOR_LABEL, OUTCOME_LABEL, placeOf } from './labels.js';
import { sortEvents } from './lanes.js';

export function isAnalystEvent(e: StoredEvent): boolean {
  return e.vendor === 'analyst';
}

export function analystAsEvent(a: AnalystEvent): StoredEvent {
  return {
    id: -a.id,
    time: a.time,
    user: a.user,
    outcome: a.outcome,
    ...(a.factor === undefined ? {} : { factor: a.factor }),
    vendor: 'analyst',
    vendorEvent: 'analyst entry',
    reason: a.description,
    // No evidence: 0 names no evidence file and no record.
    ref: { evidenceId: 0, record: 0 },
  };
}

/** The analyst entry behind a sequence event, if it is one. */
export function analystEntryOf(e: StoredEvent, entries: readonly AnalystEvent[]): AnalystEvent | undefined {
  return isAnalystEvent(e) ? entries.find((a) => a.id === -e.id) : undefined;
}

/** A user's evidence with the analyst's entries merged in, in display order. */
export function withAnalystEvents(events: readonly StoredEvent[], entries: readonly AnalystEvent[]): readonly StoredEvent[] {
  return entries.length === 0 ? events : sortEvents([...events, ...entries.map(analystAsEvent)]);
}

/** Indexes of the analyst entries among sequence events (few; the timeline marks each). */
export function analystIndexes(events: readonly StoredEvent[]): number[] {
  const found: number[] = [];
  for (let i = 0; i < events.length; i++) if (events[i]?.vendor === 'analyst') found.push(i);
  return found;
}

/** The id an entry has in a sequence. */
export function sequenceIdOf(entry: TimelineEntry): number {
  return entry.kind === 'evidence' ? entry.event.id : -entry.entry.id;
}

/** One line of a result or context list, as text (the renderer never builds markup from it). */
export interface EntrySummary {
  /** Unique in a list. */
  key: string;
  sequenceId: number;
  time: number;
  user: string;
  /** "Denied · Push" */
  what: string;
  /** Source address and place, or empty. */
  where: string;
  /** The evidence file, or who entered the event. */
  source: string;
  analyst: boolean;
  /** The analyst's description, or the vendor's reason. */
  detail: string;
}

export function summarizeEntry(entry: TimelineEntry, evidenceName: (id: number) => string): EntrySummary {
  if (entry.kind === 'analyst') {
    const a = entry.entry;
    return {
      key: `a${a.id}`,
      sequenceId: -a.id,
      time: a.time,
      user: a.user,
      what: [OUTCOME_LABEL[a.outcome], a.factor === undefined ? undefined : FACTOR_LABEL[a.factor]].filter((p) => p !== undefined).join(' · '),
      where: '',
      source: `Analyst-entered by ${a.analyst}`,
      analyst: true,
      detail: a.description,
    };
  }
  const e = entry.event;
  const place = placeOf(e.source);
  return {
    key: `e${e.id}`,
    sequenceId: e.id,
    time: e.time,
    user: e.user,
    what: [OUTCOME_LABEL[e.outcome], e.factor === undefined ? undefined : FACTOR_LABEL[e.factor]].filter((p) => p !== undefined).join(' · '),
    where: e.source === undefined ? '' : place === undefined ? e.source.ip : `${e.source.ip} · ${place}`,
    source: `${e.vendor} · ${evidenceName(e.ref.evidenceId)}`,
    analyst: false,
    detail: e.reason ?? e.vendorEvent,
  };
}
