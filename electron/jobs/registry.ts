/** Every job kind and the function that runs it inside a worker. */
import type { JobKind } from '../../shared/api/jobs.js';
import { detectCase } from '../detect/detect-job.js';
import { importJob } from '../ingest/import-job.js';
import { indexCase } from '../search/index-job.js';
import { reportJob } from '../report/report-job.js';
import type { JobFn } from './job.js';
import { verifyCase } from './verify-case.js';

export const JOBS: { [K in JobKind]: JobFn<K> } = {
  'case/verify': verifyCase,
  import: importJob,
  detect: detectCase,
  'search/index': indexCase,
  report: reportJob,
};
