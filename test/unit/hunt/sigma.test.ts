import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import { defaultConfig, resolveConfig } from '../../../shared/detect/params.js';
import { huntRules } from '../../../shared/hunt/hunt-rules.js';
import { sigmaFile } from '../../../shared/hunt/sigma.js';
import { HUNT_SOURCES } from '../../../shared/hunt/sources.js';
import { REPO_ROOT } from '../../support/corpus.js';

const SCHEMAS = join(REPO_ROOT, 'test', 'fixtures', 'hunt', 'sigma-schema');

function validators(): { rule: (doc: unknown) => boolean; correlation: (doc: unknown) => boolean; errors: () => string } {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const rule = ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, 'sigma-detection-rule-schema.json'), 'utf8')) as object);
  const correlation = ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, 'sigma-correlation-rules-schema.json'), 'utf8')) as object);
  return { rule, correlation, errors: () => ajv.errorsText([...(rule.errors ?? []), ...(correlation.errors ?? [])]) };
}

function documents(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text).map((d) => {
    assert.deepEqual(d.errors, []);
    return d.toJS() as Record<string, unknown>;
  });
}

test('every generated Sigma rule and correlation validates against the Sigma specification JSON schemas', () => {
  const v = validators();
  const rules = huntRules(defaultConfig());
  let rulesSeen = 0;
  let correlationsSeen = 0;
  for (const source of HUNT_SOURCES) {
    const text = sigmaFile(source, rules, '2026-01-02');
    if (text === null) continue;
    const docs = documents(text);
    const names = new Set(docs.map((d) => d['name']));
    for (const doc of docs) {
      if ('correlation' in doc) {
        assert.ok(v.correlation(doc), `${source.id} ${String(doc['name'])}: ${v.errors()}`);
        const refs = (doc['correlation'] as { rules: string[] }).rules;
        for (const ref of refs) assert.ok(names.has(ref), `${String(doc['name'])} refers to ${ref}, which the file does not define`);
        correlationsSeen++;
      } else {
        assert.ok(v.rule(doc), `${source.id} ${String(doc['name'])}: ${v.errors()}`);
        rulesSeen++;
      }
    }
  }
  assert.ok(rulesSeen >= 15 && correlationsSeen >= 10, `${rulesSeen} rules, ${correlationsSeen} correlations`);
});

test('the schemas refuse what the spec forbids, so the validation above can fail', () => {
  const v = validators();
  assert.equal(v.rule({ title: 'x', logsource: { product: 'okta' } }), false, 'no detection');
  assert.equal(v.correlation({ title: 'x', correlation: { type: 'event_count', rules: ['a'], timespan: '10m', condition: { gte: 'five' } } }), false);
  assert.equal(v.rule({ title: 'x', id: 'not-a-uuid', logsource: { product: 'okta' }, detection: { s: { a: 1 }, condition: 's' } }), false);
});

test('correlations carry the case parameters: threshold, window, minimum users', () => {
  const config = resolveConfig({ 'push-burst': { params: { threshold: 9, windowMinutes: 7.5 } }, 'source-many-users': { params: { minUsers: 4 } } });
  const docs = documents(sigmaFile(HUNT_SOURCES.find((s) => s.id === 'okta') ?? HUNT_SOURCES[0], huntRules(config), '2026-01-02') ?? '');
  const burst = docs.find((d) => d['name'] === 'pushtrail_okta_push_burst')?.['correlation'] as Record<string, unknown>;
  assert.deepEqual(burst, { type: 'event_count', rules: ['pushtrail_okta_failed'], 'group-by': ['actor.alternateId'], timespan: '450s', condition: { gte: 9 } });
  const many = docs.find((d) => d['name'] === 'pushtrail_okta_source_many_users')?.['correlation'] as Record<string, unknown>;
  assert.deepEqual(many['condition'], { field: 'actor.alternateId', gte: 4 });
  assert.deepEqual(many['group-by'], ['client.ipAddress']);
});

test('a disabled rule is not hunted for', () => {
  const config = resolveConfig({ 'fatigue-approval': { enabled: false } });
  assert.equal(huntRules(config).some((r) => r.id === 'fatigue-approval'), false);
  const text = sigmaFile(HUNT_SOURCES[0], huntRules(config), '2026-01-02') ?? '';
  assert.doesNotMatch(text, /temporal_ordered/);
});
