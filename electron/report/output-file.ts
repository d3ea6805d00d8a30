/**
 * A report or export being written: text is buffered in chunks, hashed (SHA-256) as it goes
 * and written to a temporary file beside the target, which is renamed into place only when
 * complete. A failed export never leaves a half-written file under the requested name, and a
 * large CSV never sits in memory whole.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const FLUSH_CHARS = 1 << 20;

export class OutputFile {
  private readonly tmp: string;
  private fd: number | null;
  private pending: string[] = [];
  private pendingChars = 0;
  private readonly hash: Hash = createHash('sha256');
  private written = 0;

  constructor(readonly path: string) {
    this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
    this.fd = openSync(this.tmp, 'w');
  }

  write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= FLUSH_CHARS) this.flush();
  }

  writeBytes(bytes: Uint8Array): void {
    this.flush();
    this.put(bytes);
  }

  private put(buf: Uint8Array): void {
    if (this.fd === null) throw new Error('output file already closed');
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    this.hash.update(buf);
    this.written += buf.length;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const buf = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingChars = 0;
    this.put(buf);
  }

  /** Finish: flush, sync, move into place. Returns the size and SHA-256 of what was written. */
  commit(): { bytes: number; sha256: string } {
    this.flush();
    if (this.fd === null) throw new Error('output file already closed');
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
    renameSync(this.tmp, this.path);
    return { bytes: this.written, sha256: this.hash.digest('hex') };
  }

  /** Give up: the temporary file is removed and the target is left as it was. */
  abort(): void {
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
    rmSync(this.tmp, { force: true });
  }
}
