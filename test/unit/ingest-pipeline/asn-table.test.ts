import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { AsnTable } from '../../../electron/ingest/geo/asn-table.js';
import { bundledPath } from '../../../electron/ingest/geo/geo.js';

const v4 = (ip: string): number => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);

test('ranges are read from the CSV as shipped: quoted names, CRLF, damaged lines skipped', () => {
  const csv = [
    `${v4('1.0.0.0')},${v4('1.0.0.255')},13335,"Cloudflare, Inc."`,
    'not,a,range,line',
    `${v4('1.0.4.0')},${v4('1.0.7.255')},38803,"Says ""hi"" <b>"\r`,
    `${v4('1.0.8.0')},${v4('1.0.8.255')},0,Unrouted`,
    `${v4('5.0.0.0')},${v4('5.0.0.9')},64500,`,
  ].join('\n');
  const table = AsnTable.fromCsv(Buffer.from(csv), 4);
  assert.equal(table.size, 4);
  assert.deepEqual(table.lookup('1.0.0.0'), { asn: 13335, asOrg: 'Cloudflare, Inc.' });
  assert.deepEqual(table.lookup('1.0.0.255'), { asn: 13335, asOrg: 'Cloudflare, Inc.' });
  assert.deepEqual(table.lookup('1.0.5.1'), { asn: 38803, asOrg: 'Says "hi" <b>' }, 'kept as text');
  assert.equal(table.lookup('1.0.1.0'), undefined, 'between ranges');
  assert.equal(table.lookup('0.255.255.255'), undefined, 'before the first');
  assert.equal(table.lookup('1.0.8.1'), undefined, 'AS 0 is no AS');
  assert.deepEqual(table.lookup('5.0.0.9'), { asn: 64500 }, 'a range without a name');
  assert.equal(table.lookup('200.0.0.1'), undefined, 'after the last');
  assert.equal(table.lookup('not an address'), undefined);
  assert.equal(table.lookup('::ffff:0100:0001'), undefined, 'an IPv6 address is not looked up in IPv4 ranges');
});

test('IPv6 ranges are 128-bit numbers, and addresses are read in every way they are written', () => {
  const at = (ip: string): bigint => {
    const [head = '', tail = ''] = ip.split('::');
    const words = [...head.split(':').filter(Boolean), ...new Array<string>(8 - head.split(':').filter(Boolean).length - tail.split(':').filter(Boolean).length).fill('0'), ...tail.split(':').filter(Boolean)];
    return words.reduce((n, w) => (n << 16n) | BigInt(parseInt(w, 16)), 0n);
  };
  const csv = `${at('2001:4860::')},${at('2001:4860:ffff:ffff:ffff:ffff:ffff:ffff')},15169,Google LLC\n`;
  const table = AsnTable.fromCsv(Buffer.from(csv), 6);
  for (const ip of ['2001:4860:4860::8888', '2001:4860:0:0:0:0:0:0', '2001:4860:ffff:ffff:ffff:ffff:ffff:ffff', '2001:4860::1%eth0', '2001:4860::192.0.2.1']) {
    assert.deepEqual(table.lookup(ip), { asn: 15169, asOrg: 'Google LLC' }, ip);
  }
  assert.equal(table.lookup('2001:4861::1'), undefined);
  assert.equal(table.lookup('2001:485f:ffff::'), undefined);
});

test('the bundled ranges know well-known networks of both families', () => {
  const four = AsnTable.fromCsv(readFileSync(bundledPath('asn-4')), 4);
  const six = AsnTable.fromCsv(readFileSync(bundledPath('asn-6')), 6);
  assert.ok(four.size > 100_000 && six.size > 10_000);
  assert.equal(four.lookup('1.1.1.1')?.asn, 13335);
  assert.equal(four.lookup('8.8.8.8')?.asn, 15169);
  assert.match(four.lookup('8.8.8.8')?.asOrg ?? '', /google/i);
  assert.equal(six.lookup('2606:4700:4700::1111')?.asn, 13335);
  assert.equal(six.lookup('2001:4860:4860::8888')?.asn, 15169);
});
