/**
 * Okta System Log LogEvents (docs/log-sources.md §1), field for field as `GET /api/v1/logs` returns them and
 * as the corpus samples show (okta/elastic-integrations/test-okta-system-events.log for complete
 * records). Identity Engine orgs log the password as `auth_via_mfa` PASSWORD_AS_FACTOR and a
 * rejected push as `auth_via_mfa` FAILURE/INVALID_CREDENTIALS; Classic orgs log the rejection
 * as `user.mfa.okta_verify.deny_push`. A push no one answers leaves only its send event.
 */
import type { Behaviors, Device, Endpoint, FactorEvent, FraudReportEvent, NetPoint, Person, SignInEvent, SimEvent, ThreatEvent } from '../model.js';
import { BASE64URL, type Rng } from '../random.js';
import { eventRng, isoMs, record, uuidV1, type OutRecord, type WriterContext } from './format.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const NEGATIVE: Behaviors = { newGeo: false, newDevice: false, newIp: false, newState: false, newCountry: false, velocity: false, newCity: false };

/** debugData.behaviors as Okta renders it: a Java map's toString, not JSON. */
function behaviorText(b: Behaviors): string {
  const v = (x: boolean): string => (x ? 'POSITIVE' : 'NEGATIVE');
  return `{New Geo-Location=${v(b.newGeo)}, New Device=${v(b.newDevice)}, New IP=${v(b.newIp)}, New State=${v(b.newState)}, New Country=${v(b.newCountry)}, Velocity=${v(b.velocity)}, New City=${v(b.newCity)}}`;
}

function riskText(b: Behaviors): string {
  const score = Number(b.newCountry) * 2 + Number(b.newDevice) + Number(b.newIp) + Number(b.velocity) * 2;
  return `{level=${score >= 4 ? 'HIGH' : score >= 2 ? 'MEDIUM' : 'LOW'}}`;
}

function oktaOs(d: Device): string {
  if (d.kind === 'Mobile') return 'Unknown mobile';
  return d.os === 'Windows' ? 'Windows 10' : d.os;
}

function oktaBrowser(d: Device): string {
  if (d.kind === 'Mobile') return 'UNKNOWN';
  return d.browser === 'Edge' ? 'EDGE_CHROMIUM' : d.browser.toUpperCase();
}

function geo(net: NetPoint): Obj {
  return { city: net.city.city, state: net.city.state, country: net.city.country, postalCode: net.city.postalCode, geolocation: { lat: net.lat, lon: net.lon } };
}

function client(e: Endpoint): Obj {
  return {
    userAgent: { rawUserAgent: e.device.userAgent, os: oktaOs(e.device), browser: oktaBrowser(e.device) },
    zone: 'null',
    device: e.device.kind,
    id: null,
    ipAddress: e.net.ip,
    geographicalContext: geo(e.net),
  };
}

function security(net: NetPoint): Obj {
  const o = net.network.operator;
  return { asNumber: o.asn, asOrg: o.name.toLowerCase(), isp: o.name.toLowerCase(), domain: o.domain, isProxy: false };
}

function request(net: NetPoint): Obj {
  return { ipChain: [{ ip: net.ip, geographicalContext: geo(net), version: 'V4', source: null }] };
}

function userActor(p: Person): Obj {
  return { id: p.ids.okta, type: 'User', alternateId: p.email, displayName: p.displayName, detailEntry: null };
}

/** Which authenticator the event is about: none (session, policy), a second factor, or the password. */
type AuthKind = 'none' | 'factor' | 'password';

function authContext(sessionId: string | null, kind: AuthKind = 'none'): Obj {
  return {
    authenticationProvider: kind === 'factor' ? 'FACTOR_PROVIDER' : kind === 'password' ? 'OKTA_AUTHENTICATION_PROVIDER' : null,
    credentialProvider: kind === 'none' ? null : 'OKTA_CREDENTIAL_PROVIDER',
    credentialType: kind === 'password' ? 'PASSWORD' : null,
    issuer: null,
    interface: null,
    authenticationStep: 0,
    externalSessionId: sessionId,
  };
}

interface LogEventFields {
  time: number;
  eventType: string;
  legacyEventType: string | null;
  displayMessage: string;
  severity: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  actor: Obj;
  endpoint: Endpoint;
  sessionId: string | null;
  auth?: AuthKind;
  outcome: { result: string; reason: string | null };
  debugData: Obj;
  transactionId: string;
  target: Json[] | null;
}

/** One LogEvent in the order the System Log API emits its properties. */
function logEvent(f: LogEventFields, rng: Rng, withTarget = true): Obj {
  const e: Obj = {
    actor: f.actor,
    client: client(f.endpoint),
    device: null,
    authenticationContext: authContext(f.sessionId, f.auth),
    displayMessage: f.displayMessage,
    eventType: f.eventType,
    outcome: f.outcome,
    published: isoMs(f.time),
    securityContext: security(f.endpoint.net),
    severity: f.severity,
    debugContext: { debugData: f.debugData },
    legacyEventType: f.legacyEventType,
    transaction: { type: 'WEB', id: f.transactionId, detail: {} },
    uuid: uuidV1(f.time, rng),
    version: '0',
    request: request(f.endpoint.net),
  };
  if (withTarget) e.target = f.target;
  return e;
}

/** Per-event ids: one browser session id, and a request id per HTTP request. */
interface Ids {
  rng: Rng;
  session: string;
  req: () => string;
  /** Hash of the browser's device token: constant for one browser session. */
  dtHash: string;
}

function ids(ctx: WriterContext, e: SimEvent, sessionKey: string): Ids {
  const rng = eventRng(ctx, e);
  const sessionRng = eventRng(ctx, { ...e, key: `session/${sessionKey}` });
  const prefix = ctx.org.okta.engine === 'identity-engine' ? 'idx' : '102';
  return { rng, session: `${prefix}${sessionRng.chars(BASE64URL, 22)}`, req: () => rng.hex(32), dtHash: sessionRng.hex(64) };
}

function debug(dtHash: string, requestId: string, uri: string, extra: Obj = {}): Obj {
  return { requestId, requestUri: uri, url: `${uri}?`, dtHash, threatSuspected: 'false', ...extra };
}

function verifyTarget(p: Person): Json[] {
  return [
    userActor(p),
    { id: p.phone.oktaFactorId, type: 'AuthenticatorEnrollment', alternateId: 'unknown', displayName: 'Okta Verify', detailEntry: { methodTypeUsed: 'Get a push notification', methodUsedVerifiedProperties: '[HARDWARE_PROTECTED]' } },
  ];
}

/** The enrolled phone is a known device; its network is new only away from home and office. */
function phoneBehaviors(p: Person, net: NetPoint): { behaviors: string; risk: string } {
  const usual = [p.homeNet, ...(p.office?.egress ?? [])];
  const knownCity = usual.some((n) => n.city.id === net.city.id);
  const b: Behaviors = { ...NEGATIVE, newIp: !usual.some((n) => n.ip === net.ip), newCity: !knownCity, newGeo: !knownCity, newCountry: !usual.some((n) => n.city.countryCode === net.city.countryCode) };
  return { behaviors: behaviorText(b), risk: riskText(b) };
}

function signIn(e: SignInEvent, ctx: WriterContext): OutRecord[] {
  const { org } = ctx;
  const p = e.person;
  const { rng, session, req, dtHash } = ids(ctx, e, e.sessionKey);
  const oie = org.okta.engine === 'identity-engine';
  const b = e.behaviors ?? NEGATIVE;
  const risk = { behaviors: behaviorText(b), risk: riskText(b) };
  const out: OutRecord[] = [];
  const tx = req();
  const actor = userActor(p);
  const base = { actor, endpoint: e.client, sessionId: session, transactionId: tx };
  const push = (t: number, value: Obj): void => void out.push(record('okta', t, value));

  if (e.passwordFailed === true) {
    push(e.time, logEvent({ ...base, time: e.time, eventType: 'user.session.start', legacyEventType: 'core.user_auth.login_failed', displayMessage: 'User login to Okta', severity: 'WARN', outcome: { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' }, debugData: debug(dtHash, tx, oie ? '/idp/idx/challenge/answer' : '/api/v1/authn', { ...risk, deviceFingerprint: dtHash.slice(0, 32) }), target: null }, rng));
    return out;
  }
  if (oie) {
    push(e.time, logEvent({ ...base, time: e.time, eventType: 'user.authentication.auth_via_mfa', legacyEventType: 'core.user.factor.attempt_success', displayMessage: 'Authentication of user via MFA', severity: 'INFO', auth: 'password', outcome: { result: 'SUCCESS', reason: null }, debugData: debug(dtHash, tx, '/idp/idx/challenge/answer', { ...risk, factor: 'PASSWORD_AS_FACTOR', authnRequestId: tx }), target: [actor, { id: `lae${rng.hex(17)}`, type: 'AuthenticatorEnrollment', alternateId: 'unknown', displayName: 'Password', detailEntry: null }] }, rng));
  }
  const policyAt = e.time + rng.int(80, 400);
  const challenge = e.mfa === 'prompt';
  push(policyAt, logEvent({ ...base, time: policyAt, eventType: 'policy.evaluate_sign_on', legacyEventType: null, displayMessage: 'Evaluation of sign-on policy', severity: 'INFO', outcome: { result: challenge ? 'CHALLENGE' : 'ALLOW', reason: `Sign-on policy evaluation resulted in ${challenge ? 'CHALLENGE' : 'ALLOW'}` }, debugData: debug(dtHash, tx, oie ? '/idp/idx/identify' : '/api/v1/authn', { ...risk, deviceFingerprint: dtHash.slice(0, 32) }), target: [{ id: org.okta.policyId, type: 'PolicyEntity', alternateId: 'unknown', displayName: 'Default Policy', detailEntry: { policyType: 'OktaSignOn' } }, { id: org.okta.policyRuleId, type: 'PolicyRule', alternateId: org.okta.policyId, displayName: 'Require MFA', detailEntry: null }] }, rng));

  let approvedAt: number | undefined;
  for (const pr of e.prompts) {
    const sendReq = req();
    push(pr.sentAt, logEvent({ ...base, time: pr.sentAt, eventType: 'system.push.send_factor_verify_push', legacyEventType: null, displayMessage: 'Push notification sent for verification', severity: 'INFO', auth: 'factor', outcome: { result: 'SUCCESS', reason: null }, debugData: debug(dtHash, sendReq, oie ? '/idp/idx/challenge' : `/api/v1/authn/factors/${p.phone.oktaFactorId}/verify`, { factor: 'OKTA_VERIFY_PUSH', authnRequestId: tx }), target: verifyTarget(p) }, rng));
    if (pr.answeredAt === undefined || pr.result === 'timeout') continue;
    const phone: Endpoint = { net: pr.responder ?? p.homeNet, device: p.phone };
    const answer = { ...base, endpoint: phone, time: pr.answeredAt, auth: 'factor' as const, target: verifyTarget(p) };
    const phoneRisk = phoneBehaviors(p, phone.net);
    const uri = oie ? `/idp/authenticators/${org.okta.authenticatorId}/transactions/${rng.hex(20)}/verify` : `/api/v1/authn/factors/${p.phone.oktaFactorId}/transactions/${rng.hex(20)}/verify`;
    if (pr.result === 'approved') {
      approvedAt = pr.answeredAt;
      push(pr.answeredAt, logEvent({ ...answer, eventType: 'user.authentication.auth_via_mfa', legacyEventType: 'core.user.factor.attempt_success', displayMessage: 'Authentication of user via MFA', severity: 'INFO', outcome: { result: 'SUCCESS', reason: null }, debugData: debug(dtHash, req(), uri, { factor: 'OKTA_VERIFY_PUSH', authnRequestId: tx, ...phoneRisk }) }, rng));
    } else if (oie) {
      push(pr.answeredAt, logEvent({ ...answer, eventType: 'user.authentication.auth_via_mfa', legacyEventType: 'core.user.factor.attempt_fail', displayMessage: 'Authentication of user via MFA', severity: 'INFO', outcome: { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' }, debugData: debug(dtHash, req(), uri, { factor: 'OKTA_VERIFY_PUSH', pushOnlyResponseType: 'OV_RESPONSE_DENY', authnRequestId: tx, ...phoneRisk }) }, rng));
    } else {
      push(pr.answeredAt, logEvent({ ...answer, eventType: 'user.mfa.okta_verify.deny_push', legacyEventType: 'core.user.factor.attempt_fail', displayMessage: 'User rejected Okta push verify', severity: 'WARN', outcome: { result: 'FAILURE', reason: 'User rejected Okta push verify' }, debugData: debug(dtHash, req(), uri, { factor: 'OKTA_VERIFY_PUSH', ...phoneRisk }) }, rng));
    }
  }
  if (!challenge) approvedAt = policyAt;
  if (approvedAt === undefined) return out;

  const startAt = approvedAt + rng.int(300, 1400);
  push(startAt, logEvent({ ...base, time: startAt, eventType: 'user.session.start', legacyEventType: 'core.user_auth.login_success', displayMessage: 'User login to Okta', severity: 'INFO', outcome: { result: 'SUCCESS', reason: null }, debugData: debug(dtHash, req(), oie ? '/idp/idx/authenticators/poll' : '/api/v1/authn', { ...risk, deviceFingerprint: dtHash.slice(0, 32) }), target: null }, rng));
  let t = startAt;
  for (let i = 0; i < e.ssoApps; i++) {
    t += rng.int(3, 45) * 1000;
    const app = org.okta.apps[(i + rng.int(0, org.okta.apps.length - 1)) % org.okta.apps.length] ?? org.okta.apps[0];
    if (app === undefined) break;
    push(t, logEvent({ ...base, time: t, eventType: 'user.authentication.sso', legacyEventType: 'app.auth.sso', displayMessage: 'User single sign on to app', severity: 'INFO', outcome: { result: 'SUCCESS', reason: null }, debugData: debug(dtHash, req(), `/app/${app.name.toLowerCase().replace(/[^a-z0-9]+/g, '')}/${app.id}/sso/saml`, { initiationType: 'IDP_INITIATED', signOnMode: 'SAML 2.0' }), target: [{ id: app.id, type: 'AppInstance', alternateId: app.name, displayName: app.name, detailEntry: { signOnModeType: 'SAML_2_0' } }, { id: `0ua${rng.hex(17)}`, type: 'AppUser', alternateId: p.email, displayName: p.displayName, detailEntry: null }] }, rng));
  }
  return out;
}

function factor(e: FactorEvent, ctx: WriterContext): OutRecord[] {
  const p = e.person;
  const { rng, session, req, dtHash } = ids(ctx, e, e.key);
  const tx = req();
  const base = { actor: userActor(e.by), endpoint: e.client, sessionId: session, transactionId: tx, severity: 'INFO' as const };
  const out: OutRecord[] = [];
  const push = (t: number, value: Obj): void => void out.push(record('okta', t, value));
  const phone = e.phone ?? p.phone;
  const userTarget = userActor(p);
  if (e.action === 'enroll') {
    const device: Obj = {
      id: phone.oktaDeviceId, type: 'UDDevice', alternateId: 'unknown', displayName: phone.name,
      detailEntry: { deviceStatus: 'CREATED', managed: 'false', oktaDeviceId: phone.oktaDeviceId, osPlatform: phone.platform, osVersion: phone.osVersion, registered: 'true', udid: phone.id.toUpperCase() },
    };
    const uri = '/idp/authenticators';
    push(e.time, logEvent({ ...base, time: e.time, eventType: 'device.enrollment.create', legacyEventType: null, displayMessage: 'Device enrollment created', outcome: { result: 'SUCCESS', reason: null }, debugData: debug(dtHash, tx, uri), target: [device] }, rng));
    const t2 = e.time + rng.int(200, 900);
    push(t2, logEvent({ ...base, time: t2, eventType: 'device.user.add', legacyEventType: null, displayMessage: 'Add device to user', outcome: { result: 'SUCCESS', reason: null }, debugData: debug(dtHash, req(), uri), target: [device] }, rng));
    const t3 = t2 + rng.int(300, 1500);
    push(t3, logEvent({ ...base, time: t3, eventType: 'user.mfa.factor.activate', legacyEventType: 'core.user.factor.activate', displayMessage: 'Activate factor or authenticator enrollment method for user', outcome: { result: 'SUCCESS', reason: null }, debugData: debug(dtHash, req(), uri, { factor: 'OKTA_VERIFY_PUSH', factorIntent: 'ENROLLMENT' }), target: [userTarget, { id: phone.oktaFactorId, type: 'AuthenticatorEnrollment', alternateId: 'unknown', displayName: 'Okta Verify', detailEntry: { methodTypeUsed: 'Get a push notification' } }] }, rng));
  } else if (e.action === 'remove') {
    push(e.time, logEvent({ ...base, time: e.time, eventType: 'user.mfa.factor.deactivate', legacyEventType: 'core.user.factor.deactivate', displayMessage: 'Reset factor for user', outcome: { result: 'SUCCESS', reason: 'User reset OKTA_VERIFY_PUSH factor' }, debugData: debug(dtHash, tx, `/api/v1/users/${p.ids.okta}/factors/${phone.oktaFactorId}`), target: [userTarget] }, rng));
  } else {
    // Okta has no "disable MFA" switch per user: resetting every factor is the equivalent.
    push(e.time, logEvent({ ...base, time: e.time, eventType: 'user.mfa.factor.reset_all', legacyEventType: 'core.user.factor.reset_all', displayMessage: 'Reset all factors for user', outcome: { result: 'SUCCESS', reason: null }, debugData: debug(dtHash, tx, `/api/v1/users/${p.ids.okta}/lifecycle/reset_factors`), target: [userTarget] }, rng));
  }
  return out;
}

function fraudReport(e: FraudReportEvent, ctx: WriterContext): OutRecord[] {
  const p = e.person;
  const { rng, session, req, dtHash } = ids(ctx, e, e.key);
  const tx = req();
  const r = e.reported;
  const debugData = debug(dtHash, tx, '/api/internal/users/me/report-suspicious-activity', {
    suspiciousActivityBrowser: oktaBrowser(r.device),
    suspiciousActivityEventCity: r.net.city.city,
    suspiciousActivityEventCountry: r.net.city.country,
    suspiciousActivityEventId: uuidV1(r.time, rng),
    suspiciousActivityEventIp: r.net.ip,
    suspiciousActivityEventLatitude: r.net.lat.toFixed(3),
    suspiciousActivityEventLongitude: r.net.lon.toFixed(3),
    suspiciousActivityEventState: r.net.city.state,
    suspiciousActivityEventTransactionId: rng.hex(32),
    suspiciousActivityEventType: 'system.push.send_factor_verify_push',
    suspiciousActivityOs: oktaOs(r.device),
    suspiciousActivityTimestamp: isoMs(r.time),
  });
  return [record('okta', e.time, logEvent({ actor: userActor(p), endpoint: e.client, sessionId: session, transactionId: tx, time: e.time, eventType: 'user.account.report_suspicious_activity_by_enduser', legacyEventType: 'core.user.account.report_suspicious_activity_by_enduser', displayMessage: 'User report suspicious activity', severity: 'WARN', outcome: { result: 'SUCCESS', reason: null }, debugData, target: [userActor(p)] }, rng))];
}

function threat(e: ThreatEvent, ctx: WriterContext): OutRecord[] {
  const { rng, req, dtHash } = ids(ctx, e, e.key);
  const tx = req();
  const names = Object.keys(e.detections);
  const value = logEvent({
    actor: { id: e.client.net.ip, type: 'IP address', alternateId: 'unknown', displayName: e.client.net.ip, detailEntry: null },
    endpoint: e.client, sessionId: null, transactionId: tx, time: e.time, eventType: 'security.threat.detected', legacyEventType: 'security.threat.detected',
    displayMessage: 'Request from suspicious actor', severity: 'WARN', outcome: { result: e.result, reason: names.join(', ') },
    debugData: { ...debug(dtHash, tx, '/idp/idx/identify'), threatDetections: JSON.stringify(e.detections), threatSuspected: 'true' }, target: null,
  }, rng, false);
  // ThreatInsight events carry no device or target (corpus okta_threatinsight_security_threat_detected).
  delete value.device;
  return [record('okta', e.time, value)];
}

export function oktaWriter(e: SimEvent, ctx: WriterContext): OutRecord[] {
  switch (e.kind) {
    case 'signin':
      return signIn(e, ctx);
    case 'factor':
      return factor(e, ctx);
    case 'fraud_report':
      return fraudReport(e, ctx);
    case 'threat':
      return threat(e, ctx);
  }
}
