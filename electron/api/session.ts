/**
 * The backend state one UI talks to: the open case, the running jobs, and where push
 * events go. One session per Electron window or per `pushtrail serve` process.
 */
import { userInfo } from 'node:os';
import type { PushEventName, PushEvents } from '../../shared/api/contract.js';
import { PushTrailError } from '../../shared/api/errors.js';
import type { JobKind } from '../../shared/api/jobs.js';
import type { CaseStore } from '../store/case-store.js';
import type { RunningJob } from '../jobs/runner.js';

export type Emit = <E extends PushEventName>(event: E, payload: PushEvents[E]) => void;

export class Session {
  store: CaseStore | null = null;
  readonly jobs = new Map<string, RunningJob<JobKind>>();
  private readonly listeners = new Set<Emit>();

  constructor(
    readonly transport: 'electron' | 'http' | 'direct',
    /** Who is recorded in the custody log for changes made through this session. */
    readonly actor: string = defaultActor(),
  ) {}

  requireCase(): CaseStore {
    if (this.store === null) throw new PushTrailError('no_case', 'No case is open');
    return this.store;
  }

  replaceCase(next: CaseStore | null): void {
    this.store?.close();
    this.store = next;
  }

  subscribe(listener: Emit): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit: Emit = (event, payload) => {
    for (const listener of this.listeners) listener(event, payload);
  };

  close(): void {
    for (const job of this.jobs.values()) job.cancel();
    this.replaceCase(null);
  }
}

function defaultActor(): string {
  const fromEnv = process.env['PUSHTRAIL_ANALYST'];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return fromEnv.trim();
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
