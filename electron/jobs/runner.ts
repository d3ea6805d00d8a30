/**
 * Starts jobs in `worker_threads` workers: typed progress, cancellation, and every failure
 * (including a crashed worker) returned as data rather than thrown.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { ApiResult } from '../../shared/api/errors.js';
import type { JobArg, JobKind, JobProgress, JobResultOf } from '../../shared/api/jobs.js';
import type { WorkerInput, WorkerMessage } from './job.js';
import { createLogger } from '../log/logger.js';

const log = createLogger('jobs');

const WORKER_URL = new URL('./worker.js', import.meta.url);
/** How long a cancelled job may take to stop by itself before its thread is terminated. */
const CANCEL_GRACE_MS = 3000;

export interface RunningJob<K extends JobKind> {
  id: string;
  kind: K;
  result: Promise<ApiResult<JobResultOf<K>>>;
  cancel(): void;
}

export function startJob<K extends JobKind>(
  kind: K,
  arg: JobArg<K>,
  onProgress: (progress: JobProgress) => void = () => undefined,
): RunningJob<K> {
  const id = randomUUID();
  const cancelFlag = new SharedArrayBuffer(4);
  const input: WorkerInput = { kind, arg, cancelFlag };
  const worker = new Worker(WORKER_URL, { workerData: input });
  let cancelRequested = false;
  let settled = false;
  const started = performance.now();

  const result = new Promise<ApiResult<JobResultOf<K>>>((resolve) => {
    const finish = (outcome: ApiResult<JobResultOf<K>>): void => {
      if (settled) return;
      settled = true;
      log.debug('job ended', { kind, jobId: id, ms: Math.round(performance.now() - started), outcome: outcome.ok ? 'ok' : outcome.error.kind });
      resolve(outcome);
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress({ jobId: id, kind, ...message.update });
      else if (message.type === 'done') finish({ ok: true, value: message.result as JobResultOf<K> });
      else finish({ ok: false, error: message.error });
    });
    worker.on('error', (err) => {
      // A failure inside the job is logged by the worker; this is the thread itself dying.
      log.error('job worker crashed', { kind, jobId: id }, err);
      finish({ ok: false, error: { kind: 'internal', message: `${kind} worker crashed: ${err.message}` } });
    });
    worker.on('exit', (code) => {
      if (cancelRequested) finish({ ok: false, error: { kind: 'cancelled', message: `${kind} was cancelled` } });
      else finish({ ok: false, error: { kind: 'internal', message: `${kind} worker exited (code ${code}) without a result` } });
    });
  });

  return {
    id,
    kind,
    result,
    cancel: () => {
      if (settled || cancelRequested) return;
      cancelRequested = true;
      Atomics.store(new Int32Array(cancelFlag), 0, 1);
      setTimeout(() => {
        if (!settled) void worker.terminate();
      }, CANCEL_GRACE_MS).unref();
    },
  };
}
