/**
 * Benign look-alikes: ordinary events that resemble an attack pattern closely enough to test a
 * rule's precision. Each is labelled with the rules it resembles; none may be raised to medium.
 */
import { ordinaryPrompts, type Away } from './activity.js';
import { makeLaptop, makePhone } from './devices.js';
import { factorEvent, HOUR, makeLabel, MIN, ownSignIn, pointIn, promptFacts, SEC, type Ctx, type Scenario } from './kit.js';
import type { Endpoint, NetPoint, Organisation, Person, Prompt, SimEvent } from './model.js';
import { carrierCity, distanceKm } from './places.js';
import { flakyPhone, helpdeskReenrol, travellerFirstApproved } from './hard-lookalikes.js';
import type { Rng } from './random.js';
import { DAY_MS, localToUtc, weekday } from './timezone.js';

export const LOOKALIKE_KINDS = [
  'traveller',
  'carrier-geo',
  'mistaken-deny',
  'ignored-pushes',
  'laptop-setup',
  'new-phone',
  'night-shift',
  'office-nat',
  'helpdesk-reenrol',
  'traveller-first-approved',
  'flaky-phone',
] as const;
export type LookalikeKind = (typeof LOOKALIKE_KINDS)[number];

/** The person's usual network on a weekday: their office NAT, or home. */
export function usualNet(p: Person): NetPoint {
  return p.office?.egress[0] ?? p.homeNet;
}

function at(p: Person, dayUtc: number, minutes: number, rng: Rng): number {
  return localToUtc(p.home.zone, dayUtc, minutes) + rng.int(0, 59_999);
}

/** A business trip: home in the morning, a flight, sign-ins from the hotel, phone on the same Wi-Fi. */
export function traveller(ctx: Ctx, p: Person, day: number, startUtc: number): Scenario {
  const { rng } = ctx;
  const dest = p.home.lon < -30 ? 'lisbon' : p.home.lon < 60 ? 'new-york' : 'tokyo';
  const hotel = pointIn(ctx.org, rng, dest, 'business');
  const away: Away = { city: hotel.city, net: hotel };
  const home: Endpoint = { net: p.homeNet, device: p.laptop };
  const there: Endpoint = { net: hotel, device: p.laptop };
  const km = distanceKm(p.homeNet, hotel);
  // Door-to-door: airport time plus cruise at ~800 km/h: never faster than an airliner.
  const travelMs = Math.round((km / 800 + 4) * HOUR);
  const d0 = startUtc + day * DAY_MS;
  const leave = at(p, d0, 6 * 60 + 40, rng);
  const arrive = leave + travelMs + rng.int(20, 60) * MIN;
  const back = localToUtc(hotel.city.zone, d0 + 4 * DAY_MS, 7 * 60) + rng.int(0, 59_999);
  const home2 = back + travelMs + rng.int(20, 60) * MIN;
  const sign = (n: number, t: number, e: Endpoint): SimEvent => ownSignIn(ctx, n, p, t, e, ordinaryPrompts(rng, t + 1800, e.net));
  const events = [sign(0, leave, home), sign(1, arrive, there), sign(2, back, there), sign(3, home2, home)];
  const days: Scenario['days'] = [
    { person: p, day, away: null },
    { person: p, day: day + 1, away },
    { person: p, day: day + 2, away },
    { person: p, day: day + 3, away },
    { person: p, day: day + 4, away: null },
  ];
  return {
    events,
    days,
    label: makeLabel(ctx, events, {
      type: 'lookalike', title: `${p.displayName} travels to ${hotel.city.city}; laptop and phone both sign in from the hotel`,
      users: [p], sources: [hotel.ip], rules: ['new-location', 'impossible-travel', 'location-mismatch'],
      facts: { destination: hotel.city.city, distanceKm: Math.round(km), travelHours: Math.round(travelMs / HOUR) },
    }),
  };
}

/** A phone whose carrier geolocates to another city of the same country, every day. */
export function carrierGeo(ctx: Ctx, p: Person, span: readonly [number, number]): Scenario {
  p.carrierGeoHub = true;
  return {
    events: [],
    label: makeLabel(ctx, [], {
      type: 'lookalike', title: `${p.displayName}'s phone carrier geolocates to ${carrierCity(p.home).city}, not ${p.home.city}`,
      users: [p], sources: [], rules: ['location-mismatch'], span, facts: { home: p.home.city, carrierCity: carrierCity(p.home).city },
    }),
  };
}

function singleSignIn(ctx: Ctx, p: Person, dayUtc: number, prompts: (t: number) => Prompt[], title: string, rules: Scenario['label']['rules']): Scenario {
  const t = at(p, dayUtc, p.workStart + 150, ctx.rng);
  const net = usualNet(p);
  const events = [ownSignIn(ctx, 0, p, t, { net, device: p.laptop }, prompts(t + 1500))];
  return { events, label: makeLabel(ctx, events, { type: 'lookalike', title, users: [p], sources: [net.ip], rules, facts: promptFacts(events) }) };
}

export function mistakenDeny(ctx: Ctx, p: Person, dayUtc: number): Scenario {
  return singleSignIn(ctx, p, dayUtc, (t) => ordinaryPrompts(ctx.rng, t, usualNet(p), { noise: 'mistaken_deny' }), `${p.displayName} denies a prompt by mistake and approves the next`, ['push-burst', 'fatigue-approval']);
}

export function ignoredPushes(ctx: Ctx, p: Person, dayUtc: number): Scenario {
  const prompts = (t: number): Prompt[] => {
    const second = t + ctx.rng.int(140, 200) * SEC;
    const third = second + ctx.rng.int(140, 220) * SEC;
    return [
      { sentAt: t, factor: 'push', result: 'timeout' },
      { sentAt: second, factor: 'push', result: 'timeout' },
      { sentAt: third, factor: 'push', result: 'approved', answeredAt: third + ctx.rng.int(4, 12) * SEC, responder: usualNet(p) },
    ];
  };
  return singleSignIn(ctx, p, dayUtc, prompts, `${p.displayName} misses two pushes in a meeting, approves the third`, ['push-burst', 'fatigue-approval']);
}

/** A new laptop: four apps in a quarter of an hour each ask for MFA, all approved from the office. */
export function laptopSetup(ctx: Ctx, p: Person, dayUtc: number): Scenario {
  const laptop = makeLaptop(ctx.rng, { engineer: p.department === 'Engineering', givenName: p.givenName, assetPrefix: 'KF' });
  const net = usualNet(p);
  const t0 = at(p, dayUtc, p.workStart + 40, ctx.rng);
  const events = [0, 1, 2, 3].map((i) => {
    const t = t0 + i * ctx.rng.int(150, 260) * SEC;
    return ownSignIn(ctx, i, p, t, { net, device: laptop }, ordinaryPrompts(ctx.rng, t + 1500, net), i % ctx.org.entra.apps.length);
  });
  return {
    events,
    label: makeLabel(ctx, events, {
      type: 'lookalike', title: `${p.displayName} sets up a new laptop: four MFA prompts in 15 minutes, all approved`, users: [p], sources: [net.ip],
      rules: ['push-burst', 'fatigue-approval'], facts: { prompts: 4, device: laptop.name },
    }),
  };
}

/** A replacement phone enrolled at the desk, right after an ordinary approval on the old one. */
export function newPhone(ctx: Ctx, p: Person, dayUtc: number): Scenario {
  const net = usualNet(p);
  const t = at(p, dayUtc, p.workStart + 75, ctx.rng);
  const own = ownSignIn(ctx, 0, p, t, { net, device: p.laptop }, ordinaryPrompts(ctx.rng, t + 1500, net));
  const phone = makePhone(ctx.rng, { givenName: p.givenName, home: p.home });
  const enrol = factorEvent(ctx, 0, { time: t + ctx.rng.int(3, 6) * MIN, person: p, by: p, client: { net, device: phone }, action: 'enroll', factor: 'push', phone });
  const events: SimEvent[] = [own, enrol];
  return {
    events,
    label: makeLabel(ctx, events, {
      type: 'lookalike', title: `${p.displayName} enrols a new phone at work after an ordinary approval`, users: [p], sources: [net.ip],
      rules: ['post-approval-persistence'], facts: { device: phone.name },
    }),
  };
}

export function nightShift(ctx: Ctx, people: Person[], span: readonly [number, number]): Scenario {
  return {
    events: [],
    label: makeLabel(ctx, [], {
      type: 'lookalike', title: `Night-desk staff (${people.length}) sign in and approve prompts between 22:00 and 07:00 local time`,
      users: people, sources: [], rules: ['odd-hours'], span, facts: { people: people.length },
    }),
  };
}

/** The busiest office's shared NAT; people cast in other scenarios are left out of the label. */
export function officeNat(ctx: Ctx, org: Organisation, span: readonly [number, number], used: ReadonlySet<string>): Scenario | undefined {
  const counts = org.offices.map((o) => ({ o, people: org.people.filter((p) => p.office === o && !used.has(p.key)) }));
  counts.sort((a, b) => b.people.length - a.people.length);
  const top = counts[0];
  if (top === undefined || top.people.length < 3) return undefined;
  return {
    events: [],
    label: makeLabel(ctx, [], {
      type: 'lookalike', title: `${top.people.length} people of ${top.o.name} share two NAT addresses; their daily sign-ins include a few ignored pushes`,
      users: top.people.slice(0, 25), sources: top.o.egress.map((e) => e.ip), rules: ['source-many-users'], span, facts: { people: top.people.length },
    }),
  };
}

export interface LookalikePlan {
  org: Organisation;
  rng: Rng;
  startUtc: number;
  days: number;
  used: Set<string>;
}

/** Place one of each look-alike on people not cast elsewhere; kinds that do not fit are skipped. */
export function planLookalikes(input: LookalikePlan): Scenario[] {
  const { org, rng, startUtc, days, used } = input;
  const span: readonly [number, number] = [startUtc, startUtc + days * DAY_MS - 1];
  const out: Scenario[] = [];
  const take = (fits: (p: Person) => boolean): Person | undefined => {
    const options = org.people.filter((p) => !used.has(p.key) && !p.nightShift && fits(p));
    const p = options.length > 0 ? rng.pick(options) : undefined;
    if (p !== undefined) used.add(p.key);
    return p;
  };
  // A weekday in the middle of the bundle, away from the attack nights at its end.
  const workday = (): number => {
    for (let i = 0; i < 14; i++) {
      const d = rng.int(1, Math.max(1, Math.floor(days * 0.6)));
      const dow = weekday(startUtc + d * DAY_MS);
      if (dow >= 1 && dow <= 5 && d < days) return d;
    }
    return Math.min(1, days - 1);
  };
  LOOKALIKE_KINDS.forEach((kind, i) => {
    const ctx: Ctx = { org, rng: rng.derive(kind), id: `L${String(i + 1).padStart(2, '0')}-${kind}`, scenario: kind };
    let s: Scenario | undefined;
    switch (kind) {
      case 'traveller': {
        if (days < 9) break;
        const p = take((q) => q.vendor === 'okta');
        if (p !== undefined) s = traveller(ctx, p, Math.max(1, Math.floor(days * 0.3)), startUtc);
        break;
      }
      case 'carrier-geo': {
        const p = take((q) => q.home.carrierHub !== undefined && q.vendor !== 'entra');
        if (p !== undefined) s = carrierGeo(ctx, p, span);
        break;
      }
      case 'mistaken-deny': {
        const p = take(() => true);
        if (p !== undefined) s = mistakenDeny(ctx, p, startUtc + workday() * DAY_MS);
        break;
      }
      case 'ignored-pushes': {
        const p = take((q) => q.vendor !== 'entra');
        if (p !== undefined) s = ignoredPushes(ctx, p, startUtc + workday() * DAY_MS);
        break;
      }
      case 'laptop-setup': {
        const p = take((q) => q.vendor === 'entra' && q.office !== undefined);
        if (p !== undefined) s = laptopSetup(ctx, p, startUtc + workday() * DAY_MS);
        break;
      }
      case 'new-phone': {
        const p = take((q) => q.vendor === 'okta');
        if (p !== undefined) s = newPhone(ctx, p, startUtc + workday() * DAY_MS);
        break;
      }
      case 'night-shift': {
        const night = org.people.filter((p) => p.nightShift);
        if (night.length > 0) s = nightShift(ctx, night, span);
        break;
      }
      case 'office-nat':
        s = officeNat(ctx, org, span, used);
        break;
      case 'helpdesk-reenrol': {
        const p = take((q) => q.vendor === 'okta');
        const admin = org.people.find((q) => q.vendor === 'okta' && q.key !== p?.key && (q.admin || q.department === 'IT') && q.office !== undefined);
        if (p !== undefined && admin !== undefined) s = helpdeskReenrol(ctx, p, admin, startUtc + workday() * DAY_MS);
        break;
      }
      case 'traveller-first-approved': {
        if (days < 9) break;
        const p = take((q) => q.vendor === 'entra');
        if (p !== undefined) s = travellerFirstApproved(ctx, p, Math.max(1, Math.floor(days * 0.4)), startUtc);
        break;
      }
      case 'flaky-phone': {
        const p = take((q) => q.vendor !== 'entra');
        if (p !== undefined) s = flakyPhone(ctx, p, startUtc + workday() * DAY_MS);
        break;
      }
    }
    if (s !== undefined) out.push(s);
  });
  return out;
}
