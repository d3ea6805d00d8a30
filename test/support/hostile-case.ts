/**
 * The recorded demo incident with hostile strings where a tampered client or tenant could put
 * them (a display name, a user agent, a vendor reason and the case name), imported and analysed
 * by the real CLI into a case of its own.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseStore } from '../../electron/store/case-store.js';
import { CLI } from './serve.js';

export const NAME_PAYLOAD = '<img src=x onerror=alert(1)>"><svg onload=alert(4)>';
export const UA_PAYLOAD = '<script>alert(document.domain)</script>';
export const REASON_PAYLOAD = 'Authentication failed <script>alert(2)</script><img src=y onerror=alert(3)>';
export const CASE_NAME_PAYLOAD = '<script>alert(6)</script>';

/** `demoDir`: where `pushtrail demo` wrote (its bundle/ folder is read). Returns the new case's path. */
export function hostileCase(demoDir: string, dir: string, zone: string, actor: string): string {
  const bundle = join(dir, 'hostile-bundle');
  mkdirSync(bundle);
  for (const name of readdirSync(join(demoDir, 'bundle')).filter((n) => n !== 'labels.json' && /\.(nd)?json$/.test(n))) {
    const text = readFileSync(join(demoDir, 'bundle', name), 'utf8')
      .replaceAll('Dana Whitfield', `Dana ${NAME_PAYLOAD.replaceAll('"', '\\"')} Whitfield`)
      .replaceAll('Safari/537.36', `Safari/537.36 ${UA_PAYLOAD}`)
      .replaceAll('Authentication failed during strong authentication request.', REASON_PAYLOAD);
    writeFileSync(join(bundle, name), text);
  }
  const casePath = join(dir, 'hostile.pushtrail');
  CaseStore.create(casePath, { name: `Kestrel ${CASE_NAME_PAYLOAD} review`, analyst: 'Ana Lyst', displayTimeZone: zone }, actor).close();
  for (const args of [['import', casePath, bundle], ['detect', casePath]]) {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, PUSHTRAIL_ANALYST: actor } });
    assert.equal(r.status, 0, `pushtrail ${args.join(' ')}: ${r.stderr}`);
  }
  return casePath;
}
