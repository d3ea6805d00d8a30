import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OCSF_FIELDS, toOcsf } from '../../../shared/export/ocsf.js';
import type { StoredEvent } from '../../../shared/model/event.js';

const denied: StoredEvent = {
  id: 42,
  ref: { evidenceId: 3, line: 17, record: 17 },
  time: Date.UTC(2025, 5, 1, 2, 31),
  vendor: 'duo',
  user: 'narroway@example.com',
  userDisplay: 'Narroway <img src=x onerror=alert(1)>',
  outcome: 'denied',
  factor: 'push',
  source: { ip: '45.155.205.77', geo: { city: 'Amsterdam', country: 'NL', lat: 52.37, lon: 4.9, source: 'lookup' }, asn: 49505, asOrg: 'Selectel' },
  responder: { ip: '203.0.113.9', name: 'iPhone', geo: { country: 'US', source: 'vendor' } },
  userAgent: 'Mozilla/5.0 "><script>alert(1)</script>',
  app: 'VPN',
  vendorEvent: 'authentication',
  reason: 'user_cancelled',
  vendorUid: 'tx-1',
};

test('a denied push maps to an OCSF Authentication logon failure with an MFA factor', () => {
  const o = toOcsf(denied);
  assert.equal(o.class_uid, 3002);
  assert.equal(o.type_uid, 300201);
  assert.equal(o.status_id, 2);
  assert.equal(o.is_mfa, true);
  assert.deepEqual(o.auth_factors, [{ factor_type: 'push', factor_type_id: 5 }]);
  assert.deepEqual(o.src_endpoint, {
    ip: '45.155.205.77',
    location: { city: 'Amsterdam', country: 'NL', lat: 52.37, long: 4.9, provider: 'lookup' },
    autonomous_system: { number: 49505, name: 'Selectel' },
  });
  assert.deepEqual(o.http_request, { user_agent: denied.userAgent });
  assert.equal((o.user as { full_name: string }).full_name, denied.userDisplay);
});

test('exported objects carry only the claimed fields and survive JSON round-trips', () => {
  const minimal: StoredEvent = { id: 1, ref: { evidenceId: 1, record: 1 }, time: 0, vendor: 'okta', user: '', outcome: 'other', vendorEvent: 'system.import' };
  for (const e of [denied, minimal]) {
    const o = toOcsf(e);
    for (const key of Object.keys(o)) assert.ok((OCSF_FIELDS as readonly string[]).includes(key), key);
    assert.deepEqual(JSON.parse(JSON.stringify(o)), o);
  }
  assert.equal(toOcsf(minimal).is_mfa, undefined);
});
