/**
 * Cisco Duo Admin API v2 authentication logs (docs/log-sources.md §4): one authlog per attempt, field for
 * field as in the corpus (duo/elastic-integrations/test-auth.log). The access device is where
 * the login came from, the auth device the phone that was asked: that pair is the only
 * vendor-logged source/responder split, so the writer keeps both exactly as the scenario says.
 */
import type { Endpoint, NetPoint, Person, Prompt, SignInEvent, SimEvent } from '../model.js';
import type { Rng } from '../random.js';
import { eventRng, isoMicro, record, type OutRecord, type WriterContext } from './format.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const NO_LOCATION: Obj = { city: null, country: null, state: null };

function location(net: NetPoint): Obj {
  return { city: net.city.city, country: net.city.country, state: net.city.state };
}

/** Result and reason per prompt outcome (lower-case, as the v2 API returns them). */
const VERDICT: Readonly<Record<Prompt['result'], readonly [string, string]>> = {
  approved: ['success', 'user_approved'],
  denied: ['denied', 'user_mistake'],
  timeout: ['denied', 'no_response'],
  fraud: ['fraud', 'user_marked_fraud'],
  anomalous: ['denied', 'anomalous_push'],
  telecom_limit: ['denied', 'denied_by_policy'],
};

const FACTOR: Readonly<Record<Prompt['factor'], string>> = { push: 'duo_push', sms: 'sms_passcode', voice: 'phone_call' };

/**
 * The access device. Browser-based applications report the browser and the endpoint's health;
 * the VPN and SSH integrations see only an address.
 */
function accessDevice(c: Endpoint, browserApp: boolean, managed: boolean): Obj {
  const d = c.device;
  const health: Json = browserApp ? (managed ? true : 'unknown') : 'unknown';
  return {
    browser: browserApp ? d.browser : null,
    browser_version: browserApp ? d.browserVersion : null,
    epkey: null,
    flash_version: browserApp ? 'uninstalled' : null,
    hostname: null,
    ip: c.net.ip,
    is_encryption_enabled: health,
    is_firewall_enabled: health,
    is_password_set: health,
    java_version: browserApp ? 'uninstalled' : null,
    location: location(c.net),
    os: browserApp ? d.os : null,
    os_version: browserApp ? d.osVersion : null,
    security_agents: browserApp && managed ? [] : null,
  };
}

function authlog(e: SignInEvent, ctx: WriterContext, rng: Rng, fields: { time: number; factor: string; result: string; reason: string; authDevice: Obj }): OutRecord {
  const p: Person = e.person;
  const apps = ctx.org.duo.apps;
  const app = apps[e.app % apps.length] ?? apps[0];
  const browserApp = app?.name.includes('Azure') === true;
  const managed = e.actor === 'user' && e.client.device === p.laptop;
  const bare = ctx.org.duo.names === 'bare';
  // The directory name before the domain (a person Duo already knows by a bare name keeps it).
  const bareName = p.email.split('@')[0] ?? p.email;
  return record('duo', fields.time, {
    access_device: accessDevice(e.client, browserApp, managed),
    alias: '',
    application: { key: app?.id ?? '', name: app?.name ?? '' },
    auth_device: fields.authDevice,
    email: bare ? '' : p.email,
    event_type: 'authentication',
    factor: fields.factor,
    isotimestamp: isoMicro(fields.time, rng),
    ood_software: null,
    reason: fields.reason,
    result: fields.result,
    timestamp: Math.floor(fields.time / 1000),
    trusted_endpoint_status: browserApp ? (managed ? 'trusted' : 'not trusted') : 'unknown',
    txid: rng.uuid4(),
    user: { groups: p.groups, key: p.ids.duo, name: bare ? bareName : p.email },
  });
}

function signIn(e: SignInEvent, ctx: WriterContext): OutRecord[] {
  const rng = eventRng(ctx, e);
  const p = e.person;
  const phoneName = `${p.phone.name} (${p.phone.number})`;
  if (e.passwordFailed === true) return [];
  if (e.mfa === 'remembered') {
    return [authlog(e, ctx, rng, { time: e.time + rng.int(300, 900), factor: 'remembered_device', result: 'success', reason: 'remembered_device', authDevice: { ip: null, location: NO_LOCATION, name: null } })];
  }
  return e.prompts.map((pr) => {
    const [result, reason] = VERDICT[pr.result];
    // Duo gives up on an unanswered push after 60 s and never learns the phone's address.
    const time = pr.answeredAt ?? pr.sentAt + 60_000;
    const known = pr.responder !== undefined && pr.result !== 'timeout';
    const authDevice: Obj = known && pr.responder !== undefined
      ? { ip: pr.responder.ip, location: location(pr.responder), name: phoneName }
      : { ip: null, location: NO_LOCATION, name: phoneName };
    return authlog(e, ctx, rng, { time, factor: FACTOR[pr.factor], result, reason, authDevice });
  });
}

export function duoWriter(e: SimEvent, ctx: WriterContext): OutRecord[] {
  return e.kind === 'signin' ? signIn(e, ctx) : [];
}
