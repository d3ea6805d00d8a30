/**
 * Laptops, browsers and phones as the vendors log them: user-agent strings of early-2025
 * browser releases and Okta Verify builds, and the short names Duo and Entra derive from them.
 */
import type { Device, Phone } from './model.js';
import type { City } from './places.js';
import { ALNUM, UPPER_ALNUM, type Rng } from './random.js';

interface BrowserKind {
  os: string;
  osVersion: string;
  browser: string;
  versions: readonly string[];
  ua: (v: string) => string;
}

const CHROME = ['132.0.6834.160', '133.0.6943.142', '134.0.6998.89'] as const;
const EDGE = ['132.0.2957.140', '133.0.3065.92', '134.0.3124.72'] as const;
const FIREFOX = ['134.0', '135.0', '136.0'] as const;
const SAFARI = ['18.2', '18.3', '18.3.1'] as const;
const major = (v: string): string => v.split('.')[0] ?? v;

// Chrome and Edge send a reduced UA: the minor version is always 0.0.0 there.
const WIN_CHROME: BrowserKind = {
  os: 'Windows', osVersion: '10', browser: 'Chrome', versions: CHROME,
  ua: (v) => `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major(v)}.0.0.0 Safari/537.36`,
};
const WIN_EDGE: BrowserKind = {
  os: 'Windows', osVersion: '10', browser: 'Edge', versions: EDGE,
  ua: (v) => `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major(v)}.0.0.0 Safari/537.36 Edg/${v}`,
};
const WIN_FIREFOX: BrowserKind = {
  os: 'Windows', osVersion: '10', browser: 'Firefox', versions: FIREFOX,
  ua: (v) => `Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:${v}) Gecko/20100101 Firefox/${v}`,
};
const MAC_CHROME: BrowserKind = {
  os: 'Mac OS X', osVersion: '10.15.7', browser: 'Chrome', versions: CHROME,
  ua: (v) => `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major(v)}.0.0.0 Safari/537.36`,
};
const MAC_SAFARI: BrowserKind = {
  os: 'Mac OS X', osVersion: '10.15.7', browser: 'Safari', versions: SAFARI,
  ua: (v) => `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v} Safari/605.1.15`,
};
const LINUX_FIREFOX: BrowserKind = {
  os: 'Linux', osVersion: '', browser: 'Firefox', versions: FIREFOX,
  ua: (v) => `Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:${v}) Gecko/20100101 Firefox/${v}`,
};

/** Hostile user agents for the `hostile` option: what a tampered client could send verbatim. */
export const HOSTILE_USER_AGENTS: readonly string[] = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) "><script>alert(1)</script>',
  'Mozilla/5.0 <img src=x onerror=alert(1)> AppleWebKit/537.36',
];

function buildLaptop(kind: BrowserKind, version: string, name: string, id: string): Device {
  return { kind: 'Computer', userAgent: kind.ua(version), browser: kind.browser, browserVersion: version, os: kind.os, osVersion: kind.osVersion, name, id };
}

/** A work laptop: engineers favour Macs and Linux, everybody else the managed Windows build. */
export function makeLaptop(rng: Rng, opts: { engineer: boolean; givenName: string; assetPrefix: string }): Device {
  const kind = opts.engineer
    ? rng.weighted<BrowserKind>([[MAC_CHROME, 5], [MAC_SAFARI, 1], [LINUX_FIREFOX, 2], [WIN_CHROME, 2]])
    : rng.weighted<BrowserKind>([[WIN_EDGE, 5], [WIN_CHROME, 4], [WIN_FIREFOX, 1], [MAC_CHROME, 2], [MAC_SAFARI, 1]]);
  const name = kind.os === 'Mac OS X' ? `${opts.givenName}'s MacBook Pro` : `${opts.assetPrefix}-LT-${String(rng.int(100, 9999)).padStart(4, '0')}`;
  return buildLaptop(kind, rng.pick(kind.versions), name, rng.uuid4());
}

/** The attacker's browser: a current Chrome on Windows, the commonest and least remarkable. */
export function attackerBrowser(rng: Rng): Device {
  return buildLaptop(WIN_CHROME, CHROME[2], `DESKTOP-${rng.chars(UPPER_ALNUM, 7)}`, rng.uuid4());
}

interface PhoneModel {
  platform: 'IOS' | 'ANDROID';
  model: string;
  marketing: string;
  vendor: string;
}

const PHONES: readonly (readonly [PhoneModel, number])[] = [
  [{ platform: 'IOS', model: 'iPhone15,4', marketing: 'iPhone 15', vendor: 'Apple' }, 4],
  [{ platform: 'IOS', model: 'iPhone16,1', marketing: 'iPhone 15 Pro', vendor: 'Apple' }, 3],
  [{ platform: 'IOS', model: 'iPhone14,5', marketing: 'iPhone 13', vendor: 'Apple' }, 3],
  [{ platform: 'IOS', model: 'iPhone17,3', marketing: 'iPhone 16', vendor: 'Apple' }, 2],
  [{ platform: 'ANDROID', model: 'SM-S921B', marketing: 'Galaxy S24', vendor: 'samsung' }, 2],
  [{ platform: 'ANDROID', model: 'SM-A546B', marketing: 'Galaxy A54 5G', vendor: 'samsung' }, 2],
  [{ platform: 'ANDROID', model: 'Pixel 8', marketing: 'Pixel 8', vendor: 'Google' }, 1],
];
const IOS_VERSIONS = ['17.7.2', '18.2.1', '18.3.1'] as const;
const ANDROID_VERSIONS = ['14', '15'] as const;
const OKTA_VERIFY = ['9.34.0', '9.36.1'] as const;

/**
 * A telephone number that cannot reach anyone: North American 555-01xx and the UK's 07700 900xxx
 * drama ranges are reserved for fiction; elsewhere an unallocated-looking mobile prefix.
 */
function phoneNumber(rng: Rng, c: City): string {
  const digits = (n: number): string => rng.chars('0123456789', n);
  switch (c.countryCode) {
    case 'US':
    case 'CA':
      return `+1 ${rng.pick(['312', '512', '206', '212', '416'])}-555-01${digits(2)}`;
    case 'GB':
      return `+44 7700 900${digits(3)}`;
    case 'IE':
      return `+353 85 ${digits(3)} ${digits(4)}`;
    case 'DE':
      return `+49 1578 ${digits(7)}`;
    case 'NL':
      return `+31 6 ${digits(8)}`;
    case 'FR':
      return `+33 7 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`;
    case 'IN':
      return `+91 7${digits(4)} ${digits(5)}`;
    case 'SG':
      return `+65 8${digits(3)} ${digits(4)}`;
    case 'AU':
      return `+61 4${digits(2)} ${digits(3)} ${digits(3)}`;
    default:
      return `+${digits(2)} ${digits(9)}`;
  }
}

export function makePhone(rng: Rng, opts: { givenName: string; home: City; nameOverride?: string }): Phone {
  const m = rng.weighted(PHONES);
  const osVersion = m.platform === 'IOS' ? rng.pick(IOS_VERSIONS) : rng.pick(ANDROID_VERSIONS);
  const ov = rng.pick(OKTA_VERIFY);
  const instance = rng.uuid4().toUpperCase();
  // Okta Verify's UA: app bundle / DeviceSDK / OS / maker+model / per-install id (cf. corpus okta auth_via_mfa).
  const userAgent =
    m.platform === 'IOS'
      ? `B7F62B65BN.com.okta.mobile/${ov} DeviceSDK/1.5.0 iOS/${osVersion} ${m.vendor}/${m.model} ${instance}`
      : `com.okta.android.auth/${ov} DeviceSDK/1.5.0 Android/${osVersion} ${m.vendor}/${m.model} ${instance}`;
  return {
    kind: 'Mobile',
    userAgent,
    browser: 'Okta Verify',
    browserVersion: ov,
    os: m.platform === 'IOS' ? 'iOS' : 'Android',
    osVersion,
    name: opts.nameOverride ?? (m.platform === 'IOS' ? `${opts.givenName}'s ${m.marketing}` : m.marketing),
    id: rng.uuid4(),
    model: m.model,
    platform: m.platform,
    number: phoneNumber(rng, opts.home),
    oktaDeviceId: `guo${rng.chars(ALNUM, 17)}`,
    oktaFactorId: `opf${rng.chars(ALNUM, 17)}`,
  };
}
