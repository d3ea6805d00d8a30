import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { test } from 'node:test';
import { ipv4Number, ipv6Words } from '../../../electron/ingest/geo/ip-number.js';

test('ipv4Number reads exactly what node:net calls IPv4', () => {
  const samples = ['0.0.0.0', '255.255.255.255', '8.8.8.8', '10.0.0.1', '01.2.3.4', '1.2.3.04', '1.2.3', '1.2.3.4.5', '256.0.0.1', '1..2.3', '.1.2.3', '1.2.3.', ' 1.2.3.4', '1.2.3.4 ', '1.2.3.-4', '１.2.3.4', '::ffff:1.2.3.4', '', 'a.b.c.d'];
  for (const ip of samples) assert.equal(ipv4Number(ip) !== undefined, isIP(ip) === 4, JSON.stringify(ip));
  assert.equal(ipv4Number('1.2.3.4'), 0x01020304);
  assert.equal(ipv4Number('255.255.255.255'), 2 ** 32 - 1);
});

test('ipv6Words reads every way an IPv6 address is written', () => {
  const words = [0x20010db8, 0, 0, 0x00000001];
  for (const ip of ['2001:db8::1', '2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8:0:0::1', '2001:db8::1%eth0', '2001:db8::0.0.0.1']) assert.deepEqual(ipv6Words(ip), words, ip);
  assert.deepEqual(ipv6Words('::'), [0, 0, 0, 0]);
  assert.deepEqual(ipv6Words('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'), [2 ** 32 - 1, 2 ** 32 - 1, 2 ** 32 - 1, 2 ** 32 - 1]);
  assert.deepEqual(ipv6Words('::ffff:1.2.3.4'), [0, 0, 0xffff, 0x01020304]);
});
