/**
 * A fictional organisation: offices, people, their networks, devices, working hours and which
 * identity vendor guards them. The corporate workforce signs in through Okta, the acquired
 * European subsidiary still runs its own Entra ID tenant, and engineering's VPN and SSH use Duo,
 * so one bundle exercises all three formats the way a real multi-vendor client would export them.
 */
import { HOSTILE_USER_AGENTS, makeLaptop, makePhone } from './devices.js';
import type { NetPoint, Office, Organisation, Person, ScenarioVendor } from './model.js';
import { city, geoPoint, hostIn, networksOf, type City, type IpStyle, type Network } from './places.js';
import { ALNUM, Rng, UPPER_ALNUM } from './random.js';

/** Display names a hostile tenant could hold; the option puts them in logs verbatim. */
export const HOSTILE_NAMES: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  "Robert'); DROP TABLE events;--",
  '=HYPERLINK("http://x.invalid","open")',
];

export interface PersonSpec {
  givenName: string;
  familyName: string;
  /** City id of the office (undefined for a remote worker, who then needs `home`). */
  office?: string;
  home?: string;
  vendor: ScenarioVendor;
  department: string;
  title: string;
  pattern?: Person['pattern'];
  nightShift?: boolean;
  admin?: boolean;
  carrierGeoHub?: boolean;
}

export interface PopulationOptions {
  seed: string;
  users: number;
  hostile?: boolean;
  ipStyle?: IpStyle;
  oktaEngine?: 'identity-engine' | 'classic';
  /** How Duo names users (Organisation.duo.names); e-mail by default. */
  duoNames?: 'email' | 'bare';
  /** People placed first, exactly as given (the demo incident's cast). */
  fixed?: readonly PersonSpec[];
  name?: string;
  domain?: string;
}

const GIVEN = [
  'Dana', 'Marcus', 'Priya', 'Tomasz', 'Aisha', 'Lukas', 'Sofia', 'Kenji', 'Amara', 'Ethan', 'Chloé', 'Rahul',
  'Ingrid', 'Mateo', 'Fatima', 'Oliver', 'Mei', 'Jonas', 'Grace', 'Diego', 'Hannah', 'Arjun', 'Zoë', 'Samuel',
  'Nadia', 'Felix', 'Leila', 'Connor', 'Yuki', 'Emeka', 'Clara', 'Pieter', 'Ana', 'Omar', 'Freya', 'Daniel',
  'Sinead', 'Wei', 'Joanna', 'Kwame', 'Elena', 'Noah', 'Isabel', 'Siddharth', 'Maja', 'Liam', 'Rosa', 'Søren',
] as const;
const FAMILY = [
  'Whitfield', 'Okafor', 'Raman', 'Nowak', 'Bello', 'Becker', 'Rossi', 'Tanaka', 'Mensah', 'Caldwell', 'Dubois',
  'Iyer', 'Lindqvist', 'García', 'Haddad', 'Brennan', 'Chen', 'Vermeulen', "O'Neill", 'Moreau', 'Schmidt', 'Kapoor',
  'Fischer', 'Adeyemi', 'Walsh', 'Jansen', 'Kowalski', 'Nakamura', 'Murphy', 'Santos', 'Ahmed', 'de Vries',
  'Hoffmann', 'Patel', 'Kelly', 'Novak', 'Fernández', 'Osei', 'Larsen', 'Bianchi', 'Łukasik', 'Reyes',
] as const;

/** ASCII spellings for mail addresses (explicit, so no Unicode tables are involved). */
const FOLD: Readonly<Record<string, string>> = { é: 'e', ë: 'e', á: 'a', í: 'i', ñ: 'n', ø: 'o', Ł: 'L', ł: 'l', ü: 'u', ö: 'o', ä: 'a' };
function mailPart(text: string): string {
  let s = '';
  for (const ch of text) s += FOLD[ch] ?? ch;
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

interface Dept {
  name: string;
  titles: readonly string[];
  weight: number;
}
const DEPARTMENTS: readonly Dept[] = [
  { name: 'Operations', titles: ['Dispatcher', 'Operations Manager', 'Freight Coordinator', 'Shift Lead'], weight: 6 },
  { name: 'Sales', titles: ['Account Executive', 'Sales Manager', 'Key Account Manager'], weight: 4 },
  { name: 'Finance', titles: ['Accountant', 'Financial Controller', 'Payroll Specialist', 'CFO'], weight: 3 },
  { name: 'Customer Service', titles: ['Customer Service Agent', 'Team Lead, Customer Service'], weight: 3 },
  { name: 'Engineering', titles: ['Software Engineer', 'Site Reliability Engineer', 'Engineering Manager', 'Data Engineer'], weight: 4 },
  { name: 'IT', titles: ['IT Support Analyst', 'Systems Administrator', 'Helpdesk Administrator'], weight: 2 },
  { name: 'People', titles: ['HR Business Partner', 'Recruiter'], weight: 1 },
  { name: 'Legal', titles: ['Counsel', 'Contracts Manager'], weight: 1 },
  { name: 'Procurement', titles: ['Buyer', 'Procurement Lead'], weight: 1 },
];

interface OfficePlan {
  id: string;
  name: string;
  weight: number;
}
const OFFICES: readonly OfficePlan[] = [
  { id: 'chicago', name: 'Chicago HQ', weight: 25 },
  { id: 'austin', name: 'Austin', weight: 12 },
  { id: 'london', name: 'London', weight: 14 },
  { id: 'hamburg', name: 'Hamburg (Kestrel Freight Europe GmbH)', weight: 12 },
  { id: 'rotterdam', name: 'Rotterdam Port Office', weight: 8 },
  { id: 'singapore', name: 'Singapore', weight: 7 },
  { id: 'pune', name: 'Pune Engineering Centre', weight: 10 },
];
/** Remote workers' home cities. */
const REMOTE_HOMES = ['seattle', 'new-york', 'toronto', 'manchester', 'munich', 'lyon', 'dublin', 'sydney'] as const;
/** The Entra tenant belongs to the European subsidiary. */
const ENTRA_CITIES: ReadonlySet<string> = new Set(['hamburg', 'rotterdam', 'munich', 'lyon']);

function point(c: City, network: Network, rng: Rng, style: IpStyle): NetPoint {
  const ip = hostIn(network.block, rng, style);
  return { ip, city: c, network, ...geoPoint(c, ip) };
}

/** A fresh address of the person's home-city network type, e.g. a phone on its mobile carrier. */
export function netIn(c: City, kind: 'residential' | 'mobile' | 'business' | 'hosting', rng: Rng, style: IpStyle): NetPoint {
  const options = networksOf(c, kind);
  const fallback = networksOf(c, 'residential');
  const network = rng.pick(options.length > 0 ? options : fallback);
  return point(c, network, rng, style);
}

function makeOffice(plan: OfficePlan, rng: Rng, style: IpStyle): Office {
  const c = city(plan.id);
  const business = networksOf(c, 'business');
  const network = business[0] ?? rng.pick(networksOf(c, 'residential'));
  // Two NAT egress addresses per office, as most firewalls pair them for failover.
  const egress = [point(c, network, rng, style), point(c, network, rng, style)];
  return { id: plan.id, name: plan.name, city: c, egress };
}

function vendorFor(dept: string, c: City): ScenarioVendor {
  if (dept === 'Engineering') return 'duo';
  return ENTRA_CITIES.has(c.id) ? 'entra' : 'okta';
}

/** Working day in local minutes: most start between 07:30 and 09:45 and stay about 8¾ hours. */
function workHours(rng: Rng, night: boolean): [number, number] {
  if (night) return [22 * 60 + rng.int(-30, 15), 30 * 60 + rng.int(0, 45)];
  const start = Math.round(Math.min(9.75, Math.max(7.5, rng.normal(8.5, 0.55))) * 60);
  return [start, start + Math.round(Math.max(7.5, rng.normal(8.75, 0.45)) * 60)];
}

interface Draft {
  spec: PersonSpec;
  office?: Office;
  home: City;
}

function randomDraft(rng: Rng, offices: readonly Office[]): Draft {
  const dept = rng.weighted(DEPARTMENTS.map((d) => [d, d.weight] as const));
  const remote = rng.chance(0.12);
  const plan = rng.weighted(OFFICES.map((o) => [o, o.weight] as const));
  const office = remote ? undefined : offices.find((o) => o.id === plan.id);
  const home = office?.city ?? city(rng.pick(REMOTE_HOMES));
  const night = dept.name === 'Operations' && office !== undefined && office.city.countryCode === 'US' && rng.chance(0.15);
  return {
    spec: {
      givenName: rng.pick(GIVEN),
      familyName: rng.pick(FAMILY),
      vendor: vendorFor(dept.name, home),
      department: dept.name,
      title: rng.pick(dept.titles),
      pattern: remote ? 'remote' : rng.weighted([['office', 5], ['hybrid', 4]] as const),
      nightShift: night,
      admin: dept.name === 'IT' && rng.chance(0.5),
    },
    office,
    home,
  };
}

export function buildOrganisation(opts: PopulationOptions): Organisation {
  const style = opts.ipStyle ?? 'realistic';
  const root = new Rng(`${opts.seed}/population`);
  const name = opts.name ?? 'Kestrel Freight';
  const domain = opts.domain ?? 'kestrelfreight.example';
  const offices = OFFICES.map((o) => makeOffice(o, root.derive('office', o.id), style));
  const assetPrefix = name.split(/\s+/).map((w) => w[0] ?? '').join('').toUpperCase() || 'PT';
  const used = new Set<string>();
  const people: Person[] = [];
  const fixed = opts.fixed ?? [];
  const total = Math.max(opts.users, fixed.length);

  for (let i = 0; i < total; i++) {
    const rng = root.derive('person', i);
    let draft: Draft;
    const spec = fixed[i];
    if (spec !== undefined) {
      const office = spec.office === undefined ? undefined : offices.find((o) => o.id === spec.office);
      draft = { spec, office, home: spec.home !== undefined ? city(spec.home) : (office?.city ?? city('chicago')) };
    } else {
      draft = randomDraft(rng, offices);
      // Small populations still get one person per vendor, so every writer has work to do.
      const forced: readonly ScenarioVendor[] = ['okta', 'entra', 'duo'];
      const want = forced[i - fixed.length];
      if (want !== undefined && !people.some((p) => p.vendor === want)) {
        const homeId = want === 'entra' ? 'hamburg' : want === 'duo' ? 'pune' : 'chicago';
        const office = offices.find((o) => o.id === homeId);
        draft = {
          ...draft,
          office,
          home: city(homeId),
          spec: { ...draft.spec, vendor: want, department: want === 'duo' ? 'Engineering' : draft.spec.department === 'Engineering' ? 'Operations' : draft.spec.department, pattern: 'hybrid' },
        };
      }
    }
    people.push(makePerson(i, draft, rng, { used, style, domain, assetPrefix }));
  }

  // Every organisation of some size runs a night desk: the odd-hours look-alike needs one.
  if (people.length >= 8 && !people.some((p) => p.nightShift)) {
    const p = people.find((q, idx) => idx >= fixed.length && q.department === 'Operations' && q.vendor === 'okta');
    if (p !== undefined) {
      p.nightShift = true;
      [p.workStart, p.workEnd] = workHours(root.derive('night', p.index), true);
    }
  }
  if (opts.hostile === true) applyHostile(people, fixed.length);

  const orgRng = root.derive('org');
  return {
    name,
    domain,
    ipStyle: style,
    hostile: opts.hostile === true,
    people,
    offices,
    okta: {
      engine: opts.oktaEngine ?? 'identity-engine',
      org: `${mailPart(name)}.okta.com`,
      policyId: `00p${orgRng.chars(ALNUM, 17)}`,
      policyRuleId: `0pr${orgRng.chars(ALNUM, 17)}`,
      authenticatorId: `aut${orgRng.chars(ALNUM, 17)}`,
      apps: ['Microsoft Office 365', 'Slack', 'Salesforce.com', 'Workday', 'Atlassian Cloud', 'Google Workspace'].map((n) => ({ name: n, id: `0oa${orgRng.chars(ALNUM, 17)}` })),
    },
    entra: {
      tenantId: orgRng.uuid4(),
      tenantName: `${name} Europe GmbH`,
      // First-party application and resource ids are Microsoft's published, fixed GUIDs.
      apps: [
        { name: 'OfficeHome', id: '4765445b-32c6-49b0-83e6-1d93765276ca', resource: { name: 'Office 365 Exchange Online', id: '00000002-0000-0ff1-ce00-000000000000' } },
        { name: 'Microsoft Teams', id: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', resource: { name: 'Microsoft Teams Services', id: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe' } },
        { name: 'Microsoft Office', id: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', resource: { name: 'Microsoft Graph', id: '00000003-0000-0000-c000-000000000000' } },
        { name: 'Azure Portal', id: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', resource: { name: 'Windows Azure Service Management API', id: '797f4846-ba00-4fd7-ba43-dac1f8f63013' } },
      ],
    },
    duo: {
      names: opts.duoNames ?? 'email',
      apps: ['Cisco ASA SSL VPN', 'Unix SSH Bastion', 'Microsoft Azure Active Directory'].map((n) => ({ name: n, id: `DI${orgRng.chars(UPPER_ALNUM, 18)}` })),
    },
  };
}

interface MakeCtx {
  used: Set<string>;
  style: IpStyle;
  domain: string;
  assetPrefix: string;
}

function makePerson(index: number, draft: Draft, rng: Rng, ctx: MakeCtx): Person {
  const { spec } = draft;
  const base = `${mailPart(spec.givenName)}.${mailPart(spec.familyName)}`;
  let local = base;
  for (let n = 2; ctx.used.has(local); n++) local = `${base}${n}`;
  ctx.used.add(local);
  const [workStart, workEnd] = workHours(rng.derive('hours'), spec.nightShift === true);
  const homeNet = netIn(draft.home, 'residential', rng.derive('home'), ctx.style);
  const engineer = spec.department === 'Engineering';
  return {
    index,
    key: `u${String(index).padStart(5, '0')}`,
    givenName: spec.givenName,
    familyName: spec.familyName,
    displayName: `${spec.givenName} ${spec.familyName}`,
    email: `${local}@${ctx.domain}`,
    vendor: spec.vendor,
    department: spec.department,
    title: spec.title,
    home: draft.home,
    homeNet,
    office: draft.office,
    pattern: spec.pattern ?? (draft.office === undefined ? 'remote' : 'hybrid'),
    laptop: makeLaptop(rng.derive('laptop'), { engineer, givenName: spec.givenName, assetPrefix: ctx.assetPrefix }),
    phone: makePhone(rng.derive('phone'), { givenName: spec.givenName, home: draft.home }),
    workStart,
    workEnd,
    nightShift: spec.nightShift === true,
    admin: spec.admin === true,
    ids: {
      okta: `00u${rng.chars(ALNUM, 17)}`,
      entra: rng.uuid4(),
      duo: `DU${rng.chars(UPPER_ALNUM, 18)}`,
    },
    groups: engineer ? ['Engineering', 'VPN Users'] : [spec.department, 'All Staff'],
    carrierGeoHub: spec.carrierGeoHub === true,
  };
}

/**
 * The hostile option: a few display names and user agents carry markup and formula payloads,
 * verbatim, so the UI, reports and exports can be checked for escaping. Addresses stay valid.
 */
function applyHostile(people: Person[], skip: number): void {
  // Duo logs carry no display name and no raw user agent: plant the payloads where they show.
  const candidates = people.slice(skip).filter((p) => p.vendor !== 'duo');
  HOSTILE_NAMES.forEach((payload, i) => {
    const p = candidates[(i * 2) % Math.max(1, candidates.length)];
    if (p !== undefined) p.displayName = i === 0 ? payload : `${p.givenName} ${payload}`;
  });
  HOSTILE_USER_AGENTS.forEach((ua, i) => {
    const p = candidates[(i * 2 + 1) % Math.max(1, candidates.length)];
    if (p !== undefined) p.laptop = { ...p.laptop, userAgent: ua };
  });
}
