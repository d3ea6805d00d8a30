import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PushTrailError } from '../../../shared/api/errors.js';
import { checkParam, defaultConfig, diffFromDefaults, parseConfig, parseOverrides, resolveConfig } from '../../../shared/detect/params.js';
import { RULE_IDS, RULES } from '../../../shared/rules/index.js';

function rejects(raw: unknown, pattern: RegExp): void {
  assert.throws(
    () => parseOverrides(raw),
    (err: unknown) => err instanceof PushTrailError && err.kind === 'bad_input' && pattern.test(err.message),
  );
}

describe('detection params', () => {
  it('every rule documents every default, and the defaults pass their own checks', () => {
    assert.deepEqual(
      RULES.map((r) => r.id),
      [...RULE_IDS],
    );
    for (const rule of RULES) {
      assert.deepEqual(Object.keys(rule.paramDocs).sort(), Object.keys(rule.params).sort(), rule.id);
      for (const [name, value] of Object.entries(rule.params)) {
        const doc = rule.paramDocs[name];
        assert.ok(doc !== undefined && doc.why.length > 20, `${rule.id}.${name} has a reason`);
        assert.equal(checkParam(rule.id, name, doc, value), value);
      }
      assert.equal(rule.attack.technique, 'T1621');
      assert.ok(rule.description.length > 40);
    }
  });

  it('defaults: every rule enabled with its own parameters', () => {
    const config = defaultConfig();
    assert.deepEqual(Object.keys(config), [...RULE_IDS]);
    assert.equal(config['push-burst'].enabled, true);
    assert.deepEqual(config['push-burst'].params, { threshold: 5, windowMinutes: 10, sustainedThreshold: 8, sustainedHours: 4, nightThreshold: 10, nightHours: 12, gapMinutes: 90, approvalWithinMinutes: 10 });
  });

  it('merges overrides on top of the defaults and reports only the differences back', () => {
    const config = resolveConfig({ 'push-burst': { params: { threshold: 10 } }, 'odd-hours': { enabled: false } });
    assert.deepEqual(config['push-burst'].params, { ...defaultConfig()['push-burst'].params, threshold: 10 });
    assert.equal(config['odd-hours'].enabled, false);
    assert.deepEqual(diffFromDefaults(config), { 'push-burst': { params: { threshold: 10 } }, 'odd-hours': { enabled: false } });
    assert.deepEqual(diffFromDefaults(defaultConfig()), {});
  });

  it('round-trips through JSON, as a case file stores it', () => {
    const config = resolveConfig({ 'source-many-users': { params: { groupBy: 'subnet' } } });
    assert.deepEqual(parseConfig(JSON.parse(JSON.stringify(config))), config);
  });

  it('rules a case does not mention run with defaults', () => {
    assert.deepEqual(parseConfig({ 'push-burst': { enabled: false } })['fatigue-approval'], defaultConfig()['fatigue-approval']);
    assert.deepEqual(parseConfig(null), defaultConfig());
  });

  it('rejects unknown rules and parameters with the known names', () => {
    rejects({ 'push-bursts': {} }, /unknown rule "push-bursts" \(known rules: fatigue-approval, .*push-burst/);
    rejects({ 'push-burst': { params: { thresh: 3 } } }, /rule "push-burst" has no parameter "thresh" \(parameters: threshold, windowMinutes, sustainedThreshold, sustainedHours, nightThreshold, nightHours, gapMinutes, approvalWithinMinutes\)/);
    rejects({ 'push-burst': { params: {}, extra: 1 } }, /"push-burst" has no setting "extra"/);
  });

  it('rejects wrong types and out-of-range values, saying what was expected', () => {
    rejects({ 'push-burst': { params: { threshold: '5' } } }, /"push-burst\.threshold" must be a whole number from 2 to 1000 \(prompts\); got "5" \(text\)/);
    rejects({ 'push-burst': { params: { threshold: 2.5 } } }, /must be a whole number/);
    rejects({ 'push-burst': { params: { threshold: 1 } } }, /from 2 to 1000/);
    rejects({ 'push-burst': { params: { windowMinutes: Number.NaN } } }, /got NaN \(number\)/);
    rejects({ 'new-location': { params: { checkAsn: 'yes' } } }, /"new-location\.checkAsn" must be true or false/);
    rejects({ 'source-many-users': { params: { groupBy: 'city' } } }, /must be one of "ip", "subnet", "asn"; got "city" \(text\)/);
    rejects({ 'push-burst': { enabled: 'no' } }, /"push-burst\.enabled" must be true or false/);
    rejects({ 'push-burst': [] }, /must be an object with "enabled" and\/or "params"; got a list/);
    rejects([], /expected an object of rule id to settings; got a list/);
  });
});
