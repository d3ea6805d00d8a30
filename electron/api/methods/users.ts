/** The people in the case: the ranked users list, activity over time, and one user's sequence. */
import { bad, defined, optionalCount, optionalRecord, record, storedUser, textList } from '../../../shared/api/validation.js';
import { domain } from '../method.js';

/** Bins of a histogram or sparkline: enough for any screen, few enough to stay cheap. */
const MAX_BINS = 2000;
/** Sparklines are asked for the rows on screen, never the whole table. */
const MAX_SPARKLINE_USERS = 500;

function optionalBins(method: string, obj: Record<string, unknown>): number | undefined {
  const v = optionalCount(method, obj, 'bins');
  if (v !== undefined && (v < 1 || v > MAX_BINS)) bad(method, `"bins" must be from 1 to ${MAX_BINS}`);
  return v;
}

export const userMethods = domain({
  'users/list': {
    validate: (raw) => {
      const o = optionalRecord('users/list', raw);
      return defined({ limit: optionalCount('users/list', o, 'limit'), offset: optionalCount('users/list', o, 'offset') });
    },
    handle: ({ limit, offset }, session) => session.read('users/list', { limit: Math.min(limit ?? 1000, 100_000), offset: offset ?? 0 }),
  },

  'case/activity': {
    validate: (raw) => defined({ bins: optionalBins('case/activity', optionalRecord('case/activity', raw)) }),
    handle: ({ bins }, session) => session.read('case/activity', { bins: bins ?? 120 }),
  },

  'users/sparklines': {
    validate: (raw) => {
      const method = 'users/sparklines';
      const o = record(method, raw);
      const users = o['users'];
      if (!Array.isArray(users) || users.length > MAX_SPARKLINE_USERS) bad(method, `"users" must be a list of at most ${MAX_SPARKLINE_USERS} user names`);
      return defined({ users: textList(method, users, 'users', 1000), bins: optionalBins(method, o) });
    },
    handle: ({ users, bins }, session) => session.read('users/sparklines', { users, bins: bins ?? 40 }),
  },

  'user/events': {
    validate: (raw) => {
      const o = record('user/events', raw);
      return defined({ user: storedUser('user/events', o, 'user'), limit: optionalCount('user/events', o, 'limit') });
    },
    handle: ({ user, limit }, session) => session.read('user/events', { user, limit: Math.min(limit ?? 200_000, 1_000_000) }),
  },
});
