/** The backend itself: what it is, and its running jobs. */
import { nothing, record, text } from '../../../shared/api/validation.js';
import { TOOL_VERSION } from '../../../shared/version.js';
import { domain } from '../method.js';

export const appMethods = domain({
  'app/info': {
    validate: (raw) => nothing('app/info', raw),
    handle: async (_arg, session) => ({ version: TOOL_VERSION, transport: session.transport, openCase: session.casePath }),
  },

  'job/cancel': {
    validate: (raw) => ({ jobId: text('job/cancel', record('job/cancel', raw), 'jobId', 100) }),
    handle: async ({ jobId }, session) => {
      const job = session.jobs.get(jobId);
      if (job === undefined) return { cancelled: false };
      job.cancel();
      return { cancelled: true };
    },
  },
});
