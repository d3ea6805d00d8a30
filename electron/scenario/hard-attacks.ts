/**
 * Attacks shaped to stay under the thresholds of public rules (issue 17), each at parameters drawn
 * from the scenario's own random stream, so two seeds give two variants of every class:
 * low-and-slow pushes through the night, rotating residential proxies, the password on one
 * identity provider and the prompts on another, SMS and voice floods, number-matching failures,
 * and bombing during working hours from a nearby city.
 */
import { attackerEndpoint, attackerPhone, burst, factorEvent, makeLabel, MIN, ownSignIn, promptFacts, SEC, steps, type Ctx, type Scenario } from './kit.js';
import { foreignHosting } from './attacks.js';
import type { Endpoint, Person, SignInEvent, SimEvent } from './model.js';
import { CITIES } from './places.js';
import { localToUtc } from './timezone.js';

const last = <T>(items: readonly T[]): T | undefined => items[items.length - 1];
const answeredAt = (e: SignInEvent | undefined): number => {
  const p = e === undefined ? undefined : last(e.prompts);
  return p?.answeredAt ?? p?.sentAt ?? e?.time ?? 0;
};

/**
 * One push every 10–20 minutes from one foreign address from after midnight to dawn, none
 * answered (Okta logs only the sends); the next push at dawn is approved and the attacker enrols
 * their own Okta Verify minutes later. Never 5 in 10 minutes.
 */
export function oktaLowAndSlow(ctx: Ctx, victim: Person, nightUtc: number): Scenario {
  const { rng } = ctx;
  const attacker = foreignHosting(ctx, victim);
  const start = localToUtc(victim.home.zone, nightUtc, rng.int(30, 90)) + rng.int(0, 59_999);
  const pushes = rng.int(16, 24);
  const events: SignInEvent[] = [];
  let t = start;
  for (let i = 0; i <= pushes; i++) {
    const approve = i === pushes;
    // One sign-in per push: a tool re-submitting the password, as in the demo's campaign.
    events.push(...burst(ctx, { tag: `n${i}`, person: victim, attacker, start: t, steps: steps(approve ? 'A' : 'T'), gap: [1, 1], responder: victim.homeNet }));
    t += rng.int(10, 20) * MIN + rng.int(0, 59) * SEC;
  }
  const approved = answeredAt(last(events));
  const phone = attackerPhone(ctx, victim.givenName);
  const enrolAt = approved + rng.int(6, 14) * MIN;
  const all: SimEvent[] = [...events, factorEvent(ctx, 0, { time: enrolAt, person: victim, by: victim, client: { net: attacker.net, device: phone }, action: 'enroll', factor: 'push', phone })];
  return {
    events: all,
    label: makeLabel(ctx, all, {
      type: 'attack', title: `${pushes} ignored pushes to ${victim.displayName} every 10–20 minutes through the night, approved at dawn, new device enrolled`,
      users: [victim], sources: [attacker.net.ip], rules: ['fatigue-approval', 'post-approval-persistence'], mayAlsoFire: ['push-burst'],
      facts: { ...promptFacts(all), approvedAt: new Date(approved).toISOString() },
    }),
  };
}

/** A dozen declined prompts in about a quarter of an hour, each from a residential proxy in another country and network. */
export function oktaRotatingProxies(ctx: Ctx, victim: Person, at: number): Scenario {
  const { rng } = ctx;
  const countries = [...new Set(CITIES.filter((c) => c.countryCode !== victim.home.countryCode && c.networks.some((n) => n.kind === 'residential')).map((c) => c.countryCode))];
  const n = rng.int(10, 13);
  const events: SimEvent[] = [];
  const sources: string[] = [];
  let t = at;
  for (let i = 0; i < n; i++) {
    const country = countries[i % countries.length] ?? victim.home.countryCode;
    const city = rng.pick(CITIES.filter((c) => c.countryCode === country && c.networks.some((k) => k.kind === 'residential')));
    const proxy: Endpoint = attackerEndpoint(ctx, city.id, 'residential');
    sources.push(proxy.net.ip);
    events.push(...burst(ctx, { tag: `p${i}`, person: victim, attacker: proxy, start: t, steps: steps(rng.next() < 0.8 ? 'D' : 'T'), gap: [1, 1], responder: victim.homeNet }));
    t += rng.int(50, 95) * SEC;
  }
  return {
    events,
    label: makeLabel(ctx, events, {
      type: 'attack', title: `${n} prompts to ${victim.displayName} in ${Math.round((t - at) / MIN)} minutes, each from a residential proxy in another country`,
      users: [victim], sources, rules: ['push-burst'], mayAlsoFire: ['location-mismatch'], facts: { ...promptFacts(events), proxies: n },
    }),
  };
}

/**
 * The password typed at Okta from abroad (the password step succeeds, the push is never sent
 * there), then Duo pushes for the same person, whom Duo knows by a bare user name.
 */
export function splitIdp(ctx: Ctx, victim: Person, at: number): Scenario {
  const { rng } = ctx;
  const attacker = foreignHosting(ctx, victim);
  const bare: Person = { ...victim, vendor: 'duo', email: victim.email.split('@')[0] ?? victim.email };
  const password: SignInEvent = { ...ownSignIn(ctx, 0, victim, at, attacker, []), mfa: 'prompt', actor: 'attacker', ssoApps: 0 };
  const pattern = rng.pick(['DDTDDT', 'TTDTTDD', 'DTDTDTD']);
  const pushes = burst(ctx, { person: bare, attacker, start: at + rng.int(2, 5) * MIN, steps: steps(pattern), gap: [40, 90], responder: victim.homeNet, oneSession: false });
  const events: SimEvent[] = [password, ...pushes];
  return {
    events,
    label: makeLabel(ctx, events, {
      type: 'attack', title: `Password for ${victim.email} used at Okta from ${attacker.net.city.city}; ${pattern.length} Duo pushes for "${bare.email}"`,
      users: [victim, bare], sources: [attacker.net.ip], rules: ['push-burst'], facts: { ...promptFacts(pushes), duoUser: bare.email },
    }),
  };
}

/** SMS or voice prompts (toll fraud and fatigue at once): Duo SMS passcodes, or Entra calls to voicemail. */
export function telephonyFlood(ctx: Ctx, victim: Person, at: number, factor: 'sms' | 'voice'): Scenario {
  const { rng } = ctx;
  const attacker = foreignHosting(ctx, victim);
  const n = rng.int(7, 12);
  const events = burst(ctx, { person: victim, attacker, start: at, steps: steps('T'.repeat(n), factor), gap: [40, 80], responder: victim.homeNet, oneSession: false });
  for (const e of events) e.interrupt = undefined;
  return {
    events,
    label: makeLabel(ctx, events, {
      type: 'attack', title: `${n} ${factor === 'sms' ? 'SMS passcodes' : 'phone calls'} sent to ${victim.displayName} within ${Math.round(((last(events)?.time ?? at) - at) / MIN)} minutes, none used`,
      users: [victim], sources: [attacker.net.ip], rules: ['push-burst'], facts: promptFacts(events),
    }),
  };
}

/**
 * Number matching: the victim is shown a number they cannot match (the attacker's screen is not
 * theirs) and picks wrongly or declines. Okta logs the wrong pick as a failed verification like a
 * denial; its number-challenge response field is not documented (spec log-sources.md, UNVERIFIED),
 * so the records are the documented FAILURE ones.
 */
export function numberMatchingFailures(ctx: Ctx, victim: Person, at: number): Scenario {
  const { rng } = ctx;
  const attacker = foreignHosting(ctx, victim);
  const n = rng.int(6, 9);
  const events = burst(ctx, { person: victim, attacker, start: at, steps: steps('D'.repeat(n)), gap: [50, 110], responder: victim.homeNet });
  return {
    events,
    label: makeLabel(ctx, events, {
      type: 'attack', title: `${n} number-matching pushes to ${victim.displayName}, each failed (wrong number or declined)`,
      users: [victim], sources: [attacker.net.ip], rules: ['push-burst'], mayAlsoFire: ['location-mismatch'], facts: promptFacts(events),
    }),
  };
}

/** During the victim's working day, prompts from a residential address in a nearby city of their own country, at a slow pace. */
export function workhoursNearby(ctx: Ctx, victim: Person, at: number): Scenario {
  const { rng } = ctx;
  const near = CITIES.filter((c) => c.countryCode === victim.home.countryCode && c.id !== victim.home.id && c.networks.some((n) => n.kind === 'residential'));
  const attacker = attackerEndpoint(ctx, near.length > 0 ? rng.pick(near).id : victim.home.id, 'residential');
  const n = rng.int(8, 11);
  const pattern = Array.from({ length: n }, () => (rng.next() < 0.5 ? 'D' : 'T')).join('');
  const events = burst(ctx, { person: victim, attacker, start: at, steps: steps(pattern), gap: [4 * 60, 9 * 60], responder: victim.homeNet, oneSession: false });
  return {
    events,
    label: makeLabel(ctx, events, {
      type: 'attack', title: `${n} prompts to ${victim.displayName} during working hours, one every 4–9 minutes, from ${attacker.net.city.city}`,
      users: [victim], sources: [attacker.net.ip], rules: ['push-burst'], facts: promptFacts(events),
    }),
  };
}
