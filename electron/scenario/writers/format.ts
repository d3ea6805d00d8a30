/**
 * Identifier and timestamp shapes the three vendors really use, so generated records cannot be
 * told apart from exported ones by their ids: Okta's time-based v1 UUIDs and 32-hex request ids,
 * Entra's request GUIDs ending in "00" and 7-digit fractions, Duo's microsecond isotimestamps.
 */
import type { Organisation, SimEvent } from '../model.js';
import { Rng } from '../random.js';

/** One serialised vendor record, stamped with the time it sorts by. */
export interface OutRecord {
  time: number;
  stream: StreamId;
  text: string;
}

export type StreamId = 'okta' | 'entra-signins' | 'entra-audit' | 'duo';

export interface WriterContext {
  org: Organisation;
  seed: string;
}

/** A writer turns one scenario event into zero or more records of its vendor. */
export type VendorWriter = (event: SimEvent, ctx: WriterContext) => OutRecord[];

/** The random stream for one event's ids: a function of the seed and the event key only. */
export function eventRng(ctx: WriterContext, event: SimEvent): Rng {
  return new Rng(`${ctx.seed}/w/${event.key}`);
}

/** Milliseconds between 1582-10-15 (the UUID epoch) and 1970-01-01. */
const UUID_EPOCH_OFFSET_MS = 12219292800000n;

/**
 * Version-1 UUID for `ms`, as Okta's LogEvent uuid is: the 60-bit count of 100 ns intervals
 * since 1582 split over the first three groups, then a random clock sequence and node.
 */
export function uuidV1(ms: number, rng: Rng): string {
  const ticks = (BigInt(Math.round(ms)) + UUID_EPOCH_OFFSET_MS) * 10000n + BigInt(rng.int(0, 9999));
  const low = (ticks & 0xffffffffn).toString(16).padStart(8, '0');
  const mid = ((ticks >> 32n) & 0xffffn).toString(16).padStart(4, '0');
  const high = (((ticks >> 48n) & 0x0fffn) | 0x1000n).toString(16).padStart(4, '0');
  const seq = (0x8000 | rng.int(0, 0x3fff)).toString(16);
  return `${low}-${mid}-${high}-${seq}-${rng.hex(12)}`;
}

/** Entra request id: a GUID whose last byte is 00, as sign-in ids are. */
export function entraRequestId(rng: Rng): string {
  return `${rng.uuid4().slice(0, 34)}00`;
}

/** Okta's ISO-8601 with milliseconds and Z. */
export function isoMs(ms: number): string {
  return new Date(ms).toISOString();
}

/** `2025-03-13T01:05:12.1234567Z`: Graph's seven fractional digits (the extra four from the rng). */
export function iso7(ms: number, rng: Rng): string {
  const base = new Date(ms).toISOString().slice(0, 23);
  return `${base}${String(rng.int(0, 9999)).padStart(4, '0')}Z`;
}

/** `2025-03-13T01:05:12.123456+00:00`: Duo's microseconds and explicit offset. */
export function isoMicro(ms: number, rng: Rng): string {
  const base = new Date(ms).toISOString().slice(0, 23);
  return `${base}${String(rng.int(0, 999)).padStart(3, '0')}+00:00`;
}

export function record(stream: StreamId, time: number, value: unknown): OutRecord {
  return { stream, time, text: JSON.stringify(value) };
}
