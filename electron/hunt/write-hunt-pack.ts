/**
 * Writes a case's hunt pack into a folder and records it in the case's custody log with the
 * SHA-256 of every file written, after the files are complete.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PushTrailError } from '../../shared/api/errors.js';
import { huntPack, type HuntPackOptions } from '../../shared/hunt/pack.js';
import type { CaseStore } from '../store/case-store.js';
import { readDetectionConfig } from '../store/detection-store.js';

export interface WrittenPack {
  out: string;
  files: { path: string; bytes: number; sha256: string }[];
}

function requireEmpty(out: string): void {
  mkdirSync(out, { recursive: true });
  if (readdirSync(out).length > 0) throw new PushTrailError('bad_input', `${out} is not empty: a hunt pack goes into a new or empty folder`, { path: out });
}

export function writeHuntPack(store: CaseStore, options: HuntPackOptions, out: string, actor: string): WrittenPack {
  requireEmpty(out);
  const files = huntPack(readDetectionConfig(store.db), options).map((f) => {
    const path = join(out, ...f.path.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    const bytes = Buffer.from(f.content, 'utf8');
    writeFileSync(path, bytes, { flag: 'wx' });
    return { path: f.path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
  store.change(actor, 'hunt/pack', { out, targets: [...options.targets], dialects: [...options.dialects], files }, () => undefined);
  return { out, files };
}
