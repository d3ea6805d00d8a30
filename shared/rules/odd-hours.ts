/**
 * odd-hours: MFA prompts at hours of the day when this user is never active in the case's
 * history. Push-bombing often runs at night, when a half-awake user taps "approve". Weak on its
 * own (shift work, travel), so always low, and silent until there is enough history.
 *
 * State is a 24-bucket histogram of UTC hours plus a day counter. Hours are UTC: the comparison
 * is with the same user's own UTC history, so no time zone is needed. Flagged events are not
 * learnt, so an attacker returning on later nights is flagged again. Events are learnt only when
 * their burst of activity (events less than `groupMinutes` apart) is over: an attacker's sign-in
 * logs records that are not prompts (Okta's password step comes first), and learning those at once
 * would make the hour look usual just before the prompts they lead to.
 *
 * A late sign-in by the user themselves — every prompt approved, from networks (ASNs) the user
 * already used — is only info: people work late from home. Low needs a prompt that was refused,
 * ignored or reported, or a network new to the user.
 */
import type { FindingDraft } from '../model/finding.js';
import { GapGrouper, userFinding, groupMinutesDoc } from './lib/draft.js';
import { count } from '../format/count.js';
import { DAY, HOUR, MINUTE, utcSpan } from './lib/format.js';
import { describeSources } from './lib/geo.js';
import { isMfaTriggering } from './lib/prompts.js';
import type { RuleEvent, UserRule } from './rule.js';

export type OddHoursParams = {
  minBaselineEvents: number;
  minBaselineDays: number;
  toleranceHours: number;
  groupMinutes: number;
};

interface Baseline {
  text: string;
  events: number;
  days: number;
}

interface Flagged {
  e: RuleEvent;
  base: Baseline;
  /** The event came from a network the user had used before (or names none). */
  familiar: boolean;
}

/** The network of an event's source: its ASN, else its country; null when it has neither. */
function networkKey(e: RuleEvent): string | null {
  const net = e.source;
  if (net?.asn !== undefined) return `AS${net.asn}`;
  const country = net?.geo?.country;
  return country === undefined ? null : country.toUpperCase();
}

const REFUSED: ReadonlySet<string> = new Set(['denied', 'timeout', 'fraud_reported', 'failed_other']);

function utcHour(ms: number): number {
  return Math.floor((((ms % DAY) + DAY) % DAY) / HOUR);
}

/** "07–18 UTC" style list of the hours that have activity, e.g. "07–12, 14–18 UTC". */
export function activeHoursText(hist: readonly number[]): string {
  const ranges: string[] = [];
  let h = 0;
  while (h < 24) {
    if ((hist[h] ?? 0) === 0) {
      h++;
      continue;
    }
    const from = h;
    while (h < 24 && (hist[h] ?? 0) > 0) h++;
    const two = (n: number): string => String(n).padStart(2, '0');
    ranges.push(from === h - 1 ? `${two(from)}:00–${two(from)}:59` : `${two(from)}:00–${two(h - 1)}:59`);
  }
  return ranges.length === 0 ? 'none' : `${ranges.join(', ')} UTC`;
}

export const oddHours: UserRule<OddHoursParams> = {
  id: 'odd-hours',
  scope: 'user',
  title: 'MFA at unusual hours',
  description:
    'MFA prompts at an hour of the day (UTC) in which this user has no other activity in the case, ' +
    'nor in the neighbouring hours. Low: a hint for the timeline, not evidence alone; info when every prompt was ' +
    'approved from a network the user already used.',
  attack: { technique: 'T1621', related: [] },
  params: { minBaselineEvents: 30, minBaselineDays: 5, toleranceHours: 1, groupMinutes: 60 },
  paramDocs: {
    minBaselineEvents: {
      why: 'No public rule in docs/log-sources.md §9 sets this; 30 events is the least that shows a daily pattern.',
      kind: 'number',
      min: 1,
      max: 100_000,
      integer: true,
      unit: 'events',
    },
    minBaselineDays: {
      why: 'The pattern must come from at least 5 different days (a working week), not one long session.',
      kind: 'number',
      min: 1,
      max: 365,
      integer: true,
      unit: 'days',
    },
    toleranceHours: {
      why: 'Someone active until 18:59 may well sign in at 19:30: the hours next to a used hour are not odd.',
      kind: 'number',
      min: 0,
      max: 11,
      integer: true,
      unit: 'hours',
    },
    groupMinutes: groupMinutesDoc(
      'Odd-hour prompts less than an hour apart are one finding.',
    ),
  },
  evaluate(params, user) {
    const hist = new Array<number>(24).fill(0);
    let learnt = 0;
    let days = 0;
    let lastDay: number | null = null;
    const groupMs = params.groupMinutes * MINUTE;
    const groups = new GapGrouper<Flagged>(groupMs);
    // The baseline as it stood before a run of odd events; shared by the run, rebuilt after learning.
    let snapshot: Baseline | null = null;
    // The current burst's unflagged events, learnt when the burst is over.
    const pending: RuleEvent[] = [];
    const knownNetworks = new Set<string>();
    let lastTime = Number.NEGATIVE_INFINITY;

    const odd = (hour: number): boolean => {
      for (let d = -params.toleranceHours; d <= params.toleranceHours; d++) if ((hist[(hour + d + 24) % 24] ?? 0) > 0) return false;
      return true;
    };

    const learn = (): void => {
      for (const e of pending) {
        const t = e.time;
        const net = networkKey(e);
        if (net !== null) knownNetworks.add(net);
        const hour = utcHour(t);
        hist[hour] = (hist[hour] ?? 0) + 1;
        learnt++;
        const day = Math.floor(t / DAY);
        if (day !== lastDay) {
          days++;
          lastDay = day;
        }
      }
      pending.length = 0;
      snapshot = null;
    };

    return {
      push(e: RuleEvent): void {
        // A burst that never pauses (a service account) is learnt a day at a time, so memory stays bounded.
        if (e.time - lastTime > groupMs || e.time - (pending[0]?.time ?? e.time) > DAY) learn();
        lastTime = e.time;
        const ready = learnt >= params.minBaselineEvents && days >= params.minBaselineDays;
        if (ready && isMfaTriggering(e) && odd(utcHour(e.time))) {
          snapshot ??= { text: activeHoursText(hist), events: learnt, days };
          const net = networkKey(e);
          groups.push({ e, base: snapshot, familiar: net === null || knownNetworks.has(net) }, e.time);
          return;
        }
        pending.push(e);
      },
      finish(): FindingDraft[] {
        return groups.finish().map((g) => {
          const base = g.items[0]?.base ?? { text: 'none', events: learnt, days };
          const events = g.items.map((i) => i.e);
          const sources = describeSources(events).text;
          const approvals = events.filter((e) => e.outcome === 'approved').length;
          const ownLateSignIn = g.items.every((i) => i.familiar) && !events.some((e) => REFUSED.has(e.outcome));
          return userFinding({
            rule: 'odd-hours',
            severity: ownLateSignIn ? 'info' : 'low',
            user,
            start: g.start,
            end: g.end,
            eventIds: events.map((e) => e.id),
            summary:
              `${count(g.items.length, 'MFA event')} at ${utcSpan(g.start, g.end)}${sources === '' ? '' : ` ${sources}`}, ` +
              `outside this user's usual hours (${base.text}, from ${count(base.events, 'earlier event')} on ${count(base.days, 'day')})` +
              (approvals > 0 ? `; ${approvals} approved` : '') +
              (ownLateSignIn ? ', every prompt approved from networks this user already used' : '') +
              '.',
            detail: { approvals, events: g.items.length, baselineEvents: base.events, baselineDays: base.days, familiarNetworks: ownLateSignIn },
          });
        });
      },
    };
  },
};
