/**
 * Compact per-user location memory, for rules that compare an event with the user's past:
 * the countries and ASNs seen so far (new-location, post-approval-persistence) and the place
 * each sign-in session started from (location-mismatch, post-approval-persistence).
 */
import type { RuleEvent } from '../rule.js';
import type { Network } from '../../model/event.js';
import { countryOf } from './geo.js';

export interface Novelty {
  /** The event's country was never seen before for this user, and the baseline was big enough to say so. */
  newCountry: string | null;
  newAsn: number | null;
}

interface FirstSeen {
  time: number;
  /** Whether the sighting was new against a sufficient baseline. */
  novel: boolean;
}

/** Countries and ASNs a user has used, with when each was first seen. Memory: one entry per place. */
export class LocationHistory {
  private readonly countries = new Map<string, FirstSeen>();
  private readonly asns = new Map<number, FirstSeen>();
  private located = 0;
  private firstTime: number | null = null;

  constructor(
    private readonly minBaselineEvents: number,
    private readonly minBaselineMs: number,
  ) {}

  /** Whether enough history precedes `time` to call a place new: the rule must not fire on a user's first day in the case. */
  baselineReadyAt(time: number): boolean {
    return this.located >= this.minBaselineEvents && this.firstTime !== null && time - this.firstTime >= this.minBaselineMs;
  }

  /** Record the event's source; say what was new about it. Call in time order for every event. */
  observe(e: RuleEvent): Novelty {
    const net = e.source;
    const country = countryOf(net);
    const asn = net?.asn;
    if (country === null && asn === undefined) return { newCountry: null, newAsn: null };
    const ready = this.baselineReadyAt(e.time);
    let newCountry: string | null = null;
    let newAsn: number | null = null;
    // A place is new only against a baseline that already knows at least one other place.
    if (country !== null && !this.countries.has(country)) {
      const novel = ready && this.countries.size > 0;
      this.countries.set(country, { time: e.time, novel });
      if (novel) newCountry = country;
    }
    if (asn !== undefined && !this.asns.has(asn)) {
      const novel = ready && this.asns.size > 0;
      this.asns.set(asn, { time: e.time, novel });
      if (novel) newAsn = asn;
    }
    this.located++;
    if (this.firstTime === null) this.firstTime = e.time;
    return { newCountry, newAsn };
  }

  /** Countries seen so far, sorted. */
  knownCountries(): string[] {
    return [...this.countries.keys()].sort();
  }

  /** How many located events the baseline holds. */
  get size(): number {
    return this.located;
  }

  /** When the country of `net` was first seen as new, if that was at most `withinMs` before `time`. */
  recentlyNewCountry(net: Network | undefined, time: number, withinMs: number): { country: string; since: number } | null {
    const country = countryOf(net);
    if (country === null) return null;
    const seen = this.countries.get(country);
    if (seen === undefined || !seen.novel || time - seen.time > withinMs) return null;
    return { country, since: seen.time };
  }
}

/**
 * Where each sign-in session started: the first event with a located source per session id.
 * Sessions older than `keepMs` are forgotten, so memory follows the user's recent activity only.
 */
export class SessionLocations {
  private readonly first = new Map<string, RuleEvent>();
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(private readonly keepMs: number) {}

  /** The session's earlier located event (if any), then remember this one if it is the first. */
  observe(e: RuleEvent): RuleEvent | null {
    if (e.time - this.lastSweep > this.keepMs) this.sweep(e.time);
    const id = e.sessionId;
    if (id === undefined || id === '' || e.source === undefined) return null;
    if (countryOf(e.source) === null && e.source.geo?.lat === undefined) return null;
    const earlier = this.first.get(id);
    if (earlier !== undefined && e.time - earlier.time <= this.keepMs) return earlier;
    this.first.set(id, e);
    return null;
  }

  private sweep(now: number): void {
    for (const [id, e] of this.first) if (now - e.time > this.keepMs) this.first.delete(id);
    this.lastSweep = now;
  }
}
