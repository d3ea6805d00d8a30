/**
 * impossible-travel: two consecutive located events of one user too far apart for the time
 * between them. Supporting evidence, not proof: corporate VPN exits and geo-IP errors move users
 * too, so this stays medium and never decides a verdict alone.
 */
import type { FindingDraft } from '../model/finding.js';
import { GapGrouper, userFinding, groupMinutesDoc } from './lib/draft.js';
import { count } from '../format/count.js';
import { duration, grouped, HOUR, MINUTE, utcClock, utcStamp } from './lib/format.js';
import { coordinatesOf, describeNetwork, haversineKm } from './lib/geo.js';
import type { RuleEvent, UserRule } from './rule.js';

export type ImpossibleTravelParams = {
  maxSpeedKmh: number;
  minDistanceKm: number;
  groupMinutes: number;
};

interface Jump {
  from: RuleEvent;
  to: RuleEvent;
  km: number;
  /** km/h; Infinity when both events have the same time. */
  speed: number;
}

export const impossibleTravel: UserRule<ImpossibleTravelParams> = {
  id: 'impossible-travel',
  scope: 'user',
  title: 'Impossible travel',
  description:
    'Consecutive sign-in or MFA events of one user from places too far apart for the time between them ' +
    '(faster than an airliner, so not travel): a second person using the account, or a proxy or VPN exit. Inside a prompt ' +
    'campaign already reported it is told as part of that finding.',
  attack: { technique: 'T1621', related: ['T1078'] },
  foldsInto: ['fatigue-approval', 'push-burst'],
  foldContext: (folded) => {
    const jumps = folded.reduce((n, f) => n + (typeof f.detail['jumps'] === 'number' ? f.detail['jumps'] : 0), 0);
    const km = Math.max(...folded.map((f) => (typeof f.detail['maxDistanceKm'] === 'number' ? f.detail['maxDistanceKm'] : 0)));
    return (
      `${count(jumps, 'jump')} between addresses up to ${grouped(km)} km apart, faster than any airliner: not travel but two places at once ` +
      '(proxies or VPN exits, or the prompting sign-in far from the phone that answered)'
    );
  },
  params: { maxSpeedKmh: 1000, minDistanceKm: 500, groupMinutes: 60 },
  paramDocs: {
    maxSpeedKmh: {
      why: 'Airliners cruise below 1000 km/h; no public T1621 rule in docs/log-sources.md §9 sets this, it is the usual impossible-travel cut-off.',
      kind: 'number',
      min: 1,
      max: 100_000,
      integer: false,
      unit: 'km/h',
    },
    minDistanceKm: {
      why: 'Geo-IP places one address hundreds of km off, mobile carriers worse (docs/log-sources.md §4); jumps under 500 km are ignored.',
      kind: 'number',
      min: 0,
      max: 20_000,
      integer: false,
      unit: 'km',
    },
    groupMinutes: groupMinutesDoc(
      'Back-and-forth jumps (two people on one account) less than an hour apart are one finding.',
    ),
  },
  evaluate(params, user) {
    let last: RuleEvent | null = null;
    const groups = new GapGrouper<Jump>(params.groupMinutes * MINUTE);
    return {
      push(e: RuleEvent): void {
        const here = coordinatesOf(e.source);
        if (here === null) return;
        const prev = last;
        last = e;
        const there = prev === null ? null : coordinatesOf(prev.source);
        if (prev === null || there === null) return;
        const km = haversineKm(there.lat, there.lon, here.lat, here.lon);
        const hours = (e.time - prev.time) / HOUR;
        const speed = hours > 0 ? km / hours : Number.POSITIVE_INFINITY;
        if (km >= params.minDistanceKm && speed > params.maxSpeedKmh) groups.push({ from: prev, to: e, km, speed }, e.time);
      },
      finish(): FindingDraft[] {
        return groups.finish().map((g) => draftOf(g.items, user));
      },
    };
  },
};

function speedText(j: Jump): string {
  return Number.isFinite(j.speed) ? `about ${grouped(j.speed)} km/h` : 'at the same moment';
}

function draftOf(jumps: readonly Jump[], user: string): FindingDraft {
  let worst = jumps[0];
  const ids: number[] = [];
  let approvals = 0;
  for (const j of jumps) {
    ids.push(j.from.id, j.to.id);
    if (j.to.outcome === 'approved') approvals++;
    if (worst === undefined || j.speed > worst.speed || (j.speed === worst.speed && j.km > worst.km)) worst = j;
  }
  const first = jumps[0];
  const lastJump = jumps[jumps.length - 1];
  const start = first?.from.time ?? 0;
  const end = lastJump?.to.time ?? start;
  let summary = '';
  if (worst !== undefined && worst.from.source !== undefined && worst.to.source !== undefined) {
    summary =
      `${describeNetwork(worst.from.source)} at ${utcStamp(worst.from.time)} then ${describeNetwork(worst.to.source)} at ` +
      `${utcClock(worst.to.time)}: ${grouped(worst.km)} km in ${duration(worst.to.time - worst.from.time)} (${speedText(worst)}), faster than any airliner: ` +
      'nobody travelled; the address changed (a proxy or VPN exit, or a second person on the account)';
  }
  if (jumps.length > 1) summary += `; ${count(jumps.length, 'such jump')} in ${duration(end - start)}`;
  if (approvals > 0) summary += `; ${approvals} of the arriving events were approved prompts`;
  return userFinding({
    rule: 'impossible-travel',
    severity: 'medium',
    user,
    start,
    end,
    eventIds: ids,
    summary: `${summary}.`,
    detail: {
      approvals,
      jumps: jumps.length,
      maxDistanceKm: Math.round(worst?.km ?? 0),
      maxSpeedKmh: worst === undefined || !Number.isFinite(worst.speed) ? null : Math.round(worst.speed),
    },
  });
}
