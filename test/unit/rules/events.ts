/**
 * Test-only factory for normalised events. Each `EventFactory` numbers its events from 1, so a
 * test's ids are stable and readable. Addresses come from the documentation ranges (RFC 5737)
 * and ASNs from the private-use range, so no real party is named.
 */
import type { Factor, Network, Outcome, StoredEvent, Vendor } from '../../../shared/model/event.js';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
/** 2024-03-05 02:00:00 UTC */
export const T0 = Date.UTC(2024, 2, 5, 2, 0, 0);

function net(ip: string, city: string, country: string, lat: number, lon: number, asn: number, asOrg: string): Network {
  return { ip, geo: { city, country, lat, lon, source: 'lookup' }, asn, asOrg };
}

/** Places used across tests. */
export const NET = {
  /** The user's office. */
  chicago: net('198.51.100.7', 'Chicago', 'US', 41.88, -87.63, 64500, 'Example ISP'),
  /** The user's phone on a mobile network, same city. */
  chicagoPhone: net('198.51.100.200', 'Chicago', 'US', 41.85, -87.65, 64501, 'Example Mobile'),
  /** Another network in the user's own city. */
  chicagoHotel: net('198.51.100.99', 'Chicago', 'US', 41.9, -87.62, 64510, 'Hotel WiFi Inc'),
  /** Attacker infrastructure. */
  amsterdam: net('203.0.113.9', 'Amsterdam', 'NL', 52.37, 4.9, 64502, 'Bulletproof Hosting'),
  amsterdam2: net('203.0.113.44', 'Amsterdam', 'NL', 52.37, 4.9, 64502, 'Bulletproof Hosting'),
  /** Where a traveller goes. */
  london: net('192.0.2.10', 'London', 'GB', 51.51, -0.13, 64503, 'Hotel Net'),
  londonPhone: net('192.0.2.77', 'London', 'GB', 51.5, -0.12, 64504, 'Roaming Mobile'),
  /** Border towns: different countries, a few km apart. */
  basel: net('192.0.2.130', 'Basel', 'CH', 47.56, 7.59, 64505, 'Swiss Net'),
  loerrach: net('192.0.2.140', 'Lörrach', 'DE', 47.61, 7.66, 64506, 'German Mobile'),
  /** Same country, far apart. */
  losAngeles: net('198.51.100.150', 'Los Angeles', 'US', 34.05, -118.24, 64507, 'West ISP'),
} as const;

/** A network with a country but no coordinates (e.g. Duo's vendor location). */
export function countryOnly(ip: string, country: string): Network {
  return { ip, geo: { country, source: 'vendor' } };
}

export interface EventSpec {
  /** Minutes after T0, or an absolute UTC ms time when `at` is given. */
  min?: number;
  at?: number;
  user?: string;
  outcome: Outcome;
  factor?: Factor;
  source?: Network;
  responder?: Network & { name?: string };
  sessionId?: string;
  vendor?: Vendor;
  vendorEvent?: string;
  reason?: string;
}

export class EventFactory {
  private next = 1;

  constructor(private readonly defaultUser = 'alice@example.com') {}

  ev(spec: EventSpec): StoredEvent {
    const id = this.next++;
    const e: StoredEvent = {
      id,
      ref: { evidenceId: 1, record: id },
      time: spec.at ?? T0 + (spec.min ?? 0) * MIN,
      vendor: spec.vendor ?? 'okta',
      user: spec.user ?? this.defaultUser,
      outcome: spec.outcome,
      vendorEvent: spec.vendorEvent ?? defaultVendorEvent(spec.outcome),
    };
    if (spec.factor !== undefined) e.factor = spec.factor;
    if (spec.source !== undefined) e.source = spec.source;
    if (spec.responder !== undefined) e.responder = spec.responder;
    if (spec.sessionId !== undefined) e.sessionId = spec.sessionId;
    if (spec.reason !== undefined) e.reason = spec.reason;
    return e;
  }

  /** `count` events of one kind, `everyMin` minutes apart, starting at `min`. */
  series(count: number, everyMin: number, spec: EventSpec): StoredEvent[] {
    const out: StoredEvent[] = [];
    for (let i = 0; i < count; i++) out.push(this.ev({ ...spec, min: (spec.min ?? 0) + i * everyMin }));
    return out;
  }

  /**
   * A quiet baseline: `days` working days, `perDay` successful sign-ins with an approved push each,
   * between 09:00 and 17:00 UTC, from `source`. Ends the day before T0.
   */
  baseline(days: number, perDay: number, source: Network = NET.chicago, user?: string): StoredEvent[] {
    const out: StoredEvent[] = [];
    const firstDay = Math.floor(T0 / DAY) * DAY - days * DAY;
    for (let d = 0; d < days; d++) {
      for (let i = 0; i < perDay; i++) {
        const at = firstDay + d * DAY + 9 * HOUR + Math.floor((i * 8 * HOUR) / Math.max(1, perDay));
        out.push(this.ev({ at, user, outcome: 'approved', factor: 'push', source, vendorEvent: 'user.authentication.auth_via_mfa' }));
      }
    }
    return out;
  }
}

function defaultVendorEvent(outcome: Outcome): string {
  switch (outcome) {
    case 'challenge_sent':
      return 'system.push.send_factor_verify_push';
    case 'approved':
    case 'denied':
      return 'user.authentication.auth_via_mfa';
    case 'fraud_reported':
      return 'user.account.report_suspicious_activity_by_enduser';
    case 'factor_change':
      return 'user.mfa.factor.activate';
    default:
      return outcome;
  }
}

/** Sort helper: events by time then id (what a user-scope rule expects). */
export function byTime(events: readonly StoredEvent[]): StoredEvent[] {
  return [...events].sort((a, b) => a.time - b.time || a.id - b.id);
}
