/**
 * Zip archives read in place with yauzl: the central directory lists the members, each member
 * is streamed (inflated on the fly) when asked for. Nothing is extracted to disk.
 */
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';

export interface ZipMember {
  /** Path inside the archive, with forward slashes. */
  name: string;
  size: number;
  /** Last modification time recorded in the archive (ms). */
  mtime: number;
  /** Why the member cannot be read (encrypted, unknown compression), if it cannot. */
  unreadable?: string;
  open: () => Promise<Readable>;
}

export interface ZipArchive {
  members: () => AsyncGenerator<ZipMember>;
  close: () => void;
}

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings: false, because with it yauzl ends the whole listing at the first member
    // whose name it rejects (`../evil.ndjson`): every member after it was lost. Names are
    // decoded and checked here, member by member (memberName).
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: false }, (err, zip) => {
      if (err !== null || zip === undefined) reject(err ?? new Error('cannot open the archive'));
      else resolve(zip);
    });
  });
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: Entry): void => {
      cleanup();
      resolve(entry);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(null);
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    const cleanup = (): void => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

function readStream(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err !== null || stream === undefined) reject(err ?? new Error('cannot read the archive member'));
      else resolve(stream);
    });
  });
}

/** The parts of yauzl's API its type declarations leave out (yauzl 3, index.js exports). */
const lowLevel = yauzl as unknown as {
  getFileNameLowLevel(flags: number, raw: Buffer, extraFields: Entry['extraFields'], strict: boolean): string;
};

/** The member's name (CP437 or UTF-8 as its flags say, or its Info-ZIP Unicode path), and why it is refused if it is. */
function memberName(entry: Entry): { name: string; refused?: string } {
  const raw = entry.fileName as unknown as Buffer | string;
  const name = typeof raw === 'string' ? raw : lowLevel.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
  const invalid = yauzl.validateFileName(name);
  return invalid === null ? { name } : { name, refused: `the member's name is not a safe relative path (${invalid}); not imported` };
}

function memberProblem(entry: Entry): string | undefined {
  if ((entry.generalPurposeBitFlag & 0x1) !== 0) return 'the archive member is encrypted';
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    return `the archive member uses compression method ${entry.compressionMethod}, which PushTrail cannot read`;
  }
  return undefined;
}

export async function openArchive(path: string): Promise<ZipArchive> {
  const zip = await openZip(path);
  return {
    async *members() {
      for (;;) {
        const entry = await nextEntry(zip);
        if (entry === null) return;
        const { name, refused } = memberName(entry);
        if (name.endsWith('/')) continue;
        const unreadable = refused ?? memberProblem(entry);
        yield {
          name,
          size: entry.uncompressedSize,
          mtime: entry.getLastModDate().getTime(),
          ...(unreadable === undefined ? {} : { unreadable }),
          open: () => readStream(zip, entry),
        };
      }
    },
    close: () => zip.close(),
  };
}
