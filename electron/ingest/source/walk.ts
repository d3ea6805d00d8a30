/**
 * Expands the paths an analyst names into the files to import: a file as it is, a folder
 * recursively (sorted, so every run sees the same order). Symbolic links to folders are not
 * followed, so a link cycle cannot make an import endless. Archives are opened later, by
 * content, not here.
 */
import type { Stats } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export type WalkEntry =
  | { kind: 'file'; path: string; size: number; mtime: number }
  | { kind: 'problem'; path: string; message: string };

function problemText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file or folder';
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  return e.message ?? String(err);
}

/**
 * `exclude`: files never to import, such as the case file itself and its journal files when
 * the analyst imports the folder the case lives in. They are not evidence, so they are not listed.
 */
export async function* walk(paths: readonly string[], exclude: readonly string[] = []): AsyncGenerator<WalkEntry> {
  const skip = new Set(exclude.map((p) => resolve(p)));
  for (const given of paths) yield* walkOne(resolve(given), true, skip);
}

async function* walkOne(path: string, named: boolean, skip: ReadonlySet<string>): AsyncGenerator<WalkEntry> {
  if (skip.has(path)) return;
  let info;
  try {
    // A path the analyst named is followed even when it is a link; links met inside folders are not.
    info = named ? await stat(path) : await lstat(path);
  } catch (err) {
    yield { kind: 'problem', path, message: problemText(err) };
    return;
  }
  if (info.isSymbolicLink()) {
    try {
      const target = await stat(path);
      if (target.isFile()) yield { kind: 'file', path, size: target.size, mtime: target.mtimeMs };
      else if (!target.isDirectory()) yield { kind: 'problem', path, message: `a link to what is not a regular file (${specialKind(target)}); not read` };
    } catch (err) {
      yield { kind: 'problem', path, message: `broken link: ${problemText(err)}` };
    }
    return;
  }
  if (info.isDirectory()) {
    let names: string[];
    try {
      names = await readdir(path);
    } catch (err) {
      yield { kind: 'problem', path, message: problemText(err) };
      return;
    }
    names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) yield* walkOne(join(path, name), false, skip);
    return;
  }
  if (info.isFile()) {
    yield { kind: 'file', path, size: info.size, mtime: info.mtimeMs };
    return;
  }
  // A named pipe, socket or device is never read (a pipe would block the import), but never passed over in silence either.
  yield { kind: 'problem', path, message: `not a regular file (${specialKind(info)}); not read` };
}

/** What a file that is neither a regular file nor a folder is, for the message. */
function specialKind(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'neither a file nor a folder';
}
