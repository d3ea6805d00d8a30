/**
 * Files the analyst drops on the import screen or picks with its file dialog, turned into
 * paths the import can read. The desktop app asks its preload where each file lives; a
 * browser never says, so in web mode the files are uploaded to the local server, which saves
 * them beside the case and answers with their paths there.
 */
import type { ApiResult } from '../../../shared/api/errors.js';

/** A file as given, with its path inside a dropped or chosen folder ("logs/okta.json"), or its name. */
export interface GivenFile {
  file: File;
  relativePath: string;
}

export interface EvidenceFiles {
  /**
   * Paths to import for `files`: a file given alone is itself, the files of a folder are that
   * folder. `progress` hears how many bytes are in place so far.
   */
  pathsOf(files: readonly GivenFile[], progress: (bytesDone: number) => void): Promise<string[]>;
  /**
   * The files of a drop, folders walked. The desktop app reads a dropped folder as one path,
   * so it takes the drop's files as they are.
   */
  dropped(data: DataTransfer): Promise<GivenFile[]>;
}

declare global {
  interface Window {
    pushtrailFiles?: { pathOf(file: File): string };
  }
}

/** The files of a file input; those of a folder input come with their path inside the folder. */
export function givenFiles(files: readonly File[]): GivenFile[] {
  return files.map((file) => ({ file, relativePath: file.webkitRelativePath !== '' ? file.webkitRelativePath : file.name }));
}

/** What to import for a file found at `path` and given as `relativePath`: the file, or the folder it was given in. */
function importPath(path: string, relativePath: string): string {
  let top = path;
  for (let depth = relativePath.split('/').length - 1; depth > 0; depth -= 1) top = top.replace(/[/\\][^/\\]*$/, '');
  return top;
}

export function desktopFiles(bridge: { pathOf(file: File): string }): EvidenceFiles {
  return {
    async pathsOf(files, progress) {
      const paths = new Set(files.map(({ file, relativePath }) => importPath(bridge.pathOf(file), relativePath)));
      progress(files.reduce((n, f) => n + f.file.size, 0));
      return [...paths];
    },
    async dropped(data) {
      return givenFiles([...data.files]);
    },
  };
}

/** Every file under a dropped entry, with its path from the drop. */
async function walkEntry(entry: FileSystemEntry, out: GivenFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ file, relativePath: entry.fullPath.replace(/^\//, '') });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in pieces (about 100 entries each) until it answers none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return;
    for (const child of batch) await walkEntry(child, out);
  }
}

export function uploadedFiles(token: string): EvidenceFiles {
  return {
    async pathsOf(files, progress) {
      const batch = `${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomUUID().slice(0, 8)}`;
      const paths = new Set<string>();
      let done = 0;
      for (const { file, relativePath } of files) {
        const query = new URLSearchParams({ batch, path: relativePath });
        const response = await fetch(`/api/upload?${query.toString()}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/octet-stream', 'X-PushTrail-Token': token },
          body: file,
        });
        if (!response.ok) throw new Error(`Uploading ${relativePath} failed: HTTP ${response.status} ${await response.text()}`);
        const result = (await response.json()) as ApiResult<{ path: string }>;
        if (!result.ok) throw new Error(`Uploading ${relativePath} failed: ${result.error.message}`);
        paths.add(importPath(result.value.path, relativePath));
        done += file.size;
        progress(done);
      }
      return [...paths];
    },
    async dropped(data) {
      const entries = [...data.items].map((item) => item.webkitGetAsEntry()).filter((e): e is FileSystemEntry => e !== null);
      if (entries.length === 0) return givenFiles([...data.files]);
      const out: GivenFile[] = [];
      for (const entry of entries) await walkEntry(entry, out);
      return out;
    },
  };
}
