/**
 * The analyst's stars, tags and notes chosen for a report, placed in the sections of the users
 * they concern: on the user, on the user's findings and events, and on the addresses and
 * devices the user's events name.
 */
import type { ReportSelection } from '../../shared/api/report.js';
import type { Annotation } from '../../shared/model/annotation.js';
import type { StoredEvent } from '../../shared/model/event.js';
import type { Finding } from '../../shared/model/finding.js';
import { listAnnotations } from '../store/annotations.js';
import type { CaseStore } from '../store/case-store.js';
import { eventsById } from '../store/report-queries.js';

/** The analyst's stars, tags and notes that concern one user. */
export interface UserNotes {
  /** On the user itself. */
  user: Annotation | null;
  findings: { finding: Finding; annotation: Annotation }[];
  /** On the user's events, in time order. */
  events: { event: StoredEvent; annotation: Annotation }[];
  /** On addresses and devices the user's events name. */
  entities: Annotation[];
}

/** The annotations chosen for a report, indexed for the user sections. */
export interface NoteIndex {
  byKey: Map<string, Annotation>;
  /** Events that carry a chosen annotation (any user). */
  events: StoredEvent[];
  /** Keys placed in a user section. */
  used: Set<string>;
}

export const noteKey = (a: { kind: string; target: string }): string => `${a.kind}:${a.target}`;

export function noteIndex(store: CaseStore, selection: ReportSelection['annotations']): NoteIndex {
  const wanted = selection === undefined ? null : new Set(selection.map(noteKey));
  const chosen = listAnnotations(store.db).filter((a) => wanted === null || wanted.has(noteKey(a)));
  const eventIds = chosen.filter((a) => a.kind === 'event').map((a) => Number(a.target)).filter(Number.isInteger);
  return { byKey: new Map(chosen.map((a) => [noteKey(a), a])), events: eventsById(store.db, eventIds), used: new Set() };
}

export function notesOf(user: string, findings: readonly Finding[], seen: readonly StoredEvent[], index: NoteIndex): UserNotes {
  const take = (kind: string, target: string): Annotation | undefined => {
    const a = index.byKey.get(`${kind}:${target}`);
    if (a !== undefined) index.used.add(noteKey(a));
    return a;
  };
  const entityNames = new Set<string>();
  for (const e of seen) {
    for (const name of [e.source?.ip, e.responder?.ip, e.responder?.name, e.device]) if (name !== undefined && name !== '') entityNames.add(name);
  }
  return {
    user: take('user', user) ?? null,
    findings: findings.flatMap((f) => {
      const annotation = take('finding', f.id);
      return annotation === undefined ? [] : [{ finding: f, annotation }];
    }),
    events: index.events
      .filter((e) => e.user === user)
      .sort((a, b) => a.time - b.time || a.id - b.id)
      .flatMap((event) => {
        const annotation = take('event', String(event.id));
        return annotation === undefined ? [] : [{ event, annotation }];
      }),
    entities: [...entityNames].sort().flatMap((name) => take('entity', name) ?? []),
  };
}
