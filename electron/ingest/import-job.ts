/**
 * The import job (kind 'import'). This worker is the writer: it owns the case connection and
 * starts a second worker, the parse thread, which walks, hashes, detects, reads and parses.
 * The two overlap so that an import uses both cores: while one batch is written the next is
 * parsed, and when the writer runs out of rows to write the parse thread hands it records to
 * parse itself (see RecordPipeline). Every file is its own transaction (see ImportWriter);
 * cancelling rolls back the open file and stops, so the case holds whole files only, and
 * running the import again completes it.
 */
import { Worker } from 'node:worker_threads';
import { PushTrailError } from '../../shared/api/errors.js';
import { DEFAULT_EXPANSION_LIMITS, type ImportFileReport, type ImportJobArg, type ImportRecordError, type ImportReport } from '../../shared/api/jobs.js';
import type { JobContext, JobFn } from '../jobs/job.js';
import { CaseFileFlush } from '../store/case-file-flush.js';
import { CaseStore } from '../store/case-store.js';
import { DEDUP_KEY_BYTES, toEventRow, type BoundCell } from '../store/event-row.js';
import { ImportWriter } from '../store/import-writer.js';
import { forEachRow } from '../store/row-batch.js';
import { RepeatCounter, writeBaseKey } from './pipeline/dedup.js';
import { insertEvent } from './pipeline/event-insert.js';
import { parserFor } from './recognition/formats.js';
import { GeoDatabases, GeoEnricher, loadUserDatabase } from './geo/geo.js';
import { MAX_STORED_ERRORS, addErrors, blankEntry, buildReport, notImportedEntry, readingNotes } from './pipeline/import-report.js';
import { reexportById } from './reexport/index.js';
import { removeScratch, scratchFolder } from '../store/case-scratch.js';
import { DEFAULT_LIMITS, type Batch, type FileIdentity, type ImportLimits, type ParseWorkerInput, type RawBatch, type ToParser, type ToWriter } from './pipeline/thread-messages.js';
import { decodeRecords } from './pipeline/raw-batch.js';
import { RecordParser, recordParserOptions } from './pipeline/record-parser.js';
import { mergeKinds } from './recognition/classify.js';
import { joinEntraSteps } from './pipeline/entra-steps.js';

const PARSE_WORKER_URL = new URL('./pipeline/parse-worker.js', import.meta.url);
/**
 * Almost everything the parse thread allocates (records, events, rows) dies within a batch; a
 * larger young generation lets it die there instead of being promoted (GC time halved).
 */
const PARSE_YOUNG_GENERATION_MB = 48;
/** How often a waiting writer looks at the cancel flag. */
const CANCEL_POLL_MS = 50;
const PROGRESS_EVERY_MS = 100;

interface OpenFile {
  identity: FileIdentity;
  entry: ImportFileReport;
  evidenceId: number | null;
  storedErrors: number;
  /** Final dedup keys, applied in the file's record order. */
  repeats: RepeatCounter;
  /** For records the parse thread hands over unparsed. */
  parser: RecordParser | null;
}

function displayPath(identity: { path: string; archive?: { path: string } | string }): string {
  const archive = typeof identity.archive === 'string' ? identity.archive : identity.archive?.path;
  return archive === undefined ? identity.path : `${archive}!${identity.path}`;
}

class ImportRun {
  private readonly files: ImportFileReport[] = [];
  private readonly writer: ImportWriter;
  /** The file announced by the parse thread and not yet finished. */
  private open: OpenFile | null = null;
  private lastProgress = 0;
  /** Set once the run has ended: work still queued must not touch the case. */
  private stopped = false;
  private readonly databases = new GeoDatabases(true);
  private readonly geo: GeoEnricher;

  constructor(
    store: CaseStore,
    private readonly arg: ImportJobArg,
    private readonly ctx: JobContext,
    private readonly limits: ImportLimits,
    private readonly userGeo: Uint8Array | null,
    flush: CaseFileFlush | null,
    private readonly scratch: string,
  ) {
    this.writer = new ImportWriter(store, arg.actor, { bulkMinBytes: limits.bulkMinBytes, exclusive: arg.exclusive === true, flush });
    this.geo = new GeoEnricher({ user: userGeo, bundled: (name) => this.databases.bundled(name) });
  }

  run(): Promise<ImportReport> {
    const input: ParseWorkerInput = {
      paths: this.arg.paths,
      exclude: ['', '-wal', '-shm', '-journal'].map((suffix) => this.arg.casePath + suffix),
      limits: this.limits,
      expansion: { ...DEFAULT_EXPANSION_LIMITS, ...(this.arg.expansion ?? {}) },
      scratch: this.scratch,
      userGeo: this.userGeo,
      ...(this.arg.format === undefined ? {} : { format: this.arg.format }),
      ...(this.arg.year === undefined ? {} : { year: this.arg.year }),
      time: {
        ...(this.arg.timeZone === undefined ? {} : { zone: this.arg.timeZone }),
        ...(this.arg.dateOrder === undefined ? {} : { dateOrder: this.arg.dateOrder }),
      },
    };
    const parser = new Worker(PARSE_WORKER_URL, { workerData: input, resourceLimits: { maxYoungGenerationSizeMb: PARSE_YOUNG_GENERATION_MB } });
    return new Promise<ImportReport>((resolve, reject) => {
      const stop = (outcome: { report: ImportReport } | { error: unknown }): void => {
        if (this.stopped) return;
        this.stopped = true;
        clearInterval(poll);
        void parser.terminate();
        if ('report' in outcome) resolve(outcome.report);
        else reject(outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error)));
      };
      const fail = (err: unknown): void => {
        if (this.stopped) return;
        this.writer.rollbackFile();
        stop({ error: err });
      };
      const poll = setInterval(() => {
        if (this.cancelled()) fail(this.cancel());
      }, CANCEL_POLL_MS);
      const reply = (message: ToParser): void => {
        if (!this.stopped) parser.postMessage(message);
      };
      // Messages are handled one at a time, in order, even those that wait (parsing, loading).
      let queue = Promise.resolve();
      const handle = async (message: ToWriter): Promise<void> => {
        if (this.stopped) return;
        if (this.cancelled()) {
          fail(this.cancel());
          return;
        }
        if (message.t === 'done') stop({ report: this.finish() });
        else if (message.t === 'failed') fail(new PushTrailError(message.error.kind, message.error.message, message.error.detail));
        else await this.handle(message, reply);
      };
      parser.on('message', (message: ToWriter) => {
        queue = queue.then(() => handle(message)).catch(fail);
      });
      parser.on('error', (err) => fail(new PushTrailError('internal', `the import's parse thread crashed: ${err.message}`)));
      parser.on('exit', (code) => {
        // Messages sent just before a normal exit are still queued: judge after them.
        queue = queue.then(() => fail(new PushTrailError('internal', `the import's parse thread stopped (code ${code}) before finishing`)));
      });
    });
  }

  private cancelled(): boolean {
    try {
      this.ctx.throwIfCancelled();
      return false;
    } catch {
      return true;
    }
  }

  /** Roll back the open file, log the cancellation, and return the error carrying what was done. */
  private cancel(): PushTrailError {
    this.writer.rollbackFile();
    const report = buildReport(this.files);
    this.writer.recordRun('import/cancelled', this.runDetail(report));
    return new PushTrailError('cancelled', 'The import was cancelled; the files listed were imported whole, the file in progress was not', {
      report,
    });
  }

  private async handle(message: Exclude<ToWriter, { t: 'done' } | { t: 'failed' }>, reply: (m: ToParser) => void): Promise<void> {
    switch (message.t) {
      case 'geo-db':
        reply({ t: 'geo-db-reply', bytes: await this.databases.bundled(message.name) });
        return;
      case 'holds-size':
        reply({ t: 'holds-size-reply', holds: this.writer.holdsSize(message.size) });
        return;
      case 'hashing':
        this.progress('hashing', displayPath(message), 0, message.size, 0, true);
        return;
      case 'archive': {
        const { id, known } = this.writer.archive(message.path, message.sha256, message.size, message.parent);
        this.files.push({
          ...blankEntry(message.path, message.parent?.path),
          status: 'archive',
          container: 'zip',
          sha256: message.sha256,
          size: message.size,
          evidenceId: id,
          ...(known ? { reason: 'the archive is already in the case; its members are checked one by one' } : {}),
        });
        reply({ t: 'archive-reply', evidenceId: id, known });
        return;
      }
      case 'file':
        this.announce(message.file, reply);
        return;
      case 'skip':
        // A file announced but then not readable or recognised never began a transaction.
        if (this.open !== null && this.open.evidenceId === null) this.open = null;
        this.files.push(notImportedEntry(message.file));
        return;
      case 'begin': {
        const open = this.requireOpen('begin');
        const reexport = message.reexport === undefined ? undefined : reexportById(message.reexport);
        if (message.container !== 'csv') {
          const when = message.year === undefined ? { fileTime: message.fileTime } : { year: message.year };
          const forced = message.forced && message.format !== null ? parserFor(message.format) : null;
          open.parser = new RecordParser(recordParserOptions(message.container, forced, { fileName: open.identity.path, ...when, time: message.time }, this.geo, reexport));
        }
        Object.assign(open.entry, readingNotes(message, reexport?.title));
        open.entry.format = message.format;
        open.entry.container = message.container;
        open.entry.compression = message.compression;
        open.evidenceId = this.writer.beginFile({
          path: open.identity.path,
          // A file hashed on the way gets its SHA-256 at the end, in the same transaction.
          sha256: open.identity.sha256 ?? '',
          size: open.identity.size,
          format: message.format,
          container: message.container,
          compression: message.compression,
          parentId: open.identity.archive?.evidenceId ?? null,
          ...(message.time.zone === undefined ? {} : { timeZone: message.time.zone }),
          ...(message.time.dateOrder === undefined ? {} : { dateOrder: message.time.dateOrder }),
          ...(reexport === undefined ? {} : { reexport: reexport.title }),
        });
        open.entry.evidenceId = open.evidenceId;
        return;
      }
      case 'batch':
        this.write(message);
        reply({ t: 'ack' });
        return;
      case 'raw':
        await this.parseAndWrite(message);
        reply({ t: 'ack' });
        return;
      case 'end':
        this.commit(message.size, message.unchanged, message.sha256);
        return;
      case 'abort': {
        const open = this.requireOpen('abort');
        this.writer.rollbackFile();
        this.open = null;
        this.files.push({ ...open.entry, status: 'unreadable', reason: message.reason, records: 0, events: 0, duplicates: 0, rejected: 0, skipped: 0, kinds: [] });
        return;
      }
    }
  }

  private requireOpen(what: string): OpenFile {
    if (this.open === null) throw new PushTrailError('internal', `import: "${what}" arrived with no file open`);
    return this.open;
  }

  private announce(identity: FileIdentity, reply: (m: ToParser) => void): void {
    const archive = identity.archive?.path;
    const known = identity.sha256 === undefined ? undefined : this.writer.findBySha(identity.sha256);
    if (known !== undefined) {
      this.files.push({
        ...blankEntry(identity.path, archive),
        status: 'already_imported',
        sha256: identity.sha256 ?? null,
        size: identity.size,
        format: (known.format as ImportFileReport['format']) ?? null,
        container: known.container,
        evidenceId: known.id,
        reason: `a file with the same SHA-256 is already in the case (evidence #${known.id}, ${known.path})`,
      });
      reply({ t: 'file-reply', known: { evidenceId: known.id, path: known.path } });
      return;
    }
    this.open = {
      identity,
      entry: { ...blankEntry(identity.path, archive), status: 'imported', sha256: identity.sha256 ?? null, size: identity.size },
      evidenceId: null,
      storedErrors: 0,
      repeats: new RepeatCounter(),
      parser: null,
    };
    reply({ t: 'file-reply', known: null });
  }

  private openForWrite(what: string): OpenFile & { evidenceId: number } {
    const open = this.requireOpen(what);
    if (open.evidenceId === null) throw new PushTrailError('internal', `import: a ${what} arrived before its file began`);
    return open as OpenFile & { evidenceId: number };
  }

  /** Rows the parse thread parsed. */
  private write(batch: Batch): void {
    const open = this.openForWrite('batch');
    let added = 0;
    forEachRow(batch.rows, (row, raw, i) => {
      const base = batch.keys.subarray(i * DEDUP_KEY_BYTES, (i + 1) * DEDUP_KEY_BYTES);
      const counted = batch.counted[i] === 1;
      if (this.insert(open, row, raw, open.repeats.key(base, counted), counted)) added += 1;
    });
    mergeKinds(open.entry.kinds, batch.kinds);
    this.tally(open, added, batch.rows.count - added, batch.records, batch.issues, batch.bytes);
  }

  /** Records the parse thread left for this thread to parse, while it had time to spare. */
  private async parseAndWrite(batch: RawBatch): Promise<void> {
    const open = this.openForWrite('raw batch');
    if (open.parser === null) throw new PushTrailError('internal', 'import: unparsed records arrived for a file that cannot take them');
    const issues = batch.issues;
    const parsed = await open.parser.parse(decodeRecords(batch.records), issues);
    if (this.stopped) return;
    const base = new Uint8Array(DEDUP_KEY_BYTES);
    let added = 0;
    for (const p of parsed) {
      const counted = writeBaseKey(p.event, p.record, p.index, base, 0);
      const row = toEventRow(p.event, p.record.line, p.record.record, p.record.text);
      if (this.insert(open, row, p.record.text, open.repeats.key(base, counted), counted)) added += 1;
    }
    mergeKinds(open.entry.kinds, batch.kinds);
    mergeKinds(open.entry.kinds, open.parser.takeKinds());
    this.tally(open, added, parsed.length - added, batch.recordCount, issues, batch.bytes);
  }

  /** Insert one event; a reused vendor id is counted (see event-insert.ts). Returns whether it was added. */
  private insert(open: OpenFile & { evidenceId: number }, row: BoundCell[], raw: string | Uint8Array, key: Buffer, counted: boolean): boolean {
    const result = insertEvent(this.writer, open.evidenceId, row, raw, key, counted);
    if (result === 'clash') open.entry.vendorIdClashes += 1;
    return result !== 'duplicate';
  }

  private tally(open: OpenFile & { evidenceId: number }, added: number, duplicates: number, records: number, issues: readonly ImportRecordError[], bytes: number): void {
    const entry = open.entry;
    entry.events += added;
    entry.duplicates += duplicates;
    entry.records += records;
    entry.rejected += issues.filter((i) => i.record !== undefined).length;
    if (issues.length > 0) {
      const room = Math.max(0, MAX_STORED_ERRORS - open.storedErrors);
      const stored = issues.slice(0, room);
      this.writer.insertIssues(open.evidenceId, stored);
      open.storedErrors += stored.length;
      addErrors(entry, issues);
    }
    this.progress('importing', displayPath(open.identity), bytes, open.identity.size, entry.records, false);
  }

  private commit(size: number, unchanged: boolean, sha256: string | undefined): void {
    const open = this.requireOpen('end');
    this.open = null;
    const { identity, entry } = open;
    if (open.evidenceId === null) throw new PushTrailError('internal', 'import: a file ended before it began');
    if (sha256 !== undefined) {
      identity.sha256 = sha256;
      entry.sha256 = sha256;
      this.writer.setSha(open.evidenceId, sha256);
    }
    if (identity.sha256 === undefined) throw new PushTrailError('internal', 'import: a file ended without its SHA-256');
    if (!unchanged || size !== identity.size) {
      this.writer.rollbackFile();
      this.files.push({
        ...entry,
        status: 'unreadable',
        reason: 'the file changed while it was being imported (its size or modification time differs from when it was hashed); nothing of it was kept',
        records: 0,
        events: 0,
        duplicates: 0,
        rejected: 0,
        skipped: 0,
        kinds: [],
      });
      return;
    }
    entry.kinds.sort((a, b) => b.records - a.records);
    entry.skipped = entry.kinds.reduce((sum, k) => sum + k.skipped, 0);
    if (entry.errorsOmitted > 0 && open.storedErrors >= MAX_STORED_ERRORS) {
      this.writer.insertIssues(open.evidenceId, [
        { message: `${(entry.errors.length + entry.errorsOmitted - MAX_STORED_ERRORS).toLocaleString('en-US')} more errors were not stored` },
      ]);
    }
    const linkedSteps = joinEntraSteps(this.writer, entry);
    this.writer.commitFile(
      open.evidenceId,
      { records: entry.records, events: entry.events, duplicates: entry.duplicates, rejected: entry.rejected },
      {
        path: identity.path,
        ...(identity.archive === undefined ? {} : { archive: identity.archive.path, archiveEvidenceId: identity.archive.evidenceId }),
        evidenceId: open.evidenceId,
        sha256: identity.sha256,
        size: identity.size,
        format: entry.format,
        container: entry.container,
        compression: entry.compression,
        ...(entry.note === undefined ? {} : { note: entry.note }),
        records: entry.records,
        events: entry.events,
        duplicates: entry.duplicates,
        rejected: entry.rejected,
        skipped: entry.skipped,
        kinds: entry.kinds,
        ...(entry.vendorIdClashes === 0 ? {} : { vendorIdClashes: entry.vendorIdClashes }),
        ...(linkedSteps === 0 ? {} : { linkedSteps }),
      },
    );
    this.files.push(entry);
    this.progress('imported', displayPath(identity), identity.size, identity.size, entry.records, true);
  }

  private progress(phase: string, file: string, done: number, total: number, records: number, force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastProgress < PROGRESS_EVERY_MS) return;
    this.lastProgress = now;
    this.ctx.progress({ phase, done, total, unit: 'bytes', file, records, message: `${records.toLocaleString('en-US')} records` });
  }

  private runDetail(report: ImportReport): Record<string, unknown> {
    const count = (status: ImportFileReport['status']): number => report.files.filter((f) => f.status === status).length;
    return {
      paths: this.arg.paths,
      ...(this.arg.format === undefined ? {} : { format: this.arg.format }),
      ...(this.arg.year === undefined ? {} : { year: this.arg.year }),
      ...(this.arg.mmdb === undefined ? {} : { mmdb: this.arg.mmdb }),
      imported: count('imported'),
      alreadyImported: count('already_imported'),
      unrecognised: count('unrecognised'),
      unreadable: count('unreadable'),
      ...report.totals,
    };
  }

  private finish(): ImportReport {
    const report = buildReport(this.files);
    this.writer.recordRun('import/run', this.runDetail(report));
    this.writer.checkpoint();
    return report;
  }
}

function limitsOf(arg: ImportJobArg): ImportLimits {
  return { ...DEFAULT_LIMITS, ...(arg.tuning ?? {}) };
}

export const importJob: JobFn<'import'> = async (arg, ctx) => {
  // Checked before anything is written, and loaded once for both threads.
  const userGeo = arg.mmdb === undefined ? null : await loadUserDatabase(arg.mmdb);
  const flush = arg.exclusive === true ? CaseFileFlush.open(arg.casePath) : null;
  try {
    const store = CaseStore.open(arg.casePath, arg.actor);
    const scratch = scratchFolder(arg.casePath);
    try {
      return await new ImportRun(store, arg, ctx, limitsOf(arg), userGeo, flush, scratch).run();
    } finally {
      store.close();
      removeScratch(scratch);
    }
  } finally {
    await flush?.close();
  }
};
