/**
 * Everything a case report needs, gathered read-only from an open case: metadata, evidence
 * with its hashes and import problems, findings and assessments, for each attacked user the
 * events of the main incident and the key events, the verbatim records behind every finding,
 * the detection run with its full settings, and the custody log. Every list that grows with the
 * case is bounded here, and the model says what it left out, so a report of a huge case stays
 * printable and still tells the reader where the rest is.
 */
import { PushTrailError } from '../../shared/api/errors.js';
import { REPORT_SECTIONS, type ReportSection, type ReportSelection, type ReportText } from '../../shared/api/report.js';
import type { Annotation } from '../../shared/model/annotation.js';
import { ATTACK_RULES } from '../../shared/detect/assess.js';
import type { DetectionConfig } from '../../shared/detect/params.js';
import type { CaseMeta, CustodyEntry } from '../../shared/model/case.js';
import type { StoredEvent } from '../../shared/model/event.js';
import type { Finding, UserAssessment } from '../../shared/model/finding.js';
import type { IdentityInfo } from '../../shared/model/identity.js';
import { TOOL_VERSION } from '../../shared/version.js';
import { mainIncident } from '../../shared/model/incident.js';
import type { AnalystEvent } from '../../shared/model/analyst-event.js';
import { listAnalystEvents } from '../store/analyst-events.js';
import type { CaseStore } from '../store/case-store.js';
import { sealedHead, signingKeys, type SealedEntry } from '../store/custody.js';
import { lastDetectionRun, readAssessments, readDetectionConfig, readFindings, type DetectionRun } from '../store/detection-store.js';
import { countUserEventsInRange, displayNames, eventSpan, eventsById, userEventsInRange, type EventSpan } from '../store/report-queries.js';
import { identityLookup } from '../store/identities.js';
import { readReportText } from '../store/report-text.js';
import { REPORT_LIMITS } from './limits.js';
import { appendixOf, type Appendix, type AppendixLimits } from './model-appendix.js';
import { evidenceFacts, type ReportEvidence } from './model-evidence.js';
import { noteIndex, noteKey, notesOf, type NoteIndex, type UserNotes } from './model-notes.js';


const HOUR = 3_600_000;
const MINUTE = 60_000;

export type { ReportEvidence };

/** An import run that met files it could not read or recognise (from the custody log). */
export interface ImportProblem {
  seq: number;
  at: number;
  actor: string;
  unrecognised: number;
  unreadable: number;
  /** The paths the import was given. */
  paths: string[];
}

export interface ChartWindow {
  /** UTC ms: the span of the user's main incident, padded. */
  start: number;
  end: number;
}

export interface UserReport {
  assessment: UserAssessment;
  /** Names the vendors logged for the user, most used first. */
  displayNames: string[];
  /** The person's identities (the user name itself when linked to nothing), with their vendors. */
  identities: IdentityInfo[];
  /** Findings concerning the user, most severe first. */
  findings: Finding[];
  /** The main incident, padded: what the chart and the map show. Null without findings. */
  window: ChartWindow | null;
  /** The user's events in the window, in time order (at most REPORT_LIMITS.windowEvents). */
  events: StoredEvent[];
  /** How many events of the user fall in the window (may exceed events.length). */
  eventsInWindow: number;
  /** Every event of the user in the case. */
  eventsTotal: number;
  /** Evidence events of the user's attack findings (or of all its findings), in time order (bounded). */
  keyEvents: StoredEvent[];
  keyEventsTotal: number;
  /** Whether the key events are those of attack findings only. */
  keyFromAttack: boolean;
  /**
   * The analyst's own entries for the user (what a witness or the analyst reported), in time
   * order: printed beside the evidence and marked, never counted with it or cited by a finding.
   */
  analystEvents: AnalystEvent[];
  notes: UserNotes;
}

export interface ReportModel {
  generatedAt: number;
  toolVersion: string;
  /** IANA zone every time in the report is shown in. */
  zone: string;
  meta: CaseMeta;
  casePath: string;
  schemaVersion: number;
  counts: { evidence: number; events: number; findings: number; annotations: number };
  /** The users asked for, or null: every attacked or compromised user. */
  scope: { users: string[] | null };
  /** Sections to print, in print order. */
  sections: ReportSection[];
  /** The analyst's client, reference and narrative. */
  text: ReportText;
  span: EventSpan | null;
  /** First and last event of the whole case (the period the evidence covers). */
  caseSpan: EventSpan | null;
  vendors: { vendor: string; events: number }[];
  evidence: ReportEvidence[];
  importProblems: ImportProblem[];
  detection: DetectionRun | null;
  /** The settings of the last run, or the case's stored settings when it has never been analysed. */
  settings: DetectionConfig;
  /** Findings in scope, most severe first. */
  findings: Finding[];
  /** Assessments in scope, by risk. */
  assessments: UserAssessment[];
  /** The users the report has a section for. */
  users: UserReport[];
  /** Findings in scope that no user section shows. */
  otherFindings: Finding[];
  /** Annotations chosen for the report that no user section shows. */
  otherNotes: Annotation[];
  custody: CustodyEntry[];
  /** The content digest the last custody entry sealed and the keys that signed the log (null: a case never sealed). */
  seal: { entry: SealedEntry; keys: { fingerprint: string; analyst: string }[] } | null;
  appendix: Appendix;
}

export interface ReportOptions extends ReportSelection {
  /** The report's own time stamp (tests pin it). */
  now?: number;
  /** Fewer verbatim records than a printed report's (the screen's preview). */
  appendixLimits?: AppendixLimits;
}

function sealOf(store: CaseStore): ReportModel['seal'] {
  const entry = sealedHead(store.db);
  return entry === null ? null : { entry, keys: signingKeys(store.db) };
}

const severityOrder = { critical: 0, high: 1, medium: 2, low: 3, info: 4 } as const;

function concerns(f: Finding, user: string): boolean {
  return f.user === user || f.users.includes(user);
}

/** The main incident of a user's findings, padded so the first and last marks are not on the edge. */
function windowOf(findings: readonly Finding[]): ChartWindow | null {
  const incident = mainIncident(findings);
  if (incident === null) return null;
  const span = incident.end - incident.start;
  const pad = Math.min(HOUR, Math.max(5 * MINUTE, span * 0.15));
  return { start: incident.start - pad, end: incident.end + pad };
}

/** The evidence events of the user's attack findings (of all findings when there is none). */
function keyEventsOf(store: CaseStore, identities: ReadonlySet<string>, findings: readonly Finding[]): { events: StoredEvent[]; total: number } {
  const attack = findings.filter((f) => ATTACK_RULES.has(f.rule));
  const chosen = attack.length > 0 ? attack : findings;
  // Most severe findings first, so a bounded table keeps the events that matter most.
  const ids = new Set<number>();
  const all = new Set<number>();
  for (const f of [...chosen].sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity] || a.start - b.start)) {
    for (const id of f.eventIds) {
      all.add(id);
      if (ids.size < REPORT_LIMITS.keyEvents) ids.add(id);
    }
  }
  // A cross-user finding's evidence includes other users' events; this table is the person's.
  const events = eventsById(store.db, [...ids])
    .filter((e) => identities.has(e.user))
    .sort((a, b) => a.time - b.time || a.id - b.id);
  return { events, total: all.size };
}

function userReport(store: CaseStore, assessment: UserAssessment, findings: readonly Finding[], notes: NoteIndex, identitiesOf: (person: string) => IdentityInfo[]): UserReport {
  const user = assessment.user;
  const identities = identitiesOf(user);
  const mine = findings.filter((f) => concerns(f, user));
  const window = windowOf(mine);
  const events = window === null ? [] : userEventsInRange(store.db, user, window.start, window.end, REPORT_LIMITS.windowEvents);
  const eventsInWindow = window === null ? 0 : countUserEventsInRange(store.db, user, window.start, window.end);
  const key = keyEventsOf(store, new Set(identities.map((i) => i.identity)), mine);
  const keyFromAttack = mine.some((f) => ATTACK_RULES.has(f.rule));
  return {
    assessment,
    displayNames: displayNames(store.db, user),
    identities,
    findings: mine,
    window,
    events,
    eventsInWindow,
    eventsTotal: assessment.counts.events,
    keyEvents: key.events,
    keyEventsTotal: key.total,
    keyFromAttack,
    analystEvents: listAnalystEvents(store.db, user),
    notes: notesOf(user, mine, [...events, ...key.events], notes),
  };
}

function importProblems(custody: readonly CustodyEntry[]): ImportProblem[] {
  const n = (v: unknown): number => (typeof v === 'number' ? v : 0);
  return custody
    .filter((c) => c.action === 'import/run' || c.action === 'import/cancelled')
    .filter((c) => n(c.detail['unrecognised']) + n(c.detail['unreadable']) > 0)
    .map((c) => ({
      seq: c.seq,
      at: c.at,
      actor: c.actor,
      unrecognised: n(c.detail['unrecognised']),
      unreadable: n(c.detail['unreadable']),
      paths: Array.isArray(c.detail['paths']) ? c.detail['paths'].filter((p): p is string => typeof p === 'string') : [],
    }));
}

/** A report that names no users has a section for every attacked or compromised one. */
export function sectionedByDefault(a: UserAssessment): boolean {
  return a.verdict === 'compromised' || a.verdict === 'attacked';
}

/** Gather a report's model from an open case (read-only: nothing is written). */
export function buildReportModel(store: CaseStore, options: ReportOptions = {}): ReportModel {
  const info = store.info();
  const wanted = options.users === undefined || options.users.length === 0 ? null : [...new Set(options.users)];
  const sections = REPORT_SECTIONS.filter((s) => options.sections === undefined || options.sections.includes(s));
  const detection = lastDetectionRun(store.db);
  const all = readFindings(store.db);
  const findings = wanted === null ? all : all.filter((f) => wanted.some((u) => concerns(f, u)));
  const ranked = readAssessments(store.db);
  let assessments: UserAssessment[];
  if (wanted === null) assessments = ranked;
  else {
    assessments = wanted.map((user) => {
      const known = ranked.find((a) => a.user === user);
      if (known !== undefined) return known;
      const span = eventSpan(store.db, user);
      if (span === null) throw new PushTrailError('not_found', `No user "${user}" in this case`, { user });
      // Never assessed (no detection run yet): a neutral assessment so the section can still be printed.
      return { user, risk: 0, verdict: 'clear', reasons: [], findingIds: [], counts: { events: span.events, challenges: 0, denied: 0, timeouts: 0, approved: 0, fraud: 0 } };
    });
    assessments.sort((a, b) => b.risk - a.risk || (a.user < b.user ? -1 : 1));
  }
  const sectioned = wanted === null ? assessments.filter(sectionedByDefault) : assessments;
  const notes = noteIndex(store, options.annotations);
  const identitiesOf = identityLookup(store.db);
  const users = sectioned.map((a) => userReport(store, a, findings, notes, identitiesOf));
  const inSections = new Set(users.flatMap((u) => u.findings.map((f) => f.id)));
  const otherFindings = findings.filter((f) => !inSections.has(f.id));
  const otherNotes = [...notes.byKey.values()].filter((a) => !notes.used.has(noteKey(a)) && (wanted === null || (a.kind !== 'user' && a.kind !== 'event')));

  // The appendix follows the report: the user sections' findings in order, then the others.
  const ordered: Finding[] = [];
  const seen = new Set<string>();
  for (const f of [...users.flatMap((u) => u.findings), ...otherFindings]) {
    if (seen.has(f.id)) continue;
    seen.add(f.id);
    ordered.push(f);
  }

  const custody = store.custody(0, Number.MAX_SAFE_INTEGER);
  const { evidence, vendors, caseSpan } = evidenceFacts(store);
  const single = wanted !== null && wanted.length === 1 ? wanted[0] : undefined;
  return {
    generatedAt: options.now ?? Date.now(),
    toolVersion: TOOL_VERSION,
    zone: info.meta.displayTimeZone,
    meta: info.meta,
    casePath: store.path,
    schemaVersion: info.schemaVersion,
    counts: info.counts,
    scope: { users: wanted },
    sections,
    text: readReportText(store.db),
    span: eventSpan(store.db, single),
    caseSpan,
    vendors,
    evidence,
    importProblems: importProblems(custody),
    detection,
    settings: detection?.config ?? readDetectionConfig(store.db),
    findings,
    assessments,
    users,
    otherFindings,
    otherNotes,
    custody,
    seal: sealOf(store),
    appendix: sections.includes('appendix') ? appendixOf(store, ordered, options.appendixLimits) : { findings: [], limits: options.appendixLimits ?? REPORT_LIMITS, records: new Map() },
  };
}
