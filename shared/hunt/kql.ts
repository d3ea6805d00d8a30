/**
 * Hunts as Kusto (KQL) queries for Microsoft Sentinel / Defender tables. Windows are `bin()`
 * buckets, as Microsoft's own analytics use: a burst that straddles two buckets may be split, so
 * each query counts over buckets of the window and of twice the window.
 */
import { quoted, renderCondition, type Condition, type ConditionSyntax } from './condition.js';
import type { HuntRule } from './hunt-rules.js';
import { queryHeader } from './query-header.js';
import { platformField, type HuntSource, type PlatformMapping } from './sources.js';

const literal = (v: string | number): string => (typeof v === 'number' ? String(v) : quoted(v));

const SYNTAX: ConditionSyntax = {
  eq: (f, v) => `${f} ${typeof v === 'number' ? '==' : '=~'} ${literal(v)}`,
  in: (f, vs) => `${f} in~ (${vs.map(literal).join(', ')})`,
  contains: (f, v) => `${f} contains ${quoted(v)}`,
  and: 'and',
  or: 'or',
  not: (inner) => `not(${inner})`,
};

function where(c: Condition, m: PlatformMapping): string {
  return renderCondition(c, SYNTAX, (name) => platformField(m, name));
}


/** One KQL query per Sentinel table of the source. */
export function kqlHunts(rule: HuntRule, source: HuntSource): { table: string; query: string }[] {
  const out: { table: string; query: string }[] = [];
  for (const m of source.sentinel ?? []) {
    const body = kqlBody(rule, source, m);
    if (body !== null) out.push({ table: m.from, query: `${queryHeader(rule, source, m, (line) => `// ${line}`)}\n${body}\n` });
  }
  return out;
}

function kqlBody(rule: HuntRule, source: HuntSource, m: PlatformMapping): string | null {
  const s = source.signals;
  const p = rule.params;
  const t = m.time;
  const identify = `| extend user = tolower(tostring(${platformField(m, source.user)})), src_ip = tostring(${platformField(m, source.srcIp)})`;
  const from = (c: Condition): string => `${m.from}\n| where ${where(c, m)}\n${identify}`;
  const output = '| project rule, user, src_ip, start_time, end_time';
  switch (rule.id) {
    case 'push-burst':
      if (s.failed === undefined) return null;
      return [
        from(s.failed),
        `| summarize prompts = count(), start_time = min(${t}), end_time = max(${t}), src_ips = make_set(src_ip, 20) by user, bin(${t}, ${p['windowMinutes']}m)`,
        `| where prompts >= ${p['threshold']}`,
        '| extend rule = "push-burst", src_ip = tostring(src_ips[0])',
        output,
      ].join('\n');
    case 'fatigue-approval':
      if (s.failed === undefined || s.approved === undefined) return null;
      return [
        `let bursts = ${from(s.failed).replace(/\n/g, '\n    ')}`,
        `    | summarize prompts = count(), start_time = min(${t}), last_failed = max(${t}), src_ips = make_set(src_ip, 20) by user, bin(${t}, ${p['windowMinutes']}m)`,
        `    | where prompts >= ${p['threshold']};`,
        `let approvals = ${from(s.approved).replace(/\n/g, '\n    ')}`,
        `    | project user, approved_at = ${t};`,
        'bursts',
        '| join kind=inner approvals on user',
        `| where approved_at between (last_failed .. last_failed + ${p['approvalWithinMinutes']}m)`,
        '| extend rule = "fatigue-approval", end_time = approved_at, src_ip = tostring(src_ips[0])',
        output,
      ].join('\n');
    case 'fraud-report':
    case 'mfa-weakened': {
      const c = rule.id === 'fraud-report' ? s.fraud : s.weakened;
      if (c === undefined) return null;
      return [
        from(c),
        `| summarize start_time = min(${t}), end_time = max(${t}), src_ips = make_set(src_ip, 20), events = count() by user, bin(${t}, ${p['groupMinutes']}m)`,
        `| extend rule = "${rule.id}", src_ip = tostring(src_ips[0])`,
        output,
      ].join('\n');
    }
    case 'source-many-users':
      if (s.failed === undefined) return null;
      return [
        from(s.failed),
        '| where isnotempty(src_ip)',
        `| summarize users = dcount(user), targets = make_set(user, 100), start_time = min(${t}), end_time = max(${t}) by src_ip, bin(${t}, ${p['windowMinutes']}m)`,
        `| where users >= ${p['minUsers']}`,
        '| mv-expand user = targets to typeof(string)',
        '| extend rule = "source-many-users"',
        output,
      ].join('\n');
  }
}
