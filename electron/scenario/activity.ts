/**
 * Ordinary days: each person signs in during their working hours from the office NAT or home,
 * answers MFA prompts within seconds on a phone that sits on the same Wi-Fi or its carrier,
 * and occasionally produces the benign noise every real log has (an ignored push, a mistaken
 * deny, an MFA interrupt). One person-day is generated from its own random stream, so the
 * bundle can produce days in any order and still write identical files.
 */
import type { Endpoint, NetPoint, Organisation, Person, Prompt, SignInEvent, SimEvent } from './model.js';
import { carrierCity, geoPoint, hostIn, networksOf, type City } from './places.js';
import { netIn } from './population.js';
import type { Rng } from './random.js';
import { localToUtc, weekday, type Zone } from './timezone.js';

const S = 1000;
const MIN = 60 * S;

/** Where a person is on a given day when it is not their usual place (a trip). */
export interface Away {
  city: City;
  /** Hotel or client-site network the laptop (and the phone's Wi-Fi) uses. */
  net: NetPoint;
}

export interface DayInput {
  org: Organisation;
  person: Person;
  day: number;
  /** UTC midnight of the calendar date (the person's local date). */
  dayUtc: number;
  rng: Rng;
  away?: Away;
}

/** The phone on the carrier's network where the person is; some carriers geolocate to a hub city. */
export function carrierPoint(org: Organisation, person: Person, where: City, rng: Rng): NetPoint {
  const networks = networksOf(where, 'mobile');
  if (networks.length === 0) return netIn(where, 'residential', rng, org.ipStyle);
  const network = rng.pick(networks);
  const ip = hostIn(network.block, rng, org.ipStyle);
  const geoCity = person.carrierGeoHub ? carrierCity(where) : where;
  return { ip, city: geoCity, network, ...geoPoint(geoCity, ip) };
}

/** Where the laptop is today: office NAT, home broadband, or the trip's network. */
function clientNet(input: DayInput): NetPoint {
  const { person, rng, away, dayUtc } = input;
  if (away !== undefined) return away.net;
  const dow = weekday(dayUtc);
  const atOffice =
    person.office !== undefined &&
    (person.pattern === 'office' ? rng.chance(0.92) : person.pattern === 'hybrid' ? dow >= 2 && dow <= 4 && rng.chance(0.9) : false);
  return atOffice && person.office !== undefined ? rng.pick(person.office.egress) : person.homeNet;
}

/** The phone answers over the same Wi-Fi most of the time, otherwise over its carrier. */
function responderNet(input: DayInput, client: NetPoint): NetPoint {
  const { org, person, rng, away } = input;
  const onWifi = rng.chance(client === person.homeNet || away !== undefined ? 0.75 : 0.55);
  if (onWifi && !person.carrierGeoHub) return client;
  return carrierPoint(org, person, away?.city ?? person.home, rng);
}

export interface PromptPlan {
  /** Benign noise before the approval: none, one ignored push, or a mistaken deny. */
  noise?: 'ignored' | 'mistaken_deny';
}

/**
 * Prompts of one ordinary MFA sign-in starting at `sentAt`: approved in a few seconds, with
 * rare noise. Push for everyone; Okta's and Duo's phones report where they answered from.
 */
export function ordinaryPrompts(rng: Rng, sentAt: number, responder: NetPoint, plan: PromptPlan = {}): Prompt[] {
  const prompts: Prompt[] = [];
  let t = sentAt;
  if (plan.noise === 'ignored') {
    // The user was away from the phone; the app asks again a minute or two later.
    prompts.push({ sentAt: t, factor: 'push', result: 'timeout' });
    t += rng.int(70, 150) * S;
  } else if (plan.noise === 'mistaken_deny') {
    const answered = t + rng.jitter(5 * S, 1.5 * S, 2 * S);
    prompts.push({ sentAt: t, factor: 'push', result: 'denied', answeredAt: answered, responder });
    t = answered + rng.int(20, 50) * S;
  }
  prompts.push({ sentAt: t, factor: 'push', result: 'approved', answeredAt: t + rng.jitter(8 * S, 3.5 * S, 2500), responder });
  return prompts;
}

function noise(rng: Rng): PromptPlan {
  const r = rng.next();
  if (r < 0.015) return { noise: 'ignored' };
  if (r < 0.021) return { noise: 'mistaken_deny' };
  return {};
}

function signIn(input: DayInput, n: number, time: number, client: Endpoint, fields: Partial<SignInEvent>): SignInEvent {
  const { person, day } = input;
  return {
    kind: 'signin',
    key: `${person.key}/d${day}/s${n}`,
    time,
    vendor: person.vendor,
    scenario: '',
    person,
    client,
    app: 0,
    sessionKey: `${person.key}/d${day}/s${n}`,
    mfa: 'remembered',
    prompts: [],
    actor: 'user',
    ssoApps: 0,
    ...fields,
  };
}

/** One MFA sign-in or a remembered one, in the vendor's typical shape. */
function session(input: DayInput, n: number, time: number, client: Endpoint, mfaChance: number): SignInEvent {
  const { rng, person } = input;
  const prompt = rng.chance(mfaChance);
  const responder = responderNet(input, client.net);
  const atOffice = person.office?.egress.includes(client.net) === true;
  const prompts = prompt ? ordinaryPrompts(rng, time + rng.int(1200, 2600), responder, noise(rng)) : [];
  // Duo remembers devices only for browser applications (app 2); the VPN and SSH always push.
  const app = person.vendor === 'entra' ? rng.int(0, input.org.entra.apps.length - 1) : person.vendor === 'duo' ? (!prompt ? 2 : n === 0 ? 0 : rng.int(0, 2)) : 0;
  return signIn(input, n, time, client, {
    mfa: prompt ? 'prompt' : 'remembered',
    prompts,
    app,
    // Entra asks with 50074 for per-user MFA, and with 50076 when the Conditional Access policy
    // for sign-ins outside the office's trusted network applies (never at the office itself).
    interrupt: person.vendor === 'entra' && prompt ? (!atOffice && rng.chance(0.5) ? 50076 : 50074) : undefined,
    ssoApps: person.vendor === 'okta' ? rng.int(0, 3) : 0,
  });
}

/** Vendor habits: Okta asks every morning, Entra remembers MFA for days, Duo guards each VPN connect. */
const FIRST_MFA: Readonly<Record<Person['vendor'], number>> = { okta: 0.88, entra: 0.3, duo: 0.93 };
const LATER_MFA: Readonly<Record<Person['vendor'], number>> = { okta: 0.2, entra: 0.05, duo: 0.55 };

/** One person's ordinary events for one local calendar date. */
export function personDay(input: DayInput): SimEvent[] {
  const { person, rng, dayUtc, away } = input;
  if (person.holiday !== undefined && input.day >= person.holiday[0] && input.day <= person.holiday[1]) return [];
  const zone: Zone = away?.city.zone ?? person.home.zone;
  const dow = weekday(dayUtc);
  const net = clientNet(input);
  const client: Endpoint = { net, device: person.laptop };
  const events: SimEvent[] = [];

  if (dow === 0 || dow === 6) {
    // Weekends: now and then someone checks mail in the evening.
    if (!rng.chance(0.06)) return [];
    const t = localToUtc(zone, dayUtc, rng.int(17 * 60, 21 * 60) + rng.next());
    events.push(session(input, 0, t, { net: person.homeNet, device: person.laptop }, FIRST_MFA[person.vendor]));
    return events;
  }

  const start = localToUtc(zone, dayUtc, person.workStart + rng.int(-10, 25) + rng.next());
  const end = localToUtc(zone, dayUtc, person.workEnd + rng.int(-20, 20));
  events.push(session(input, 0, start, client, FIRST_MFA[person.vendor]));

  // Later sign-ins: after lunch, another app, a VPN reconnect or an SSH hop.
  const later = person.vendor === 'entra' ? rng.int(1, 3) : person.vendor === 'duo' ? rng.int(0, 2) : rng.int(0, 1);
  for (let i = 1; i <= later; i++) {
    const t = start + Math.round(((end - start) * (i + rng.real(-0.3, 0.3))) / (later + 1));
    events.push(session(input, i, Math.max(start + 5 * MIN, t), client, LATER_MFA[person.vendor]));
  }
  return events;
}
