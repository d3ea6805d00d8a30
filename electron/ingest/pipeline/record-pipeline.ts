/**
 * The parse thread's side of a file: the container reader pushes records and issues into this
 * sink while it reads a chunk; `drain` then either parses them here and sends rows, or, when
 * the writer thread has time to spare, sends them unparsed for the writer to parse. That
 * balance is what lets an import use both cores.
 */
import { DEDUP_KEY_BYTES, toEventRow } from '../../store/event-row.js';
import { RowEncoder } from '../../store/row-batch.js';
import type { ReadIssue, RecordSink } from '../containers/types.js';
import { writeBaseKey } from './dedup.js';
import type { SourceRecord } from '../parser.js';
import type { DecodeReport } from '../source/decode.js';
import type { ImportLimits } from './thread-messages.js';
import { encodeRecords } from './raw-batch.js';
import type { RecordParser } from './record-parser.js';
import type { WriterLink } from './writer-link.js';

/** Lines listed in the warning about text that was not UTF-8. */
const UNDECODABLE_LISTED = 20;

export class RecordPipeline {
  /** Filled synchronously by the reader during one `push`. */
  private records: SourceRecord[] = [];
  private issues: ReadIssue[] = [];
  private readonly rows: RowEncoder;
  private keys: Uint8Array;
  private counted: Uint8Array;
  private recordsSinceBatch = 0;

  /** A NUL character has been met in the text: each record is then checked for one. */
  private nul = false;
  /** Lines (or record numbers) of records holding text that was not UTF-8, the first few. */
  private readonly undecodable: number[] = [];
  private undecodableCount = 0;

  readonly sink: RecordSink = {
    record: (record) => {
      if (this.nul && record.text.includes('\u0000')) {
        this.issue(record, 'the record holds a NUL byte (binary data, not text); skipped');
        return;
      }
      if (this.decoded.invalidUtf8 && record.text.includes('\uFFFD')) this.noteUndecodable(record);
      this.records.push(record);
    },
    issue: (issue) => {
      this.issues.push(issue);
      if (issue.record !== undefined) this.recordsSinceBatch += 1;
    },
  };

  constructor(
    private readonly parser: RecordParser,
    /** Whether records may be handed to the writer unparsed. */
    private readonly shareable: boolean,
    private readonly link: WriterLink,
    private readonly limits: ImportLimits,
    /** Whether the file's bytes decode cleanly, as found so far. */
    private readonly decoded: DecodeReport,
  ) {
    this.keys = new Uint8Array(limits.batchEvents * DEDUP_KEY_BYTES);
    this.counted = new Uint8Array(limits.batchEvents);
    this.rows = new RowEncoder(limits.batchEvents, limits.batchBytes);
  }

  /** The text about to be pushed to the reader; call before pushing it. */
  text(chunk: string): void {
    if (!this.nul && chunk.includes('\u0000')) this.nul = true;
  }

  private issue(record: SourceRecord, message: string): void {
    this.issues.push(record.line === undefined ? { record: record.record, message } : { line: record.line, record: record.record, message });
    this.recordsSinceBatch += 1;
  }

  private noteUndecodable(record: SourceRecord): void {
    this.undecodableCount += 1;
    if (this.undecodable.length < UNDECODABLE_LISTED) this.undecodable.push(record.line ?? record.record);
  }

  /** The warning for text that was not UTF-8, naming where, once the file has been read. */
  private undecodableIssue(): ReadIssue | undefined {
    const first = this.undecodable[0];
    if (first === undefined) return undefined;
    const more = this.undecodableCount - this.undecodable.length;
    const where = `${this.undecodable.join(', ')}${more > 0 ? ` and ${more.toLocaleString('en-US')} more` : ''}`;
    return {
      line: first,
      message:
        `the file is not valid UTF-8 (it may be Latin-1 or Windows-1252): characters that could not be decoded were stored as U+FFFD (\uFFFD) ` +
        `in the records at lines ${where}; the records were imported, and the original bytes stay in the evidence file (export it as UTF-8 to read them)`,
    };
  }

  /** Deal with what the reader delivered during the last push. */
  async drain(storedBytes: number): Promise<void> {
    if (this.records.length === 0 && this.issues.length === 0) return;
    const records = this.records;
    this.records = [];
    this.recordsSinceBatch += records.length;
    if (this.shareable && records.length > 0 && this.link.writerIdle()) {
      // Rows parsed earlier go first: the writer must see the file's records in order.
      if (this.rows.count > 0) await this.sendRows(storedBytes);
      const issues = this.issues;
      this.issues = [];
      const count = this.recordsSinceBatch;
      this.recordsSinceBatch = 0;
      await this.link.raw({ t: 'raw', records: encodeRecords(records), issues, recordCount: count, kinds: this.parser.takeKinds(), bytes: storedBytes });
      return;
    }
    const parsed = await this.parser.parse(records, this.issues);
    for (const p of parsed) {
      const i = this.rows.count;
      this.counted[i] = writeBaseKey(p.event, p.record, p.index, this.keys, i * DEDUP_KEY_BYTES) ? 1 : 0;
      this.rows.add(toEventRow(p.event, p.record.line, p.record.record, p.record.text));
      if (this.rows.full || this.rows.bytes >= this.limits.batchBytes) await this.sendRows(storedBytes);
    }
  }

  /** Send what is left (also the issues of a batch with no rows). */
  async flush(storedBytes: number): Promise<void> {
    await this.drain(storedBytes);
    const undecodable = this.undecodableIssue();
    if (undecodable !== undefined) this.issues.push(undecodable);
    if (this.rows.count > 0 || this.issues.length > 0 || this.recordsSinceBatch > 0) await this.sendRows(storedBytes);
  }

  /** Report a problem with the file as a whole (a damaged .gz), after its records. */
  fileIssue(issue: ReadIssue): void {
    this.issues.push(issue);
  }

  private async sendRows(storedBytes: number): Promise<void> {
    const rows = this.rows.take();
    const batch = {
      t: 'batch' as const,
      rows,
      keys: this.keys.subarray(0, rows.count * DEDUP_KEY_BYTES),
      counted: this.counted.subarray(0, rows.count),
      issues: this.issues,
      records: this.recordsSinceBatch,
      kinds: this.parser.takeKinds(),
      bytes: storedBytes,
    };
    this.issues = [];
    this.recordsSinceBatch = 0;
    this.keys = new Uint8Array(this.limits.batchEvents * DEDUP_KEY_BYTES);
    this.counted = new Uint8Array(this.limits.batchEvents);
    await this.link.batch(batch);
  }
}
