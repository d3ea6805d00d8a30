/**
 * The one authentication-event model every vendor is normalised into.
 * Field names follow OCSF Authentication (class 3002) where OCSF has the idea;
 * see `toOcsf` in later exports for the exact mapping.
 */

/** Canonical outcomes (docs/log-sources.md §0) plus primary-authentication and session events. */
export const OUTCOMES = [
  'challenge_sent',
  'mfa_required',
  'approved',
  'denied',
  'timeout',
  'fraud_reported',
  'failed_other',
  'factor_change',
  'auth_success',
  'auth_failure',
  'session_start',
  'other',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const FACTORS = [
  'push',
  'sms',
  'voice',
  'totp',
  'webauthn',
  'passcode',
  'hardware_token',
  'bypass',
  'email',
  'password',
  'remembered',
  'unknown',
] as const;
export type Factor = (typeof FACTORS)[number];

/** Every source PushTrail reads; ids appear in `--format` and in reports. */
export const VENDORS = [
  'okta',
  'entra',
  'm365',
  'duo',
  'google',
  'cloudtrail',
  'pingone',
  'syslog',
  'analyst',
] as const;
export type Vendor = (typeof VENDORS)[number];

/** Where a geo value came from: the vendor's own record, or PushTrail's offline lookup. */
export type GeoSource = 'vendor' | 'lookup';

export interface Geo {
  city?: string;
  region?: string;
  /** ISO 3166-1 alpha-2 where known, otherwise the vendor's country text. */
  country?: string;
  lat?: number;
  lon?: number;
  source: GeoSource;
}

export interface Network {
  ip: string;
  geo?: Geo;
  asn?: number;
  asOrg?: string;
}

/** A vendor record after normalisation, before it is stored. */
export interface AuthEvent {
  /** UTC milliseconds since the epoch. */
  time: number;
  vendor: Vendor;
  /** Canonical identity: lower-case UPN / e-mail / user name. Empty string when the record names nobody. */
  user: string;
  userDisplay?: string;
  userVendorId?: string;
  /** An e-mail the record carries beside a user name that is not it (Duo's `email` beside `user.name`); links identities. */
  userEmail?: string;
  outcome: Outcome;
  factor?: Factor;
  /** Where the login attempt came from (OCSF src_endpoint). */
  source?: Network;
  /** The device that answered the prompt, where the vendor logs it (Duo auth_device). */
  responder?: Network & { name?: string };
  userAgent?: string;
  device?: string;
  app?: string;
  /** Session or correlation id that links the events of one sign-in. */
  sessionId?: string;
  /** The vendor's own event name (eventType, operation, action ...). */
  vendorEvent: string;
  /** The vendor's reason / result detail text. */
  reason?: string;
  /** The vendor's unique id for the record, used to deduplicate. */
  vendorUid?: string;
}

/** Link from a stored event back to the evidence it was read from. */
export interface EvidenceRef {
  evidenceId: number;
  /** 1-based line in the source file, where the format has lines. */
  line?: number;
  /** 1-based record number within the file. */
  record: number;
}

/** An event as stored in a case. */
export interface StoredEvent extends AuthEvent {
  id: number;
  ref: EvidenceRef;
}
