/**
 * Temporary copies of archive members that must be read from a file (a zip inside a zip is read
 * from its end, Parquet from its footer): made in the folder beside the case (never /tmp, and
 * cleared at the case's next open when the import is killed; see case-scratch.ts), only when
 * the disk under the case has room for them.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { OpenBytes } from '../source/content.js';

export interface ScratchCopy {
  path: string;
  /** Removes the copy and its folder. */
  release(): Promise<void>;
}

/** Refuses a copy of `bytes` that would leave the disk under the case nearly full. */
async function assertRoom(folder: string, bytes: number): Promise<void> {
  const fs = await statfs(folder);
  const free = fs.bavail * fs.bsize;
  // Keep room for the case itself to grow by what the import writes.
  if (bytes * 2 > free) {
    throw new Error(`not opened: a temporary copy of ${bytes.toLocaleString('en-US')} bytes needs room that the disk under the case (${free.toLocaleString('en-US')} bytes free) does not have; extract it and import that`);
  }
}

/** Copies `bytes` bytes from `open` to `<scratch>/<kind>-XXXX/<name>`; on failure nothing is left behind. */
export async function scratchCopy(scratch: string, kind: string, name: string, bytes: number, open: OpenBytes): Promise<ScratchCopy> {
  await mkdir(scratch, { recursive: true });
  const dir = await mkdtemp(join(scratch, `${kind}-`));
  const release = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    await assertRoom(dir, bytes);
    const path = join(dir, name);
    await pipeline(await open(), createWriteStream(path));
    return { path, release };
  } catch (err) {
    await release();
    throw err;
  }
}
