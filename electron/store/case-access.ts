/**
 * What the file system allows with a case: whether it can be written (and, if not, a message
 * that names the file and says why), and creating a case so that two processes creating the
 * same one at once never see each other's half-made file.
 */
import { randomUUID } from 'node:crypto';
import { accessSync, constants, copyFileSync, existsSync, linkSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PushTrailError } from '../../shared/api/errors.js';

function allowed(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

/**
 * A command that writes to the case (import, detect, report, serve) needs the file and its
 * folder writable: SQLite keeps its write-ahead log (<case>-wal, -shm) beside the case.
 */
export function assertWritable(path: string): void {
  if (!allowed(path, constants.W_OK)) {
    throw new PushTrailError('bad_input', `${path} is read-only (its permissions do not let this user write it); this command records its work in the case. Make the file writable, or work on a copy.`, {
      path,
      reason: 'read-only file',
    });
  }
  const folder = dirname(path);
  if (!allowed(folder, constants.W_OK | constants.X_OK)) {
    throw new PushTrailError(
      'bad_input',
      `the folder ${folder} is read-only: writing ${basename(path)} needs its journal (${basename(path)}-wal) beside it. Make the folder writable, or copy the case elsewhere.`,
      { path, reason: 'read-only folder' },
    );
  }
}

/**
 * Create the case at `path` by building it with `build` in a file of its own beside it, then
 * linking that file to `path`, which fails if `path` exists: the case appears whole or not at
 * all, and of two processes creating it at once exactly one succeeds. The loser gets
 * `bad_input` with `detail.exists` set, and can open the case the other made.
 */
export function createExclusively(path: string, build: (stagingPath: string) => void): void {
  if (existsSync(path)) throw new PushTrailError('bad_input', `${path} already exists; open it instead`, { path, exists: true });
  const staging = join(dirname(path), `.${basename(path)}.${randomUUID()}.creating`);
  try {
    build(staging);
    try {
      linkSync(staging, path);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code === 'EEXIST') throw new PushTrailError('bad_input', `${path} already exists; open it instead`, { path, exists: true });
      // File systems without hard links: an exclusive copy still never replaces a case.
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') copyFileSync(staging, path, constants.COPYFILE_EXCL);
      else throw err;
    }
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${staging}${suffix}`, { force: true });
  }
}

export function isExistsError(err: unknown): boolean {
  return err instanceof PushTrailError && err.detail?.['exists'] === true;
}
