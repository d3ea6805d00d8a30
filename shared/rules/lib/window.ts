/**
 * "At least N distinct things within W" over a time-ordered stream, merged into episodes.
 *
 * Public burst rules (docs/log-sources.md §9, P1) fire per window; an analyst wants one finding per attack, so
 * overlapping qualifying windows are merged: an episode starts with the first window that holds
 * `threshold` distinct keys and grows while later qualifying windows overlap it. An item that
 * never sits in a qualifying window (a lone prompt long after the burst) is not part of it.
 */

export interface Episode<T> {
  start: number;
  end: number;
  items: T[];
  /** Distinct keys seen in the episode. */
  keys: Set<string>;
}

interface Entry<T> {
  item: T;
  time: number;
  key: string;
  included: boolean;
}

export class EpisodeDetector<T> {
  private readonly window: Entry<T>[] = [];
  private head = 0;
  private readonly keyCounts = new Map<string, number>();
  private current: Episode<T> | null = null;

  constructor(
    private readonly windowMs: number,
    private readonly threshold: number,
  ) {}

  /** The episode still open (it may grow), or null. */
  get open(): Episode<T> | null {
    return this.current;
  }

  /**
   * Add an item (time-ordered). Returns the episode that this item proved closed, if any:
   * an episode closes when an item arrives more than one window after its end.
   */
  push(item: T, time: number, key: string): Episode<T> | null {
    let closed: Episode<T> | null = null;
    if (this.current !== null && time - this.current.end > this.windowMs) {
      closed = this.current;
      this.current = null;
    }
    this.evict(time);
    this.window.push({ item, time, key, included: false });
    this.keyCounts.set(key, (this.keyCounts.get(key) ?? 0) + 1);
    if (this.keyCounts.size >= this.threshold) {
      const oldest = this.window[this.head];
      if (this.current !== null && oldest !== undefined && oldest.time > this.current.end) {
        closed = this.current;
        this.current = null;
      }
      const episode = this.current ?? { start: time, end: time, items: [], keys: new Set<string>() };
      for (let i = this.head; i < this.window.length; i++) {
        const entry = this.window[i];
        if (entry === undefined || entry.included) continue;
        entry.included = true;
        episode.items.push(entry.item);
        episode.keys.add(entry.key);
        if (entry.time < episode.start || episode.items.length === 1) episode.start = entry.time;
        if (entry.time > episode.end) episode.end = entry.time;
      }
      this.current = episode;
    }
    return closed;
  }

  /** End of input: the open episode, if any. */
  finish(): Episode<T> | null {
    const last = this.current;
    this.current = null;
    return last;
  }

  /** Whether the detector holds nothing any more (a cross-user rule can then drop it). */
  idleAt(time: number): boolean {
    this.evict(time);
    return this.current === null && this.head >= this.window.length;
  }

  /** Drop items older than one window before `time` (a window is inclusive: exactly W apart still counts). */
  private evict(time: number): void {
    while (this.head < this.window.length) {
      const entry = this.window[this.head];
      if (entry === undefined || time - entry.time <= this.windowMs) break;
      const n = (this.keyCounts.get(entry.key) ?? 1) - 1;
      if (n === 0) this.keyCounts.delete(entry.key);
      else this.keyCounts.set(entry.key, n);
      this.head++;
    }
    if (this.head > 256 && this.head * 2 > this.window.length) {
      this.window.splice(0, this.head);
      this.head = 0;
    }
  }
}
