import assert from 'node:assert/strict';
import { test } from 'node:test';
import { METHODS } from '../../../shared/api/contract.js';
import { PushTrailError } from '../../../shared/api/errors.js';
import { VALIDATORS, isTimeZone, validateArg } from '../../../shared/api/validate.js';

function rejects(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => err instanceof PushTrailError && err.kind === 'bad_input' && pattern.test(err.message));
}

test('every contract method has a validator', () => {
  assert.deepEqual(Object.keys(VALIDATORS).sort(), [...METHODS].sort());
});

test('case/create accepts a full argument and keeps only known fields', () => {
  const arg = validateArg('case/create', {
    path: '/tmp/x.pushtrail',
    name: 'ACME',
    analyst: 'Ana',
    displayTimeZone: 'Europe/Berlin',
    extra: 'dropped',
  });
  assert.deepEqual(arg, { path: '/tmp/x.pushtrail', name: 'ACME', analyst: 'Ana', displayTimeZone: 'Europe/Berlin' });
});

test('case/create rejects missing, empty and mistyped fields with the field named', () => {
  rejects(() => validateArg('case/create', null), /must be an object/);
  rejects(() => validateArg('case/create', { path: '/x', name: '', analyst: 'a' }), /"name"/);
  rejects(() => validateArg('case/create', { path: 42, name: 'n', analyst: 'a' }), /"path"/);
  rejects(() => validateArg('case/create', { path: '/x', name: 'n', analyst: 'a', displayTimeZone: 'Mars/Olympus' }), /time zone/);
});

test('methods without an argument refuse one', () => {
  assert.equal(validateArg('case/info', null), null);
  assert.equal(validateArg('case/info', undefined), null);
  rejects(() => validateArg('case/info', { sneaky: true }), /takes no argument/);
});

test('case/custody paging values must be whole numbers', () => {
  assert.deepEqual(validateArg('case/custody', { afterSeq: 3, limit: 10 }), { afterSeq: 3, limit: 10 });
  assert.deepEqual(validateArg('case/custody', null), {});
  rejects(() => validateArg('case/custody', { limit: -1 }), /"limit"/);
  rejects(() => validateArg('case/custody', { afterSeq: 1.5 }), /"afterSeq"/);
});

test('time zones are checked against the runtime IANA database', () => {
  assert.equal(isTimeZone('UTC'), true);
  assert.equal(isTimeZone('America/New_York'), true);
  assert.equal(isTimeZone('Not/AZone'), false);
});
