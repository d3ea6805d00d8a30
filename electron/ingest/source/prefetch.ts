/**
 * Lets detection look at the start of a text stream and then hand the whole stream, start
 * included, to the reader: the start is held once, in memory, and never read twice.
 */
export class Prefetch {
  private readonly head: string[] = [];
  private headChars = 0;
  private ended = false;
  private replayed = false;
  /** A read error met while filling: detection sees the text before it, the reader then the error. */
  private failure: { error: unknown } | null = null;

  constructor(private readonly source: AsyncIterator<string>) {}

  /** Read until at least `chars` characters are held or the stream ends. */
  async fill(chars: number): Promise<void> {
    while (!this.ended && this.headChars < chars) {
      let next: IteratorResult<string>;
      try {
        next = await this.source.next();
      } catch (error) {
        this.failure = { error };
        this.ended = true;
        break;
      }
      if (next.done === true) {
        this.ended = true;
        break;
      }
      this.head.push(next.value);
      this.headChars += next.value.length;
    }
  }

  get text(): string {
    return this.head.join('');
  }

  get chars(): number {
    return this.headChars;
  }

  /** True when the whole stream (up to a read error, if any) is held. */
  get complete(): boolean {
    return this.ended;
  }

  /** The error reading stopped on, if it did; `all()` throws it after the held text. */
  get error(): unknown {
    return this.failure?.error;
  }

  /** The held start, then the rest of the stream. Once only. */
  async *all(): AsyncGenerator<string> {
    if (this.replayed) throw new Error('Prefetch.all() may be called once');
    this.replayed = true;
    while (this.head.length > 0) {
      const chunk = this.head.shift();
      if (chunk !== undefined) yield chunk;
    }
    this.headChars = 0;
    if (this.failure !== null) throw this.failure.error;
    if (this.ended) return;
    for (;;) {
      const next = await this.source.next();
      if (next.done === true) return;
      yield next.value;
    }
  }
}
