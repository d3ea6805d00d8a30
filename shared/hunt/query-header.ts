/** The opening comment every SIEM query carries: its rule, parameters, what it finds and cannot see. */
import { huntName, paramsText, type HuntRule } from './hunt-rules.js';
import type { HuntSource, PlatformMapping } from './sources.js';

/** `comment` turns one line of text into the query language's comment. */
export function queryHeader(rule: HuntRule, source: HuntSource, m: PlatformMapping, comment: (line: string) => string): string {
  return [
    `PushTrail hunt: ${huntName(rule)} (${rule.title}), level ${rule.level}, on ${m.from} (${source.title})`,
    `Parameters from the case: ${paramsText(rule)}`,
    `Finds: ${rule.sees}`,
    `Cannot see: ${rule.misses} ${source.limits}`,
    `Fields: ${m.cite}`,
  ]
    .map(comment)
    .join('\n');
}
