/** What a job function sees of the worker it runs in. */
import type { JobArg, JobKind, JobProgress, JobResultOf } from '../../shared/api/jobs.js';
import type { ApiError } from '../../shared/api/errors.js';

export type ProgressUpdate = Omit<JobProgress, 'jobId' | 'kind'>;

export interface JobContext {
  progress(update: ProgressUpdate): void;
  /** Throws a `cancelled` error once the user has asked to cancel; call it between units of work. */
  throwIfCancelled(): void;
  /** True once the user has asked to cancel, for code that stops by itself. */
  isCancelled(): boolean;
}

export type JobFn<K extends JobKind> = (arg: JobArg<K>, ctx: JobContext) => JobResultOf<K> | Promise<JobResultOf<K>>;

/** Messages from a job's worker to the thread that started it. */
export type WorkerMessage =
  | { type: 'progress'; update: ProgressUpdate }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: ApiError };

export interface WorkerInput {
  kind: JobKind;
  arg: unknown;
  /** One Int32 set to 1 by the starter to ask for cancellation; read with Atomics so synchronous loops see it. */
  cancelFlag: SharedArrayBuffer;
}
