/**
 * The scenario's own vendor-neutral events. Activity and attack builders produce these; the
 * writers turn each into the vendor's records (one Okta sign-in becomes several LogEvents, one
 * Entra sign-in attempt one signIn object, one Duo attempt one authlog). Keeping the meaning
 * here and the syntax in the writers lets one attack be written for any vendor.
 */
import type { City, IpStyle, Network } from './places.js';

/** The vendors the generator writes (a subset of shared/model Vendor). */
export type ScenarioVendor = 'okta' | 'entra' | 'duo';

/** One IP address as a geolocation/IP-intelligence service would describe it. */
export interface NetPoint {
  ip: string;
  city: City;
  network: Network;
  lat: number;
  lon: number;
}

export interface Device {
  kind: 'Computer' | 'Mobile';
  userAgent: string;
  /** Short browser name as Duo writes it ("Chrome", "Edge", "Firefox", "Safari"). */
  browser: string;
  browserVersion: string;
  /** OS family as Duo writes it ("Windows", "Mac OS X", "iOS", "Android"). */
  os: string;
  osVersion: string;
  /** Host name of a computer, or the phone's name ("Dana's iPhone"). */
  name: string;
  /** Stable device id (Entra deviceId / Okta device uuid). */
  id: string;
}

export interface Phone extends Device {
  kind: 'Mobile';
  /** Hardware model id, e.g. "iPhone15,4" or "SM-S911B". */
  model: string;
  platform: 'IOS' | 'ANDROID';
  /** E.164 number, used for SMS/voice and as Duo's auth device name. */
  number: string;
  /** Okta device id ("guo...") and Okta Verify factor id ("opf..."). */
  oktaDeviceId: string;
  oktaFactorId: string;
}

export interface Endpoint {
  net: NetPoint;
  device: Device;
}

export interface Office {
  id: string;
  name: string;
  city: City;
  /** Shared NAT egress addresses: every person in the office signs in from one of these. */
  egress: NetPoint[];
}

export interface Person {
  index: number;
  /** Stable key for derived random streams, e.g. "u0007". */
  key: string;
  givenName: string;
  familyName: string;
  displayName: string;
  /** Sign-in name, UPN and e-mail (one value, lower-case: what AuthEvent.user becomes). */
  email: string;
  vendor: ScenarioVendor;
  department: string;
  title: string;
  home: City;
  homeNet: NetPoint;
  office?: Office;
  pattern: 'office' | 'hybrid' | 'remote';
  laptop: Device;
  phone: Phone;
  /** Local working hours in minutes after local midnight; a night shift ends after 1440. */
  workStart: number;
  workEnd: number;
  nightShift: boolean;
  /** Helpdesk / directory administrator (can disable MFA for users). */
  admin: boolean;
  ids: { okta: string; entra: string; duo: string };
  groups: string[];
  /** Day indexes [first, last] of a holiday, if any. */
  holiday?: readonly [number, number];
  /** The person's phone always geolocates to the carrier hub (a benign look-alike). */
  carrierGeoHub: boolean;
}

export interface AppRef {
  name: string;
  id: string;
}

export interface Organisation {
  name: string;
  domain: string;
  ipStyle: IpStyle;
  /** Hostile strings were planted (display names, user agents). */
  hostile: boolean;
  people: Person[];
  offices: Office[];
  okta: {
    engine: 'identity-engine' | 'classic';
    org: string;
    policyId: string;
    policyRuleId: string;
    authenticatorId: string;
    apps: AppRef[];
  };
  entra: { tenantId: string; tenantName: string; apps: (AppRef & { resource: AppRef })[] };
  duo: {
    apps: AppRef[];
    /**
     * How Duo names users: by e-mail (a Duo fed by the IdP), or by the bare directory name
     * (`mei.chen`) with an empty `email`, as a Duo synced from on-premises AD does, so the same
     * person is `mei.chen` in Duo and `mei.chen@domain` in Okta and Entra.
     */
    names: 'email' | 'bare';
  };
}

export type PromptFactor = 'push' | 'sms' | 'voice';
export type PromptResult = 'approved' | 'denied' | 'timeout' | 'fraud' | 'anomalous' | 'telecom_limit';

export interface Prompt {
  sentAt: number;
  factor: PromptFactor;
  result: PromptResult;
  /** When the answer was logged; absent for time-outs and blocked sends. */
  answeredAt?: number;
  /** The phone's network when it answered (or its last known one, for Duo's verdicts). */
  responder?: NetPoint;
}

/** Okta's behaviour flags, computed from the person's history in time order. */
export interface Behaviors {
  newGeo: boolean;
  newDevice: boolean;
  newIp: boolean;
  newState: boolean;
  newCountry: boolean;
  newCity: boolean;
  velocity: boolean;
}

interface Base {
  time: number;
  /** Unique key: the writers derive this event's ids and small random details from it. */
  key: string;
  vendor: ScenarioVendor;
  /** Labels name the scenario that produced the event ('' for ordinary activity). */
  scenario: string;
}

export interface SignInEvent extends Base {
  kind: 'signin';
  person: Person;
  client: Endpoint;
  app: number;
  /** Seed of the browser-session id: attempts from one browser share it. */
  sessionKey: string;
  /** 'prompt': MFA prompts follow; 'remembered': MFA satisfied by an earlier session/token. */
  mfa: 'prompt' | 'remembered';
  prompts: Prompt[];
  /** Entra interrupt logged before the prompt. */
  interrupt?: 50074 | 50076;
  /** Wrong password: nothing after the primary step (password spraying). */
  passwordFailed?: boolean;
  actor: 'user' | 'attacker';
  /** Applications opened by single sign-on after a successful session (Okta). */
  ssoApps: number;
  behaviors?: Behaviors;
}

export interface FactorEvent extends Base {
  kind: 'factor';
  person: Person;
  /** Who did it: the person themself (or someone holding their session), or an admin. */
  by: Person;
  client: Endpoint;
  action: 'enroll' | 'remove' | 'reset_all' | 'disable_mfa';
  factor: 'push' | 'sms';
  /** The phone that was enrolled or removed. */
  phone?: Phone;
}

export interface FraudReportEvent extends Base {
  kind: 'fraud_report';
  person: Person;
  client: Endpoint;
  /** The prompt the person reported. */
  reported: { time: number; net: NetPoint; device: Device };
}

export interface ThreatEvent extends Base {
  kind: 'threat';
  client: Endpoint;
  detections: Record<string, 'LOW' | 'MEDIUM' | 'HIGH'>;
  result: 'ALLOW' | 'DENY';
}

export type SimEvent = SignInEvent | FactorEvent | FraudReportEvent | ThreatEvent;

/** Latest time any record of an event carries, for ordering the output. */
export function eventEnd(e: SimEvent): number {
  if (e.kind !== 'signin') return e.time;
  let end = e.time;
  for (const p of e.prompts) end = Math.max(end, p.answeredAt ?? p.sentAt);
  return end;
}
