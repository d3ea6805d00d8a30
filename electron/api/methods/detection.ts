/** Detection: running the rules over the case, and the findings they left. */
import { defined, nothing, optionalRecord, storedUser } from '../../../shared/api/validation.js';
import { campaignsOf } from '../../../shared/detect/campaigns.js';
import { readFindings } from '../../store/detection-store.js';
import { domain } from '../method.js';
import { announce, startSessionJob } from '../session-jobs.js';

export const detectionMethods = domain({
  'detect/run': {
    validate: (raw) => nothing('detect/run', raw),
    handle: async (_arg, session) => {
      const store = session.requireCase();
      return startSessionJob(session, 'detect', { casePath: store.path, actor: session.actor }, () => {
        if (session.store === store) announce(session);
      });
    },
  },

  'findings/list': {
    validate: (raw) => {
      const o = optionalRecord('findings/list', raw);
      return defined({ user: o['user'] === undefined ? undefined : storedUser('findings/list', o, 'user') });
    },
    handle: async ({ user }, session) => readFindings(session.requireCase().db, user),
  },

  'campaigns/list': {
    validate: (raw) => nothing('campaigns/list', raw),
    handle: async (_arg, session) => campaignsOf(readFindings(session.requireCase().db)),
  },
});
