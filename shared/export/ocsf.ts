/**
 * Maps stored events to OCSF Authentication (class 3002, schema 1.3) for a SIEM or data lake.
 * Only the fields listed in `OCSF_FIELDS` are filled; PushTrail-specific facts without an
 * OCSF home (the device that answered the prompt, the canonical outcome) go under `unmapped`.
 */
import type { Factor, Geo, Network, Outcome, StoredEvent, Vendor } from '../model/event.js';

export const OCSF_VERSION = '1.3.0';
const CLASS_UID = 3002;
const CATEGORY_UID = 3;

/** OCSF Authentication activity ids. */
const ACTIVITY = { unknown: 0, logon: 1, preauth: 6, other: 99 } as const;
/** OCSF status ids. */
const STATUS = { unknown: 0, success: 1, failure: 2, other: 99 } as const;

const OUTCOME_ACTIVITY: Record<Outcome, number> = {
  challenge_sent: ACTIVITY.preauth,
  mfa_required: ACTIVITY.preauth,
  approved: ACTIVITY.logon,
  denied: ACTIVITY.logon,
  timeout: ACTIVITY.logon,
  fraud_reported: ACTIVITY.logon,
  failed_other: ACTIVITY.logon,
  factor_change: ACTIVITY.other,
  auth_success: ACTIVITY.logon,
  auth_failure: ACTIVITY.logon,
  session_start: ACTIVITY.logon,
  other: ACTIVITY.other,
};

const OUTCOME_STATUS: Record<Outcome, number> = {
  challenge_sent: STATUS.unknown,
  mfa_required: STATUS.unknown,
  approved: STATUS.success,
  denied: STATUS.failure,
  timeout: STATUS.failure,
  fraud_reported: STATUS.failure,
  failed_other: STATUS.failure,
  factor_change: STATUS.other,
  auth_success: STATUS.success,
  auth_failure: STATUS.failure,
  session_start: STATUS.success,
  other: STATUS.unknown,
};

/** OCSF Authentication Factor `factor_type_id`. */
const FACTOR_TYPE: Record<Factor, number> = {
  sms: 1,
  voice: 3,
  push: 5,
  hardware_token: 6,
  totp: 7,
  passcode: 7,
  email: 8,
  webauthn: 10,
  password: 11,
  bypass: 99,
  remembered: 99,
  unknown: 0,
};

const MFA_OUTCOMES = new Set<Outcome>(['challenge_sent', 'mfa_required', 'approved', 'denied', 'timeout', 'fraud_reported']);

const PRODUCT: Record<Vendor, { name: string; vendor_name: string }> = {
  okta: { name: 'Okta System Log', vendor_name: 'Okta' },
  entra: { name: 'Microsoft Entra ID', vendor_name: 'Microsoft' },
  m365: { name: 'Microsoft 365 Unified Audit Log', vendor_name: 'Microsoft' },
  duo: { name: 'Cisco Duo', vendor_name: 'Cisco' },
  google: { name: 'Google Workspace', vendor_name: 'Google' },
  cloudtrail: { name: 'AWS CloudTrail', vendor_name: 'Amazon Web Services' },
  pingone: { name: 'PingOne / PingID', vendor_name: 'Ping Identity' },
  syslog: { name: 'Linux syslog', vendor_name: 'Linux' },
  analyst: { name: 'PushTrail analyst entry', vendor_name: 'PushTrail' },
};

/** The OCSF attributes PushTrail fills (top level); tests validate exported lines against this. */
export const OCSF_FIELDS = [
  'class_uid',
  'class_name',
  'category_uid',
  'category_name',
  'activity_id',
  'activity_name',
  'type_uid',
  'time',
  'severity_id',
  'status_id',
  'status',
  'status_detail',
  'message',
  'user',
  'src_endpoint',
  'http_request',
  'session',
  'service',
  'is_mfa',
  'auth_factors',
  'metadata',
  'unmapped',
] as const;

export type OcsfAuthentication = Partial<Record<(typeof OCSF_FIELDS)[number], unknown>>;

function location(geo: Geo | undefined): Record<string, unknown> | undefined {
  if (geo === undefined) return undefined;
  return prune({ city: geo.city, region: geo.region, country: geo.country, lat: geo.lat, long: geo.lon, provider: geo.source });
}

function endpoint(net: Network | undefined): Record<string, unknown> | undefined {
  if (net === undefined) return undefined;
  return prune({
    ip: net.ip,
    location: location(net.geo),
    autonomous_system: net.asn === undefined ? undefined : prune({ number: net.asn, name: net.asOrg }),
  });
}

/** Drop undefined members so exported lines carry only what is known. */
function prune<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function toOcsf(e: StoredEvent): OcsfAuthentication {
  const activity = OUTCOME_ACTIVITY[e.outcome];
  const status = OUTCOME_STATUS[e.outcome];
  return prune({
    class_uid: CLASS_UID,
    class_name: 'Authentication',
    category_uid: CATEGORY_UID,
    category_name: 'Identity & Access Management',
    activity_id: activity,
    activity_name: activity === ACTIVITY.logon ? 'Logon' : activity === ACTIVITY.preauth ? 'Preauth' : 'Other',
    type_uid: CLASS_UID * 100 + activity,
    time: e.time,
    severity_id: 1,
    status_id: status,
    status: status === STATUS.success ? 'Success' : status === STATUS.failure ? 'Failure' : status === STATUS.other ? 'Other' : 'Unknown',
    status_detail: e.reason,
    message: e.vendorEvent,
    user: prune({ name: e.user === '' ? undefined : e.user, full_name: e.userDisplay, uid: e.userVendorId }),
    src_endpoint: endpoint(e.source),
    http_request: e.userAgent === undefined ? undefined : { user_agent: e.userAgent },
    session: e.sessionId === undefined ? undefined : { uid: e.sessionId },
    service: e.app === undefined ? undefined : { name: e.app },
    is_mfa: MFA_OUTCOMES.has(e.outcome) || undefined,
    auth_factors: e.factor === undefined ? undefined : [{ factor_type: e.factor, factor_type_id: FACTOR_TYPE[e.factor] }],
    metadata: prune({
      version: OCSF_VERSION,
      product: PRODUCT[e.vendor],
      uid: e.vendorUid,
      log_name: e.vendorEvent,
      correlation_uid: e.sessionId,
    }),
    unmapped: prune({
      pushtrail_event_id: e.id,
      pushtrail_outcome: e.outcome,
      pushtrail_evidence: prune({ evidence_id: e.ref.evidenceId, line: e.ref.line, record: e.ref.record }),
      responder: e.responder === undefined ? undefined : prune({ ...endpoint(e.responder), name: e.responder.name }),
      device: e.device,
    }),
  });
}
