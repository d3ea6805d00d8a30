/**
 * The recorded demo incident bundled with PushTrail (`pushtrail demo`): three weeks of ordinary
 * activity at Kestrel Freight (40 people, three identity vendors) ending in one night's
 * multi-vendor push-bombing campaign from a single rented server in Amsterdam. Everything is
 * fixed (seed, dates, cast, attacker address), so trainers can write exercises against it and
 * the files are identical on every machine.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { attackerBrowser } from './devices.js';
import { duoAnomalousPush, entraDenyTelecomLimit, oktaBurst, oktaBurstApproveEnrol, oktaFraudReport, sprayEvents } from './attacks.js';
import { writeScenario, type BundleResult } from './bundle.js';
import { fixedPoint, makeLabel, type Ctx, type Scenario } from './kit.js';
import { planLookalikes } from './lookalikes.js';
import type { Endpoint, Organisation, Person } from './model.js';
import { buildOrganisation, type PersonSpec } from './population.js';
import { Rng } from './random.js';

export const DEMO_SEED = 'pushtrail-demo-2025';
/** Monday 24 February 2025 to Sunday 16 March 2025. */
export const DEMO_START = '2025-02-24';
export const DEMO_DAYS = 21;
export const DEMO_USERS = 40;
/** The attacker's server: an M247 (AS9009) VPS address that geolocates to Amsterdam. */
export const DEMO_ATTACKER_IP = '146.70.117.86';

/** The six victims, placed first in the organisation so their names never change. */
const CAST: readonly PersonSpec[] = [
  { givenName: 'Dana', familyName: 'Whitfield', office: 'chicago', vendor: 'okta', department: 'Operations', title: 'Operations Manager', pattern: 'hybrid' },
  { givenName: 'Marcus', familyName: 'Okafor', office: 'austin', vendor: 'okta', department: 'Sales', title: 'Key Account Manager', pattern: 'office' },
  { givenName: 'Priya', familyName: 'Raman', office: 'london', vendor: 'okta', department: 'Finance', title: 'Financial Controller', pattern: 'hybrid' },
  { givenName: 'Lukas', familyName: 'Becker', office: 'hamburg', vendor: 'entra', department: 'Operations', title: 'Freight Coordinator', pattern: 'office' },
  { givenName: 'Mei', familyName: 'Chen', office: 'singapore', vendor: 'duo', department: 'Engineering', title: 'Site Reliability Engineer', pattern: 'office' },
  { givenName: 'Sofia', familyName: 'Rossi', home: 'new-york', vendor: 'okta', department: 'Legal', title: 'Counsel', pattern: 'remote' },
];

export const DEMO_NARRATIVE = [
  'Kestrel Freight, the night of 13 to 14 March 2025 (UTC). At 00:58 one server in Amsterdam',
  `(${DEMO_ATTACKER_IP}, M247, AS9009) sprays passwords at six Okta accounts; Okta ThreatInsight flags it but`,
  'runs in log-only mode. With the passwords that did work, the same address bombs six people across three',
  'identity systems within the hour. Marcus Okafor (Austin, Okta) denies nine pushes from 01:30 and reports',
  'the activity. Lukas Becker (Hamburg, Entra ID) declines eight pushes at 02:34 his time; the attacker',
  'switches to phone calls until Entra stops them with the telecom limit (50088). Duo blocks pushes to',
  'Mei Chen (Singapore) as anomalous: the VPN login comes from Amsterdam while her phone is at the',
  'Singapore office. Sofia Rossi (New York, Okta) denies six prompts. Priya Raman (London, Okta) is asleep',
  'and lets eight pushes time out at 01:40 local time. Dana Whitfield (Chicago, Okta) ignores and denies',
  'fourteen prompts from 02:05 UTC and approves the fifteenth at about 02:31 UTC (21:31 in Chicago); eleven',
  'minutes later the attacker enrols a new Okta Verify device on her account from the same Amsterdam',
  'address and opens her applications. The three weeks before are ordinary work, with the benign',
  'look-alikes listed in labels.json (a traveller, a new phone, a night-desk dispatcher ...).',
].join(' ');

const at = (isoText: string): number => Date.parse(isoText);

function castMember(org: Organisation, index: number): Person {
  const p = org.people[index];
  if (p === undefined) throw new Error('demo: cast missing from the population');
  return p;
}

/** The campaign: one label per victim, and one for the address that touched them all. */
function campaign(org: Organisation, rng: Rng): Scenario[] {
  const [dana, marcus, priya, lukas, mei, sofia] = [0, 1, 2, 3, 4, 5].map((i) => castMember(org, i)) as [Person, Person, Person, Person, Person, Person];
  const attacker: Endpoint = { net: fixedPoint('amsterdam', 'hosting', DEMO_ATTACKER_IP), device: attackerBrowser(rng.derive('attacker')) };
  const ctx = (id: string, scenario: string): Ctx => ({ org, rng: rng.derive(id), id, scenario });
  const cast = [dana, marcus, priya, lukas, mei, sofia];
  const castKeys = new Set(cast.map((p) => p.key));
  const sprayed = rng.derive('spray').shuffle(org.people.filter((p) => p.vendor === 'okta' && !castKeys.has(p.key) && !p.nightShift)).slice(0, 6);
  const meiOffice = mei.office?.egress[0] ?? mei.homeNet;
  const victims: Scenario[] = [
    oktaFraudReport(ctx('D01-okta-fraud-report', 'okta-fraud-report'), marcus, at('2025-03-14T01:30:31Z'), attacker, 'DDDDDDDDD'),
    entraDenyTelecomLimit(ctx('D02-entra-deny-telecom-limit', 'entra-deny-telecom-limit'), lukas, at('2025-03-14T01:34:09Z'), attacker, 8),
    duoAnomalousPush(ctx('D03-duo-anomalous-push', 'duo-anomalous-push'), mei, at('2025-03-14T01:44:44Z'), attacker, 'DDDXXX', meiOffice),
    oktaBurst(ctx('D04-okta-ignored-burst', 'okta-burst-ignored'), priya, at('2025-03-14T01:40:03Z'), { pattern: 'TTTTTTTT', attacker, extraRules: ['odd-hours'] }),
    oktaBurst(ctx('D05-okta-denied-burst', 'okta-burst-denied'), sofia, at('2025-03-14T01:55:27Z'), { pattern: 'DDDDDD', attacker }),
    oktaBurstApproveEnrol(ctx('D06-okta-burst-approve-enrol', 'okta-burst-approve-enrol'), dana, at('2025-03-14T02:05:00Z'), {
      attacker,
      pattern: 'TTDTDTTDDTTDTDA',
      endAt: at('2025-03-14T02:30:58Z'),
      enrolAfterMin: 11,
    }),
  ];
  // The spray and the source-wide view: five people's prompts failed from one address within an hour.
  const c = ctx('D00-campaign-one-address', 'okta-spray-bomb');
  const spray = sprayEvents(c, sprayed, at('2025-03-14T00:58:12Z'), attacker);
  const all = [...spray, ...victims.flatMap((v) => v.events)];
  const label = makeLabel(c, all, {
    type: 'attack',
    title: `Password spray from ${DEMO_ATTACKER_IP} against six accounts, then push bombing of six people across Okta, Entra ID and Duo`,
    users: [...cast, ...sprayed],
    sources: [DEMO_ATTACKER_IP],
    rules: ['source-many-users'],
    mayAlsoFire: ['vendor-anomaly'],
    facts: { sprayed: sprayed.length, bombed: cast.length, vendors: 3 },
  });
  return [{ events: spray, label, keepSpan: true }, ...victims];
}

export interface DemoResult extends BundleResult {
  narrative: string;
}

/** Write the demo incident's evidence files, labels.json and narrative.md into `outDir`. */
export function writeDemoIncident(outDir: string): DemoResult {
  const org = buildOrganisation({ seed: DEMO_SEED, users: DEMO_USERS, fixed: CAST });
  const rng = new Rng(`${DEMO_SEED}/incident`);
  const startUtc = Date.parse(`${DEMO_START}T00:00:00Z`);
  const scenarios = campaign(org, rng);
  const used = new Set<string>(CAST.map((_, i) => castMember(org, i).key));
  for (const s of scenarios) for (const u of s.label.users) for (const p of org.people) if (p.email === u) used.add(p.key);
  scenarios.push(...planLookalikes({ org, rng: rng.derive('lookalikes'), startUtc, days: DEMO_DAYS, used }));
  const result = writeScenario({ org, seed: DEMO_SEED, startUtc, days: DEMO_DAYS, scenarios, outDir, narrative: DEMO_NARRATIVE });
  writeFileSync(join(outDir, 'narrative.md'), `# Demo incident: MFA push bombing at Kestrel Freight\n\n${DEMO_NARRATIVE}\n`);
  return { ...result, narrative: DEMO_NARRATIVE };
}
