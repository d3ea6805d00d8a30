/** Offline places for addresses the vendor gave none, through both threads of the import. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { bundledPath } from '../../../electron/ingest/geo/geo.js';
import { duoAuth } from '../../unit/ingest-pipeline/samples.js';
import { tempDir } from '../../support/temp.js';
import { count, importPaths, inCase, newCase, tryImport } from './helpers.js';

const ndjson = (values: unknown[]): string => `${values.map((v) => JSON.stringify(v)).join('\n')}\n`;
const bundledV4 = bundledPath('city-4');

test('public addresses without a vendor place are looked up offline (source "lookup"); private ones are not', async (t) => {
  const dir = tempDir(t);
  // Enough records that both threads parse some of them.
  const records = Array.from({ length: 6000 }, (_, i) => duoAuth(i, { access_device: { ip: i % 2 === 0 ? '8.8.8.8' : '81.2.69.144' } }));
  writeFileSync(join(dir, 'duo.ndjson'), ndjson(records));
  const casePath = newCase(t, dir);
  const report = await importPaths(casePath, [join(dir, 'duo.ndjson')]);
  assert.equal(report.totals.events, 6000);
  assert.equal(count(casePath, "SELECT count(*) AS n FROM events WHERE src_geo_source = 'lookup' AND src_country = 'US' AND src_ip = '8.8.8.8'"), 3000);
  assert.equal(count(casePath, "SELECT count(*) AS n FROM events WHERE src_geo_source = 'lookup' AND src_country = 'GB'"), 3000);
  assert.equal(count(casePath, 'SELECT count(*) AS n FROM events WHERE dev_ip IS NOT NULL AND dev_geo_source IS NOT NULL'), 0, 'the phone at 10.1.2.3 has no public place');
  assert.equal(count(casePath, "SELECT count(*) AS n FROM events WHERE src_ip = '8.8.8.8' AND src_asn = 15169 AND src_as_org IS NOT NULL"), 3000, 'and the bundled AS of each address');
  assert.equal(count(casePath, 'SELECT count(*) AS n FROM events WHERE dev_asn IS NOT NULL'), 0);
  inCase(casePath, (store) => {
    const [first] = store.events(0, 1);
    assert.equal(first?.source?.geo?.source, 'lookup');
    assert.equal(typeof first?.source?.geo?.lat, 'number');
  });
});

test('--mmdb: the analyst\'s database is used; a file that is not one stops the import before anything is written', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'duo.ndjson'), ndjson([duoAuth(0, { access_device: { ip: '81.2.69.144' } })]));
  const casePath = newCase(t, dir);
  await importPaths(casePath, [join(dir, 'duo.ndjson')], { mmdb: bundledV4 });
  assert.equal(count(casePath, "SELECT count(*) AS n FROM events WHERE src_country = 'GB' AND src_geo_source = 'lookup'"), 1);

  const bogus = join(dir, 'bogus.mmdb');
  writeFileSync(bogus, 'not a database');
  writeFileSync(join(dir, 'more.ndjson'), ndjson([duoAuth(1)]));
  const r = await tryImport(casePath, [join(dir, 'more.ndjson')], { mmdb: bogus });
  assert.equal(r.ok ? null : r.error.kind, 'bad_input');
  assert.match(r.ok ? '' : r.error.message, /--mmdb .*bogus\.mmdb cannot be read as a MaxMind database/);
  assert.equal(count(casePath, 'SELECT count(*) AS n FROM evidence'), 1);
});
