/**
 * The analyst's signing key: one Ed25519 key pair per installation, kept in the user's config
 * folder ($PUSHTRAIL_CONFIG_DIR, else $XDG_CONFIG_HOME/pushtrail, else ~/.config/pushtrail;
 * %APPDATA%\PushTrail on Windows), created on first use and readable by its owner only.
 * Every custody entry is signed with it, so someone who edits a case and recomputes its hash
 * chain still cannot produce entries that verify against the key the case names.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PushTrailError } from '../../shared/api/errors.js';

export interface AnalystKey {
  /** SHA-256 of the public key (SPKI DER), hex. */
  fingerprint: string;
  /** The public key, SPKI DER in base64: what a case records to check signatures with. */
  publicKey: string;
  /** Ed25519 signature of `message`, base64. */
  sign(message: string): string;
}

const KEY_FILE = 'analyst-key.pem';

export function configDir(): string {
  const env = process.env;
  if (env['PUSHTRAIL_CONFIG_DIR'] !== undefined && env['PUSHTRAIL_CONFIG_DIR'] !== '') return env['PUSHTRAIL_CONFIG_DIR'];
  if (process.platform === 'win32' && env['APPDATA'] !== undefined) return join(env['APPDATA'], 'PushTrail');
  const xdg = env['XDG_CONFIG_HOME'];
  return join(xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.config'), 'pushtrail');
}

export function fingerprintOf(publicKey: string): string {
  return createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex');
}

function isCode(err: unknown, code: string): boolean {
  return (err as { code?: unknown }).code === code;
}

/** The private key in `dir`, created (owner-only) when there is none; safe against a concurrent first use. */
function loadOrCreate(dir: string): KeyObject {
  const path = join(dir, KEY_FILE);
  try {
    return createPrivateKey(readFileSync(path, 'utf8'));
  } catch (err) {
    if (!isCode(err, 'ENOENT')) throw new PushTrailError('bad_input', `the analyst key ${path} cannot be read: ${(err as Error).message}`, { path });
  }
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    // 'wx': a process that created the key first wins, and this one reads that key instead.
    writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
    return privateKey;
  } catch (err) {
    if (isCode(err, 'EEXIST')) return createPrivateKey(readFileSync(path, 'utf8'));
    throw new PushTrailError('bad_input', `the analyst key cannot be created in ${dir}: ${(err as Error).message}`, { path });
  }
}

const loaded = new Map<string, AnalystKey>();

/** This installation's key (loaded once per thread and folder). */
export function analystKey(): AnalystKey {
  const dir = configDir();
  const known = loaded.get(dir);
  if (known !== undefined) return known;
  const privateKey = loadOrCreate(dir);
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
  const key: AnalystKey = {
    fingerprint: fingerprintOf(publicKey),
    publicKey,
    sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64'),
  };
  loaded.set(dir, key);
  return key;
}

/** Whether `signature` is `publicKey`'s signature of `message`; false for malformed keys or signatures. */
export function signatureValid(publicKey: string, message: string, signature: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
