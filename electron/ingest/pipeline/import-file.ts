/**
 * The parse thread's work on one input: hash it, let the writer say whether the case has it,
 * open archives member by member, recognise the format and stream the records through the
 * pipeline to the writer.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { ExpansionLimits } from '../../../shared/api/jobs.js';
import { ExpansionBudget } from '../source/expansion.js';
import { importArchive } from './import-archive.js';
import { createReader, type ContainerKind } from '../containers/index.js';
import { openContent, hashBytes, type Content, type Hashed, type OpenBytes } from '../source/content.js';
import { openParquetContent } from '../source/parquet.js';
import { scratchCopy } from './scratch-copy.js';
import { decodeText, type DecodeReport } from '../source/decode.js';
import { recognise, type Recognition } from '../recognition/recognise.js';
import { parserFor } from '../recognition/formats.js';
import type { GeoEnricher } from '../geo/geo.js';
import { MAGIC_BYTES, magicOf } from '../source/magic.js';
import type { FormatId } from '../parser.js';
import { Prefetch } from '../source/prefetch.js';
import { fileTimes, type FileTimes, type TimeOptions } from '../time/file-times.js';
import type { TimeSettings } from '../time/timestamp.js';
import type { ImportLimits, NotImported } from './thread-messages.js';
import { message, skip } from './not-imported.js';
import { RecordParser, recordParserOptions } from './record-parser.js';
import { RecordPipeline } from './record-pipeline.js';
import type { WalkEntry } from '../source/walk.js';
import type { WriterLink } from './writer-link.js';

/** Characters read before recognition decides; more is read when no record is complete by then. */
const DETECT_CHARS = 256 * 1024;
const DETECT_MAX_CHARS = 8 * 1024 * 1024;
const READ_CHUNK = 1024 * 1024;

export interface ImportSettings {
  format?: FormatId;
  year?: number;
  time: TimeOptions;
  limits: ImportLimits;
  expansion: ExpansionLimits;
  /** Folder beside the case for temporary copies (created when first needed; see case-scratch.ts). */
  scratch: string;
  geo: GeoEnricher;
  link: WriterLink;
}

export interface Source {
  path: string;
  /** The file on disk holding the bytes, when they are one (not a member of an archive). */
  local?: string;
  archive?: { path: string; evidenceId: number };
  mtime: number;
  open: OpenBytes;
  /** True when the file on disk (or the archive holding it) is as it was when it was found (and hashed). */
  unchanged: () => Promise<boolean>;
  /** What the evidence file it is part of may still expand to, and how many containers deep it is. */
  budget: ExpansionBudget;
  depth: number;
}

function sameFile(path: string, size: number, mtime: number): () => Promise<boolean> {
  return async () => {
    try {
      const now = await stat(path);
      return now.size === size && now.mtimeMs === mtime;
    } catch {
      return false;
    }
  };
}


function fileStream(path: string): OpenBytes {
  return () =>
    new Promise<Readable>((resolve, reject) => {
      const stream = createReadStream(path, { highWaterMark: READ_CHUNK });
      stream.once('open', () => resolve(stream));
      stream.once('error', reject);
    });
}

function hashOf(known: Known): { sha256?: string } {
  return known.sha256 === undefined ? {} : { sha256: known.sha256 };
}


/** The first bytes of a file, for `magicOf`. */
async function readHead(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(MAGIC_BYTES);
    const { bytesRead } = await file.read(head, 0, MAGIC_BYTES, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

export async function importEntry(entry: WalkEntry, settings: ImportSettings): Promise<void> {
  if (entry.kind === 'problem') {
    skip(settings, { path: entry.path, status: 'unreadable', reason: entry.message });
    return;
  }
  const bytes = fileStream(entry.path);
  const unchanged = sameFile(entry.path, entry.size, entry.mtime);
  const budget = new ExpansionBudget(entry.size, settings.expansion);
  const source = { path: entry.path, local: entry.path, mtime: entry.mtime, open: bytes, unchanged, budget, depth: 1 };
  let head: Buffer;
  try {
    head = await readHead(entry.path);
  } catch (err) {
    skip(settings, { path: entry.path, status: 'unreadable', reason: message(err) });
    return;
  }
  const kind = magicOf(head).kind;
  // A file of a size no evidence in the case has cannot be in it: hash it while importing it.
  if ((kind === 'plain' || kind === 'gzip') && entry.size > 0) {
    const reply = await settings.link.request({ t: 'holds-size', size: entry.size });
    if (reply.t !== 'holds-size-reply') throw new Error(`unexpected reply ${reply.t} to a size`);
    if (!reply.holds) {
      await importSource(source, { head, size: entry.size }, settings);
      return;
    }
  }
  settings.link.send({ t: 'hashing', path: entry.path, size: entry.size });
  let hashed: Hashed;
  try {
    hashed = await hashBytes(bytes);
  } catch (err) {
    skip(settings, { path: entry.path, status: 'unreadable', reason: message(err) });
    return;
  }
  if (magicOf(hashed.head).kind === 'zip') await importArchive({ path: entry.path, file: entry.path, depth: 1, budget }, hashed, unchanged, settings, importSource);
  else await importSource(source, hashed, settings);
}

/** A source's content: its bytes (inflated where they are gzip), or a Parquet file's rows. */
async function contentOf(source: Source, known: Known, scratch: string, hashing = false): Promise<Content> {
  if (magicOf(known.head).kind === 'parquet') {
    // Parquet is read from a file: an archive member's bytes are copied beside the case first.
    const file = source.local === undefined ? await scratchCopy(scratch, 'parquet', 'member.parquet', known.size, source.open) : { path: source.local, release: async () => undefined };
    return openParquetContent(file, known.size);
  }
  return openContent(source.open, known.head, { budget: source.budget, depth: source.depth }, hashing);
}

/** The decoded content read again from its start (for the whole file's date evidence). */
async function* textAgain(source: Source, known: Known, scratch: string): AsyncGenerator<string> {
  // Bytes counted once already: held to the limits again, not counted twice.
  const content = await contentOf({ ...source, budget: source.budget.rereading() }, known, scratch);
  try {
    yield* decodeText(content.chunks);
  } finally {
    content.destroy();
  }
}

async function recogniseContent(prefetch: Prefetch, settings: ImportSettings, time: TimeSettings, container?: ContainerKind): Promise<Recognition> {
  const forced = settings.format === undefined ? undefined : parserFor(settings.format);
  let want = DETECT_CHARS;
  for (;;) {
    await prefetch.fill(want);
    const recognition = recognise({
      head: prefetch.text,
      complete: prefetch.complete,
      maxRecordChars: settings.limits.maxRecordChars,
      time,
      ...(forced === undefined ? {} : { forced }),
      ...(container === undefined ? {} : { container }),
    });
    // A first record larger than the head, or junk longer than it: read on, up to a limit, before giving up.
    const more = recognition.ok ? recognition.sample.length === 0 : recognition.more;
    if (!more || prefetch.complete || want >= DETECT_MAX_CHARS) return recognition;
    want *= 4;
  }
}

/** What is known of a source's bytes before it is read: their hash, unless it is taken on the way. */
export interface Known {
  head: Buffer;
  size: number;
  sha256?: string;
}

export async function importSource(source: Source, known: Known, settings: ImportSettings): Promise<void> {
  const base = { path: source.path, ...(source.archive === undefined ? {} : { archive: source.archive.path }) };
  const magic = magicOf(known.head);
  if (magic.kind === 'empty') {
    skip(settings, { ...base, status: 'unrecognised', reason: 'the file is empty', ...hashOf(known), size: 0 });
    return;
  }
  if (magic.kind === 'unsupported') {
    skip(settings, { ...base, status: 'unrecognised', reason: `the file is ${magic.what}`, ...hashOf(known), size: known.size });
    return;
  }
  const file = { path: source.path, ...hashOf(known), size: known.size, ...(source.archive === undefined ? {} : { archive: source.archive }) };
  const reply = await settings.link.request({ t: 'file', file });
  if (reply.t !== 'file-reply') throw new Error(`unexpected reply ${reply.t} to a file`);
  if (reply.known !== null) return;

  const hashing = known.sha256 === undefined;
  let content;
  try {
    content = await contentOf(source, known, settings.scratch, hashing);
  } catch (err) {
    skip(settings, { ...base, status: 'unreadable', reason: message(err), ...hashOf(known), size: known.size });
    return;
  }
  const notRead = async (reason: string, status: NotImported['status']): Promise<void> => {
    content.destroy();
    // A file hashed on the way was not read to its end: the report still names it by its hash.
    const sha256 = known.sha256 ?? (await hashBytes(source.open).then((h) => h.sha256, () => undefined));
    skip(settings, { ...base, status, reason, ...(sha256 === undefined ? {} : { sha256 }), size: known.size, compression: content.compression });
  };
  const decoded: DecodeReport = { invalidUtf8: false };
  const prefetch = new Prefetch(decodeText(content.chunks, decoded)[Symbol.asyncIterator]());
  let recognition: Recognition;
  let times: FileTimes;
  try {
    await prefetch.fill(DETECT_CHARS);
    times = await fileTimes(settings.time, prefetch.text, prefetch.complete, () => textAgain(source, known, settings.scratch));
    recognition = await recogniseContent(prefetch, settings, times.settings, magic.kind === 'parquet' ? 'parquet' : undefined);
  } catch (err) {
    await notRead(content.compression === 'gzip' ? `damaged gzip data: ${message(err)}` : message(err), 'unreadable');
    return;
  }
  if (!recognition.ok) {
    const error: unknown = prefetch.error;
    if (error !== undefined) await notRead(content.compression === 'gzip' ? `damaged gzip data: ${message(error)}` : message(error), 'unreadable');
    else await notRead(recognition.reason, 'unrecognised');
    return;
  }

  const { container, parser, reexport } = recognition;
  // Timestamps without a year (classic syslog) are dated by --year, or else by the file's modification time.
  const when = settings.year === undefined ? { fileTime: source.mtime } : { year: settings.year };
  const shape = reexport === undefined ? {} : { reexport: reexport.id };
  const dateNote = times.dateOrderNote === undefined ? {} : { dateOrderNote: times.dateOrderNote };
  const forced = settings.format !== undefined;
  settings.link.send({ t: 'begin', format: parser?.id ?? null, forced, container, compression: content.compression, ...when, time: times.settings, ...shape, ...dateNote });
  // CSV rows are objects already; JSON and text records can go to the writer as they are.
  const shareable = container !== 'csv';
  const ctx = { fileName: source.path, ...when, time: times.settings };
  const records = new RecordParser(recordParserOptions(container, forced ? parser : null, ctx, settings.geo, reexport));
  const pipeline = new RecordPipeline(records, shareable, settings.link, settings.limits, decoded);
  const reader = createReader(container, pipeline.sink, { maxRecordChars: settings.limits.maxRecordChars, parseJson: false });
  // Only a failure to read (or inflate) the content is the file's problem; anything else is a bug.
  let failure: unknown = null;
  const chunks = prefetch.all();
  for (;;) {
    let next: IteratorResult<string>;
    try {
      next = await chunks.next();
    } catch (err) {
      failure = err;
      break;
    }
    if (next.done === true) break;
    pipeline.text(next.value);
    reader.push(next.value);
    await pipeline.drain(content.storedBytes());
  }
  reader.end();
  let size;
  try {
    size = await content.finish();
  } catch (err) {
    settings.link.send({ t: 'abort', reason: `read error: ${message(err)}` });
    return;
  }
  if (failure !== null) {
    if (content.compression !== 'gzip') {
      settings.link.send({ t: 'abort', reason: `the file could not be read to its end: ${message(failure)}` });
      return;
    }
    // The stored bytes were all read, so the damage is in the compressed data: keep what was read.
    pipeline.fileIssue({ message: `damaged or truncated gzip data after the records above: ${message(failure)}` });
  }
  await pipeline.flush(size);
  const sha256 = hashing ? content.sha256() : undefined;
  settings.link.send({ t: 'end', size, unchanged: await source.unchanged(), ...(sha256 === undefined ? {} : { sha256 }) });
}
