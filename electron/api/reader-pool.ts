/**
 * Threads that run the long reads of requests (readers.ts), so that the thread answering
 * requests (Electron's main process, `pushtrail serve`) only hands work out and answers.
 * One pool per process, two threads: the machine this runs on may have two cores, and an
 * import or detection job may hold one of them.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ApiError } from '../../shared/api/errors.js';
import { PushTrailError } from '../../shared/api/errors.js';
import { createLogger } from '../log/logger.js';
import type { ReaderArg, ReaderName, ReaderReply, ReaderResult } from './readers.js';
import { SerializedAnswer } from './serialized.js';

export interface ReadRequest {
  id: number;
  casePath: string;
  name: ReaderName;
  arg: unknown;
}

export type ReadReply = { id: number } & ({ ok: true; value: unknown } | { ok: true; json: Uint8Array } | { ok: false; error: ApiError });

const WORKER_URL = new URL('./reader-worker.js', import.meta.url);
const log = createLogger('reader-pool');

interface Thread {
  worker: Worker;
  /** The reads sent to this thread and not answered yet, by id. */
  pending: Map<number, (reply: ReadReply) => void>;
}

export class ReaderPool {
  private readonly threads: Thread[] = [];
  private nextId = 1;

  constructor(private readonly size = Math.max(1, Math.min(2, availableParallelism()))) {}

  /** Runs a reader in the least busy thread; its result comes back as the reader's wire says. */
  async read<N extends ReaderName>(casePath: string, name: N, arg: ReaderArg<N>): Promise<ReaderReply<N>> {
    const id = this.nextId++;
    const thread = this.thread();
    const reply = await new Promise<ReadReply>((resolve) => {
      // A thread with reads under way keeps the process alive until they are answered.
      if (thread.pending.size === 0) thread.worker.ref();
      thread.pending.set(id, resolve);
      thread.worker.postMessage({ id, casePath, name, arg } satisfies ReadRequest);
    });
    if (!reply.ok) throw new PushTrailError(reply.error.kind, reply.error.message, reply.error.detail);
    // The reader's wire (readers.ts) decided which of the two the thread sent.
    if ('json' in reply) return new SerializedAnswer<ReaderResult<N>>(reply.json) as ReaderReply<N>;
    return reply.value as ReaderReply<N>;
  }

  /** Ends the threads; reads still running are answered with an error. */
  async close(): Promise<void> {
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private thread(): Thread {
    const idle = this.threads.find((t) => t.pending.size === 0);
    if (idle !== undefined) return idle;
    if (this.threads.length < this.size) return this.spawn();
    return this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  private spawn(): Thread {
    const worker = new Worker(WORKER_URL);
    // Idle readers never keep a process (a CLI command, a test) alive.
    worker.unref();
    const thread: Thread = { worker, pending: new Map() };
    worker.on('message', (reply: ReadReply) => {
      const waiting = thread.pending.get(reply.id);
      thread.pending.delete(reply.id);
      if (thread.pending.size === 0) worker.unref();
      waiting?.(reply);
    });
    const fail = (message: string): void => {
      const index = this.threads.indexOf(thread);
      if (index >= 0) this.threads.splice(index, 1);
      // Every read that thread had is answered; the next read starts a new thread.
      for (const [id, waiting] of thread.pending) waiting({ id, ok: false, error: { kind: 'internal', message } });
      thread.pending.clear();
    };
    worker.on('error', (err) => {
      log.error('reader thread crashed', {}, err);
      fail(`a reader thread crashed: ${err.message}`);
    });
    worker.on('exit', (code) => fail(`a reader thread exited (code ${code})`));
    this.threads.push(thread);
    return thread;
  }
}

let shared: ReaderPool | null = null;

/** The process's pool, started on first use. */
export function readerPool(): ReaderPool {
  shared ??= new ReaderPool();
  return shared;
}
