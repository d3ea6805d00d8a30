/**
 * Persons from applied links: each connected set of identities is one person, named by its
 * primary identity. Pure and deterministic: the same identities and links give the same persons.
 */
import { isApplied, type IdentityInfo, type IdentityLink, type PersonIdentities } from '../model/identity.js';

/**
 * The name a person goes by: an identity events name as `name@domain` (what analysts and reports
 * call a user), then one events name at all, then the one with the most events, then the first in order.
 */
export function choosePrimary(identities: readonly IdentityInfo[]): string {
  const rank = (i: IdentityInfo): number => (i.events > 0 ? 2 : 0) + (i.events > 0 && i.identity.includes('@') ? 1 : 0);
  const best = [...identities].sort((x, y) => rank(y) - rank(x) || y.events - x.events || (x.identity < y.identity ? -1 : x.identity > y.identity ? 1 : 0))[0];
  if (best === undefined) throw new Error('a person needs at least one identity');
  return best.identity;
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    for (let p = this.parent.get(root); p !== undefined && p !== root; p = this.parent.get(root)) root = p;
    // Path compression: later finds of the same set are one step.
    for (let n = x; n !== root; ) {
      const next = this.parent.get(n) ?? root;
      this.parent.set(n, root);
      n = next;
    }
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

/**
 * Every person with their identities (events naming them first), persons in order of name.
 * `identities` holds every identity, including ids and e-mails only seen beside another name
 * (events 0); identities a link names but the list lacks are added with no events.
 */
export function groupPersons(identities: readonly IdentityInfo[], links: readonly IdentityLink[]): PersonIdentities[] {
  const info = new Map<string, IdentityInfo>();
  for (const i of identities) info.set(i.identity, i);
  const sets = new UnionFind();
  for (const l of links) {
    if (!isApplied(l.status)) continue;
    for (const id of [l.a, l.b]) if (!info.has(id)) info.set(id, { identity: id, vendors: [], events: 0 });
    sets.union(l.a, l.b);
  }
  const members = new Map<string, IdentityInfo[]>();
  for (const i of info.values()) {
    const root = sets.find(i.identity);
    const list = members.get(root);
    if (list === undefined) members.set(root, [i]);
    else list.push(i);
  }
  const persons: PersonIdentities[] = [];
  for (const list of members.values()) {
    // A lone id or e-mail that no event names is not a person.
    if (list.every((i) => i.events === 0)) continue;
    list.sort((x, y) => y.events - x.events || (x.identity < y.identity ? -1 : x.identity > y.identity ? 1 : 0));
    persons.push({ person: choosePrimary(list), identities: list });
  }
  return persons.sort((x, y) => (x.person < y.person ? -1 : x.person > y.person ? 1 : 0));
}
