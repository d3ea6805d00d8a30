/**
 * Labelled MFA request-generation attacks (T1621), one builder per pattern the detection rules
 * look for, and a planner that places them on victims and nights of a generated bundle.
 */
import type { RuleId } from './labels.js';
import type { Endpoint, FraudReportEvent, NetPoint, Organisation, Person, ScenarioVendor, SignInEvent, SimEvent, ThreatEvent } from './model.js';
import { ordinaryPrompts } from './activity.js';
import { attackerEndpoint, attackerPhone, burst, factorEvent, makeLabel, MIN, ownSignIn, promptFacts, SEC, steps, type Ctx, type Scenario } from './kit.js';
import { numberMatchingFailures, oktaLowAndSlow, oktaRotatingProxies, splitIdp, telephonyFlood, workhoursNearby } from './hard-attacks.js';
import { CITIES, distanceKm } from './places.js';
import type { Rng } from './random.js';
import { DAY_MS, localToUtc } from './timezone.js';

export const ATTACK_KINDS = [
  'okta-burst-denied',
  'okta-burst-approve-enrol',
  'okta-spray-bomb',
  'okta-helpdesk-reset',
  'okta-fraud-report',
  'okta-odd-hours',
  'okta-impossible-travel',
  'duo-anomalous-push',
  'duo-fraud',
  'entra-deny-telecom-limit',
  'entra-approve-mfa-disabled',
  'entra-fraud-report',
  'okta-low-and-slow',
  'okta-rotating-proxies',
  'split-idp',
  'duo-sms-flood',
  'entra-voice-flood',
  'okta-number-matching',
  'okta-workhours-nearby',
] as const;
export type AttackKind = (typeof ATTACK_KINDS)[number];

const HOSTING_CITIES = ['amsterdam', 'frankfurt', 'singapore', 'piscataway'] as const;

/** A rented server abroad: attackers rarely bomb from the victim's own country. */
export function foreignHosting(ctx: Ctx, victim: Person): Endpoint {
  const options = HOSTING_CITIES.filter((id) => CITIES.find((c) => c.id === id)?.countryCode !== victim.home.countryCode);
  return attackerEndpoint(ctx, ctx.rng.pick(options));
}

/** The victim reports the last prompt of `burstEvents` (it names the attacker's address and browser). */
function fraudReport(ctx: Ctx, victim: Person, time: number, attacker: Endpoint, burstEvents: readonly SimEvent[]): FraudReportEvent {
  const lastAttempt = burstEvents.filter((e): e is SignInEvent => e.kind === 'signin').at(-1);
  const reportedAt = lastAttempt?.prompts.at(-1)?.sentAt ?? time - 60 * SEC;
  return {
    kind: 'fraud_report',
    key: `${ctx.id}/report`,
    time,
    vendor: victim.vendor,
    scenario: ctx.id,
    person: victim,
    // Reported from the Okta Verify app / My Sign-Ins page on the person's own phone and network.
    client: { net: victim.homeNet, device: victim.phone },
    reported: { time: reportedAt, net: attacker.net, device: attacker.device },
  };
}

const last = <T>(items: readonly T[]): T => items[items.length - 1];
const answered = (e: SimEvent): number => (e.kind === 'signin' ? (last(e.prompts).answeredAt ?? last(e.prompts).sentAt) : e.time);

// ---------------------------------------------------------------------------------------
// Okta

export interface BurstOptions {
  /** Prompt pattern (see kit.steps); default 10-14 denials. */
  pattern?: string;
  attacker?: Endpoint;
  /** Rules this particular placement must also trigger (e.g. odd-hours for a 01:40 local burst). */
  extraRules?: RuleId[];
}

/** A push burst the victim never approves: denied, ignored, or both. */
export function oktaBurst(ctx: Ctx, victim: Person, at: number, opts: BurstOptions = {}): Scenario {
  const attacker = opts.attacker ?? foreignHosting(ctx, victim);
  const pattern = opts.pattern ?? 'D'.repeat(ctx.rng.int(10, 14));
  const events = burst(ctx, { person: victim, attacker, start: at, steps: steps(pattern), gap: [35, 70], responder: victim.homeNet });
  // Only answered prompts show where the phone is; an ignored burst has no responder to compare.
  // The new country of the attacker's address is told inside the burst finding (folded), not required on its own.
  const rules: RuleId[] = ['push-burst', ...(/[DAF]/.test(pattern) ? (['location-mismatch'] as const) : []), ...(opts.extraRules ?? [])];
  const what = /^D+$/.test(pattern) ? 'every prompt denied' : /^T+$/.test(pattern) ? 'every prompt ignored' : 'prompts denied and ignored';
  return {
    events,
    label: makeLabel(ctx, events, {
      type: 'attack', title: `Push burst against ${victim.displayName}, ${what}`, users: [victim],
      sources: [attacker.net.ip], rules, facts: { ...promptFacts(events), asn: attacker.net.network.operator.asn },
    }),
  };
}

export interface ApproveEnrolSpec {
  /** Prompt pattern, ending in the approval. */
  pattern?: string;
  attacker?: Endpoint;
  /** Exact time of the approving attempt (the demo fixes it). */
  endAt?: number;
  /** Minutes from the approval to the new device's enrolment. */
  enrolAfterMin?: number;
}

/** Scattered-Spider style: ~15 prompts in ~26 minutes, one approval, a new Okta Verify device minutes later. */
export function oktaBurstApproveEnrol(ctx: Ctx, victim: Person, at: number, spec: ApproveEnrolSpec = {}): Scenario {
  const attacker = spec.attacker ?? foreignHosting(ctx, victim);
  const pattern = spec.pattern ?? 'TTDTDDTTDTTDDTA';
  const events: SimEvent[] = burst(ctx, { person: victim, attacker, start: at, steps: steps(pattern), gap: [80, 140], responder: victim.homeNet, endAt: spec.endAt });
  const approvedAt = answered(last(events));
  const enrolAt = approvedAt + (spec.enrolAfterMin ?? ctx.rng.int(9, 13)) * MIN + ctx.rng.int(0, 59) * SEC;
  const phone = attackerPhone(ctx, victim.givenName);
  events.push(factorEvent(ctx, 0, { time: enrolAt, person: victim, by: victim, client: { net: attacker.net, device: phone }, action: 'enroll', factor: 'push', phone }));
  return {
    events,
    label: makeLabel(ctx, events, {
      type: 'attack', title: `${victim.displayName} approved after ${pattern.length - 1} prompts; attacker enrolled a new Okta Verify device`,
      users: [victim], sources: [attacker.net.ip],
      rules: ['fatigue-approval', 'post-approval-persistence', 'location-mismatch'], mayAlsoFire: ['push-burst'],
      facts: { ...promptFacts(events), approvedAt: new Date(approvedAt).toISOString(), enrolledAt: new Date(enrolAt).toISOString(), enrolledDevice: phone.name, enrolledModel: phone.model },
    }),
  };
}

/** Password spraying from one address: wrong passwords for each account, and Okta ThreatInsight notices (log-only). */
export function sprayEvents(ctx: Ctx, sprayed: readonly Person[], at: number, attacker: Endpoint): SimEvent[] {
  const threat: ThreatEvent = {
    kind: 'threat', key: `${ctx.id}/threat`, time: at + 90 * SEC, vendor: 'okta', scenario: ctx.id, client: attacker,
    detections: { 'Password Spray': 'HIGH', 'Login failures with high unknown users count': 'MEDIUM', 'Login Failures': 'MEDIUM' },
    // Log-only ThreatInsight: the requests were let through, which is why the bombing could follow.
    result: 'ALLOW',
  };
  const events: SimEvent[] = [threat];
  let t = at;
  sprayed.forEach((p, i) => {
    t += ctx.rng.int(12, 30) * SEC;
    events.push({ ...ownSignIn(ctx, i, p, t, attacker, []), actor: 'attacker', passwordFailed: true, ssoApps: 0 });
  });
  return events;
}

/** Bursts that every victim answers with at least some denials: only answered failures are logged everywhere. */
const DENYING = ['DDDDDD', 'TDDTDD', 'DDTDDT', 'DTDDTD'] as const;

/** One IP sprays passwords across the org, then bombs the accounts whose password worked. */
export function oktaSprayBomb(ctx: Ctx, bombed: readonly Person[], sprayed: readonly Person[], at: number): Scenario {
  const first = bombed[0];
  if (first === undefined) throw new Error('scenario: spray-and-bomb needs a victim');
  const attacker = foreignHosting(ctx, first);
  const events = sprayEvents(ctx, sprayed, at, attacker);
  bombed.forEach((p, i) => {
    events.push(...burst(ctx, { tag: `v${i}`, person: p, attacker, start: at + (6 + 8 * i) * MIN, steps: steps(ctx.rng.pick(DENYING)), gap: [30, 60], responder: p.homeNet }));
  });
  // The P10 rule counts users whose prompts failed from one source within an hour (docs/log-sources.md §9: Splunk's GCP rule).
  const manyUsers = bombed.length >= 5;
  return {
    events,
    label: makeLabel(ctx, events, {
      type: 'attack', title: `One address sprayed ${sprayed.length} accounts and bombed ${bombed.length} more within the hour`,
      users: [...bombed, ...sprayed], sources: [attacker.net.ip],
      rules: ['push-burst', ...(manyUsers ? (['source-many-users'] as const) : [])],
      // ThreatInsight's verdict names an address, not a user; a per-user rule cannot attach it.
      mayAlsoFire: ['vendor-anomaly', ...(manyUsers ? [] : (['source-many-users'] as const))],
      facts: { ...promptFacts(events), sprayed: sprayed.length, bombed: bombed.length },
    }),
  };
}

/**
 * Helpdesk social engineering (Scattered Spider): a caller posing as the victim has an admin
 * reset all factors, then signs in from a rented server and enrols their own device.
 */
export function oktaHelpdeskReset(ctx: Ctx, victim: Person, admin: Person, at: number): Scenario {
  const desk: Endpoint = { net: admin.office?.egress[0] ?? admin.homeNet, device: admin.laptop };
  const attacker = foreignHosting(ctx, victim);
  const signAt = at + ctx.rng.int(14, 25) * MIN;
  const phone = attackerPhone(ctx, victim.givenName);
  const events: SimEvent[] = [
    factorEvent(ctx, 0, { time: at, person: victim, by: admin, client: desk, action: 'reset_all', factor: 'push' }),
    // With no factor left, the sign-on policy has nothing to ask: the attacker goes straight to enrolment.
    { ...ownSignIn(ctx, 1, victim, signAt, attacker, []), actor: 'attacker', ssoApps: 2 },
    factorEvent(ctx, 2, { time: signAt + ctx.rng.int(40, 120) * SEC, person: victim, by: victim, client: { net: attacker.net, device: phone }, action: 'enroll', factor: 'push', phone }),
  ];
  return {
    events,
    label: makeLabel(ctx, events, {
      type: 'attack', title: `${admin.displayName} (helpdesk) reset all factors of ${victim.displayName}; a new device was enrolled from ${attacker.net.city.city} minutes later`,
      users: [victim], sources: [attacker.net.ip], rules: ['mfa-weakened'], mayAlsoFire: ['post-approval-persistence'],
      facts: { resetBy: admin.email, enrolledDevice: phone.name },
    }),
  };
}

export function oktaFraudReport(ctx: Ctx, victim: Person, at: number, attackerIn?: Endpoint, pattern = 'DDDDDD'): Scenario {
  const attacker = attackerIn ?? foreignHosting(ctx, victim);
  const events: SimEvent[] = burst(ctx, { person: victim, attacker, start: at, steps: steps(pattern), gap: [45, 90], responder: victim.homeNet });
  const reportAt = answered(last(events)) + ctx.rng.int(40, 150) * SEC;
  events.push(fraudReport(ctx, victim, reportAt, attacker, events));
  return {
    events,
    label: makeLabel(ctx, events, {
      type: 'attack', title: `${victim.displayName} denied every prompt and reported the activity`, users: [victim], sources: [attacker.net.ip],
      rules: ['fraud-report', 'push-burst', 'location-mismatch'], facts: { ...promptFacts(events), reportedAt: new Date(reportAt).toISOString() },
    }),
  };
}

/** Three prompts at 03:00 local from a residential proxy in the victim's own country: below burst thresholds. */
export function oktaOddHours(ctx: Ctx, victim: Person, at: number): Scenario {
  const sameCountry = CITIES.filter((c) => c.countryCode === victim.home.countryCode && c.id !== victim.home.id && c.networks.some((n) => n.kind === 'residential'));
  const where = sameCountry.length > 0 ? ctx.rng.pick(sameCountry).id : ctx.rng.pick(HOSTING_CITIES);
  const attacker = attackerEndpoint(ctx, where, sameCountry.length > 0 ? 'residential' : 'hosting');
  const events = burst(ctx, { person: victim, attacker, start: at, steps: steps('DTD'), gap: [60, 140], responder: victim.homeNet });
  return {
    events,
    label: makeLabel(ctx, events, {
      type: 'attack', title: `Prompts to ${victim.displayName} at 03:00 local time from a residential proxy`, users: [victim], sources: [attacker.net.ip],
      rules: ['odd-hours'], mayAlsoFire: ['new-location', 'location-mismatch'], facts: promptFacts(events),
    }),
  };
}

/** A mistaken approval of a single prompt from across the world, minutes after the victim's own sign-in at home. */
export function oktaImpossibleTravel(ctx: Ctx, victim: Person, at: number): Scenario {
  const far = victim.home.lon > 60 ? 'piscataway' : 'singapore';
  const attacker = attackerEndpoint(ctx, far);
  const own = ownSignIn(ctx, 0, victim, at, { net: victim.homeNet, device: victim.laptop }, ordinaryPrompts(ctx.rng, at + 1500, victim.homeNet));
  const hit = burst(ctx, { person: victim, attacker, start: at + ctx.rng.int(30, 50) * MIN, steps: steps('A'), gap: [1, 1], responder: victim.homeNet });
  const events: SimEvent[] = [own, ...hit];
  const gapMin = Math.round(((hit[0]?.time ?? at) - at) / MIN);
  const km = Math.round(distanceKm(victim.homeNet, attacker.net));
  return {
    events,
    label: makeLabel(ctx, events, {
      type: 'attack', title: `${victim.displayName} signed in at home, then approved a prompt from ${attacker.net.city.city} ${gapMin} minutes later`,
      users: [victim], sources: [attacker.net.ip], rules: ['impossible-travel', 'new-location', 'location-mismatch'], pattern: 'location-mismatch', facts: { ...promptFacts(hit), distanceKm: km },
    }),
  };
}

// ---------------------------------------------------------------------------------------
// Duo

export function duoAnomalousPush(ctx: Ctx, victim: Person, at: number, attackerIn?: Endpoint, pattern = 'DDDXXXX', responder: NetPoint = victim.homeNet): Scenario {
  const attacker = attackerIn ?? foreignHosting(ctx, victim);
  const events = burst(ctx, { person: victim, attacker, start: at, steps: steps(pattern), gap: [40, 90], responder, oneSession: false });
  return {
    events,
    label: makeLabel(ctx, events, {
      type: 'attack', title: `Duo blocked pushes to ${victim.displayName} as anomalous (access device ${attacker.net.city.city}, phone ${responder.city.city})`,
      users: [victim], sources: [attacker.net.ip], rules: ['vendor-anomaly', 'location-mismatch', 'push-burst'], pattern: 'push-burst', facts: promptFacts(events),
    }),
  };
}

export function duoFraud(ctx: Ctx, victim: Person, at: number): Scenario {
  const attacker = foreignHosting(ctx, victim);
  const events = burst(ctx, { person: victim, attacker, start: at, steps: steps('TTTTF'), gap: [70, 120], responder: victim.homeNet, oneSession: false });
  return {
    events,
    label: makeLabel(ctx, events, {
      type: 'attack', title: `${victim.displayName} ignored four Duo pushes, then marked the fifth as fraud`, users: [victim], sources: [attacker.net.ip],
      rules: ['fraud-report', 'push-burst'], mayAlsoFire: ['location-mismatch'], facts: promptFacts(events),
    }),
  };
}

// ---------------------------------------------------------------------------------------
// Entra

/** Push denials, then phone calls to voicemail until Entra's telecom limit (50088) stops them. */
export function entraDenyTelecomLimit(ctx: Ctx, victim: Person, at: number, attackerIn?: Endpoint, pushes = 8): Scenario {
  const attacker = attackerIn ?? foreignHosting(ctx, victim);
  const push = burst(ctx, { person: victim, attacker, start: at, steps: steps('D'.repeat(pushes)), gap: [30, 60], responder: victim.homeNet, oneSession: false });
  const calls = burst(ctx, {
    tag: 'voice', person: victim, attacker, start: last(push).time + ctx.rng.int(3, 6) * MIN, steps: [...steps('TTTT', 'voice'), ...steps('LL', 'voice')],
    gap: [50, 80], responder: victim.homeNet, oneSession: false,
  });
  for (const e of calls) e.interrupt = undefined;
  const events: SimEvent[] = [...push, ...calls];
  return {
    events,
    label: makeLabel(ctx, events, {
      type: 'attack', title: `${pushes} push denials, then calls to voicemail until Entra's telecom limit (50088) for ${victim.displayName}`,
      users: [victim], sources: [attacker.net.ip], rules: ['push-burst', 'vendor-anomaly'], facts: promptFacts(events),
    }),
  };
}

/** The victim approves; the attacker registers their own authenticator and disables per-user MFA. */
export function entraApproveMfaDisabled(ctx: Ctx, victim: Person, at: number): Scenario {
  const attacker = foreignHosting(ctx, victim);
  const events: SimEvent[] = burst(ctx, { person: victim, attacker, start: at, steps: steps('DDTDTTDA'), gap: [60, 120], responder: victim.homeNet, oneSession: false });
  const approvedAt = answered(last(events));
  const phone = attackerPhone(ctx, victim.givenName);
  const registerAt = approvedAt + ctx.rng.int(6, 9) * MIN;
  const disableAt = registerAt + ctx.rng.int(2, 4) * MIN;
  events.push(factorEvent(ctx, 0, { time: registerAt, person: victim, by: victim, client: attacker, action: 'enroll', factor: 'push', phone }));
  events.push(factorEvent(ctx, 1, { time: disableAt, person: victim, by: victim, client: attacker, action: 'disable_mfa', factor: 'push' }));
  return {
    events,
    label: makeLabel(ctx, events, {
      type: 'attack', title: `${victim.displayName} (helpdesk admin) approved after 7 prompts; attacker added an authenticator and disabled MFA`,
      users: [victim], sources: [attacker.net.ip], rules: ['fatigue-approval', 'post-approval-persistence'],
      // The engine reports a removal right after a suspicious approval as post-approval-persistence only.
      mayAlsoFire: ['mfa-weakened', 'push-burst'],
      facts: { ...promptFacts(events), approvedAt: new Date(approvedAt).toISOString(), registeredAt: new Date(registerAt).toISOString(), disabledAt: new Date(disableAt).toISOString() },
    }),
  };
}

export function entraFraudReport(ctx: Ctx, victim: Person, at: number): Scenario {
  const attacker = foreignHosting(ctx, victim);
  const events: SimEvent[] = burst(ctx, { person: victim, attacker, start: at, steps: steps('DDDDF'), gap: [40, 80], responder: victim.homeNet, oneSession: false });
  events.push(fraudReport(ctx, victim, answered(last(events)) + ctx.rng.int(5, 20) * SEC, attacker, events));
  return {
    events,
    label: makeLabel(ctx, events, {
      type: 'attack', title: `${victim.displayName} denied four prompts and reported the fifth as fraud`, users: [victim], sources: [attacker.net.ip],
      rules: ['fraud-report', 'push-burst'], facts: promptFacts(events),
    }),
  };
}

// ---------------------------------------------------------------------------------------
// Planning

type When = 'evening' | 'night' | 'workday';
interface KindInfo {
  vendor: ScenarioVendor;
  when: When;
}
const INFO: Readonly<Record<AttackKind, KindInfo>> = {
  'okta-burst-denied': { vendor: 'okta', when: 'evening' },
  'okta-burst-approve-enrol': { vendor: 'okta', when: 'evening' },
  'okta-spray-bomb': { vendor: 'okta', when: 'evening' },
  'okta-helpdesk-reset': { vendor: 'okta', when: 'workday' },
  'okta-fraud-report': { vendor: 'okta', when: 'evening' },
  'okta-odd-hours': { vendor: 'okta', when: 'night' },
  'okta-impossible-travel': { vendor: 'okta', when: 'workday' },
  'duo-anomalous-push': { vendor: 'duo', when: 'evening' },
  'duo-fraud': { vendor: 'duo', when: 'evening' },
  'entra-deny-telecom-limit': { vendor: 'entra', when: 'evening' },
  'entra-approve-mfa-disabled': { vendor: 'entra', when: 'evening' },
  'entra-fraud-report': { vendor: 'entra', when: 'evening' },
  'okta-low-and-slow': { vendor: 'okta', when: 'night' },
  'okta-rotating-proxies': { vendor: 'okta', when: 'evening' },
  'split-idp': { vendor: 'okta', when: 'evening' },
  'duo-sms-flood': { vendor: 'duo', when: 'evening' },
  'entra-voice-flood': { vendor: 'entra', when: 'evening' },
  'okta-number-matching': { vendor: 'okta', when: 'evening' },
  'okta-workhours-nearby': { vendor: 'okta', when: 'workday' },
};

export interface PlanInput {
  org: Organisation;
  rng: Rng;
  /** UTC midnight of day 0. */
  startUtc: number;
  days: number;
  kinds: readonly AttackKind[];
  /** People already cast in other scenarios. */
  used: Set<string>;
}

function localMinutes(rng: Rng, when: When, victim: Person): number {
  if (when === 'night') return 3 * 60 + rng.int(-10, 15);
  if (when === 'workday') return victim.workStart + rng.int(20, 90);
  return rng.int(20 * 60 + 15, 22 * 60 + 30);
}

/** Choose victims, days and times for each requested attack kind; kinds without a possible victim are skipped. */
export function planAttacks(input: PlanInput): Scenario[] {
  const { org, rng, days, used } = input;
  const out: Scenario[] = [];
  const lo = Math.min(Math.max(7, Math.floor(days * 0.55)), Math.max(0, days - 2));
  const hi = Math.max(lo, days - 2);
  const free = (vendor: ScenarioVendor): Person[] => org.people.filter((p) => p.vendor === vendor && !p.nightShift && !used.has(p.key));
  input.kinds.forEach((kind, i) => {
    const info = INFO[kind];
    const candidates = free(info.vendor);
    const victim = candidates.length > 0 ? rng.pick(candidates) : undefined;
    if (victim === undefined) return;
    const day = rng.int(lo, hi);
    const at = localToUtc(victim.home.zone, input.startUtc + day * DAY_MS, localMinutes(rng, info.when, victim)) + rng.int(0, 59_999);
    const ctx: Ctx = { org, rng: rng.derive(kind), id: `A${String(i + 1).padStart(2, '0')}-${kind}`, scenario: kind };
    used.add(victim.key);
    switch (kind) {
      case 'okta-burst-denied': out.push(oktaBurst(ctx, victim, at)); break;
      case 'okta-burst-approve-enrol': out.push(oktaBurstApproveEnrol(ctx, victim, at)); break;
      case 'okta-fraud-report': out.push(oktaFraudReport(ctx, victim, at)); break;
      case 'okta-odd-hours': out.push(oktaOddHours(ctx, victim, at)); break;
      case 'okta-impossible-travel': out.push(oktaImpossibleTravel(ctx, victim, at)); break;
      case 'duo-anomalous-push': out.push(duoAnomalousPush(ctx, victim, at)); break;
      case 'duo-fraud': out.push(duoFraud(ctx, victim, at)); break;
      case 'entra-deny-telecom-limit': out.push(entraDenyTelecomLimit(ctx, victim, at)); break;
      case 'entra-approve-mfa-disabled': victim.admin = true; out.push(entraApproveMfaDisabled(ctx, victim, at)); break;
      case 'entra-fraud-report': out.push(entraFraudReport(ctx, victim, at)); break;
      case 'okta-low-and-slow': out.push(oktaLowAndSlow(ctx, victim, input.startUtc + day * DAY_MS)); break;
      case 'okta-rotating-proxies': out.push(oktaRotatingProxies(ctx, victim, at)); break;
      case 'split-idp': out.push(splitIdp(ctx, victim, at)); break;
      case 'duo-sms-flood': out.push(telephonyFlood(ctx, victim, at, 'sms')); break;
      case 'entra-voice-flood': out.push(telephonyFlood(ctx, victim, at, 'voice')); break;
      case 'okta-number-matching': out.push(numberMatchingFailures(ctx, victim, at)); break;
      case 'okta-workhours-nearby': out.push(workhoursNearby(ctx, victim, at)); break;
      case 'okta-spray-bomb': {
        const more = rng.shuffle(free('okta')).slice(0, 9);
        const bombed = [victim, ...more.slice(0, 4)];
        const sprayed = more.slice(4);
        for (const p of more) used.add(p.key);
        out.push(oktaSprayBomb(ctx, bombed, sprayed, at));
        break;
      }
      case 'okta-helpdesk-reset': {
        const desk = org.people.filter((p) => p.vendor === 'okta' && p.key !== victim.key && (p.admin || p.department === 'IT'));
        const admin = desk.length > 0 ? rng.pick(desk) : free('okta').find((p) => p.key !== victim.key);
        if (admin === undefined) break;
        admin.admin = true;
        used.add(admin.key);
        out.push(oktaHelpdeskReset(ctx, victim, admin, at));
        break;
      }
    }
  });
  return out;
}
