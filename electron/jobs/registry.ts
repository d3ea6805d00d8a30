/** Every job kind and the function that runs it inside a worker. */
import type { JobKind } from '../../shared/api/jobs.js';
import type { JobFn } from './job.js';
import { verifyCase } from './verify-case.js';

export const JOBS: { [K in JobKind]: JobFn<K> } = {
  'case/verify': verifyCase,
};
