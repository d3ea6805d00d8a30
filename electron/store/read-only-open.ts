/**
 * Opening a case for reading where SQLite cannot open it in place. A case rests in WAL mode
 * (its header says so), and SQLite reads a WAL-mode file only with its shared-memory index
 * (<case>-shm) beside it, which it creates when missing: in a read-only folder (a write-blocked
 * evidence drive, a shared read-only mount) without that file every read command failed with
 * "attempt to write a readonly database". SQLite's immutable open needs URI file names, which
 * better-sqlite3 is built without; so such a case is read from a snapshot of its bytes in
 * memory, with the header's WAL marks set back to the rollback-journal ones in the snapshot
 * only. That is exact when nothing is waiting in a -wal file: a writer leaves the file whole
 * when it closes, and none can write it in a folder where no -wal can be made.
 */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Database as Db } from 'better-sqlite3';
import { PushTrailError } from '../../shared/api/errors.js';
import { openDatabase } from './sqlite-open.js';

/** Largest case read from memory; beyond it the analyst is asked to copy the case. */
const MAX_SNAPSHOT_BYTES = 2 * 1024 ** 3;
/** The header's file format write and read versions: 2 for WAL, 1 for a rollback journal. */
const FORMAT_VERSION_OFFSETS = [18, 19] as const;

function folderWritable(path: string): boolean {
  try {
    accessSync(dirname(path), constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function nonEmpty(path: string): boolean {
  return existsSync(path) && statSync(path).size > 0;
}

/** Whether SQLite can open `path` for reading as it lies: its -shm is there or can be made. */
function openableInPlace(path: string, header: Buffer): boolean {
  const wal = header.length > 19 && header[18] === 2;
  return !wal || existsSync(`${path}-shm`) || folderWritable(path);
}

function snapshot(path: string): Db {
  if (nonEmpty(`${path}-wal`)) {
    throw new PushTrailError(
      'bad_input',
      `${path} has changes waiting in ${basename(path)}-wal that SQLite cannot read without ${basename(path)}-shm, which the read-only folder ${dirname(path)} does not let it create. Copy the case with its -wal file to a writable folder.`,
      { path, reason: 'read-only folder' },
    );
  }
  const size = statSync(path).size;
  if (size > MAX_SNAPSHOT_BYTES) {
    throw new PushTrailError(
      'bad_input',
      `${path} is in a read-only folder and too large (${size.toLocaleString('en-US')} bytes) to read from memory; copy it to a writable folder to read it.`,
      { path, reason: 'read-only folder' },
    );
  }
  const bytes = readFileSync(path);
  for (const offset of FORMAT_VERSION_OFFSETS) bytes[offset] = 1;
  return openDatabase(bytes, { readonly: true });
}

/** A read-only connection to the case at `path` (its first 100 bytes in `header`). */
export function openForReading(path: string, header: Buffer): Db {
  if (openableInPlace(path, header)) return openDatabase(path, { readonly: true, fileMustExist: true });
  return snapshot(path);
}
