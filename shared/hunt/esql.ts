/**
 * Hunts as Elastic ES|QL queries over the Elastic integrations' data streams. ES|QL has no
 * ordered sequences or joins between events, so windows are `DATE_TRUNC` buckets and a fatigue
 * approval is a bucket holding a burst and an approval; Elastic's own "Potentially Successful Okta
 * MFA Bombing" rule uses an EQL sequence for the order, which the query header points to.
 */
import { quoted, renderCondition, type Condition, type ConditionSyntax } from './condition.js';
import type { HuntRule } from './hunt-rules.js';
import { queryHeader } from './query-header.js';
import { platformField, type HuntSource, type PlatformMapping } from './sources.js';

const lower = (v: string | number): string => (typeof v === 'string' ? quoted(v.toLowerCase()) : String(v));
// COALESCE: a missing field compares as empty text, so `NOT (…)` keeps records that lack it
// (a comparison with null is null in ES|QL, and WHERE drops it).
const text = (f: string): string => `TO_LOWER(COALESCE(${f}, ""))`;

const SYNTAX: ConditionSyntax = {
  eq: (f, v) => (typeof v === 'number' ? `${f} == ${v}` : `${text(f)} == ${lower(v)}`),
  in: (f, vs) => (vs.every((v) => typeof v === 'number') ? `${f} IN (${vs.join(', ')})` : `${text(f)} IN (${vs.map(lower).join(', ')})`),
  contains: (f, v) => `${text(f)} LIKE ${quoted(`*${v.toLowerCase()}*`)}`,
  and: 'AND',
  or: 'OR',
  not: (inner) => `NOT (${inner})`,
};

function where(c: Condition, m: PlatformMapping): string {
  return renderCondition(c, SYNTAX, (name) => platformField(m, name));
}


/** One ES|QL query, or null when the source lacks what the rule needs. */
export function esqlHunt(rule: HuntRule, source: HuntSource): string | null {
  const m = source.elastic;
  if (m === undefined) return null;
  const s = source.signals;
  const p = rule.params;
  const t = m.time;
  const user = `user = TO_LOWER(TO_STRING(${platformField(m, source.user)})), src_ip = TO_STRING(${platformField(m, source.srcIp)})`;
  const output = '| KEEP rule, user, src_ip, start_time, end_time';
  let body: string | null = null;
  switch (rule.id) {
    case 'push-burst':
      if (s.failed === undefined) return null;
      body = [
        `FROM ${m.from}`,
        `| WHERE ${where(s.failed, m)}`,
        `| EVAL ${user}, period = DATE_TRUNC(${p['windowMinutes']} minutes, ${t})`,
        `| STATS prompts = COUNT(*), start_time = MIN(${t}), end_time = MAX(${t}), src_ip = MIN(src_ip) BY user, period`,
        `| WHERE prompts >= ${p['threshold']}`,
        '| EVAL rule = "push-burst"',
      ].join('\n');
      break;
    case 'fatigue-approval':
      if (s.failed === undefined || s.approved === undefined) return null;
      body = [
        `// For the order (burst first, then the approval) use an EQL sequence by user with maxspan=${Number(p['windowMinutes']) + Number(p['approvalWithinMinutes'])}m.`,
        `FROM ${m.from}`,
        `| EVAL failed = CASE(${where(s.failed, m)}, 1, 0), approved = CASE(${where(s.approved, m)}, 1, 0)`,
        '| WHERE failed == 1 OR approved == 1',
        `| EVAL ${user}, period = DATE_TRUNC(${Number(p['windowMinutes']) + Number(p['approvalWithinMinutes'])} minutes, ${t})`,
        `| EVAL failed_at = CASE(failed == 1, ${t}, null), approved_at = CASE(approved == 1, ${t}, null)`,
        '| STATS failed_prompts = SUM(failed), approvals = SUM(approved), start_time = MIN(failed_at), last_failed = MAX(failed_at), end_time = MAX(approved_at), src_ip = MIN(src_ip) BY user, period',
        `| WHERE failed_prompts >= ${p['threshold']} AND approvals >= 1 AND end_time > last_failed`,
        '| EVAL rule = "fatigue-approval"',
      ].join('\n');
      break;
    case 'fraud-report':
    case 'mfa-weakened': {
      const c = rule.id === 'fraud-report' ? s.fraud : s.weakened;
      if (c === undefined) return null;
      body = [
        `FROM ${m.from}`,
        `| WHERE ${where(c, m)}`,
        `| EVAL ${user}, period = DATE_TRUNC(${p['groupMinutes']} minutes, ${t})`,
        `| STATS events = COUNT(*), start_time = MIN(${t}), end_time = MAX(${t}), src_ip = MIN(src_ip) BY user, period`,
        `| EVAL rule = "${rule.id}"`,
      ].join('\n');
      break;
    }
    case 'source-many-users':
      if (s.failed === undefined) return null;
      body = [
        `FROM ${m.from}`,
        `| WHERE ${where(s.failed, m)}`,
        `| EVAL ${user}, period = DATE_TRUNC(${p['windowMinutes']} minutes, ${t})`,
        '| WHERE src_ip IS NOT NULL',
        `| STATS users = COUNT_DISTINCT(user), user = VALUES(user), start_time = MIN(${t}), end_time = MAX(${t}) BY src_ip, period`,
        `| WHERE users >= ${p['minUsers']}`,
        '| MV_EXPAND user',
        '| EVAL rule = "source-many-users"',
      ].join('\n');
      break;
  }
  return body === null ? null : `${queryHeader(rule, source, m, (line) => `// ${line}`)}\n${body}\n${output}\n`;
}
