/** The parse thread's side of the channel to the writer: requests, and batches under credit. */
import type { MessagePort } from 'node:worker_threads';
import { transferablesOf } from '../../store/row-batch.js';
import type { Batch, RawBatch, ToParser, ToWriter } from './thread-messages.js';
import { recordTransferables } from './raw-batch.js';

export class WriterLink {
  private credits: number;
  private readonly inFlight: number;
  private onCredit: (() => void) | null = null;
  /** Requests waiting for their answer, oldest first: the writer answers them in the order sent. */
  private readonly replies: ((message: ToParser) => void)[] = [];

  constructor(
    private readonly port: MessagePort,
    inFlight: number,
  ) {
    this.credits = inFlight;
    this.inFlight = inFlight;
    port.on('message', (message: ToParser) => {
      if (message.t === 'ack') {
        this.credits += 1;
        const wake = this.onCredit;
        this.onCredit = null;
        wake?.();
      } else {
        this.replies.shift()?.(message);
      }
    });
  }

  send(message: ToWriter): void {
    this.port.postMessage(message);
  }

  /** Send a message the writer answers, and wait for the answer. */
  request(message: ToWriter): Promise<ToParser> {
    return new Promise((resolve) => {
      this.replies.push(resolve);
      this.port.postMessage(message);
    });
  }

  /** True when the writer has at most one batch left to write: it could parse some records itself. */
  writerIdle(): boolean {
    return this.inFlight - this.credits <= 1;
  }

  private async credit(): Promise<void> {
    while (this.credits === 0) await new Promise<void>((wake) => (this.onCredit = wake));
    this.credits -= 1;
  }

  /** Hand over parsed rows, first waiting while the writer has `inFlight` batches unwritten. */
  async batch(batch: Batch): Promise<void> {
    await this.credit();
    this.port.postMessage(batch, [batch.keys.buffer as ArrayBuffer, batch.counted.buffer as ArrayBuffer, ...transferablesOf(batch.rows)]);
  }

  /** Hand over records for the writer to parse. */
  async raw(batch: RawBatch): Promise<void> {
    await this.credit();
    this.port.postMessage(batch, recordTransferables(batch.records));
  }
}
