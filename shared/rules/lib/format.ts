/**
 * Wording helpers for finding summaries. Output must not depend on the machine's locale or
 * zone (reports are evidence), so no toLocaleString: times are always UTC with the zone written.
 */
import { count, num } from '../../format/count.js';
import type { Factor } from '../../model/event.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** "02:31 UTC" */
export function utcClock(ms: number): string {
  return `${iso(ms).slice(11, 16)} UTC`;
}

/** "2024-03-05 02:31 UTC" */
export function utcStamp(ms: number): string {
  const s = iso(ms);
  return `${s.slice(0, 10)} ${s.slice(11, 16)} UTC`;
}

/** "2024-03-05 02:05–02:31 UTC"; one stamp when both fall in the same minute; both dates across midnight. */
export function utcSpan(start: number, end: number): string {
  const a = iso(start);
  const b = iso(end);
  if (a.slice(0, 16) === b.slice(0, 16)) return utcStamp(start);
  if (a.slice(0, 10) === b.slice(0, 10)) return `${a.slice(0, 10)} ${a.slice(11, 16)}–${b.slice(11, 16)} UTC`;
  return `${a.slice(0, 10)} ${a.slice(11, 16)} – ${b.slice(0, 10)} ${b.slice(11, 16)} UTC`;
}

/** "26 minutes", "1 hour 5 minutes", "40 seconds", "2 days 3 hours", "under a second". */
export function duration(ms: number): string {
  const abs = Math.max(0, ms);
  if (abs < 1000) return 'under a second';
  if (abs < MINUTE) return count(Math.round(abs / 1000), 'second');
  const minutes = Math.round(abs / MINUTE);
  if (minutes < 60) return count(minutes, 'minute');
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0 ? count(h, 'hour') : `${count(h, 'hour')} ${count(m, 'minute')}`;
  }
  const hours = Math.round(abs / HOUR);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return h === 0 ? count(d, 'day') : `${count(d, 'day')} ${count(h, 'hour')}`;
}

/** Whole number with thousands separators, locale-free: 6600 -> "6,600". */
export function grouped(n: number): string {
  return num(Math.round(n));
}

/** How a prompt's channel is named in a sentence: "push", "SMS", "voice call". */
export function factorNoun(factors: ReadonlySet<Factor | undefined>): string {
  if (factors.size === 1) {
    const [only] = factors;
    if (only === 'push') return 'push request';
    if (only === 'sms') return 'SMS prompt';
    if (only === 'voice') return 'voice-call prompt';
  }
  return 'MFA prompt';
}

/** Join a list as "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

