/**
 * location-mismatch (docs/log-sources.md §10 P5): the sign-in that asked for MFA came from one place and the
 * prompt was answered from another. Two ways to see it:
 *   - the vendor logs the answering device (`responder`: Duo auth_device vs access_device, §4);
 *   - otherwise, events of one session (`sessionId`) whose sources are in different places, the
 *     way Splunk's Okta and PingID mismatch rules join the push send and its answer (§9).
 * Places are compared by distance when both sides have coordinates, else by country; an IP change
 * alone never counts (phones on mobile data always have another IP). A traveller whose phone is
 * with them agrees with their laptop, so they raise nothing.
 */
import type { Network } from '../model/event.js';
import type { FindingDraft } from '../model/finding.js';
import { GapGrouper, userFinding, groupMinutesDoc } from './lib/draft.js';
import { count } from '../format/count.js';
import { grouped, MINUTE, utcClock, utcSpan } from './lib/format.js';
import { comparePlaces, describeNetwork } from './lib/geo.js';
import { SessionLocations } from './lib/location.js';
import { isMfaTriggering } from './lib/prompts.js';
import type { RuleEvent, UserRule } from './rule.js';

export type LocationMismatchParams = {
  minDistanceKm: number;
  sessionMinutes: number;
  groupMinutes: number;
};

interface Mismatch {
  /** The event that showed the second place (the answer). */
  event: RuleEvent;
  /** The event of the first place, when it is another event of the session. */
  earlier: RuleEvent | null;
  from: Network;
  to: Network;
  km: number | null;
  via: 'responder' | 'session';
}

export const locationMismatch: UserRule<LocationMismatchParams> = {
  id: 'location-mismatch',
  scope: 'user',
  title: 'Prompt answered from somewhere else',
  description:
    'The device that answered an MFA prompt was far from where the sign-in came from (Duo access vs ' +
    'authentication device), or one sign-in session moved between distant places. On an approved prompt this ' +
    'means someone elsewhere holds the password and got the user to approve it (high); on a refused prompt, ' +
    'someone elsewhere tried (medium).',
  attack: { technique: 'T1621', related: [] },
  params: { minDistanceKm: 500, sessionMinutes: 30, groupMinutes: 60 },
  paramDocs: {
    minDistanceKm: {
      why:
        'Geo-IP of mobile carriers is coarse (docs/log-sources.md §4 receiving device note); 500 km ignores city-level noise and ' +
        'border towns while still catching another country. Splunk PingID compares GeoIP countries (docs/log-sources.md §9); ' +
        'without coordinates we do too.',
      kind: 'number',
      min: 0,
      max: 20_000,
      integer: false,
      unit: 'km',
    },
    sessionMinutes: {
      why: 'A sign-in and its MFA answer happen within minutes; Splunk Okta joins them on externalSessionId (docs/log-sources.md §9). Older session ids are forgotten.',
      kind: 'number',
      min: 1,
      max: 1440,
      integer: false,
      unit: 'minutes',
    },
    groupMinutes: groupMinutesDoc(
      'Mismatches less than an hour apart are one episode (Panther dedup windows are 15–60 minutes, docs/log-sources.md §9).',
    ),
  },
  evaluate(params, user) {
    const sessions = new SessionLocations(params.sessionMinutes * MINUTE);
    const groups = new GapGrouper<Mismatch>(params.groupMinutes * MINUTE);

    return {
      push(e: RuleEvent): void {
        const earlier = sessions.observe(e);
        if (e.source === undefined) return;
        // Where the answer's own record is the answering device (Okta: its client is both source
        // and responder), only the session join with the sign-in can show a mismatch.
        if (e.responder !== undefined && e.responder.ip !== e.source.ip) {
          const cmp = comparePlaces(e.source, e.responder, params.minDistanceKm);
          if (cmp.verdict === 'differ') groups.push({ event: e, earlier: null, from: e.source, to: e.responder, km: cmp.km, via: 'responder' }, e.time);
          return;
        }
        if (earlier?.source === undefined) return;
        if (!isMfaTriggering(e) && !isMfaTriggering(earlier)) return;
        const cmp = comparePlaces(earlier.source, e.source, params.minDistanceKm);
        if (cmp.verdict === 'differ') groups.push({ event: e, earlier, from: earlier.source, to: e.source, km: cmp.km, via: 'session' }, e.time);
      },
      finish(): FindingDraft[] {
        return groups.finish().map((g) => draftOf(g.items, user));
      },
    };
  },
};

function draftOf(items: readonly Mismatch[], user: string): FindingDraft {
  const approved = items.filter((m) => m.event.outcome === 'approved');
  const denied = items.filter((m) => m.event.outcome === 'denied' || m.event.outcome === 'fraud_reported').length;
  const first = items[0];
  const ids: number[] = [];
  for (const m of items) {
    ids.push(m.event.id);
    if (m.earlier !== null) ids.push(m.earlier.id);
  }
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  let maxKm: number | null = null;
  for (const m of items) {
    start = Math.min(start, m.earlier?.time ?? m.event.time);
    end = Math.max(end, m.event.time);
    if (m.km !== null) maxKm = Math.max(maxKm ?? 0, m.km);
  }
  const apart = maxKm === null ? 'in another country' : `${grouped(maxKm)} km away`;
  const how = first?.via === 'responder' ? 'the answering device was at' : 'the same session was then used from';
  const head =
    first === undefined
      ? ''
      : `sign-in came from ${describeNetwork(first.from)} but ${how} ${describeNetwork(first.to)}, ${apart}`;
  const outcome: string[] = [];
  if (approved.length > 0) outcome.push(`${approved.length} approved (last at ${utcClock(approved[approved.length - 1]?.event.time ?? end)})`);
  if (denied > 0) outcome.push(`${denied} denied`);
  const rest = items.length - approved.length - denied;
  if (rest > 0) outcome.push(`${rest} other`);
  const summary =
    `${count(items.length, 'MFA event')} (${utcSpan(start, end)}) where the ${head}; ${outcome.join(', ')}.` +
    (approved.length > 0 ? ' An approval from a distant device means someone else holds the password.' : '');
  return userFinding({
    rule: 'location-mismatch',
    severity: approved.length > 0 ? 'high' : 'medium',
    user,
    start,
    end,
    eventIds: ids,
    summary: summary.charAt(0).toUpperCase() + summary.slice(1),
    detail: {
      approvals: approved.length,
      events: items.length,
      denied,
      maxDistanceKm: maxKm === null ? null : Math.round(maxKm),
      via: first?.via ?? 'responder',
      fromIp: first?.from.ip ?? null,
      toIp: first?.to.ip ?? null,
    },
  });
}
