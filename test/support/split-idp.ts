/**
 * Evidence for one person across three identity providers, from the scenario generator in real
 * vendor formats: Ivan Petrov signs in through Okta and Entra ID as ivan.petrov@kestrelfreight.example,
 * while Duo (synced from on-premises AD) knows him as the bare `ivan.petrov`. An attacker uses his
 * password at Okta from abroad, then bombs him with Duo pushes. `fabrikam` writes a second
 * organisation with its own Ivan Petrov (ivan.petrov@fabrikam.example), which makes the bare name ambiguous.
 */
import { join } from 'node:path';
import { writeScenario } from '../../electron/scenario/bundle.js';
import { splitIdp } from '../../electron/scenario/hard-attacks.js';
import { MIN, ownSignIn, type Ctx, type Scenario } from '../../electron/scenario/kit.js';
import type { Person, SignInEvent } from '../../electron/scenario/model.js';
import { buildOrganisation, type PersonSpec } from '../../electron/scenario/population.js';
import { Rng } from '../../electron/scenario/random.js';
import { DAY_MS } from '../../electron/scenario/timezone.js';

const IVAN: PersonSpec = { givenName: 'Ivan', familyName: 'Petrov', office: 'chicago', vendor: 'okta', department: 'Finance', title: 'Accountant', pattern: 'office' };
const START = Date.UTC(2025, 2, 3);
const DAYS = 6;
export const UPN = 'ivan.petrov@kestrelfreight.example';
export const BARE = 'ivan.petrov';
export const OTHER_UPN = 'ivan.petrov@fabrikam.example';

export interface SplitIdpBundle {
  files: string[];
  victim: Person;
  /** Duo people of the organisation, known to Duo by bare names only. */
  duoBare: string[];
}

/** The victim's own Entra ID sign-ins on the three days before the attack: his Entra UPN and userId join the person. */
function withEntraSignIns(ctx: Ctx, victim: Person, attack: Scenario): Scenario {
  const at = attack.events[0]?.time ?? START;
  const own = { net: victim.homeNet, device: victim.laptop };
  const entra = [1, 2, 3].map((d): SignInEvent => ({ ...ownSignIn(ctx, d, victim, at - d * DAY_MS - ctx.rng.int(2, 5) * 60 * MIN, own, []), vendor: 'entra', ssoApps: 0 }));
  return { ...attack, events: [...entra, ...attack.events] };
}

export function writeSplitIdp(dir: string): SplitIdpBundle {
  const seed = 'persons-split-idp';
  const org = buildOrganisation({ seed, users: 12, fixed: [IVAN], duoNames: 'bare' });
  const victim = org.people[0];
  if (victim === undefined || victim.email !== UPN) throw new Error(`the cast is not in place: ${victim?.email ?? 'nobody'}`);
  const ctx: Ctx = { org, rng: new Rng(seed).derive('split-idp'), id: 'A01-split-idp', scenario: 'split-idp' };
  // 02:10 UTC on day 4: evening in Chicago.
  const scenario = withEntraSignIns(ctx, victim, splitIdp(ctx, victim, START + 4 * DAY_MS + 130 * MIN));
  const result = writeScenario({ org, seed, startUtc: START, days: DAYS, scenarios: [scenario], outDir: join(dir, 'kestrel') });
  const duoBare = org.people.filter((p) => p.vendor === 'duo').map((p) => p.email.slice(0, p.email.indexOf('@')));
  return { files: result.files, victim, duoBare };
}

/** Another organisation's ordinary activity, with its own Ivan Petrov in Entra ID. */
export function writeFabrikam(dir: string): string[] {
  const seed = 'persons-fabrikam';
  const org = buildOrganisation({ seed, users: 3, fixed: [{ ...IVAN, vendor: 'entra', office: 'hamburg' }], domain: 'fabrikam.example', name: 'Fabrikam' });
  return writeScenario({ org, seed, startUtc: START, days: 2, scenarios: [], outDir: join(dir, 'fabrikam') }).files;
}
