/**
 * Microsoft Entra ID (docs/log-sources.md §2): Graph `auditLogs/signIns` objects (the key set of the corpus's
 * entra/elastic-integrations sign-in `properties`) and `auditLogs/directoryAudits` objects (the
 * key set of the corpus's Graph-shaped audit `properties`). One sign-in attempt is one record:
 * an MFA interrupt (50074/50076), then one record per prompt, each carrying the answer in
 * `status` and `authenticationDetails`. Entra does not log where the phone answered from.
 */
import type { Device, Endpoint, FactorEvent, FraudReportEvent, Organisation, Person, Prompt, SignInEvent, SimEvent } from '../model.js';
import type { Rng } from '../random.js';
import { entraRequestId, eventRng, iso7, record, type OutRecord, type WriterContext } from './format.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const MFA_INTERRUPT_DETAIL =
  "The user didn't complete the MFA prompt. They may have decided not to authenticate, timed out while doing other work, or has an issue with their authentication setup.";

/** Sign-in failure texts, keyed by AADSTS code. */
const FAILURE: Readonly<Record<number, string>> = {
  50074: 'Strong Authentication is required.',
  50088: 'Limit on telecom MFA calls reached. Please try again in a few minutes.',
  50126: 'Invalid username or password or Invalid on-premise username or password.',
  500121: 'Authentication failed during strong authentication request.',
};

function os(d: Device): string {
  if (d.os === 'Windows') return 'Windows10';
  if (d.os === 'Mac OS X') return 'MacOs';
  return d.os;
}

/** "Edge 133.0.3065", "Chrome 133.0.6943": name plus the first three version parts. */
function browser(d: Device): string {
  return `${d.browser} ${d.browserVersion.split('.').slice(0, 3).join('.')}`;
}

/** Masked phone number as the portal and Graph show it: "+44 XXXXXXX123". */
function masked(number: string): string {
  const digits = number.replace(/\D/g, '');
  const cc = number.split(' ')[0] ?? '+';
  return `${cc} ${'X'.repeat(Math.max(0, digits.length - cc.length - 2))}${digits.slice(-2)}`;
}

interface Step {
  at: number;
  method: string;
  detail: string | null;
  ok: boolean;
  result: string;
  requirement: 'Primary authentication' | 'Multifactor authentication';
}

function stepJson(s: Step, rng: Rng): Obj {
  return {
    authenticationStepDateTime: iso7(s.at, rng),
    authenticationMethod: s.method,
    authenticationMethodDetail: s.detail,
    succeeded: s.ok,
    authenticationStepResultDetail: s.result,
    authenticationStepRequirement: s.requirement,
  };
}

const PASSWORD = (at: number): Step => ({ at, method: 'Password', detail: 'Password in the cloud', ok: true, result: 'Correct password', requirement: 'Primary authentication' });

/** The MFA step and the record's status for one answered (or unanswered) prompt. */
function promptOutcome(pr: Prompt, p: Person): { step: Step; code: number; details: string | null } {
  const method = pr.factor === 'push' ? 'Mobile app notification' : pr.factor === 'sms' ? 'Text message' : 'Phone call';
  const detail = pr.factor === 'push' ? p.phone.name : masked(p.phone.number);
  const at = pr.answeredAt ?? pr.sentAt + 60_000;
  const fail = (result: string, code = 500121): { step: Step; code: number; details: string | null } => ({
    step: { at, method, detail, ok: false, result, requirement: 'Multifactor authentication' },
    code,
    details: code === 500121 ? result : null,
  });
  switch (pr.result) {
    case 'approved':
      return { step: { at, method, detail, ok: true, result: 'MFA successfully completed', requirement: 'Multifactor authentication' }, code: 0, details: 'MFA completed in Azure AD' };
    case 'denied':
      return fail('MFA denied; user declined the authentication');
    case 'timeout':
      return fail(pr.factor === 'voice' ? 'MFA denied; phone call went to voicemail' : 'MFA denied; user did not respond to mobile app notification');
    case 'fraud':
      return fail('MFA denied, Fraud Code Entered');
    case 'telecom_limit':
    case 'anomalous':
      return fail('Limit on telecom MFA calls reached', 50088);
  }
}

interface SignInRecord {
  time: number;
  code: number;
  details: string | null;
  steps: Step[];
  mfa: boolean;
  /** Conditional Access required the MFA (50076 flows). */
  ca: boolean;
  failureReason?: string;
}

function signInObject(e: SignInEvent, r: SignInRecord, org: Organisation, rng: Rng): Obj {
  const p = e.person;
  const app = org.entra.apps[e.app % org.entra.apps.length] ?? org.entra.apps[0];
  const c: Endpoint = e.client;
  const id = entraRequestId(rng);
  const office = p.office?.egress.some((x) => x.ip === c.net.ip) === true ? p.office : undefined;
  const managed = c.device === p.laptop && e.actor === 'user';
  const policy: Obj[] = r.ca ? [{ id: org.entra.tenantId.replace(/^.{8}/, 'c0a1b2c3'), displayName: 'CA002: Require MFA outside trusted locations', enforcedGrantControls: ['Mfa'], enforcedSessionControls: [], result: r.code === 0 ? 'success' : 'failure' }] : [];
  const status: Obj = { errorCode: r.code };
  if (r.code !== 0) status.failureReason = r.failureReason ?? FAILURE[r.code] ?? 'Other.';
  if (r.details !== null) status.additionalDetails = r.details;
  const promptStep = r.steps.find((s) => s.requirement === 'Multifactor authentication');
  return {
    id,
    createdDateTime: iso7(r.time, rng),
    userDisplayName: p.displayName,
    userPrincipalName: p.email,
    userId: p.ids.entra,
    appId: app?.id ?? '',
    appDisplayName: app?.name ?? '',
    ipAddress: c.net.ip,
    status,
    clientAppUsed: 'Browser',
    userAgent: c.device.userAgent,
    deviceDetail: {
      deviceId: managed ? c.device.id : '',
      displayName: managed ? c.device.name : '',
      operatingSystem: os(c.device),
      browser: browser(c.device),
      isCompliant: managed,
      isManaged: managed,
      trustType: managed ? 'Azure AD joined' : '',
    },
    location: { city: c.net.city.city, state: c.net.city.stateLocal, countryOrRegion: c.net.city.countryCode, geoCoordinates: { latitude: c.net.lat, longitude: c.net.lon } },
    mfaDetail: promptStep !== undefined ? { authMethod: promptStep.method, authDetail: promptStep.detail } : {},
    correlationId: rng.uuid4(),
    conditionalAccessStatus: r.ca ? (r.code === 0 ? 'success' : 'failure') : 'notApplied',
    appliedConditionalAccessPolicies: policy,
    originalRequestId: id,
    isInteractive: true,
    tokenIssuerName: '',
    tokenIssuerType: 'AzureAD',
    authenticationProcessingDetails: [
      { key: 'Legacy TLS (TLS 1.0, 1.1, 3DES)', value: 'False' },
      { key: 'Is CAE Token', value: 'False' },
    ],
    networkLocationDetails: office !== undefined ? [{ networkType: 'namedNetwork', networkNames: [`${office.city.city} Office`] }] : [],
    processingTimeInMilliseconds: rng.int(40, 900),
    riskDetail: 'none',
    riskLevelAggregated: 'none',
    riskLevelDuringSignIn: 'none',
    riskState: 'none',
    riskEventTypes: [],
    riskEventTypes_v2: [],
    resourceDisplayName: app?.resource.name ?? '',
    resourceId: app?.resource.id ?? '',
    resourceTenantId: org.entra.tenantId,
    homeTenantId: org.entra.tenantId,
    authenticationDetails: r.steps.map((s) => stepJson(s, rng)),
    authenticationRequirementPolicies: r.mfa ? [r.ca ? { requirementProvider: 'multiConditionalAccess', detail: 'Conditional Access' } : { requirementProvider: 'user', detail: 'Per-user MFA' }] : [],
    authenticationRequirement: r.mfa ? 'multiFactorAuthentication' : 'singleFactorAuthentication',
    servicePrincipalId: '',
    userType: 'Member',
    flaggedForReview: false,
    isTenantRestricted: false,
    autonomousSystemNumber: c.net.network.operator.asn,
    crossTenantAccessType: 'none',
    privateLinkDetails: {},
    ssoExtensionVersion: '',
    uniqueTokenIdentifier: r.code === 0 ? Buffer.from(id).toString('base64').replace(/=+$/, '') : '',
    incomingTokenType: 'none',
    authenticationProtocol: 'none',
  };
}

function signIns(e: SignInEvent, ctx: WriterContext): OutRecord[] {
  const rng = eventRng(ctx, e);
  const ca = e.interrupt === 50076;
  const put = (r: SignInRecord): OutRecord => record('entra-signins', r.time, signInObject(e, r, ctx.org, rng));
  if (e.passwordFailed === true) {
    return [put({ time: e.time, code: 50126, details: null, mfa: false, ca: false, steps: [{ ...PASSWORD(e.time), ok: false, result: FAILURE[50126] ?? '' }] })];
  }
  if (e.mfa === 'remembered') {
    // A token from an earlier MFA: "Previously satisfied" for both requirements.
    return [put({
      time: e.time, code: 0, details: 'MFA requirement satisfied by claim in the token', mfa: true, ca: false,
      steps: [
        { at: e.time, method: 'Previously satisfied', detail: null, ok: true, result: 'First factor requirement satisfied by claim in the token', requirement: 'Primary authentication' },
        { at: e.time + 1, method: 'Previously satisfied', detail: null, ok: true, result: 'MFA requirement satisfied by claim in the token', requirement: 'Multifactor authentication' },
      ],
    })];
  }
  const out: OutRecord[] = [];
  if (e.interrupt !== undefined) {
    const details = e.interrupt === 50074 ? MFA_INTERRUPT_DETAIL : 'MFA required in Azure AD';
    const reason = e.interrupt === 50076 ? "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'." : undefined;
    out.push(put({ time: e.time, code: e.interrupt, details, mfa: true, ca, steps: [PASSWORD(e.time)], failureReason: reason }));
  }
  for (const pr of e.prompts) {
    const o = promptOutcome(pr, e.person);
    const t = o.code === 50088 ? pr.sentAt : o.step.at;
    out.push(put({ time: t, code: o.code, details: o.details, mfa: true, ca, steps: [PASSWORD(pr.sentAt - 1500), o.step] }));
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Directory audits

function who(p: Person, ip: string): Obj {
  return { user: { id: p.ids.entra, displayName: p.displayName, userPrincipalName: p.email, ipAddress: ip, roles: [] }, app: null };
}

function target(p: Person, modified: Obj[] = []): Obj {
  return { id: p.ids.entra, displayName: p.displayName, type: 'User', userPrincipalName: p.email, groupType: null, modifiedProperties: modified, administrativeUnits: [] };
}

interface AuditFields {
  time: number;
  activity: string;
  service: 'Authentication Methods' | 'Core Directory';
  operationType: 'Add' | 'Delete' | 'Update';
  reason: string;
  by: Person;
  ip: string;
  targets: Obj[];
  details: Obj[];
}

function audit(f: AuditFields, rng: Rng): OutRecord {
  return record('entra-audit', f.time, {
    id: f.service === 'Core Directory' ? `Directory_${rng.uuid4()}` : rng.uuid4(),
    category: 'UserManagement',
    correlationId: rng.uuid4(),
    result: 'success',
    resultReason: f.reason,
    activityDisplayName: f.activity,
    activityDateTime: iso7(f.time, rng),
    loggedByService: f.service,
    operationType: f.operationType,
    initiatedBy: who(f.by, f.ip),
    targetResources: f.targets,
    additionalDetails: f.details,
  });
}

const METHOD = 'Authenticator App with Notification and Code';

function factorAudit(e: FactorEvent, ctx: WriterContext): OutRecord[] {
  const rng = eventRng(ctx, e);
  const base = { time: e.time, by: e.by, ip: e.client.net.ip, targets: [target(e.person)] };
  const ua = { key: 'User-Agent', value: e.client.device.userAgent };
  switch (e.action) {
    case 'enroll':
      return [audit({ ...base, activity: 'User registered security info', service: 'Authentication Methods', operationType: 'Add', reason: `User registered ${METHOD}`, details: [ua] }, rng)];
    case 'remove':
    case 'reset_all':
      return [audit({ ...base, activity: 'User deleted security info', service: 'Authentication Methods', operationType: 'Delete', reason: `User deleted ${METHOD}`, details: [ua] }, rng)];
    case 'disable_mfa': {
      const before = `[{"RelyingParty":"*","State":1,"RememberDevicesNotIssuedBefore":"${new Date(e.time - 86_400_000 * 200).toISOString()}"}]`;
      const modified = [
        { displayName: 'StrongAuthenticationRequirement', oldValue: before, newValue: '[]' },
        { displayName: 'Included Updated Properties', oldValue: null, newValue: '"StrongAuthenticationRequirement"' },
      ];
      return [audit({ ...base, targets: [target(e.person, modified)], activity: 'Disable Strong Authentication', service: 'Core Directory', operationType: 'Update', reason: '', details: [{ key: 'UserType', value: 'Member' }] }, rng)];
    }
  }
}

function fraudAudit(e: FraudReportEvent, ctx: WriterContext): OutRecord[] {
  const rng = eventRng(ctx, e);
  return [audit({
    time: e.time, by: e.person, ip: e.client.net.ip, targets: [target(e.person)], activity: 'Suspicious activity reported', service: 'Authentication Methods',
    operationType: 'Update', reason: 'Successfully reported suspicious activity', details: [{ key: 'AuthenticationMethod', value: 'PhoneAppNotification' }],
  }, rng)];
}

export function entraWriter(e: SimEvent, ctx: WriterContext): OutRecord[] {
  switch (e.kind) {
    case 'signin':
      return signIns(e, ctx);
    case 'factor':
      return factorAudit(e, ctx);
    case 'fraud_report':
      return fraudAudit(e, ctx);
    case 'threat':
      return [];
  }
}
