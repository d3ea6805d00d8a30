/**
 * Whom an Okta event is about and where it came from (docs/log-sources.md §1): the subject
 * (actor or target user), the reason text, the client's address, place, network and device,
 * the application and the session.
 */
import type { Geo, Network } from '../../../shared/model/event.js';
import { asObject, canonicalUser, ipAddress, joinParts, type JsonObject } from './fields.js';
import { countryCode } from './country.js';
import { field, list, number, text } from './okta-fields.js';
import { ACTS_ON_TARGET_PREFIXES, REPORT_SUSPICIOUS } from './okta-meaning.js';
import { isType, type Okta, type Party } from './okta-record.js';


/** Same principal: by alternateId where both have one (ids in trimmed test events collide), else by id. */
function sameParty(a: Party, b: Party): boolean {
  if (a.alternateId !== undefined && b.alternateId !== undefined) return canonicalUser(a.alternateId) === canonicalUser(b.alternateId);
  return a.id !== undefined && a.id === b.id;
}

/** ThreatInsight names an IP address as the actor: that is not a user. */
export function isPerson(party: Party): boolean {
  return !/^ip/i.test(party.type ?? '');
}

/**
 * Whom the event is about. Admin actions name the affected user in target[] (the actor is
 * kept in the reason); factor sends may carry a system actor with the user as target.
 */
export function subjectOf(o: Okta): { subject: Party; byActor: boolean } {
  const target = o.targetUser;
  if (target === undefined) return { subject: o.actor, byActor: false };
  const actorIsUser = o.actor.type?.toLowerCase() === 'user' && (o.actor.alternateId !== undefined || o.actor.id !== undefined);
  if (!actorIsUser) return { subject: target, byActor: o.actor.alternateId !== undefined || o.actor.displayName !== undefined };
  if (sameParty(o.actor, target) || o.eventType === REPORT_SUSPICIOUS) return { subject: o.actor, byActor: false };
  const actsOnTarget = ACTS_ON_TARGET_PREFIXES.some((p) => o.eventType.startsWith(p));
  return actsOnTarget ? { subject: target, byActor: true } : { subject: o.actor, byActor: false };
}

/** What the user reported, for pivoting on the reported event [PAN-OKTA-SAR], [OKSUP-SAR]. */
function suspiciousReport(debug: JsonObject | undefined): string | undefined {
  const labelled = (label: string, key: string): string | undefined => {
    const value = text(debug, `suspiciousActivity${key}`);
    return value === undefined ? undefined : `${label} ${value}`;
  };
  const place = joinParts(
    ['EventCity', 'EventState', 'EventCountry'].map((k) => text(debug, `suspiciousActivity${k}`)),
    ', ',
  );
  return joinParts(
    [
      labelled('reported', 'EventType'),
      labelled('from', 'EventIp'),
      place === undefined ? undefined : `(${place})`,
      labelled('at', 'Timestamp'),
      labelled('transaction', 'EventTransactionId'),
    ],
    ' ',
  );
}

export function reasonOf(o: Okta, byActor: boolean): string | undefined {
  const actor = o.actor.alternateId ?? o.actor.displayName ?? o.actor.id;
  return joinParts(
    [
      o.eventType === REPORT_SUSPICIOUS ? suspiciousReport(o.debug) : undefined,
      o.reason,
      o.pushAnswer,
      byActor && actor !== undefined ? `by ${actor}` : undefined,
    ],
    '; ',
  );
}

/**
 * Not fields.ts `vendorGeo`: Okta keeps a latitude or longitude even without the other, and
 * rules read `geo.lat` on its own, so switching would change events.
 */
function geoOf(context: unknown): Geo | undefined {
  const c = asObject(context);
  const located = asObject(c?.['geolocation']);
  const city = text(context, 'city', c?.['city']);
  const region = text(context, 'state', c?.['state']);
  const country = text(context, 'country', c?.['country']);
  const lat = number(context, 'geolocation.lat', located?.['lat']);
  const lon = number(context, 'geolocation.lon', located?.['lon']);
  if (city === undefined && region === undefined && country === undefined && lat === undefined && lon === undefined) return undefined;
  const geo: Geo = { source: 'vendor' };
  if (city !== undefined) geo.city = city;
  if (region !== undefined) geo.region = region;
  if (country !== undefined) geo.country = countryCode(country);
  if (lat !== undefined) geo.lat = lat;
  if (lon !== undefined) geo.lon = lon;
  return geo;
}

/** client.ipAddress with its geo; else the first hop of request.ipChain. */
export function sourceOf(v: JsonObject, client: JsonObject | undefined): Network | undefined {
  const clientIp = ipAddress(text(v, 'client.ipAddress', client?.['ipAddress']));
  const hop = clientIp === undefined ? list(v, 'request.ipChain')[0] : undefined;
  const ip = clientIp ?? ipAddress(text(hop, 'ip'));
  if (ip === undefined) return undefined;
  const geo =
    clientIp !== undefined
      ? geoOf(field(v, 'client.geographicalContext', client?.['geographicalContext']))
      : geoOf(field(hop, 'geographicalContext'));
  const security = asObject(v['securityContext']);
  const asn = number(v, 'securityContext.asNumber', security?.['asNumber']);
  const asOrg = text(v, 'securityContext.asOrg', security?.['asOrg']);
  const source: Network = { ip };
  if (geo !== undefined) source.geo = geo;
  if (asn !== undefined) source.asn = asn;
  if (asOrg !== undefined) source.asOrg = asOrg;
  return source;
}

export function deviceOf(v: JsonObject, client: JsonObject | undefined, agent: JsonObject | undefined): string | undefined {
  return joinParts(
    [
      text(v, 'client.device', client?.['device']),
      text(v, 'client.userAgent.os', agent?.['os']),
      text(v, 'client.userAgent.browser', agent?.['browser']),
    ],
    ', ',
  );
}

export function appOf(o: Okta): string | undefined {
  const app = o.targets.find((t) => isType(t, 'AppInstance'));
  const a = asObject(app);
  return text(app, 'displayName', a?.['displayName']) ?? text(app, 'alternateId', a?.['alternateId']);
}

export function sessionOf(v: JsonObject): string | undefined {
  return (
    text(v, 'authenticationContext.externalSessionId', asObject(v['authenticationContext'])?.['externalSessionId']) ??
    text(v, 'transaction.id', asObject(v['transaction'])?.['id'])
  );
}
