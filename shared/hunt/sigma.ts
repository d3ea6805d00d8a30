/**
 * Hunts as Sigma rules (specification v2): per log source, a base rule for each kind of record a
 * detection counts, and correlation rules for the patterns that need more than one record
 * (`event_count` for a burst, `temporal_ordered` for a burst then an approval, `value_count` for
 * one source against many users). Ids are derived from the names, so the same case parameters
 * give the same files.
 */
import { fieldsOf, type Condition } from './condition.js';
import { paramsText, type HuntRule } from './hunt-rules.js';
import type { HuntSource, Signal } from './sources.js';
import { toYaml, type YamlValue } from './yaml.js';

const SIGNAL_TITLES: Record<Signal, string> = {
  failed: 'MFA prompt denied, ignored or failed',
  approved: 'MFA prompt approved',
  fraud: 'MFA prompt reported as fraud',
  weakened: 'MFA factor removed or MFA disabled',
};

/** FNV-1a, 32 bits: enough to spread names over a UUID's digits (not for security). */
function fnv(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A stable UUID (version-4 layout) for a rule name. */
export function stableUuid(name: string): string {
  const hex = [1, 2, 3, 4].map((seed) => fnv(name, seed).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Sigma's timespan: whole minutes as `Nm`, anything else in seconds. */
function timespan(minutes: number): string {
  return Number.isInteger(minutes) ? `${minutes}m` : `${Math.round(minutes * 60)}s`;
}

/** A condition as Sigma search identifiers and the condition expression that joins them. */
function detection(c: Condition, field: (name: string) => string): Record<string, YamlValue> {
  const selections: Record<string, YamlValue> = {};
  const go = (x: Condition, top = false): string => {
    switch (x.op) {
      case 'eq':
      case 'in':
      case 'contains': {
        const name = `selection_${Object.keys(selections).length + 1}`;
        const key = x.op === 'contains' ? `${field(x.field)}|contains` : field(x.field);
        selections[name] = { [key]: x.op === 'in' ? [...x.values] : x.value };
        return name;
      }
      case 'not':
        return `not ${go(x.of)}`;
      case 'all':
      case 'any': {
        const parts = x.of.map((inner) => go(inner));
        const joined = parts.join(x.op === 'all' ? ' and ' : ' or ');
        return parts.length === 1 || top ? joined : `(${joined})`;
      }
    }
  };
  const expression = go(c, true);
  return { ...selections, condition: expression };
}

interface Document {
  name: string;
  body: YamlValue;
}

function common(title: string, name: string, description: string, date: string): Record<string, YamlValue> {
  return {
    title,
    id: stableUuid(name),
    name,
    status: 'experimental',
    description,
    author: 'PushTrail (generated from the case detection settings)',
    date,
  };
}

const TAGS = ['attack.credential-access', 'attack.t1621'];

/** Adds documents for one log source: a base rule once per signal, correlations as asked. */
interface DocumentBuilder {
  docs: Document[];
  /** The source's field names for the user and the source address. */
  user: string;
  ip: string;
  /** The base rule of a signal (added once), or null when the source cannot see that signal. */
  base(signal: Signal, level: string, extra: string): string | null;
  correlate(rule: HuntRule, suffix: string, correlation: Record<string, YamlValue>): string;
}

function documentBuilder(source: HuntSource, date: string): DocumentBuilder {
  const field = (name: string): string => source.sigma.fields?.[name] ?? name;
  const user = field(source.user);
  const ip = field(source.srcIp);
  const docs: Document[] = [];
  const base = (signal: Signal, level: string, extra: string): string | null => {
    const condition = source.signals[signal];
    if (condition === undefined) return null;
    const name = `pushtrail_${source.id.replace(/-/g, '_')}_${signal}`;
    if (!docs.some((d) => d.name === name)) {
      docs.push({
        name,
        body: {
          ...common(`${source.title}: ${SIGNAL_TITLES[signal]}`, name, `${SIGNAL_TITLES[signal]} (${source.title}). ${extra}`.trim(), date),
          references: [source.cite],
          tags: TAGS,
          logsource: { product: source.sigma.product, service: source.sigma.service },
          detection: detection(condition, field),
          fields: [user, ip, ...fieldsOf(condition).map(field)].filter((f, i, all) => all.indexOf(f) === i),
          falsepositives: [source.limits],
          level,
        },
      });
    }
    return name;
  };
  const correlate = (rule: HuntRule, suffix: string, correlation: Record<string, YamlValue>): string => {
    const window = rule.variant === undefined ? '' : `_${rule.variant}`;
    const name = `pushtrail_${source.id.replace(/-/g, '_')}_${suffix}${window}`;
    docs.push({
      name,
      body: {
        ...common(`${source.title}: ${rule.title}`, name, `${rule.sees} Parameters from the case: ${paramsText(rule)}. Cannot see: ${rule.misses}`, date),
        correlation,
        falsepositives: [source.limits],
        level: rule.level,
      },
    });
    return name;
  };
  return { docs, user, ip, base, correlate };
}

/** A burst of failed prompts for one user: `threshold` within `windowMinutes`. */
function burstCorrelation(b: DocumentBuilder, failed: string, rule: HuntRule): Record<string, YamlValue> {
  const p = rule.params;
  return { type: 'event_count', rules: [failed], 'group-by': [b.user], timespan: timespan(Number(p['windowMinutes'])), condition: { gte: Number(p['threshold']) } };
}

function addRule(b: DocumentBuilder, rule: HuntRule): void {
  const p = rule.params;
  switch (rule.id) {
    case 'push-burst': {
      const failed = b.base('failed', 'low', 'Counted by the PushTrail push-burst correlation.');
      if (failed !== null) b.correlate(rule, 'push_burst', burstCorrelation(b, failed, rule));
      break;
    }
    case 'fatigue-approval': {
      const failed = b.base('failed', 'low', 'Counted by the PushTrail push-burst correlation.');
      const approved = b.base('approved', 'informational', 'The approval half of the PushTrail fatigue-approval correlation.');
      if (failed === null || approved === null) break;
      const short = rule.variant === undefined;
      const burstRule = { ...rule, title: `${short ? 'MFA prompt burst' : rule.title} (part of fatigue-approval)`, level: short ? ('high' as const) : rule.level };
      const burst = b.correlate(burstRule, 'fatigue_burst', burstCorrelation(b, failed, rule));
      b.correlate(rule, 'fatigue_approval', {
        type: 'temporal_ordered',
        rules: [burst, approved],
        'group-by': [b.user],
        timespan: timespan(Number(p['windowMinutes']) + Number(p['approvalWithinMinutes'])),
      });
      break;
    }
    case 'fraud-report':
      b.base('fraud', rule.level, `${rule.sees} Cannot see: ${rule.misses}`);
      break;
    case 'mfa-weakened':
      b.base('weakened', rule.level, `${rule.sees} Cannot see: ${rule.misses}`);
      break;
    case 'source-many-users': {
      const failed = b.base('failed', 'low', 'Counted by the PushTrail source-many-users correlation.');
      if (failed !== null) {
        b.correlate(rule, 'source_many_users', {
          type: 'value_count',
          rules: [failed],
          'group-by': [b.ip],
          timespan: timespan(Number(p['windowMinutes'])),
          condition: { field: b.user, gte: Number(p['minUsers']) },
        });
      }
      break;
    }
  }
}

/** The Sigma documents of one log source: base rules first, then the correlations that use them. */
export function sigmaDocuments(source: HuntSource, rules: readonly HuntRule[], date: string): Document[] {
  const builder = documentBuilder(source, date);
  for (const rule of rules) addRule(builder, rule);
  return builder.docs;
}

/** One multi-document YAML file per log source, or null when no rule applies to it. */
export function sigmaFile(source: HuntSource, rules: readonly HuntRule[], date: string): string | null {
  const docs = sigmaDocuments(source, rules, date);
  if (docs.length === 0) return null;
  return docs.map((d) => toYaml(d.body)).join('---\n');
}
