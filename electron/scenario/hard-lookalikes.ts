/**
 * Ordinary life that public rule packs flag (issue 17): a help-desk reset followed by the user
 * re-enrolling at their desk, a traveller's first sign-in abroad approved at once on their own
 * phone, and a phone whose pushes time out all day. None may reach medium.
 */
import { ordinaryPrompts } from './activity.js';
import { makePhone } from './devices.js';
import { traveller, usualNet } from './lookalikes.js';
import { factorEvent, makeLabel, MIN, ownSignIn, promptFacts, SEC, type Ctx, type Scenario } from './kit.js';
import type { Person, Prompt, SimEvent } from './model.js';
import { localToUtc } from './timezone.js';

/** An administrator resets every factor from the office; the user enrols their new phone from their usual address later that day. */
export function helpdeskReenrol(ctx: Ctx, p: Person, admin: Person, dayUtc: number): Scenario {
  const { rng } = ctx;
  const resetAt = localToUtc(p.home.zone, dayUtc, p.workStart + rng.int(30, 120)) + rng.int(0, 59_999);
  const desk = { net: admin.office?.egress[0] ?? admin.homeNet, device: admin.laptop };
  const net = usualNet(p);
  const phone = makePhone(rng, { givenName: p.givenName, home: p.home });
  const enrolAt = resetAt + rng.int(25, 200) * MIN;
  const events: SimEvent[] = [
    factorEvent(ctx, 0, { time: resetAt, person: p, by: admin, client: desk, action: 'reset_all', factor: 'push' }),
    factorEvent(ctx, 1, { time: enrolAt, person: p, by: p, client: { net, device: phone }, action: 'enroll', factor: 'push', phone }),
  ];
  return {
    events,
    label: makeLabel(ctx, events, {
      type: 'lookalike', title: `${admin.displayName} (helpdesk) resets ${p.displayName}'s factors; ${p.givenName} enrols a new phone from their usual address ${Math.round((enrolAt - resetAt) / MIN)} minutes later`,
      users: [p], sources: [desk.net.ip, net.ip], rules: ['mfa-weakened', 'post-approval-persistence'], facts: { resetBy: admin.email, device: phone.name },
    }),
  };
}

/** A trip abroad whose first sign-in there is approved on the first prompt, from the person's own laptop and phone. */
export function travellerFirstApproved(ctx: Ctx, p: Person, day: number, startUtc: number): Scenario {
  const trip = traveller(ctx, p, day, startUtc);
  return { ...trip, label: { ...trip.label, title: `${trip.label.title}; the first prompt abroad is approved at once`, scenario: ctx.scenario } };
}

/** Pushes that time out all day (a phone with a bad battery or no signal), each retried and approved from the same sign-in. */
export function flakyPhone(ctx: Ctx, p: Person, dayUtc: number): Scenario {
  const { rng } = ctx;
  const net = usualNet(p);
  const n = rng.int(7, 11);
  const events: SimEvent[] = [];
  let local = p.workStart + rng.int(5, 30);
  for (let i = 0; i < n; i++) {
    const t = localToUtc(p.home.zone, dayUtc, local) + rng.int(0, 59_999);
    const prompts: Prompt[] = [{ sentAt: t + 1500, factor: 'push', result: 'timeout' }];
    // Retried a minute or two later, from the same browser; sometimes the second push times out too.
    if (rng.chance(0.3)) prompts.push({ sentAt: t + rng.int(70, 130) * SEC, factor: 'push', result: 'timeout' });
    const retry = (prompts[prompts.length - 1]?.sentAt ?? t) + rng.int(60, 140) * SEC;
    prompts.push(...ordinaryPrompts(rng, retry, net));
    events.push(ownSignIn(ctx, i, p, t, { net, device: p.laptop }, prompts, i));
    local += rng.int(35, 70);
  }
  return {
    events,
    label: makeLabel(ctx, events, {
      type: 'lookalike', title: `${p.displayName}'s phone lets ${n} pushes time out through the day; each sign-in is retried and approved`,
      users: [p], sources: [net.ip], rules: ['push-burst', 'fatigue-approval'], facts: promptFacts(events),
    }),
  };
}
