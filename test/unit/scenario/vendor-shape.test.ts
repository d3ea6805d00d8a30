/**
 * Every generated record must look like the vendor's own: the fields the spec names are there
 * with the right types, and the top-level keys match a real corpus record of the same kind.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateBundle } from '../../../electron/scenario/bundle.js';
import { CORPUS_DIR } from '../../support/corpus.js';
import { at, corpusRecords, isObj, keySet, readBundle, sorted, type Obj, type ReadBundle } from './generated.js';

/** Documented LogEvent properties (docs/log-sources.md §1 [OKSL]); complete API records carry all of them. */
const LOGEVENT_KEYS = new Set([
  'actor', 'authenticationcontext', 'client', 'debugcontext', 'device', 'displaymessage', 'eventtype', 'legacyeventtype',
  'outcome', 'published', 'request', 'securitycontext', 'severity', 'target', 'transaction', 'uuid', 'version',
]);
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

let bundle: ReadBundle;
let classic: ReadBundle;

const dir = mkdtempSync(join(tmpdir(), 'pushtrail-scenario-'));
after(() => rmSync(dir, { recursive: true, force: true }));

before(() => {
  bundle = readBundle(generateBundle({ seed: 'shape', users: 70, days: 16, start: '2025-03-03', outDir: join(dir, 'oie') }));
  classic = readBundle(generateBundle({ seed: 'shape-classic', users: 30, days: 12, start: '2025-03-03', outDir: join(dir, 'classic'), oktaEngine: 'classic', lookalikes: false }));
});

/** Corpus Okta records grouped by event type, from every Okta corpus file. */
function oktaCorpus(): Map<string, { file: string; record: Obj }[]> {
  const byType = new Map<string, { file: string; record: Obj }[]>();
  for (const dir of readdirSync(join(CORPUS_DIR, 'okta'))) {
    for (const file of readdirSync(join(CORPUS_DIR, 'okta', dir))) {
      for (const record of corpusRecords('okta', dir, file)) {
        const type = record.eventType ?? record.eventtype;
        if (typeof type !== 'string') continue;
        const list = byType.get(type) ?? [];
        list.push({ file: `${dir}/${file}`, record });
        byType.set(type, list);
      }
    }
  }
  return byType;
}

describe('Okta System Log', () => {
  test('every record has the LogEvent fields the spec reads, with the right types', () => {
    assert.ok(bundle.okta.length > 1000);
    for (const r of bundle.okta) {
      assert.equal(r.version, '0');
      assert.match(String(r.published), ISO_MS);
      assert.match(String(r.uuid), /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'time-based (v1) uuid like Okta');
      for (const path of ['eventType', 'severity', 'displayMessage', 'actor.id', 'actor.type', 'actor.displayName', 'outcome.result', 'transaction.id']) {
        assert.equal(typeof at(r, path), 'string', `${String(r.eventType)}: ${path}`);
      }
      assert.match(String(at(r, 'client.ipAddress')), IPV4);
      for (const path of ['client.userAgent.rawUserAgent', 'client.geographicalContext.city', 'client.geographicalContext.country', 'client.geographicalContext.postalCode', 'securityContext.asOrg', 'securityContext.isp']) {
        assert.equal(typeof at(r, path), 'string', `${String(r.eventType)}: ${path}`);
      }
      assert.equal(typeof at(r, 'client.geographicalContext.geolocation.lat'), 'number');
      assert.equal(typeof at(r, 'securityContext.asNumber'), 'number');
      assert.ok(isObj(at(r, 'debugContext.debugData')));
      assert.ok(isObj(at(r, 'authenticationContext')));
    }
  });

  test('push answers carry the factor and the deny marker the rules key on', () => {
    const viaMfa = bundle.okta.filter((r) => r.eventType === 'user.authentication.auth_via_mfa');
    const push = viaMfa.filter((r) => at(r, 'debugContext.debugData.factor') === 'OKTA_VERIFY_PUSH');
    const password = viaMfa.filter((r) => at(r, 'debugContext.debugData.factor') === 'PASSWORD_AS_FACTOR');
    assert.ok(push.length > 100 && password.length > 100);
    const denied = push.filter((r) => at(r, 'outcome.result') === 'FAILURE');
    assert.ok(denied.length >= 10);
    for (const r of denied) {
      assert.equal(at(r, 'outcome.reason'), 'INVALID_CREDENTIALS');
      assert.equal(at(r, 'debugContext.debugData.pushOnlyResponseType'), 'OV_RESPONSE_DENY');
    }
    // A push and its answer share the browser session id (the Splunk mismatch rule joins on it).
    const sessions = new Set(bundle.okta.filter((r) => r.eventType === 'system.push.send_factor_verify_push').map((r) => at(r, 'authenticationContext.externalSessionId')));
    for (const r of push) assert.ok(sessions.has(at(r, 'authenticationContext.externalSessionId')));
  });

  test('Classic orgs log rejections as user.mfa.okta_verify.deny_push and no PASSWORD_AS_FACTOR', () => {
    const types = new Set(classic.okta.map((r) => r.eventType));
    assert.ok(types.has('user.mfa.okta_verify.deny_push'));
    assert.ok(!classic.okta.some((r) => at(r, 'debugContext.debugData.factor') === 'PASSWORD_AS_FACTOR'));
    // Classic session ids start with 102 (ThreatInsight events name no session at all).
    for (const r of classic.okta) {
      const id = at(r, 'authenticationContext.externalSessionId');
      assert.ok(id === null || (typeof id === 'string' && id.startsWith('102')), String(r.eventType));
    }
  });

  test('every event type the attacks need is present', () => {
    const types = new Set(bundle.okta.map((r) => r.eventType));
    for (const t of [
      'system.push.send_factor_verify_push', 'user.authentication.auth_via_mfa', 'policy.evaluate_sign_on', 'user.session.start',
      'user.authentication.sso', 'user.account.report_suspicious_activity_by_enduser', 'user.mfa.factor.activate',
      'device.enrollment.create', 'security.threat.detected',
    ]) assert.ok(types.has(t), t);
  });

  test('top-level keys match a real corpus record of the same event type', () => {
    const corpus = oktaCorpus();
    const seen = new Map<string, Obj>();
    for (const r of [...bundle.okta, ...classic.okta]) {
      const type = `${String(r.eventType)}|${String(at(r, 'outcome.result'))}`;
      if (!seen.has(type)) seen.set(type, r);
    }
    let compared = 0;
    const comparedTypes: string[] = [];
    for (const [type, r] of seen) {
      const mine = keySet(r);
      for (const k of mine) assert.ok(LOGEVENT_KEYS.has(k), `${type}: ${k} is not a LogEvent property`);
      const refs = corpus.get(String(r.eventType));
      if (refs === undefined) continue;
      // A complete API record (Elastic's pipeline input) must match exactly, apart from `device`,
      // which Okta added later; Panther's trimmed test events must be a subset of ours.
      const ok = refs.some(({ file, record }) => {
        const ref = keySet(record);
        if (file.startsWith('elastic')) {
          const a = sorted([...mine].filter((k) => k !== 'device'));
          const b = sorted([...ref].filter((k) => k !== 'device'));
          return JSON.stringify(a) === JSON.stringify(b);
        }
        return [...ref].every((k) => mine.has(k)) && [...mine].every((k) => ref.has(k) || k === 'device' || k === 'target');
      });
      assert.ok(ok, `${type}: keys ${sorted(mine).join(',')} match no corpus record (${refs.map((x) => x.file).join(', ')})`);
      compared++;
      comparedTypes.push(type);
    }
    assert.ok(compared >= 8, `compared only ${comparedTypes.join(' ')} with the corpus`);
  });

  test('client, geo and security context sub-objects have the corpus keys', () => {
    const ref = corpusRecords('okta', 'elastic-integrations', 'test-okta-system-events.log').find((r) => r.eventType === 'user.authentication.auth_via_mfa');
    assert.ok(ref !== undefined);
    const mine = bundle.okta.find((r) => r.eventType === 'user.authentication.auth_via_mfa');
    assert.ok(mine !== undefined);
    for (const path of ['actor', 'authenticationContext', 'client', 'client.userAgent', 'client.geographicalContext', 'securityContext', 'transaction', 'outcome']) {
      assert.deepEqual(sorted(Object.keys(at(mine, path) as Obj)), sorted(Object.keys(at(ref, path) as Obj)), path);
    }
    assert.deepEqual(sorted(Object.keys((at(mine, 'request.ipChain') as Obj[])[0] ?? {})), sorted(Object.keys((at(ref, 'request.ipChain') as Obj[])[0] ?? {})));
  });
});

describe('Entra ID', () => {
  const ERROR_CODES = new Set([0, 50074, 50076, 50088, 50126, 500121]);
  const MFA_DETAILS = new Set([
    'MFA denied; user declined the authentication',
    'MFA denied; user did not respond to mobile app notification',
    'MFA denied; phone call went to voicemail',
    'MFA denied, Fraud Code Entered',
  ]);

  test('sign-ins have the Graph fields the spec reads, and only the codes the scenarios use', () => {
    assert.ok(bundle.entraSignIns.length > 100);
    const codes = new Set<number>();
    for (const r of bundle.entraSignIns) {
      for (const path of ['id', 'createdDateTime', 'userPrincipalName', 'userDisplayName', 'userId', 'appDisplayName', 'ipAddress', 'clientAppUsed', 'correlationId', 'conditionalAccessStatus', 'authenticationRequirement', 'userAgent', 'location.city', 'location.state', 'location.countryOrRegion']) {
        assert.equal(typeof at(r, path), 'string', path);
      }
      assert.match(String(r.createdDateTime), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
      assert.equal(r.isInteractive, true);
      assert.equal(typeof at(r, 'location.geoCoordinates.latitude'), 'number');
      assert.equal(typeof r.autonomousSystemNumber, 'number');
      assert.ok(isObj(r.deviceDetail));
      const code = at(r, 'status.errorCode');
      assert.equal(typeof code, 'number');
      codes.add(code as number);
      assert.ok(ERROR_CODES.has(code as number), `code ${String(code)}`);
      if (code === 500121) assert.ok(MFA_DETAILS.has(String(at(r, 'status.additionalDetails'))), String(at(r, 'status.additionalDetails')));
      const steps = r.authenticationDetails;
      assert.ok(Array.isArray(steps) && steps.length > 0);
      for (const s of steps as Obj[]) {
        assert.equal(typeof s.authenticationMethod, 'string');
        assert.equal(typeof s.succeeded, 'boolean');
        assert.equal(typeof s.authenticationStepDateTime, 'string');
      }
    }
    for (const c of [0, 50074, 50076, 50088, 500121]) assert.ok(codes.has(c), `code ${c} generated`);
  });

  test('sign-in keys equal those of the corpus sign-in (elastic-integrations properties)', () => {
    const ref = corpusRecords('entra', 'elastic-integrations', 'test-signinlogs-sample.log')[0];
    const props = at(ref, 'properties');
    assert.ok(isObj(props));
    for (const r of bundle.entraSignIns.slice(0, 200)) assert.deepEqual(sorted(Object.keys(r)), sorted(Object.keys(props)));
    const mine = bundle.entraSignIns[0];
    for (const path of ['location', 'location.geoCoordinates']) assert.deepEqual(sorted(Object.keys(at(mine, path) as Obj)), sorted(Object.keys(at(props, path) as Obj)), path);
  });

  test('directory audits are Graph directoryAudit objects with the activities the rules read', () => {
    const ref = corpusRecords('entra', 'panther-analysis', 'azure_role_changed_pim.tests.ndjson')[0];
    const props = at(ref, 'properties');
    assert.ok(isObj(props));
    const activities = new Set<string>();
    for (const r of bundle.entraAudits) {
      assert.deepEqual(sorted(Object.keys(r)), sorted(Object.keys(props)));
      assert.equal(typeof at(r, 'initiatedBy.user.userPrincipalName'), 'string');
      assert.ok(Array.isArray(r.targetResources) && (r.targetResources as Obj[])[0]?.type === 'User');
      activities.add(String(r.activityDisplayName));
    }
    for (const a of ['User registered security info', 'Disable Strong Authentication', 'Suspicious activity reported']) assert.ok(activities.has(a), a);
    const report = bundle.entraAudits.find((r) => r.activityDisplayName === 'Suspicious activity reported');
    assert.ok((report?.additionalDetails as Obj[]).some((d) => d.key === 'AuthenticationMethod'));
  });
});

describe('Duo', () => {
  const FACTORS = new Set(['duo_push', 'phone_call', 'sms_passcode', 'remembered_device']);
  const REASONS = new Set(['user_approved', 'no_response', 'user_mistake', 'user_marked_fraud', 'anomalous_push', 'remembered_device']);

  test('authlogs have the v2 fields the spec reads, lower-case results, consistent timestamps', () => {
    assert.ok(bundle.duo.length > 50);
    const wrapper = JSON.parse([...bundle.texts].find(([n]) => n.startsWith('duo'))?.[1] ?? '{}') as Obj;
    assert.equal(wrapper.stat, 'OK');
    assert.equal(at(wrapper, 'response.metadata.total_objects'), bundle.duo.length);
    for (const r of bundle.duo) {
      for (const path of ['txid', 'isotimestamp', 'email', 'user.name', 'user.key', 'application.name', 'application.key', 'factor', 'result', 'reason', 'access_device.ip', 'access_device.location.city']) {
        assert.equal(typeof at(r, path), 'string', path);
      }
      assert.equal(r.event_type, 'authentication');
      assert.ok(Array.isArray(at(r, 'user.groups')));
      assert.ok(FACTORS.has(String(r.factor)), String(r.factor));
      assert.ok(['success', 'denied', 'fraud'].includes(String(r.result)));
      assert.ok(REASONS.has(String(r.reason)), String(r.reason));
      assert.equal(Math.floor(Date.parse(String(r.isotimestamp)) / 1000), r.timestamp);
      assert.match(String(r.isotimestamp), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/);
      assert.ok(isObj(r.auth_device) && 'ip' in r.auth_device && 'name' in r.auth_device);
    }
  });

  test('keys (top level, access and auth device) equal those of corpus authlogs', () => {
    const refs = corpusRecords('duo', 'elastic-integrations', 'test-auth.log').filter((r) => r.event_type === 'authentication' && 'trusted_endpoint_status' in r && isObj(r.access_device) && 'epkey' in r.access_device);
    const ref = refs.find((r) => 'security_agents' in (r.access_device as Obj));
    assert.ok(ref !== undefined);
    for (const r of bundle.duo) {
      assert.deepEqual(sorted(Object.keys(r)), sorted(Object.keys(ref)));
      for (const path of ['access_device', 'access_device.location', 'auth_device', 'auth_device.location', 'application', 'user']) {
        assert.deepEqual(sorted(Object.keys(at(r, path) as Obj)), sorted(Object.keys(at(ref, path) as Obj)), path);
      }
    }
  });
});
