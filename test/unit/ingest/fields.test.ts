/**
 * The vendor-neutral readers (fields.ts) and the sniff verdict (sniff.ts) every vendor module
 * builds on: their edge cases are pinned here once instead of in each vendor's tests.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  asBool,
  asDecimal,
  asNumber,
  asText,
  ciAt,
  ciKey,
  firstOf,
  joinParts,
  parseJson,
  prune,
  str,
  ipAddress,
  vendorGeo,
} from '../../../electron/ingest/vendors/fields.js';
import { mostRecordsMatch } from '../../../electron/ingest/vendors/sniff.js';
import { recordOf } from './records.js';

describe('fields: values', () => {
  it('asText keeps non-blank strings as stored and gives finite numbers as text', () => {
    assert.equal(asText(' a '), ' a ');
    assert.equal(asText('  '), undefined);
    // Blank beyond ASCII (no-break space, BOM, line separator) is blank too; a printable first character never is.
    assert.equal(asText('\u00a0\ufeff\u2028'), undefined);
    assert.equal(asText('\u00a0x'), '\u00a0x');
    assert.equal(asText('x '), 'x ');
    assert.equal(asText(12.5), '12.5');
    assert.equal(asText(Number.NaN), undefined);
    assert.equal(asText(true), undefined);
    assert.equal(asText({}), undefined);
  });

  it('asNumber reads what Number reads; asDecimal only plain decimals', () => {
    for (const [value, lenient, strict] of [
      [' 12 ', 12, 12],
      ['-3.5', -3.5, -3.5],
      ['1e3', 1000, undefined],
      ['0x10', 16, undefined],
      ['', undefined, undefined],
      ['12a', undefined, undefined],
      [Number.POSITIVE_INFINITY, undefined, undefined],
      [7, 7, 7],
    ] as const) {
      assert.equal(asNumber(value), lenient, String(value));
      assert.equal(asDecimal(value), strict, String(value));
    }
  });

  it('asBool reads booleans and true/false text in any case', () => {
    assert.equal(asBool(false), false);
    assert.equal(asBool(' TRUE '), true);
    assert.equal(asBool('False'), false);
    assert.equal(asBool('yes'), undefined);
    assert.equal(asBool(1), undefined);
  });

  it('parseJson never throws: undefined for text that is not JSON, null stays null', () => {
    assert.deepEqual(parseJson('{"a":1}'), { a: 1 });
    assert.equal(parseJson('null'), null);
    assert.equal(parseJson('{not json'), undefined);
  });
});

describe('fields: paths', () => {
  it('ciKey prefers the exact key, then any case', () => {
    assert.equal(ciKey({ userId: 'exact', USERID: 'upper' }, 'userId'), 'exact');
    assert.equal(ciKey({ USERID: 'upper' }, 'userId'), 'upper');
    assert.equal(ciKey({}, 'userId'), undefined);
  });

  it('ciKey: only own keys of the same spelling match; non-ASCII names still match in any case', () => {
    // Keys of other lengths are skipped without lower-casing; one of the same length still matches.
    assert.equal(ciKey({ userIdentity: 1, USERI: 2, UserID: 3 }, 'userId'), 3);
    assert.equal(ciKey(JSON.parse('{"__proto__": "own"}') as { [key: string]: string }, '__PROTO__'), 'own');
    assert.equal(ciKey({}, 'constructor'), undefined);
    assert.equal(ciKey({ 'Ünïcode Name': 'u' }, 'ünïcode name'), 'u');
    assert.equal(ciKey({ 'Date (UTC)': 'd' }, 'date (utc)'), 'd');
  });

  it('ciAt walks case-insensitively and lets the caller open each container', () => {
    const value = { Status: { ErrorCode: 0 }, Location: '{"City":"Paris"}' };
    assert.equal(ciAt(value, 'status.errorCode'), 0);
    assert.equal(ciAt(value, 'location.city'), undefined);
    const open = (c: unknown): unknown => (typeof c === 'string' ? parseJson(c) : c);
    assert.equal(ciAt(value, 'location.city', open), 'Paris');
    assert.equal(ciAt(value, 'status.errorCode.deeper'), undefined);
    // The exact-case reader does not match other spellings.
    assert.equal(str(value, 'status.errorCode'), undefined);
  });

  it('ciAt reads only what the record holds: exact and other spellings, nulls, never the prototype', () => {
    const record = JSON.parse('{"client":{"ipAddress":"10.0.0.1","zone":null},"Outcome":{"result":"DENY"},"toString":7,"__proto__":{"a":1}}') as unknown;
    assert.equal(ciAt(record, 'client.ipAddress'), '10.0.0.1');
    assert.equal(ciAt(record, 'client.zone'), null);
    assert.equal(ciAt(record, 'outcome.result'), 'DENY');
    assert.equal(ciAt(record, 'toString'), 7);
    assert.equal(ciAt(record, 'client.constructor'), undefined);
    assert.equal(ciAt(record, 'client.hasOwnProperty'), undefined);
    assert.equal(ciAt(record, '__proto__.a'), 1, 'a key named __proto__ in the JSON is the record\'s own');
    assert.equal(ciAt({}, '__proto__'), undefined);
  });
});

describe('fields: small utilities', () => {
  it('firstOf, prune and joinParts', () => {
    assert.equal(firstOf(undefined, 0, 1), 0);
    assert.equal(firstOf<number>(undefined, undefined), undefined);
    assert.deepEqual(Object.keys(prune({ a: 1, b: undefined, c: null })), ['a', 'c']);
    assert.equal(joinParts(['a', undefined, '', 'b'], '; '), 'a; b');
    assert.equal(joinParts([undefined, ''], ', '), undefined);
  });

  it('ipAddress drops a port or brackets in every way vendors write one and keeps valid addresses only', () => {
    for (const [address, ip] of [
      [' 203.0.113.9 ', '203.0.113.9'],
      ['1.2.3.4:5678', '1.2.3.4'],
      ['[203.0.113.9]', '203.0.113.9'],
      ['[2001:db8::1]:443', '2001:db8::1'],
      ['[2001:db8::1]', '2001:db8::1'],
      ['2001:db8::1', '2001:db8::1'],
      ['2001:db8::1#443', '2001:db8::1'],
      ['2001:db8::1 port 443', '2001:db8::1'],
      ['203.0.113.9 port 22', '203.0.113.9'],
      ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
      // Duo's IPv6-with-suffix spellings: cut only when what is left is an address.
      ['2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6:6051', '2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6'],
      ['2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6.6051', '2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6'],
      ['2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6p6051', '2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6'],
    ] as const) {
      assert.equal(ipAddress(address), ip, String(address));
    }
  });

  it('ipAddress refuses placeholders, host names and junk (they stay in the verbatim record only)', () => {
    for (const junk of [
      '<IP ADDRESS>',
      '-',
      'unknown',
      'N/A',
      'AWS Internal',
      'signin.amazonaws.com',
      'host.example',
      'xxx.xxx.xxx.xxx',
      '1.2.3.x',
      '256.1.1.1',
      '1.2.3',
      '01.2.3.4',
      '1.2.3.4:port',
      '[not-an-ip]:443',
      '2001:db8::1::2',
      '  ',
      undefined,
    ]) {
      assert.equal(ipAddress(junk), undefined, String(junk));
    }
  });

  it('vendorGeo keeps what was given, coordinates only as a pair, and nothing when nothing was given', () => {
    assert.deepEqual(vendorGeo({ city: 'Austin', country: 'US', lat: 30.2 }), { source: 'vendor', city: 'Austin', country: 'US' });
    assert.deepEqual(vendorGeo({ lat: 1, lon: 2 }), { source: 'vendor', lat: 1, lon: 2 });
    assert.equal(vendorGeo({}), undefined);
  });
});

describe('sniff: mostRecordsMatch', () => {
  const yes = recordOf({ ok: true });
  const no = recordOf({ ok: false });
  const test = (r: { value?: unknown }): boolean => (r.value as { ok: boolean }).ok;

  it('needs at least one hit and a clear majority (all but one, for small samples)', () => {
    assert.equal(mostRecordsMatch([], test), false);
    assert.equal(mostRecordsMatch([no], test), false);
    assert.equal(mostRecordsMatch([yes], test), true);
    assert.equal(mostRecordsMatch([yes, no], test), true);
    assert.equal(mostRecordsMatch([yes, no, no], test), false);
    assert.equal(mostRecordsMatch([yes, yes, yes, no], test), true);
    assert.equal(mostRecordsMatch([yes, yes, yes, no, no], test), true);
    assert.equal(mostRecordsMatch([yes, yes, no, no], test), false);
    assert.equal(mostRecordsMatch([...Array<typeof yes>(14).fill(yes), ...Array<typeof no>(6).fill(no)], test), true);
  });

  it('never throws: a throwing test counts as a miss', () => {
    const throwing = (): boolean => {
      throw new Error('boom');
    };
    assert.equal(mostRecordsMatch([yes, yes], throwing), false);
    assert.equal(mostRecordsMatch([yes, yes, recordOf(null)], test), true);
  });
});
