/**
 * new-location: MFA activity from a country (or network, by ASN) this user was never seen in
 * earlier in the case. No public rule thresholds this; it ports the intent of the "New IP" /
 * "New Device" behaviours Splunk's Okta mismatch rule relies on and PingID's POLICY "New Device"
 * flag (docs/log-sources.md §9, P5). It needs a baseline: nothing fires until the user has enough located history,
 * so the first day of a case is not all "new".
 *
 * Where the answering phone was decides between a traveller and an attacker: Duo logs it as the
 * responder; Okta logs the push's answer from the phone's own address, so for a paired attempt
 * the answer's source is where the phone was. A new network (ASN) in a country the user already
 * uses is everyday (a phone on mobile data, a hotel's Wi-Fi): info, on the timeline only.
 */
import type { FindingDraft } from '../model/finding.js';
import { userFinding } from './lib/draft.js';
import { count } from '../format/count.js';
import { HOUR, listWords, utcSpan } from './lib/format.js';
import { comparePlaces, countryOf, describeSources } from './lib/geo.js';
import { LocationHistory } from './lib/location.js';
import { isMfaTriggering, type Ordered } from './lib/prompts.js';
import type { RuleEvent, UserRule } from './rule.js';

export type NewLocationParams = {
  minBaselineEvents: number;
  minBaselineHours: number;
  groupHours: number;
  checkAsn: boolean;
  minDistanceKm: number;
};

interface Sighting {
  kind: 'country' | 'asn';
  country: string | null;
  asn: number | null;
  asOrg: string | null;
  firstSeen: number;
  baselineEvents: number;
  baselineCountries: string[];
  events: RuleEvent[];
  approved: number;
  /** Prompts from the new place that were denied, ignored, reported or blocked. */
  failed: number;
  /** Prompts sent (Okta logs the send apart from the answer; an ignored push is a send alone). */
  sent: number;
  responderAgrees: number;
  responderDiffers: number;
}

export const newLocation: UserRule<NewLocationParams> = {
  id: 'new-location',
  scope: 'user',
  title: 'MFA from a new country or network',
  description:
    'MFA prompts or interrupts from a country, or a network (ASN), that this user had not used earlier in the ' +
    'case. A new country is medium; it drops to low when the answering phone was in the same place (a traveller ' +
    'with their phone). A new network in a known country is info. Silent until the user has enough history.',
  attack: { technique: 'T1621', related: ['T1078'] },
  foldsInto: ['fatigue-approval', 'push-burst'],
  foldContext: (folded) => {
    const countries = [...new Set(folded.filter((f) => f.detail['kind'] === 'country').map((f) => f.detail['country']).filter((c): c is string => typeof c === 'string' && c !== ''))].sort();
    const kinds = new Set(folded.map((f) => f.detail['kind']));
    const asns = folded.filter((f) => f.detail['kind'] === 'asn').map((f) => f.detail['asn']).filter((a): a is number => typeof a === 'number');
    const parts: string[] = [];
    if (kinds.has('country')) parts.push(`first MFA activity for this user from ${listWords(countries.length === 0 ? ['a new country'] : countries)}`);
    if (asns.length > 0) parts.push(`from ${count(asns.length, 'network')} new to them (${asns.map((a) => `AS${a}`).join(', ')})`);
    return parts.join(', and ');
  },
  params: { minBaselineEvents: 10, minBaselineHours: 48, groupHours: 24, checkAsn: true, minDistanceKm: 500 },
  paramDocs: {
    minBaselineEvents: {
      why: 'No public threshold (docs/log-sources.md §9 has none for novelty); 10 located events is the least history that says where a user usually is.',
      kind: 'number',
      min: 1,
      max: 100_000,
      integer: true,
      unit: 'events',
    },
    minBaselineHours: {
      why: 'The history must also span two days, so one busy morning is not taken for a baseline.',
      kind: 'number',
      min: 0,
      max: 8760,
      integer: false,
      unit: 'hours',
    },
    groupHours: {
      why: 'MFA events from the new place within a day of its first sighting are one finding; afterwards the place is known.',
      kind: 'number',
      min: 0,
      max: 720,
      integer: false,
      unit: 'hours',
    },
    checkAsn: {
      why: 'A new ASN in a known country (mobile data, a new ISP, a hotel) is everyday; it is reported as info for the timeline, or switch it off.',
      kind: 'boolean',
    },
    minDistanceKm: {
      why: 'Same as location-mismatch: within 500 km the answering phone counts as being with the user.',
      kind: 'number',
      min: 0,
      max: 20_000,
      integer: false,
      unit: 'km',
    },
  },
  evaluate(params, user) {
    const history = new LocationHistory(params.minBaselineEvents, params.minBaselineHours * HOUR);
    const groupMs = params.groupHours * HOUR;
    const open = new Map<string, Sighting>();
    const done: Sighting[] = [];

    const close = (now: number): void => {
      for (const [key, s] of open) {
        if (now - s.firstSeen <= groupMs) continue;
        if (s.events.length > 0) done.push(s);
        open.delete(key);
      }
    };

    /** `phone`: where the phone that answered this event's prompt was, when known. */
    const see = (e: RuleEvent, phone: RuleEvent['responder']): void => {
      close(e.time);
      const baselineEvents = history.size;
      const novelty = history.observe(e);
      if (novelty.newCountry !== null) {
        const baselineCountries = history.knownCountries().filter((c) => c !== novelty.newCountry);
        open.set(`c:${novelty.newCountry}`, sighting(e, 'country', novelty.newCountry, baselineEvents, baselineCountries));
      } else if (novelty.newAsn !== null && params.checkAsn) {
        open.set(`a:${novelty.newAsn}`, sighting(e, 'asn', countryOf(e.source), baselineEvents, history.knownCountries()));
      }
      if (open.size === 0 || !isMfaTriggering(e)) return;
      const country = countryOf(e.source);
      const asn = e.source?.asn;
      const s = (country === null ? undefined : open.get(`c:${country}`)) ?? (asn === undefined ? undefined : open.get(`a:${asn}`));
      if (s === undefined) return;
      s.events.push(e);
      if (e.outcome === 'approved') s.approved++;
      else if (FAILED_OUTCOMES.has(e.outcome)) s.failed++;
      else if (e.outcome === 'challenge_sent') s.sent++;
      if (phone !== undefined) {
        const cmp = comparePlaces(e.source, phone, params.minDistanceKm);
        if (cmp.verdict === 'agree') s.responderAgrees++;
        if (cmp.verdict === 'differ') s.responderDiffers++;
      }
    };

    return {
      take(item: Ordered): void {
        if (item.kind === 'event') {
          see(item.event, item.event.responder);
          return;
        }
        const { first, answer } = item.attempt;
        const separate = answer !== null && answer !== first ? answer : null;
        see(first, first.responder ?? separate?.source);
        // The answer's own source is the phone: compared with itself it says nothing.
        if (separate !== null) see(separate, separate.responder);
      },
      finish(): FindingDraft[] {
        close(Number.POSITIVE_INFINITY);
        return done.map((s) => draftOf(s, user));
      },
    };
  },
};

const FAILED_OUTCOMES: ReadonlySet<RuleEvent['outcome']> = new Set<RuleEvent['outcome']>(['denied', 'timeout', 'fraud_reported', 'failed_other']);

function sighting(e: RuleEvent, kind: Sighting['kind'], country: string | null, baselineEvents: number, baselineCountries: string[]): Sighting {
  const asn = e.source?.asn ?? null;
  return { kind, country, asn, asOrg: e.source?.asOrg ?? null, firstSeen: e.time, baselineEvents, baselineCountries, events: [], approved: 0, failed: 0, sent: 0, responderAgrees: 0, responderDiffers: 0 };
}

function draftOf(s: Sighting, user: string): FindingDraft {
  const first = s.events[0];
  const last = s.events[s.events.length - 1];
  const start = first?.time ?? s.firstSeen;
  const end = last?.time ?? s.firstSeen;
  const traveller = s.kind === 'country' && s.responderAgrees > 0 && s.responderDiffers === 0;
  // Approved at once with no prompt refused or ignored from there, and no sign of the phone elsewhere:
  // how a trip looks, not how a stolen password does (that needs pressure, or a phone far away).
  const atOnce = s.kind === 'country' && !traveller && s.approved > 0 && s.failed === 0 && s.sent <= s.approved && s.responderDiffers === 0;
  const what =
    s.kind === 'country'
      ? `country ${s.country ?? '?'}`
      : `network AS${s.asn ?? '?'}${s.asOrg === null ? '' : ` (${s.asOrg})`}${s.country === null ? '' : ` in ${s.country}`}`;
  const sources = describeSources(s.events).text;
  const parts = [`First MFA activity for this user from ${what}: ${count(s.events.length, 'MFA event')} (${utcSpan(start, end)})${sources === '' ? '' : ` ${sources}`}`];
  if (s.approved > 0) parts.push(`${s.approved} approved`);
  parts.push(`the ${count(s.baselineEvents, 'earlier located event')} came from ${listWords(s.baselineCountries.length === 0 ? ['other networks'] : s.baselineCountries)}`);
  if (traveller) parts.push('the answering phone was in the same place, as when the user travels');
  if (atOnce) parts.push('approved at once, with no prompt denied or ignored from there and no sign of the phone elsewhere: severity lowered, as for a trip');
  return userFinding({
    rule: 'new-location',
    severity: s.kind === 'asn' ? 'info' : traveller || atOnce ? 'low' : 'medium',
    user,
    start,
    end,
    eventIds: s.events.map((e) => e.id),
    summary: `${parts.join('; ')}.`,
    detail: {
      approvals: s.approved,
      events: s.events.length,
      kind: s.kind,
      country: s.country,
      asn: s.asn,
      baselineEvents: s.baselineEvents,
      baselineCountries: s.baselineCountries,
      responderAgrees: s.responderAgrees,
      responderDiffers: s.responderDiffers,
      failedPrompts: s.failed,
      lowered: traveller || atOnce,
    },
  });
}
