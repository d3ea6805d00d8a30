/** Long jobs run in worker threads; their progress reaches the UI as push events. */

export interface JobProgress {
  jobId: string;
  kind: JobKind;
  /** Short name of the current phase, e.g. "integrity", "custody chain". */
  phase: string;
  done: number;
  /** 0 when the total is not known yet. */
  total: number;
  unit: 'steps' | 'rows' | 'bytes' | 'records' | 'files';
  message?: string;
}

export interface VerifyReport {
  ok: boolean;
  /** Lines of `PRAGMA integrity_check`, ["ok"] when healthy. */
  integrity: string[];
  foreignKeyViolations: number;
  custodyEntries: number;
  /** Sequence numbers of custody entries whose hash chain does not verify. */
  custodyBroken: number[];
  events: number;
  /** Events whose evidence file is missing from the case. */
  orphanEvents: number;
  checkedAt: number;
}

/** Every job kind with its argument and result. */
export interface JobKinds {
  'case/verify': { arg: { path: string }; result: VerifyReport };
}
export type JobKind = keyof JobKinds;
export const JOB_KINDS: readonly JobKind[] = ['case/verify'];

export type JobArg<K extends JobKind> = JobKinds[K]['arg'];
export type JobResultOf<K extends JobKind> = JobKinds[K]['result'];
