import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PushTrailError } from '../../../shared/api/errors.js';
import { isTimeZone } from '../../../shared/api/validation.js';
import { createDispatch, isMethod } from '../../../electron/api/dispatch.js';
import { validateArg } from '../../support/validate-arg.js';
import { Session } from '../../../electron/api/session.js';

function rejects(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => err instanceof PushTrailError && err.kind === 'bad_input' && pattern.test(err.message));
}

test('only the methods the domains serve are methods: no inherited property passes for one', async () => {
  assert.equal(isMethod('case/info'), true);
  const dispatch = createDispatch(new Session('direct', 'tester'));
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'case/nope', '']) {
    assert.equal(isMethod(name), false, name);
    const result = await dispatch(name, null);
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.kind, 'unknown_method', name);
  }
  const info = await dispatch('app/info', null);
  assert.equal(info.ok, true);
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

test('search/events keeps the filters given, checks each, and drops unknown keys', () => {
  assert.deepEqual(validateArg('search/events', null), {});
  assert.deepEqual(validateArg('search/events', { user: 'dana*', outcome: 'denied', factor: 'push', vendor: 'analyst', evidenceId: 3, from: 1, to: 2, text: 'a "b c"', offset: 50, limit: 50, extra: 1 }), {
    user: 'dana*',
    outcome: 'denied',
    factor: 'push',
    vendor: 'analyst',
    evidenceId: 3,
    from: 1,
    to: 2,
    text: 'a "b c"',
    offset: 50,
    limit: 50,
  });
  rejects(() => validateArg('search/events', { outcome: 'owned' }), /"outcome"/);
  rejects(() => validateArg('search/events', { vendor: 'myspace' }), /"vendor"/);
  rejects(() => validateArg('search/events', { from: 2, to: 1 }), /after/);
  rejects(() => validateArg('search/events', { from: 1.5 }), /"from"/);
  rejects(() => validateArg('search/events', { text: '' }), /"text"/);
});

test('analyst/add normalises the user name and requires a time, an outcome and a description', () => {
  assert.deepEqual(validateArg('analyst/add', { user: ' Dana@X.example ', time: 5, outcome: 'approved', description: ' said so ' }), {
    user: 'dana@x.example',
    time: 5,
    outcome: 'approved',
    description: 'said so',
  });
  rejects(() => validateArg('analyst/add', { user: 'd', time: 5, outcome: 'approved' }), /"description"/);
  rejects(() => validateArg('analyst/add', { user: 'd', time: 5, description: 'x' }), /"outcome"/);
  rejects(() => validateArg('analyst/add', { user: 'd', outcome: 'approved', description: 'x' }), /"time"/);
  rejects(() => validateArg('analyst/add', { user: 'd', time: 5, outcome: 'approved', factor: 'telepathy', description: 'x' }), /"factor"/);
  rejects(() => validateArg('events/around', { time: 5, minutes: 1441 }), /"minutes"/);
});

test('report/preview and report/start take a known paper or none, and refuse any other', () => {
  assert.deepEqual(validateArg('report/preview', { paper: 'Letter' }), { paper: 'Letter' });
  assert.deepEqual(validateArg('report/preview', null), {});
  assert.deepEqual(validateArg('report/start', { format: 'pdf', paper: 'A4' }), { format: 'pdf', paper: 'A4' });
  rejects(() => validateArg('report/preview', { paper: 'A3' }), /"paper" must be one of A4, Letter/);
  rejects(() => validateArg('report/start', { format: 'pdf', paper: 4 }), /"paper" must be one of A4, Letter/);
});
