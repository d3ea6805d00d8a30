/**
 * Okta's behaviour detection (New IP, New Device, New City, Velocity ...), replayed: each
 * person's known networks and devices, learned from successful sign-ins in time order and
 * seeded with the places they used before the bundle starts.
 */
import type { Behaviors, Person, SignInEvent } from './model.js';
import { distanceKm } from './places.js';

interface Known {
  ips: Set<string>;
  cities: Set<string>;
  states: Set<string>;
  countries: Set<string>;
  devices: Set<string>;
  last?: { lat: number; lon: number; time: number };
}

/** Faster than this between two sign-ins is "velocity" (a long-haul airliner is ~900 km/h). */
const MAX_KMH = 1000;

export class Familiarity {
  private known = new Map<string, Known>();

  private of(p: Person): Known {
    let k = this.known.get(p.key);
    if (k === undefined) {
      const nets = [p.homeNet, ...(p.office?.egress ?? [])];
      k = {
        ips: new Set(nets.map((n) => n.ip)),
        cities: new Set(nets.map((n) => n.city.id)),
        states: new Set(nets.map((n) => `${n.city.countryCode}/${n.city.state}`)),
        countries: new Set(nets.map((n) => n.city.countryCode)),
        devices: new Set([p.laptop.id]),
      };
      this.known.set(p.key, k);
    }
    return k;
  }

  /** Sets `e.behaviors` from what is known so far, then learns from the sign-in if it succeeded. */
  observe(e: SignInEvent): void {
    const k = this.of(e.person);
    const net = e.client.net;
    const c = net.city;
    const hours = k.last === undefined ? Infinity : Math.max(1 / 60, (e.time - k.last.time) / 3_600_000);
    const b: Behaviors = {
      newIp: !k.ips.has(net.ip),
      newCity: !k.cities.has(c.id),
      newState: !k.states.has(`${c.countryCode}/${c.state}`),
      newCountry: !k.countries.has(c.countryCode),
      newGeo: !k.cities.has(c.id),
      newDevice: !k.devices.has(e.client.device.id),
      velocity: k.last !== undefined && distanceKm(k.last, net) / hours > MAX_KMH,
    };
    e.behaviors = b;
    const succeeded = e.passwordFailed !== true && (e.mfa === 'remembered' || e.prompts.some((p) => p.result === 'approved'));
    if (!succeeded) return;
    k.ips.add(net.ip);
    k.cities.add(c.id);
    k.states.add(`${c.countryCode}/${c.state}`);
    k.countries.add(c.countryCode);
    k.devices.add(e.client.device.id);
    k.last = { lat: net.lat, lon: net.lon, time: e.time };
  }
}
