/**
 * One user's events on the wire, column by column. A sequence of 100,000 events as JSON objects
 * is about 75 MB, almost all of it the same field names, user agents, places and networks again
 * and again; as columns of small numbers with each distinct text and network sent once it is a
 * tenth of that, and the page parses it in a fraction of the time. Decoding gives back the same
 * `StoredEvent` objects, events of one network sharing one object.
 */
import type { Factor, Network, Outcome, StoredEvent, Vendor } from '../model/event.js';

/** The text fields of an event, each sent as an index into `strings` (-1: absent). */
const TEXT_FIELDS = ['user', 'vendor', 'outcome', 'factor', 'vendorEvent', 'reason', 'userDisplay', 'userVendorId', 'userAgent', 'device', 'app', 'sessionId', 'vendorUid'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

type Responder = Network & { name?: string };

export interface EventColumns {
  /** The person whose events these are; each event's own identity is its `user` text field. */
  user: string;
  count: number;
  id: number[];
  /** Milliseconds after the previous event (the first: since the epoch); events are in time order. */
  timeDelta: number[];
  text: Record<TextField, number[]>;
  strings: string[];
  /** Index into `networks` (-1: none). */
  source: number[];
  responder: number[];
  networks: Responder[];
  evidenceId: number[];
  /** -1 where the format has no lines. */
  line: number[];
  record: number[];
}

class Dictionary<T> {
  readonly values: T[] = [];
  private readonly index = new Map<string, number>();
  indexOf(key: string, value: T): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(key, i);
    }
    return i;
  }
}

function networkKey(n: Responder): string {
  const g = n.geo;
  return [n.ip, n.name, n.asn, n.asOrg, g?.city, g?.region, g?.country, g?.lat, g?.lon, g?.source].map((v) => (v === undefined ? '' : String(v))).join('\u0000');
}

/** Columns of `events`, which must be one person's, in time order. */
export function encodeEvents(user: string, events: Iterable<StoredEvent>): EventColumns {
  const strings = new Dictionary<string>();
  const networks = new Dictionary<Responder>();
  const text = Object.fromEntries(TEXT_FIELDS.map((f) => [f, [] as number[]])) as Record<TextField, number[]>;
  const cols: EventColumns = { user, count: 0, id: [], timeDelta: [], text, strings: strings.values, source: [], responder: [], networks: networks.values, evidenceId: [], line: [], record: [] };
  const net = (n: Responder | undefined): number => (n === undefined ? -1 : networks.indexOf(networkKey(n), n));
  let previous = 0;
  for (const e of events) {
    cols.id.push(e.id);
    cols.timeDelta.push(e.time - previous);
    previous = e.time;
    for (const f of TEXT_FIELDS) {
      const v = e[f];
      text[f].push(v === undefined ? -1 : strings.indexOf(v, v));
    }
    cols.source.push(net(e.source));
    cols.responder.push(net(e.responder));
    cols.evidenceId.push(e.ref.evidenceId);
    cols.line.push(e.ref.line ?? -1);
    cols.record.push(e.ref.record);
    cols.count++;
  }
  return cols;
}

export function decodeEvents(cols: EventColumns): StoredEvent[] {
  const { strings, networks, text } = cols;
  const str = (f: TextField, i: number): string | undefined => strings[text[f][i] ?? -1];
  const events = new Array<StoredEvent>(cols.count);
  let time = 0;
  for (let i = 0; i < cols.count; i++) {
    time += cols.timeDelta[i] ?? 0;
    const line = cols.line[i] ?? -1;
    const e: StoredEvent = {
      id: cols.id[i] ?? 0,
      time,
      vendor: str('vendor', i) as Vendor,
      user: str('user', i) ?? cols.user,
      outcome: str('outcome', i) as Outcome,
      vendorEvent: str('vendorEvent', i) ?? '',
      ref: line < 0 ? { evidenceId: cols.evidenceId[i] ?? 0, record: cols.record[i] ?? 0 } : { evidenceId: cols.evidenceId[i] ?? 0, line, record: cols.record[i] ?? 0 },
    };
    const factor = str('factor', i);
    if (factor !== undefined) e.factor = factor as Factor;
    for (const f of ['reason', 'userDisplay', 'userVendorId', 'userAgent', 'device', 'app', 'sessionId', 'vendorUid'] as const) {
      const v = str(f, i);
      if (v !== undefined) e[f] = v;
    }
    const source = networks[cols.source[i] ?? -1];
    if (source !== undefined) e.source = source;
    const responder = networks[cols.responder[i] ?? -1];
    if (responder !== undefined) e.responder = responder;
    events[i] = e;
  }
  return events;
}
