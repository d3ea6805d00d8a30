/**
 * Hunts as Splunk SPL searches over a vendor's events as its Splunk add-on indexes them. Bursts use
 * `streamstats time_window`, a sliding window like PushTrail's; conditions are compared in lower
 * case because `where` compares case-sensitively and vendors disagree on case (Duo `denied`, Okta
 * `FAILURE`).
 */
import { quoted, renderCondition, type Condition, type ConditionSyntax } from './condition.js';
import type { HuntRule } from './hunt-rules.js';
import { queryHeader } from './query-header.js';
import { platformField, type HuntSource, type PlatformMapping } from './sources.js';

const lower = (v: string | number): string => (typeof v === 'string' ? quoted(v.toLowerCase()) : String(v));
const fieldRef = (f: string): string => `'${f}'`;
// coalesce: a missing field compares as empty text, so `NOT (…)` keeps records that lack it.
const text = (f: string): string => `lower(coalesce(${fieldRef(f)}, ""))`;

const SYNTAX: ConditionSyntax = {
  eq: (f, v) => (typeof v === 'number' ? `${fieldRef(f)}=${v}` : `${text(f)}=${lower(v)}`),
  in: (f, vs) => `in(${text(f)}, ${vs.map(lower).join(', ')})`,
  contains: (f, v) => `like(${text(f)}, ${quoted(`%${v.toLowerCase()}%`)})`,
  and: 'AND',
  or: 'OR',
  not: (inner) => `NOT (${inner})`,
};

function where(c: Condition, m: PlatformMapping): string {
  return renderCondition(c, SYNTAX, (name) => platformField(m, name));
}


const OUTPUT = '| table rule user src_ip start_time end_time';

/** One SPL search, or null when the source lacks what the rule needs. */
export function splHunt(rule: HuntRule, source: HuntSource): string | null {
  const m = source.splunk;
  if (m === undefined) return null;
  const s = source.signals;
  const user = fieldRef(platformField(m, source.user));
  const ip = fieldRef(platformField(m, source.srcIp));
  const p = rule.params;
  const identify = `| eval user=lower(${user}), src_ip=${ip}`;
  let body: string | null = null;
  switch (rule.id) {
    case 'push-burst':
      if (s.failed === undefined) return null;
      body = [
        `search ${m.from}`,
        `| where ${where(s.failed, m)}`,
        identify,
        '| sort 0 _time',
        `| streamstats time_window=${p['windowMinutes']}m count as prompts min(_time) as start_time by user`,
        `| where prompts>=${p['threshold']}`,
        '| stats min(start_time) as start_time max(_time) as end_time max(prompts) as prompts values(src_ip) as src_ip by user',
        '| eval rule="push-burst"',
      ].join('\n');
      break;
    case 'fatigue-approval':
      if (s.failed === undefined || s.approved === undefined) return null;
      body = [
        `search ${m.from}`,
        `| eval outcome=case(${where(s.approved, m)}, "approved", ${where(s.failed, m)}, "failed")`,
        '| where isnotnull(outcome)',
        identify,
        '| sort 0 _time',
        '| eval failed_time=if(outcome="failed", _time, null())',
        `| streamstats time_window=${Number(p['windowMinutes']) + Number(p['approvalWithinMinutes'])}m count(failed_time) as failed_before max(failed_time) as last_failed min(failed_time) as start_time by user`,
        `| where outcome="approved" AND failed_before>=${p['threshold']} AND _time-last_failed<=${Number(p['approvalWithinMinutes']) * 60}`,
        '| eval end_time=_time, rule="fatigue-approval"',
      ].join('\n');
      break;
    case 'fraud-report':
    case 'mfa-weakened': {
      const c = rule.id === 'fraud-report' ? s.fraud : s.weakened;
      if (c === undefined) return null;
      body = [
        `search ${m.from}`,
        `| where ${where(c, m)}`,
        identify,
        `| bin _time span=${p['groupMinutes']}m as period`,
        '| stats min(_time) as start_time max(_time) as end_time values(src_ip) as src_ip count by user period',
        `| eval rule="${rule.id}"`,
      ].join('\n');
      break;
    }
    case 'source-many-users':
      if (s.failed === undefined) return null;
      body = [
        `search ${m.from}`,
        `| where ${where(s.failed, m)}`,
        identify,
        '| where isnotnull(src_ip)',
        '| sort 0 _time',
        `| streamstats time_window=${p['windowMinutes']}m dc(user) as users min(_time) as start_time by src_ip`,
        `| where users>=${p['minUsers']}`,
        '| stats min(start_time) as start_time max(_time) as end_time max(users) as users values(user) as user by src_ip',
        '| eval rule="source-many-users"',
      ].join('\n');
      break;
  }
  return body === null ? null : `${queryHeader(rule, source, m, (line) => `\`\`\` ${line} \`\`\``)}\n${body}\n${OUTPUT}\n`;
}
