/**
 * The networks a person is known to use, learned from the case itself: addresses and networks
 * (ASN within a country) from which they signed in or approved a prompt at least `minAgeMs`
 * before the moment asked about. The age matters: an attacker who got in a minute ago has a
 * successful sign-in too, but not one from yesterday. Rules ask it whether an approval or an
 * enrolment came from somewhere the person already used, which tells their own sign-in from an
 * attacker's. Memory: one entry per distinct address and network; nothing is allocated for an
 * address already known.
 */
import type { Network } from '../../model/event.js';
import type { RuleEvent } from '../rule.js';
import { countryOf } from './geo.js';

/** Events that show the sign-in got through from where it came. */
function isSuccess(e: RuleEvent): boolean {
  return e.outcome === 'approved' || e.outcome === 'auth_success' || e.outcome === 'session_start';
}

export type Familiarity = 'address' | 'network' | null;

export class FamiliarNetworks {
  /** Address to the time of its first successful use. */
  private readonly ips = new Map<string, number>();
  /** ASN to country to first use: a phone on mobile data or a home router gets new addresses in one network. */
  private readonly networks = new Map<number, Map<string, number>>();

  constructor(private readonly minAgeMs: number) {}

  /** Learn from an event that got through (call in time order, after asking about it). */
  observe(e: RuleEvent): void {
    if (isSuccess(e)) this.learn(e.source, e.time);
  }

  /** Learn a network the person got through from (an approved prompt's sign-in source). */
  learn(net: Network | undefined, time: number): void {
    if (net === undefined || net.ip === '') return;
    if (!this.ips.has(net.ip)) this.ips.set(net.ip, time);
    const asn = net.asn;
    if (asn === undefined) return;
    const country = countryOf(net) ?? '';
    const known = this.networks.get(asn);
    if (known === undefined) this.networks.set(asn, new Map([[country, time]]));
    else if (!known.has(country)) known.set(country, time);
  }

  /** 'address' when this exact address was used long enough before `at`, 'network' when only its network, else null. */
  knows(net: Network | undefined, at: number): Familiarity {
    if (net === undefined || net.ip === '') return null;
    const since = this.ips.get(net.ip);
    if (since !== undefined && at - since >= this.minAgeMs) return 'address';
    const first = net.asn === undefined ? undefined : this.networks.get(net.asn)?.get(countryOf(net) ?? '');
    return first !== undefined && at - first >= this.minAgeMs ? 'network' : null;
  }
}
