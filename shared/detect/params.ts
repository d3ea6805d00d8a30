/**
 * Detection settings: which rules run and with what parameters. A case stores the resolved
 * settings it was analysed with, so a re-run (or a reviewer) gets the same findings even after
 * PushTrail's defaults change. Settings read from a case file or typed by a user are untrusted:
 * `parseOverrides` checks them against each rule's `paramDocs` and says exactly what is wrong.
 */
import { PushTrailError } from '../api/errors.js';
import { isRuleId, RULE_IDS, type RuleId } from '../model/finding.js';
import { RULES, ruleById } from '../rules/index.js';
import type { ParamDoc, Params, ParamValue } from '../rules/rule.js';

export interface RuleSetting {
  enabled: boolean;
  params: Params;
}

/** Every rule with its full parameter set. */
export type DetectionConfig = { readonly [K in RuleId]: RuleSetting };

/** What a user or a case file may set: any subset of rules, any subset of their parameters. */
export type DetectionOverrides = {
  readonly [K in RuleId]?: { readonly enabled?: boolean; readonly params?: Readonly<Record<string, ParamValue>> };
};

function bad(message: string, detail: Record<string, unknown>): never {
  throw new PushTrailError('bad_input', `detection settings: ${message}`, detail);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}" (text)`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${String(v)} (${typeof v})`;
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function expectation(doc: ParamDoc): string {
  switch (doc.kind) {
    case 'number':
      return `${doc.integer ? 'a whole number' : 'a number'} from ${doc.min} to ${doc.max} (${doc.unit})`;
    case 'boolean':
      return 'true or false';
    case 'choice':
      return `one of ${doc.choices.map((c) => `"${c}"`).join(', ')}`;
  }
}

/** Check one parameter value against its doc; returns it, or throws a message naming rule and parameter. */
export function checkParam(rule: RuleId, name: string, doc: ParamDoc, value: unknown): ParamValue {
  const ok =
    doc.kind === 'number'
      ? typeof value === 'number' && Number.isFinite(value) && value >= doc.min && value <= doc.max && (!doc.integer || Number.isInteger(value))
      : doc.kind === 'boolean'
        ? typeof value === 'boolean'
        : typeof value === 'string' && doc.choices.includes(value);
  if (!ok) bad(`"${rule}.${name}" must be ${expectation(doc)}; got ${typeName(value)}`, { rule, param: name });
  return value as ParamValue;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validate settings from a case file or the UI. Unknown rules or parameters, and wrong types, are errors. */
export function parseOverrides(raw: unknown): DetectionOverrides {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) bad(`expected an object of rule id to settings; got ${typeName(raw)}`, {});
  const out: Partial<Record<RuleId, { enabled?: boolean; params?: Record<string, ParamValue> }>> = {};
  for (const [id, setting] of Object.entries(raw)) {
    if (!isRuleId(id)) bad(`unknown rule "${id}" (known rules: ${RULE_IDS.join(', ')})`, { rule: id });
    if (!isRecord(setting)) bad(`"${id}" must be an object with "enabled" and/or "params"; got ${typeName(setting)}`, { rule: id });
    const entry: { enabled?: boolean; params?: Record<string, ParamValue> } = {};
    for (const key of Object.keys(setting)) {
      if (key !== 'enabled' && key !== 'params') bad(`"${id}" has no setting "${key}" (use "enabled" and "params")`, { rule: id, key });
    }
    if (setting['enabled'] !== undefined) {
      if (typeof setting['enabled'] !== 'boolean') bad(`"${id}.enabled" must be true or false; got ${typeName(setting['enabled'])}`, { rule: id });
      entry.enabled = setting['enabled'];
    }
    const params = setting['params'];
    if (params !== undefined) {
      if (!isRecord(params)) bad(`"${id}.params" must be an object; got ${typeName(params)}`, { rule: id });
      const docs: Readonly<Record<string, ParamDoc>> = ruleById(id).paramDocs;
      const checked: Record<string, ParamValue> = {};
      for (const [name, value] of Object.entries(params)) {
        const doc = docs[name];
        if (doc === undefined) bad(`rule "${id}" has no parameter "${name}" (parameters: ${Object.keys(docs).join(', ')})`, { rule: id, param: name });
        checked[name] = checkParam(id, name, doc, value);
      }
      entry.params = checked;
    }
    out[id] = entry;
  }
  return out;
}

/** Every rule enabled with its default parameters. */
export function defaultConfig(): DetectionConfig {
  return resolveConfig({});
}

/** Defaults with the overrides applied on top. The overrides are validated again (they may be hand-built). */
export function resolveConfig(overrides: DetectionOverrides = {}): DetectionConfig {
  const checked = parseOverrides(overrides);
  const entries = RULES.map((rule): [RuleId, RuleSetting] => {
    const o = checked[rule.id];
    return [rule.id, { enabled: o?.enabled ?? true, params: { ...rule.params, ...o?.params } }];
  });
  return Object.fromEntries(entries) as Record<RuleId, RuleSetting>;
}

/**
 * Read a stored config (e.g. from a case): same checks. A rule the case does not mention (written
 * before the rule existed) runs with its defaults.
 */
export function parseConfig(raw: unknown): DetectionConfig {
  const overrides = parseOverrides(raw);
  return resolveConfig(overrides);
}

/** Only what differs from the defaults: what to show a user as "changed". */
export function diffFromDefaults(config: DetectionConfig): DetectionOverrides {
  const out: Partial<Record<RuleId, { enabled?: boolean; params?: Record<string, ParamValue> }>> = {};
  for (const rule of RULES) {
    const setting = config[rule.id];
    const params: Record<string, ParamValue> = {};
    for (const [name, value] of Object.entries(setting.params)) if (rule.params[name] !== value) params[name] = value;
    const entry: { enabled?: boolean; params?: Record<string, ParamValue> } = {};
    if (!setting.enabled) entry.enabled = false;
    if (Object.keys(params).length > 0) entry.params = params;
    if (Object.keys(entry).length > 0) out[rule.id] = entry;
  }
  return out;
}
