/**
 * One finding per story: supporting findings that only retell part of an attack already reported
 * (a new country per proxy of a burst, the "impossible travel" between two of its proxies) are
 * folded into that attack's finding as context, named in its summary and detail, instead of
 * standing beside it as findings of their own. Rules declare it (`foldsInto`, `foldContext`).
 */
import type { FindingDraft, RuleId } from '../model/finding.js';
import type { Rule } from '../rules/rule.js';

/** A folded finding may start or end this long outside its host (a sighting's first sign-in before the first prompt). */
const FOLD_SLACK_MS = 60 * 60_000;

function inside(guest: FindingDraft, host: FindingDraft): boolean {
  if (guest.start < host.start - FOLD_SLACK_MS || guest.end > host.end + FOLD_SLACK_MS) return false;
  const evidence = new Set(host.eventIds);
  return guest.eventIds.some((id) => evidence.has(id));
}

/** One user's drafts with the foldable ones told as context of their hosts. */
export function foldIntoHosts(drafts: readonly FindingDraft[], rules: readonly Rule[]): FindingDraft[] {
  const byId = new Map<RuleId, Rule>(rules.map((r) => [r.id, r]));
  const folded = new Map<FindingDraft, Map<RuleId, FindingDraft[]>>();
  const kept: FindingDraft[] = [];
  for (const d of drafts) {
    const into = byId.get(d.rule)?.foldsInto;
    const host = into === undefined ? undefined : drafts.find((h) => h !== d && h.user === d.user && into.includes(h.rule) && inside(d, h));
    if (host === undefined) {
      kept.push(d);
      continue;
    }
    const guests = folded.get(host) ?? new Map<RuleId, FindingDraft[]>();
    folded.set(host, guests);
    const list = guests.get(d.rule) ?? [];
    guests.set(d.rule, list);
    list.push(d);
  }
  if (folded.size === 0) return kept;
  return kept.map((d) => {
    const guests = folded.get(d);
    if (guests === undefined) return d;
    const words: string[] = [];
    for (const [rule, list] of guests) {
      const text = byId.get(rule)?.foldContext?.(list);
      if (text !== undefined && text !== '') words.push(text);
    }
    const foldedRules = [...guests.keys()].sort();
    const summary = words.length === 0 ? d.summary : `${d.summary} Within it: ${words.join('; ')}.`;
    return { ...d, summary, detail: { ...d.detail, foldedRules, foldedFindings: [...guests.values()].reduce((n, l) => n + l.length, 0) } };
  });
}
