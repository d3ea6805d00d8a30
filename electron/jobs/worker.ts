/** Entry point of every job worker: runs one job and reports progress and the outcome as data. */
import { parentPort, workerData } from 'node:worker_threads';
import { PushTrailError, toApiError } from '../../shared/api/errors.js';
import type { JobContext, WorkerInput, WorkerMessage } from './job.js';
import { JOBS } from './registry.js';
import { createLogger } from '../log/logger.js';

const input = workerData as WorkerInput;
const port = parentPort;
if (port === null) throw new Error('jobs/worker.js must run in a worker thread');

const flag = new Int32Array(input.cancelFlag);
const send = (message: WorkerMessage): void => port.postMessage(message);

const isCancelled = (): boolean => Atomics.load(flag, 0) === 1;
const ctx: JobContext = {
  progress: (update) => send({ type: 'progress', update }),
  isCancelled,
  throwIfCancelled: () => {
    if (isCancelled()) throw new PushTrailError('cancelled', `${input.kind} was cancelled`);
  },
};

async function run(): Promise<void> {
  try {
    // The registry is keyed by kind; the argument was validated by the starter.
    const job = (await JOBS[input.kind]()) as (arg: unknown, ctx: JobContext) => unknown;
    const result = await job(input.arg, ctx);
    send({ type: 'done', result });
  } catch (err) {
    const error = toApiError(err);
    // Only the message crosses the thread; the stack is logged here, where it still exists.
    if (error.kind === 'internal') createLogger(`job:${input.kind}`).error('job failed', {}, err);
    send({ type: 'failed', error });
  }
}

void run();
