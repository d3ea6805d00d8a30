/**
 * The one typed contract between the renderer and the backend. Every transport
 * (Electron IPC, the local HTTP server, tests) carries exactly these calls and events.
 */
import type { CaseInfo, CaseMeta, CustodyEntry, EvidenceFile } from '../model/case.js';
import type { ApiResult } from './errors.js';
import type { JobKind, JobProgress, JobResultOf } from './jobs.js';

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
  'job/cancel': { arg: { jobId: string }; result: { cancelled: boolean } };
}
export type Method = keyof ApiMethods;
export type ArgOf<M extends Method> = ApiMethods[M]['arg'];
export type ResultOf<M extends Method> = ApiMethods[M]['result'];

/** Runtime list of the methods; `satisfies` keeps it in step with the type above. */
export const METHODS = [
  'app/info',
  'case/create',
  'case/open',
  'case/info',
  'case/close',
  'case/setTimeZone',
  'case/custody',
  'case/evidence',
  'case/verify',
  'job/cancel',
] as const satisfies readonly Method[];

type MissingMethods = Exclude<Method, (typeof METHODS)[number]>;
/** Fails to compile when a method is added to the type but not to `METHODS`. */
export const METHODS_COMPLETE: MissingMethods extends never ? true : false = true;

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && (METHODS as readonly string[]).includes(name);
}

export interface JobFinished {
  jobId: string;
  kind: JobKind;
  outcome: ApiResult<JobResultOf<JobKind>>;
}

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
