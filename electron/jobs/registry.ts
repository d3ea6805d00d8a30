/**
 * Every job kind and how to load the function that runs it inside a worker. A worker runs one
 * job, so it loads that job's modules only: loading every job's took the import about 40 ms
 * longer to start.
 */
import type { JobKind } from '../../shared/api/jobs.js';
import type { JobFn } from './job.js';

export const JOBS: { [K in JobKind]: () => Promise<JobFn<K>> } = {
  'case/verify': async () => (await import('./verify-case.js')).verifyCase,
  import: async () => (await import('../ingest/import-job.js')).importJob,
  detect: async () => (await import('../detect/detect-job.js')).detectCase,
  'search/index': async () => (await import('../search/index-job.js')).indexCase,
  report: async () => (await import('../report/report-job.js')).reportJob,
};
