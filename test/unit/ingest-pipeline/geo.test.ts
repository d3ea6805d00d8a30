import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { PushTrailError } from '../../../shared/api/errors.js';
import type { AuthEvent } from '../../../shared/model/event.js';
import { GeoEnricher, bundledPath, foundIn, isPublicIp } from '../../../electron/ingest/geo/geo.js';
import { tempDir } from '../../support/temp.js';

const bundledV4 = bundledPath('city-4');

const event = (over: Partial<AuthEvent>): AuthEvent => ({ time: 1, vendor: 'duo', user: 'u', outcome: 'denied', vendorEvent: 'x', ...over });

test('private, loopback, documentation and other reserved addresses have no public location', () => {
  for (const ip of ['10.1.2.3', '192.168.0.1', '172.20.0.1', '127.0.0.1', '169.254.1.1', '100.64.0.1', '192.0.2.1', '198.51.100.7', '203.0.113.9', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00::1', '2001:db8::1', '::ffff:10.0.0.1', 'not an ip', '']) {
    assert.equal(isPublicIp(ip), false, ip);
  }
  for (const ip of ['8.8.8.8', '81.2.69.144', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8']) assert.equal(isPublicIp(ip), true, ip);
  // The edges of reserved blocks, and what is not a dotted quad at all.
  for (const ip of ['100.64.0.0', '100.127.255.255', '198.18.0.0', '198.19.255.255', '01.2.3.4', '1.2.3', '256.1.1.1', '1.2.3.4.5']) assert.equal(isPublicIp(ip), false, ip);
  for (const ip of ['100.63.255.255', '100.128.0.0', '198.20.0.0', '223.255.255.255', '1.0.0.0']) assert.equal(isPublicIp(ip), true, ip);
});

test('both database layouts are read: ip-location-db flat records and MaxMind nested ones', () => {
  assert.deepEqual(foundIn({ city: 'London', country_code: 'GB', state1: 'England', latitude: 51.5, longitude: -0.1 }), {
    geo: { source: 'lookup', city: 'London', region: 'England', country: 'GB', lat: 51.5, lon: -0.1 },
  });
  assert.deepEqual(
    foundIn({ city: { names: { en: 'Paris' } }, country: { iso_code: 'FR' }, subdivisions: [{ names: { en: 'Île-de-France' } }], location: { latitude: 48.8, longitude: 2.3 } }),
    { geo: { source: 'lookup', city: 'Paris', region: 'Île-de-France', country: 'FR', lat: 48.8, lon: 2.3 } },
  );
  assert.deepEqual(foundIn({ autonomous_system_number: 15169, autonomous_system_organization: 'GOOGLE' }), { asn: 15169, asOrg: 'GOOGLE' });
  assert.deepEqual(foundIn(null), {});
});

test('a public address without vendor geo gets the bundled lookup; vendor geo and private addresses are left alone', async () => {
  const geo = await GeoEnricher.create({});
  const looked = event({ source: { ip: '8.8.8.8' }, responder: { ip: '10.0.0.5', name: 'phone' } });
  const vendor = event({ source: { ip: '8.8.4.4', geo: { city: 'Somewhere', country: 'NL', source: 'vendor' } } });
  await geo.enrich([looked, vendor]);
  assert.equal(looked.source?.geo?.source, 'lookup');
  assert.equal(looked.source?.geo?.country, 'US');
  assert.equal(typeof looked.source?.geo?.lat, 'number');
  assert.equal(looked.responder?.geo, undefined, 'private addresses are not looked up');
  assert.deepEqual(vendor.source?.geo, { city: 'Somewhere', country: 'NL', source: 'vendor' });
});

test('an address without a vendor AS gets the bundled one; a vendor AS is kept', async () => {
  const geo = await GeoEnricher.create({});
  const looked = event({ source: { ip: '8.8.8.8', geo: { city: 'Somewhere', country: 'US', source: 'vendor' } } });
  const six = event({ source: { ip: '2606:4700:4700::1111' } });
  const vendor = event({ source: { ip: '8.8.4.4', asn: 64500, asOrg: 'Vendor Said' } });
  await geo.enrich([looked, six, vendor]);
  assert.equal(looked.source?.asn, 15169);
  assert.match(looked.source?.asOrg ?? '', /google/i);
  assert.deepEqual(looked.source?.geo, { city: 'Somewhere', country: 'US', source: 'vendor' }, 'the vendor place stays');
  assert.equal(six.source?.asn, 13335);
  assert.deepEqual([vendor.source?.asn, vendor.source?.asOrg], [64500, 'Vendor Said']);
});

test('a country-only vendor place is completed by a lookup that agrees, and kept when it disagrees', async () => {
  const geo = await GeoEnricher.create({});
  const agrees = event({ source: { ip: '8.8.8.8', geo: { country: 'US', source: 'vendor' } } });
  const disagrees = event({ source: { ip: '8.8.8.8', geo: { country: 'FR', source: 'vendor' } } });
  await geo.enrich([agrees, disagrees]);
  assert.equal(agrees.source?.geo?.source, 'lookup');
  assert.deepEqual(disagrees.source?.geo, { country: 'FR', source: 'vendor' });
});

test('--mmdb: an analyst database is consulted; a file that is not one is refused clearly', async (t) => {
  const geo = await GeoEnricher.create({ mmdb: bundledV4, bundled: false });
  const e = event({ source: { ip: '81.2.69.144' } });
  await geo.enrich([e]);
  assert.equal(e.source?.geo?.country, 'GB');
  const bogus = join(tempDir(t), 'not.mmdb');
  writeFileSync(bogus, 'definitely not a MaxMind database');
  await assert.rejects(GeoEnricher.create({ mmdb: bogus }), (err: unknown) => err instanceof PushTrailError && err.kind === 'bad_input' && /--mmdb/.test(err.message));
});

test('with the bundled databases switched off and no analyst database nothing is looked up', async () => {
  const geo = await GeoEnricher.create({ bundled: false });
  const e = event({ source: { ip: '8.8.8.8' } });
  await geo.enrich([e]);
  assert.equal(e.source?.geo, undefined);
  assert.equal(e.source?.asn, undefined);
});
