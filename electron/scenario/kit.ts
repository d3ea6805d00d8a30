/**
 * Building blocks shared by the attack and look-alike scenarios: attacker infrastructure,
 * bursts of MFA attempts, factor changes, and the label that describes what was built.
 */
import { attackerBrowser, HOSTILE_USER_AGENTS, makePhone } from './devices.js';
import { iso, type Label, type RuleId } from './labels.js';
import type { Away } from './activity.js';
import type {
  Endpoint,
  FactorEvent,
  NetPoint,
  Organisation,
  Person,
  Phone,
  Prompt,
  PromptFactor,
  PromptResult,
  ScenarioVendor,
  SignInEvent,
  SimEvent,
} from './model.js';
import { eventEnd } from './model.js';
import { city, distanceKm, geoPoint, hostIn, networksOf, type NetworkKind } from './places.js';
import type { Rng } from './random.js';
import { localHour } from './timezone.js';

/** Beyond this a phone and a browser are not in the same place (the rules' own 500 km). */
const FAR_KM = 500;

export const SEC = 1000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;

/** What a scenario adds to a bundle: its events, its label, and days a person spends elsewhere. */
export interface Scenario {
  label: Label;
  events: SimEvent[];
  /** The label's span is given, not taken from the scenario's own records. */
  keepSpan?: boolean;
  /** Person-days whose ordinary activity is replaced: by a trip (Away) or by nothing (null). */
  days?: { person: Person; day: number; away: Away | null }[];
}

export interface Ctx {
  org: Organisation;
  rng: Rng;
  /** Label id, also the prefix of every event key of the scenario. */
  id: string;
  scenario: string;
}

/** An address of the given kind in a city, with the city's geolocation. */
export function pointIn(org: Organisation, rng: Rng, cityId: string, kind: NetworkKind): NetPoint {
  const c = city(cityId);
  const nets = networksOf(c, kind);
  const network = rng.pick(nets.length > 0 ? nets : c.networks);
  const ip = hostIn(network.block, rng, org.ipStyle);
  return { ip, city: c, network, ...geoPoint(c, ip) };
}

/** A given address in a city's network of `kind` (the demo names its attacker's address). */
export function fixedPoint(cityId: string, kind: NetworkKind, ip: string): NetPoint {
  const c = city(cityId);
  const network = networksOf(c, kind)[0];
  if (network === undefined) throw new Error(`scenario: ${cityId} has no ${kind} network`);
  return { ip, city: c, network, ...geoPoint(c, ip) };
}

/** The attacker's browser on a rented server (or a residential proxy) in `cityId`. */
export function attackerEndpoint(ctx: Ctx, cityId: string, kind: NetworkKind = 'hosting'): Endpoint {
  const device = attackerBrowser(ctx.rng);
  // The hostile option also reaches attacker-controlled fields: they are the likeliest to carry payloads.
  if (ctx.org.hostile) device.userAgent = HOSTILE_USER_AGENTS[0] ?? device.userAgent;
  return { net: pointIn(ctx.org, ctx.rng, cityId, kind), device };
}

/** The phone an attacker enrols as the victim's new factor. */
export function attackerPhone(ctx: Ctx, givenName: string): Phone {
  return makePhone(ctx.rng, { givenName, home: city('amsterdam'), nameOverride: 'iPhone' });
}

export interface Step {
  result: PromptResult;
  factor?: PromptFactor;
}

/** Parse a compact pattern: D denied, T timeout, A approved, F fraud, X anomalous (Duo), L telecom limit (Entra). */
export function steps(pattern: string, factor: PromptFactor = 'push'): Step[] {
  const map: Record<string, PromptResult> = { D: 'denied', T: 'timeout', A: 'approved', F: 'fraud', X: 'anomalous', L: 'telecom_limit' };
  return [...pattern].map((ch) => {
    const result = map[ch];
    if (result === undefined) throw new Error(`scenario: bad step "${ch}" in ${pattern}`);
    return { result, factor };
  });
}

export interface BurstSpec {
  person: Person;
  attacker: Endpoint;
  /** Time of the first attempt. */
  start: number;
  steps: Step[];
  /** Seconds between attempts: [min, max]. */
  gap: readonly [number, number];
  /** The victim's phone network (where answers come from). */
  responder: NetPoint;
  /** All attempts from one browser session (the attacker re-submitting), or a new session each time. */
  oneSession?: boolean;
  app?: number;
  /** Last attempt at exactly this time (the demo fixes the approval minute). */
  endAt?: number;
  /** Distinguishes the event keys of several bursts of one scenario. */
  tag?: string;
}

/** A run of MFA attempts by an attacker who holds the password: one sign-in attempt per prompt. */
export function burst(ctx: Ctx, spec: BurstSpec): SignInEvent[] {
  const { rng } = ctx;
  const n = spec.steps.length;
  const times: number[] = [spec.start + rng.int(0, 999)];
  for (let i = 1; i < n; i++) times.push((times[i - 1]) + rng.int(spec.gap[0], spec.gap[1]) * SEC + rng.int(0, 999));
  if (spec.endAt !== undefined && n > 1) {
    // Stretch the gaps so the last attempt lands on endAt, keeping their proportions.
    const scale = (spec.endAt - spec.start) / ((times[n - 1]) - spec.start);
    for (let i = 1; i < n; i++) times[i] = spec.start + Math.round(((times[i]) - spec.start) * scale);
  }
  return spec.steps.map((step, i) => {
    const at = times[i];
    const sentAt = at + rng.int(900, 2200);
    const prompt = answer(rng, sentAt, step, spec.responder);
    return {
      kind: 'signin',
      key: `${ctx.id}/b${spec.tag ?? ''}${spec.person.key}/${i}`,
      time: at,
      vendor: spec.person.vendor,
      scenario: ctx.id,
      person: spec.person,
      client: spec.attacker,
      app: spec.app ?? 0,
      sessionKey: spec.oneSession === false ? `${ctx.id}/${spec.tag ?? ''}${spec.person.key}/${i}` : `${ctx.id}/${spec.person.key}`,
      mfa: 'prompt',
      prompts: [prompt],
      interrupt: spec.person.vendor === 'entra' && i === 0 ? 50074 : undefined,
      actor: 'attacker',
      ssoApps: step.result === 'approved' ? rng.int(2, 3) : 0,
    };
  });
}

/** How the victim's phone (or the vendor) answers one prompt. */
function answer(rng: Rng, sentAt: number, step: Step, responder: NetPoint): Prompt {
  const factor = step.factor ?? 'push';
  switch (step.result) {
    case 'timeout':
      return { sentAt, factor, result: 'timeout' };
    case 'anomalous':
    case 'telecom_limit':
      // The vendor refuses to send at all: the verdict is logged at once. Duo still reports
      // the phone's last known address, which is what shows the access/auth mismatch.
      return { sentAt, factor, result: step.result, answeredAt: sentAt + rng.int(150, 600), responder };
    case 'approved':
      return { sentAt, factor, result: 'approved', answeredAt: sentAt + rng.jitter(11 * SEC, 4 * SEC, 3 * SEC), responder };
    case 'fraud':
      return { sentAt, factor, result: 'fraud', answeredAt: sentAt + rng.jitter(14 * SEC, 4 * SEC, 5 * SEC), responder };
    case 'denied':
      return { sentAt, factor, result: 'denied', answeredAt: sentAt + rng.jitter(6 * SEC, 2.5 * SEC, 2 * SEC), responder };
  }
}

export function factorEvent(ctx: Ctx, n: number, fields: Omit<FactorEvent, 'kind' | 'key' | 'scenario' | 'vendor'>): FactorEvent {
  return { kind: 'factor', key: `${ctx.id}/f${n}`, scenario: ctx.id, vendor: fields.person.vendor, ...fields };
}

/** An ordinary sign-in by the person themself, placed by a scenario (not by daily activity). */
export function ownSignIn(ctx: Ctx, n: number, person: Person, time: number, client: Endpoint, prompts: Prompt[], app = 0): SignInEvent {
  return {
    kind: 'signin',
    key: `${ctx.id}/o${n}`,
    time,
    vendor: person.vendor,
    scenario: ctx.id,
    person,
    client,
    app,
    sessionKey: `${ctx.id}/o${n}`,
    mfa: prompts.length > 0 ? 'prompt' : 'remembered',
    prompts,
    interrupt: person.vendor === 'entra' && prompts.length > 0 ? 50074 : undefined,
    actor: 'user',
    ssoApps: person.vendor === 'okta' ? ctx.rng.int(1, 2) : 0,
  };
}

/** True when `t` lies outside the person's working hours with an hour's slack either side. */
export function offHours(person: Person, t: number): boolean {
  const h = localHour(person.home.zone, t) * 60;
  const start = person.workStart - 60;
  const end = person.workEnd + 60;
  const inside = end > 1440 ? h >= start || h <= end - 1440 : h >= start && h <= end;
  return !inside;
}

export interface LabelSpec {
  type: Label['type'];
  title: string;
  users: Person[];
  sources: string[];
  rules: RuleId[];
  mayAlsoFire?: RuleId[];
  /** attack only: the rule that tells the story (first of `rules` when absent). */
  pattern?: RuleId;
  maxSeverity?: Label['maxSeverity'];
  facts?: Label['facts'];
  /** Explicit span, for look-alikes that last the whole bundle. */
  span?: readonly [number, number];
}

/** The label of a scenario; its time span is that of its events unless given. */
export function makeLabel(ctx: Ctx, events: readonly SimEvent[], spec: LabelSpec): Label {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    start = Math.min(start, e.time);
    end = Math.max(end, eventEnd(e));
  }
  if (spec.span !== undefined) [start, end] = spec.span;
  const vendors = [...new Set<ScenarioVendor>(spec.users.map((u) => u.vendor))];
  const label: Label = {
    id: ctx.id,
    type: spec.type,
    scenario: ctx.scenario,
    title: spec.title,
    vendors,
    users: spec.users.map((u) => u.email),
    sources: [...new Set(spec.sources)],
    start: iso(start),
    end: iso(end),
    rules: spec.rules,
    facts: spec.facts ?? {},
  };
  if (spec.type === 'attack') {
    const pattern = spec.pattern ?? spec.rules[0];
    if (pattern !== undefined) label.pattern = pattern;
    const may = new Set<RuleId>(spec.mayAlsoFire ?? []);
    const attempts = events.filter((e): e is SignInEvent => e.kind === 'signin' && e.actor === 'attacker');
    // Side effects of the same events, allowed but never required: bombing at night is also
    // what odd-hours looks for, and an attacker far from a victim who is active at home makes
    // the victim's own sign-ins and the attacker's alternate across an impossible distance.
    if (attempts.some((e) => offHours(e.person, e.time))) may.add('odd-hours');
    if (attempts.some((e) => distanceKm(e.client.net, e.person.homeNet) > FAR_KM)) {
      for (const r of ['impossible-travel', 'new-location', 'location-mismatch'] as const) may.add(r);
    }
    for (const r of spec.rules) may.delete(r);
    if (may.size > 0) label.mayAlsoFire = [...may].sort();
  } else {
    label.maxSeverity = spec.maxSeverity ?? 'low';
  }
  return label;
}

/** Count of prompts of each result in a set of events, for label facts. */
export function promptFacts(events: readonly SimEvent[]): Record<string, number> {
  const facts: Record<string, number> = { prompts: 0 };
  for (const e of events) {
    if (e.kind !== 'signin') continue;
    for (const p of e.prompts) {
      facts.prompts = (facts.prompts ?? 0) + 1;
      facts[p.result] = (facts[p.result] ?? 0) + 1;
    }
  }
  return facts;
}
