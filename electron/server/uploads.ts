/**
 * Evidence given to the page in web mode (dropped on it, or chosen with the browser's file
 * dialog): a browser never tells a page where a file lives, so its bytes are sent here and
 * saved beside the case, in `<case>-evidence/<batch>/<its path>`, for the import to read as
 * any other file. The desktop app knows the files' paths and sends none.
 *
 * The names come from the page, and so from whoever named the files: each part of a path is
 * checked, nothing is written outside the batch's folder, and no file is overwritten.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { dirname, join } from 'node:path';
import { PushTrailError } from '../../shared/api/errors.js';
import { caseFolder } from '../store/case-store.js';

export const UPLOAD_PATH = '/api/upload';

const BATCH = /^[A-Za-z0-9-]{1,64}$/;
const MAX_PARTS = 64;
const MAX_PART_BYTES = 255;


/** The parts of a relative path as a browser gives it ("folder/sub/file.json"), or why it is refused. */
function partsOf(relativePath: string): string[] {
  const parts = relativePath.split('/');
  if (relativePath === '' || parts.length > MAX_PARTS) throw new PushTrailError('bad_input', 'an uploaded file needs a relative path of 1 to 64 parts');
  for (const part of parts) {
    // Control characters and backslashes have no place in a file's name from a browser.
    // eslint-disable-next-line no-control-regex
    if (part === '' || part === '.' || part === '..' || /[\u0000-\u001f\u007f\\]/.test(part) || Buffer.byteLength(part) > MAX_PART_BYTES) {
      throw new PushTrailError('bad_input', `refused upload path ${JSON.stringify(relativePath)}`);
    }
  }
  return parts;
}

/**
 * Where an uploaded file is saved: `relativePath` inside batch `batch` of the case's evidence
 * folder. Throws `bad_input` for a batch or path that could lead anywhere else.
 */
export function uploadTarget(casePath: string, batch: string, relativePath: string): string {
  if (!BATCH.test(batch)) throw new PushTrailError('bad_input', 'an upload batch is 1 to 64 letters, digits or dashes');
  return join(caseFolder(casePath, 'evidence'), batch, ...partsOf(relativePath));
}

/**
 * Save `body` at `target`, which must not exist yet. A body cut short (the page closed, the
 * connection dropped) leaves no partial file behind.
 */
export async function saveUpload(body: Readable, target: string): Promise<number> {
  await mkdir(dirname(target), { recursive: true });
  const out = createWriteStream(target, { flags: 'wx' });
  let bytes = 0;
  body.on('data', (chunk: Buffer) => (bytes += chunk.length));
  try {
    await pipeline(body, out);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new PushTrailError('bad_input', `${target} exists already; upload into a new batch`);
    await rm(target, { force: true });
    throw err;
  }
  return bytes;
}
