/**
 * Things a session serves at unguessable URL paths: a fixed prefix and a random id. A frame or
 * a link loads them by URL (the report preview, a report to download), so a guessed or stale
 * path finds nothing.
 */
import { randomBytes } from 'node:crypto';

export class ServedPaths<T> {
  private readonly byId = new Map<string, T>();

  constructor(
    /** Starts every path this registry hands out, e.g. "/report-preview/". */
    readonly prefix: string,
    /** How many to keep; the oldest go first. */
    private readonly keep = Number.POSITIVE_INFINITY,
  ) {}

  /** Keep a value; returns the path it is served at. */
  put(value: T): string {
    const id = randomBytes(16).toString('hex');
    this.byId.set(id, value);
    for (const old of this.byId.keys()) {
      if (this.byId.size <= this.keep) break;
      this.byId.delete(old);
    }
    return `${this.prefix}${id}`;
  }

  /** The value at a URL path, or undefined when this registry holds none there. */
  get(urlPath: string): T | undefined {
    return urlPath.startsWith(this.prefix) ? this.byId.get(urlPath.slice(this.prefix.length)) : undefined;
  }

  clear(): void {
    this.byId.clear();
  }
}
