/**
 * The one typed contract between the renderer and the backend. Every transport
 * (Electron IPC, the local HTTP server, tests) carries exactly these calls and events.
 */
import type { Campaign } from '../model/campaign.js';
import type { AnalystEvent, AnalystEventInput } from '../model/analyst-event.js';
import type { Annotation, AnnotationKind, AnnotationPatch, AnnotationTarget } from '../model/annotation.js';
import type { UserRow } from './detection.js';
import type { IdentityOverview, LinkAction } from './identities.js';
import type { CaseActivity, UserSparklines } from './activity.js';
import type { EventColumns } from './event-columns.js';
import type { Finding } from '../model/finding.js';
import type { CaseInfo, CaseMeta, CustodyEntry, EvidenceFile } from '../model/case.js';
import type { StoredEvent } from '../model/event.js';
import type { ApiResult } from './errors.js';
import type { ReportPreviewRequest, ReportRequest, ReportSection, ReportSelection, ReportText, ReportTextPatch } from './report.js';
import type { ImportOptions, ImportRecordError, JobKind, JobProgress, JobResultOf } from './jobs.js';
import type { HuntPreview, HuntRequest, SavedHuntPack } from './hunt.js';
import type { AroundQuery, AroundResult, SearchIndexStatus, SearchPage, SearchQuery } from './search.js';

export interface CreateCaseArg {
  path: string;
  name: string;
  analyst: string;
  displayTimeZone?: string;
}

export interface CustodyQuery {
  /** Only entries with a larger sequence number. */
  afterSeq?: number;
  limit?: number;
}

export interface JobStarted {
  jobId: string;
}

/** Paging through a case's events in storage order. */
export interface EventQuery {
  /** Only events with a larger id. */
  afterId?: number;
  limit?: number;
}

/** One stored event with the verbatim record it was read from and where that record is. */
export interface EventDetail {
  event: StoredEvent;
  /** The record exactly as it stands in the evidence file. */
  raw: string;
  evidence: {
    id: number;
    path: string;
    sha256: string;
    format: string | null;
    /** The archive the file was read from, if any; archives inside archives as a chain, outermost first ("a.zip!b.zip"). */
    archive: string | null;
    line: number | null;
    record: number;
  };
}

/** A record an import rejected, kept in the case with its evidence file. */
export interface EvidenceError extends ImportRecordError {
  id: number;
  evidenceId: number;
}

export interface EvidenceErrorQuery {
  evidenceId: number;
  afterId?: number;
  limit?: number;
}

export interface AppInfo {
  version: string;
  /** How the UI is being served, so it can adapt (e.g. hide native file pickers on the web). */
  transport: 'electron' | 'http' | 'direct';
  /** The case the backend was started with, if any (`pushtrail serve <case>`). */
  openCase: string | null;
}

/** Every call: its argument and result. */
export interface ApiMethods {
  'app/info': { arg: null; result: AppInfo };
  'case/create': { arg: CreateCaseArg; result: CaseInfo };
  'case/open': { arg: { path: string }; result: CaseInfo };
  'case/info': { arg: null; result: CaseInfo };
  'case/close': { arg: null; result: null };
  'case/setTimeZone': { arg: { displayTimeZone: string }; result: CaseMeta };
  'case/custody': { arg: CustodyQuery; result: CustodyEntry[] };
  'case/evidence': { arg: null; result: EvidenceFile[] };
  'case/verify': { arg: null; result: JobStarted };
  /** Import evidence files into the open case, as a job; its result is an `ImportReport`. */
  'import/start': { arg: ImportOptions; result: JobStarted };
  'case/events': { arg: EventQuery; result: StoredEvent[] };
  'event/get': { arg: { id: number }; result: EventDetail };
  'evidence/errors': { arg: EvidenceErrorQuery; result: EvidenceError[] };
  'detect/run': { arg: null; result: JobStarted };
  'users/list': { arg: { limit?: number; offset?: number }; result: UserRow[] };
  /** Events over time per source and findings by severity, binned in the case file. */
  'case/activity': { arg: { bins?: number }; result: CaseActivity };
  /** Prompt volume over time of the named users (the rows on screen). */
  'users/sparklines': { arg: { users: string[]; bins?: number }; result: UserSparklines };
  'findings/list': { arg: { user?: string }; result: Finding[] };
  /** Findings against several users from one source, grouped (derived from the findings, see shared/detect/campaigns.ts). */
  'campaigns/list': { arg: null; result: Campaign[] };
  /** One user's (person's: every linked identity's) events in time order, as columns (`decodeEvents` gives the events back). */
  'user/events': { arg: { user: string; limit?: number }; result: EventColumns };
  /** Persons, identities and links with their reasons; with `user`, that user's person and the links touching it. */
  'identities/list': { arg: { user?: string }; result: IdentityOverview };
  /** Accept, reject, add or remove one link (custody-logged); run detection after it so findings follow the persons. */
  'identities/change': { arg: { action: LinkAction; a: string; b: string }; result: IdentityOverview };
  /** Set the case's domains for bare names (an empty list: learn them from the evidence); custody-logged. */
  'identities/domains': { arg: { domains: string[] }; result: IdentityOverview };
  'annotations/list': { arg: { kind?: AnnotationKind }; result: Annotation[] };
  'annotations/set': { arg: { targets: AnnotationTarget[]; patch: AnnotationPatch }; result: Annotation[] };
  /** Filtered and full-text search; a text search starts indexing records not indexed yet. */
  'search/events': { arg: SearchQuery; result: SearchPage };
  /** The full-text index's coverage; with `start`, indexes the pending records. */
  'search/index': { arg: { start?: boolean }; result: SearchIndexStatus };
  /** Every user's events around one moment. */
  'events/around': { arg: AroundQuery; result: AroundResult };
  'analyst/add': { arg: AnalystEventInput; result: AnalystEvent };
  'analyst/list': { arg: { user?: string }; result: AnalystEvent[] };
  'job/cancel': { arg: { jobId: string }; result: { cancelled: boolean } };
  'report/text': { arg: null; result: ReportText };
  /** Change the analyst's client, reference or narrative (custody-logged). */
  'report/setText': { arg: ReportTextPatch; result: ReportText };
  /** What each section of a report with this selection would hold, and the choices it offers. */
  'report/outline': { arg: ReportSelection; result: ReportOutline };
  /**
   * Render the report as it will print, for the report screen's frame: the result is the path
   * the page is served at, under its own Content-Security-Policy (no script of any kind).
   */
  'report/preview': { arg: ReportPreviewRequest; result: { path: string } };
  /**
   * Write a report or export, as a job; its result is a `ReportFile`. The desktop app asks
   * where to save it; in web mode it is written beside the case, in `<case>-reports/`.
   */
  'report/start': { arg: ReportRequest; result: JobStarted };
  /** The bytes of a report this session wrote (web mode: the browser saves them). */
  /** `url`: the URL path the web server streams the file from, as an attachment. */
  'report/download': { arg: { path: string }; result: { url: string; name: string } };
  /** The case's detections as hunts for another engine, generated from its detection settings. */
  'hunt/preview': { arg: HuntRequest; result: HuntPreview };
  /** The same pack written to a new folder in `<case>-hunts/` and recorded in the custody log. */
  'hunt/save': { arg: HuntRequest; result: SavedHuntPack };
}

/** The report screen's choices: the sections with what each would hold, and what can be chosen. */
export interface ReportOutline {
  sections: { id: ReportSection; title: string; detail: string }[];
  /** Every annotation of the case, with what it is on, for choosing. */
  annotations: (Annotation & { label: string })[];
  /** The attacked and compromised users: the default selection. */
  defaultUsers: string[];
}
export type Method = keyof ApiMethods;
export type ArgOf<M extends Method> = ApiMethods[M]['arg'];
export type ResultOf<M extends Method> = ApiMethods[M]['result'];

/** A finished job: narrowing on `kind` gives its result type. */
export type JobFinished = {
  [K in JobKind]: { jobId: string; kind: K; outcome: ApiResult<JobResultOf<K>> };
}[JobKind];

/** Every push event from the backend: name and payload. */
export interface PushEvents {
  'job/progress': JobProgress;
  'job/finished': JobFinished;
  'case/changed': CaseInfo;
}
export type PushEventName = keyof PushEvents;
export const PUSH_EVENTS = ['job/progress', 'job/finished', 'case/changed'] as const satisfies readonly PushEventName[];

export function isPushEventName(name: unknown): name is PushEventName {
  return typeof name === 'string' && (PUSH_EVENTS as readonly string[]).includes(name);
}

/** What the preload exposes as `window.pushtrail`, and what every renderer transport provides. */
export interface PushTrailBridge {
  invoke<M extends Method>(method: M, arg: ArgOf<M>): Promise<ApiResult<ResultOf<M>>>;
  /** Subscribe to a push event; returns the unsubscribe function. */
  on<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
}

/** IPC channel names, written nowhere else. */
export const IPC_INVOKE_CHANNEL = 'pushtrail:invoke';
export const IPC_EVENT_CHANNEL = 'pushtrail:event';
