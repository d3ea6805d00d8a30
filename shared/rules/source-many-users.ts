/**
 * source-many-users (docs/log-sources.md §10 P10): one source (IP, subnet or ASN) makes MFA fail for many
 * distinct users within a window: someone holding a list of passwords is pushing prompts at a
 * whole organisation. Port of Splunk's GCP rule, which groups MFA failures by source IP (docs/log-sources.md §9).
 *
 * Cross-user: fed every user's prompt attempts ordered by time, each with the source the prompt
 * was requested from (for Okta the push send's client, since Okta logs the denial from the phone).
 * Counted per source: prompts that failed for the user (denied, timed out, unanswered, reported,
 * blocked). A shared gateway (office
 * NAT, VPN exit) also sees colleagues' ordinary time-outs, but there most answered prompts are
 * approvals; an attacker's source is mostly failures. So an episode whose source had more than
 * `maxApprovedShare` of its prompts approved is taken for a gateway and dropped.
 *
 * Memory: per source, the failures of the last window plus the open episode; a source is dropped
 * once it is idle for a window.
 */
import type { FindingDraft } from '../model/finding.js';
import { sortedUnique } from './lib/draft.js';
import { count } from '../format/count.js';
import { duration, MINUTE, utcSpan } from './lib/format.js';
import { describeNetwork } from './lib/geo.js';
import { EpisodeDetector, type Episode } from './lib/window.js';
import type { CrossAttempt, CrossUserRule, RuleEvent } from './rule.js';

export type SourceManyUsersParams = {
  minUsers: number;
  windowMinutes: number;
  groupBy: string;
  maxApprovedShare: number;
};

const SOURCE_GROUPINGS = ['ip', 'subnet', 'asn'] as const;

/** A finding lists at most this many event ids; `detail.events` keeps the true count. */
const MAX_EVIDENCE_IDS = 10_000;

/** Expand an IPv6 text to its 8 groups, or null when it is not IPv6. */
function ipv6Groups(ip: string): string[] | null {
  if (!ip.includes(':')) return null;
  const bare = ip.replace(/^\[|\](:\d+)?$/g, '').split('%')[0] ?? '';
  const [head = '', tail] = bare.split('::');
  const h = head === '' ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? 0 : 8 - h.length - t.length;
  if (fill < 0) return null;
  return [...h, ...Array<string>(fill).fill('0'), ...t].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
}

/** The grouping key of an event's source, or null when it has none for this grouping. */
export function sourceKey(net: RuleEvent['source'], groupBy: string): string | null {
  if (net === undefined || net.ip === '') return null;
  if (groupBy === 'asn') return net.asn === undefined ? null : `AS${net.asn}`;
  if (groupBy === 'subnet') {
    const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(net.ip);
    if (v4 !== null) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
    const v6 = ipv6Groups(net.ip);
    if (v6 !== null) return `${v6.slice(0, 3).join(':')}::/48`;
  }
  return net.ip;
}


interface SourceState {
  detector: EpisodeDetector<CrossAttempt>;
  /** Approvals from this source in the recent past, to tell which targeted users gave in. */
  approvals: CrossAttempt[];
  sample: CrossAttempt;
}

interface Closed {
  key: string;
  episode: Episode<CrossAttempt>;
  approvals: CrossAttempt[];
  sample: CrossAttempt;
}

export const sourceManyUsers: CrossUserRule<SourceManyUsersParams> = {
  id: 'source-many-users',
  scope: 'cross-user',
  title: 'One source, many users',
  description:
    'One IP address (or /24 subnet, or network) made MFA prompts fail for many different users within an hour. ' +
    'High when any of those users then approved a prompt from that source.',
  attack: { technique: 'T1621', related: ['T1110.003'] },
  params: { minUsers: 5, windowMinutes: 60, groupBy: 'ip', maxApprovedShare: 0.25 },
  paramDocs: {
    minUsers: {
      why: 'Splunk GCP Multiple Failed MFA Requests groups failures by source IP (docs/log-sources.md §9); 5 distinct users keeps the P1 threshold family.',
      kind: 'number',
      min: 2,
      max: 100_000,
      integer: true,
      unit: 'users',
    },
    windowMinutes: {
      why: 'An hour: a password-list run reaches users one after another, slower than one user’s 10-minute burst (Elastic hunting uses >5 per hour, docs/log-sources.md §9).',
      kind: 'number',
      min: 1,
      max: 10_080,
      integer: false,
      unit: 'minutes',
    },
    groupBy: {
      why: 'Splunk groups by source IP; "subnet" (IPv4 /24, IPv6 /48) or "asn" catch an attacker rotating addresses in one provider.',
      kind: 'choice',
      choices: SOURCE_GROUPINGS,
    },
    maxApprovedShare: {
      why:
        'No public rule sets this; it keeps the Splunk per-IP grouping from firing on office NATs and VPN exits, where ' +
        'most prompts are approved. An attacker gets few approvals; above a quarter approved (over the failures\' time span) the source is treated as a gateway.',
      kind: 'number',
      min: 0,
      max: 1,
      integer: false,
      unit: 'share of answered prompts',
    },
  },
  evaluate(params) {
    const windowMs = params.windowMinutes * MINUTE;
    const states = new Map<string, SourceState>();
    const closed: Closed[] = [];
    let lastSweep = Number.NEGATIVE_INFINITY;

    const keep = (key: string, s: SourceState, episode: Episode<CrossAttempt>): void => {
      let approvedDuring = 0;
      for (const a of s.approvals) if (a.time >= episode.start && a.time <= episode.end) approvedDuring++;
      if (approvedDuring > params.maxApprovedShare * (approvedDuring + episode.items.length)) return;
      closed.push({ key, episode, approvals: s.approvals.filter((a) => a.time >= episode.start && a.time <= episode.end + windowMs), sample: s.sample });
    };

    const sweep = (now: number): void => {
      for (const [key, s] of states) {
        s.approvals = s.approvals.filter((a) => now - a.time <= 2 * windowMs || (s.detector.open !== null && a.time >= s.detector.open.start));
        if (s.detector.open !== null && now - s.detector.open.end > windowMs) {
          const ep = s.detector.finish();
          if (ep !== null) keep(key, s, ep);
        }
        if (s.detector.idleAt(now) && s.approvals.length === 0) states.delete(key);
      }
      lastSweep = now;
    };

    return {
      push(a: CrossAttempt): void {
        if (a.time - lastSweep > windowMs) sweep(a.time);
        const key = sourceKey(a.source, params.groupBy);
        if (key === null) return;
        let s = states.get(key);
        if (s === undefined) {
          s = { detector: new EpisodeDetector<CrossAttempt>(windowMs, params.minUsers), approvals: [], sample: a };
          states.set(key, s);
        }
        if (a.outcome === 'approved') {
          s.approvals.push(a);
          return;
        }
        const ep = s.detector.push(a, a.time, a.user);
        if (ep !== null) keep(key, s, ep);
      },
      finish(): FindingDraft[] {
        for (const [key, s] of states) {
          const ep = s.detector.finish();
          if (ep !== null) keep(key, s, ep);
        }
        states.clear();
        return closed.map((c) => draftOf(c, params));
      },
    };
  },
};

function draftOf(c: Closed, params: SourceManyUsersParams): FindingDraft {
  const users = [...c.episode.keys].sort();
  const targeted = new Set(users);
  const gaveIn = c.approvals.filter((a) => targeted.has(a.user));
  const approvedUsers = [...new Set(gaveIn.map((a) => a.user))].sort();
  const allIds = sortedUnique([...c.episode.items.flatMap((h) => h.eventIds), ...gaveIn.flatMap((a) => a.eventIds)]);
  const where = params.groupBy === 'ip' && c.sample.source !== undefined ? describeNetwork(c.sample.source) : c.key;
  const shown = users.slice(0, 10);
  const more = users.length > shown.length ? ` and ${users.length - shown.length} more` : '';
  let summary =
    `MFA prompts failed for ${count(users.length, 'user')} from ${where} within ${duration(c.episode.end - c.episode.start)} ` +
    `(${utcSpan(c.episode.start, c.episode.end)}): ${shown.join(', ')}${more}; ${count(c.episode.items.length, 'failed prompt')}`;
  if (approvedUsers.length > 0) summary += `; ${count(approvedUsers.length, 'of them', 'of them')} then approved a prompt from there (${approvedUsers.join(', ')})`;
  const end = gaveIn.reduce((max, a) => Math.max(max, a.time), c.episode.end);
  return {
    rule: 'source-many-users',
    severity: approvedUsers.length > 0 ? 'high' : 'medium',
    user: null,
    source: c.key,
    users,
    start: c.episode.start,
    end,
    eventIds: allIds.slice(0, MAX_EVIDENCE_IDS),
    summary: `${summary}.`,
    detail: {
      approvals: gaveIn.length,
      users: users.length,
      events: allIds.length,
      eventIdsTruncated: allIds.length > MAX_EVIDENCE_IDS,
      approvedUsers,
      groupBy: params.groupBy,
      minUsers: params.minUsers,
      windowMinutes: params.windowMinutes,
    },
  };
}
