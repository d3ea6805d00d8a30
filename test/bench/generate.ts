/**
 * Benchmark inputs: realistic Okta System Log NDJSON and an Entra ID Graph sign-in export
 * (`{"value": [...]}`, pretty-printed like a portal download), generated deterministically
 * to a target size. Push-bombing shaped: bursts of push challenges and denials per user.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Small deterministic PRNG (mulberry32), so every run benchmarks the same bytes. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuid(next: () => number): string {
  const hex = (n: number): string =>
    Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

/** `asn`: an AS announcing addresses of the `ip` prefix there, as real exports name one. */
const CITIES = [
  { city: 'Amsterdam', state: 'North Holland', country: 'Netherlands', lat: 52.37, lon: 4.89, ip: '145.', asn: 1103 },
  { city: 'Chicago', state: 'Illinois', country: 'United States', lat: 41.88, lon: -87.63, ip: '98.', asn: 7922 },
  { city: 'Lagos', state: 'Lagos', country: 'Nigeria', lat: 6.45, lon: 3.39, ip: '105.', asn: 29465 },
  { city: 'Singapore', state: 'Singapore', country: 'Singapore', lat: 1.29, lon: 103.85, ip: '118.', asn: 4773 },
  { city: 'Frankfurt', state: 'Hesse', country: 'Germany', lat: 50.11, lon: 8.68, ip: '85.', asn: 3320 },
];

const OKTA_TYPES = [
  ['system.push.send_factor_verify_push', 'SUCCESS', 'OKTA_VERIFY_PUSH'],
  ['user.authentication.auth_via_mfa', 'FAILURE', 'OKTA_VERIFY_PUSH'],
  ['user.authentication.auth_via_mfa', 'SUCCESS', 'OKTA_VERIFY_PUSH'],
  ['user.session.start', 'SUCCESS', 'PASSWORD_AS_FACTOR'],
  ['policy.evaluate_sign_on', 'CHALLENGE', 'PASSWORD_AS_FACTOR'],
  ['user.mfa.okta_verify.deny_push', 'FAILURE', 'OKTA_VERIFY_PUSH'],
] as const;

function ip(next: () => number, prefix: string): string {
  return `${prefix}${1 + Math.floor(next() * 250)}.${1 + Math.floor(next() * 250)}.${1 + Math.floor(next() * 250)}`;
}

function oktaEvent(next: () => number, i: number, t0: number): unknown {
  const user = `user${Math.floor(next() * 5000)}@example.com`;
  const [eventType, result, factor] = OKTA_TYPES[Math.floor(next() * OKTA_TYPES.length)] ?? OKTA_TYPES[0];
  const place = CITIES[Math.floor(next() * CITIES.length)] ?? CITIES[0];
  const session = `102${uuid(next).replace(/-/g, '').slice(0, 22)}`;
  return {
    actor: { id: `00u${uuid(next).slice(0, 17)}`, type: 'User', alternateId: user, displayName: user.split('@')[0], detailEntry: null },
    client: {
      userAgent: {
        rawUserAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
        os: 'Windows 10',
        browser: 'CHROME',
      },
      zone: 'null',
      device: 'Computer',
      id: null,
      ipAddress: ip(next, place.ip),
      geographicalContext: {
        city: place.city,
        state: place.state,
        country: place.country,
        postalCode: null,
        geolocation: { lat: place.lat, lon: place.lon },
      },
    },
    device: null,
    authenticationContext: {
      authenticationProvider: null,
      credentialProvider: null,
      credentialType: null,
      issuer: null,
      interface: null,
      authenticationStep: 0,
      rootSessionId: session,
      externalSessionId: session,
    },
    displayMessage: 'Authentication of user via MFA',
    eventType,
    outcome: { result, reason: result === 'FAILURE' ? 'INVALID_CREDENTIALS' : null },
    published: new Date(t0 + i * 137).toISOString(),
    securityContext: { asNumber: 1136, asOrg: 'kpn b.v.', isp: 'kpn b.v.', domain: 'kpn.com', isProxy: false },
    severity: result === 'FAILURE' ? 'WARN' : 'INFO',
    debugContext: {
      debugData: {
        requestId: uuid(next),
        requestUri: '/idp/idx/authenticators/poll',
        url: '/idp/idx/authenticators/poll?',
        factor,
        behaviors: '{New Geo-Location=NEGATIVE, New Device=POSITIVE, New IP=POSITIVE, New State=NEGATIVE, New Country=NEGATIVE}',
        ...(result === 'FAILURE' ? { pushOnlyResponseType: 'OV_RESPONSE_DENY' } : {}),
      },
    },
    legacyEventType: 'core.user.factor.attempt_fail',
    transaction: { type: 'WEB', id: uuid(next).replace(/-/g, '').slice(0, 20), detail: {} },
    uuid: uuid(next),
    version: '0',
    request: { ipChain: [{ ip: ip(next, place.ip), geographicalContext: { city: place.city, country: place.country }, version: 'V4', source: null }] },
    target: [{ id: 'aut1', type: 'AuthenticatorEnrollment', alternateId: 'unknown', displayName: 'Okta Verify', detailEntry: null }],
  };
}

function entraSignIn(next: () => number, i: number, t0: number): unknown {
  const user = `user${Math.floor(next() * 5000)}@contoso.com`;
  const place = CITIES[Math.floor(next() * CITIES.length)] ?? CITIES[0];
  const denied = next() < 0.4;
  return {
    id: uuid(next),
    createdDateTime: new Date(t0 + i * 211).toISOString(),
    userDisplayName: user.split('@')[0],
    userPrincipalName: user,
    userId: uuid(next),
    appId: '00000002-0000-0ff1-ce00-000000000000',
    appDisplayName: 'Office 365 Exchange Online',
    ipAddress: ip(next, place.ip),
    // Graph sign-ins carry the AS of the address (see the Elastic samples in the corpus).
    autonomousSystemNumber: place.asn,
    clientAppUsed: 'Browser',
    correlationId: uuid(next),
    conditionalAccessStatus: 'notApplied',
    isInteractive: true,
    riskDetail: 'none',
    riskLevelAggregated: 'none',
    riskState: 'none',
    status: denied
      ? { errorCode: 500121, failureReason: 'Authentication failed during strong authentication request.', additionalDetails: 'MFA denied; user declined the authentication' }
      : { errorCode: 0, failureReason: null, additionalDetails: 'MFA requirement satisfied by claim in the token' },
    deviceDetail: { deviceId: '', displayName: '', operatingSystem: 'Windows 10', browser: 'Chrome 120.0.0', isCompliant: false, isManaged: false, trustType: '' },
    location: {
      city: place.city,
      state: place.state,
      countryOrRegion: place.country.slice(0, 2).toUpperCase(),
      geoCoordinates: { altitude: null, latitude: place.lat, longitude: place.lon },
    },
    appliedConditionalAccessPolicies: [],
    authenticationDetails: [
      { authenticationStepDateTime: new Date(t0 + i * 211).toISOString(), authenticationMethod: 'Password', succeeded: true, authenticationStepResultDetail: 'Correct password', authenticationStepRequirement: 'Primary authentication' },
      {
        authenticationStepDateTime: new Date(t0 + i * 211 + 9000).toISOString(),
        authenticationMethod: 'Mobile app notification',
        authenticationMethodDetail: 'iPhone 14',
        succeeded: !denied,
        authenticationStepResultDetail: denied ? 'MFA denied; user declined the authentication' : 'MFA successfully completed',
        authenticationStepRequirement: 'Multi-factor authentication',
      },
    ],
    authenticationRequirement: 'multiFactorAuthentication',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  };
}

async function writeAll(path: string, bytes: number, write: (out: NodeJS.WritableStream, i: number) => number, head = '', tail = ''): Promise<number> {
  const out = createWriteStream(path);
  let written = 0;
  let count = 0;
  if (head !== '') out.write(head);
  while (written < bytes) {
    written += write(out, count);
    count += 1;
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  out.end(tail);
  await once(out, 'close');
  return count;
}

/** NDJSON of Okta LogEvents, about `bytes` long; returns the record count. */
export function generateOkta(path: string, bytes: number): Promise<number> {
  const next = rng(1621);
  const t0 = Date.UTC(2024, 2, 1);
  return writeAll(path, bytes, (out, i) => {
    const line = `${JSON.stringify(oktaEvent(next, i, t0))}\n`;
    out.write(line);
    return line.length;
  });
}

/** A Graph sign-in export `{"@odata.context": ..., "value": [...]}`, pretty-printed. */
export function generateEntra(path: string, bytes: number): Promise<number> {
  const next = rng(500121);
  const t0 = Date.UTC(2024, 2, 1);
  return writeAll(
    path,
    bytes,
    (out, i) => {
      const text = `${i === 0 ? '' : ',\n'}    ${JSON.stringify(entraSignIn(next, i, t0), null, 2).replace(/\n/g, '\n    ')}`;
      out.write(text);
      return text.length;
    },
    '{\n  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns",\n  "value": [\n',
    '\n  ]\n}\n',
  );
}
