/**
 * The three line layouts of PingFederate's security audit log (`audit.log`, docs/log-sources.md
 * §7a), read into one record of named fields. Field names and meanings: Ping's "Security audit
 * logging" reference
 * (https://docs.pingidentity.com/pingfederate/latest/administrators_reference_guide/pf_security_audit_loggin.html).
 *
 * - Pipe layout, the default log4j2 pattern (as quoted in DataDog/integrations-core
 *   `ping_federate/README.md`): `%d| %X{trackingid}| %X{event}| %X{subject}| %X{ip} | %X{app}|
 *   %X{connectionid}| %X{protocol}| %X{host}| %X{role}| %X{status}| %X{adapterid}|
 *   %X{description}| %X{responsetime}`, extended layouts adding fields after those (also after
 *   a syslog relay's header). Newer
 *   versions list `transactionid` after `trackingid`, so the event's column is found, not assumed.
 * - key=value layout (the Splunk pattern): the time, then `event=AUTHN_ATTEMPT subject="..."
 *   ip=... pfhost=... status=...`; values are quoted or run to the blank before the next key.
 * - CEF: `CEF:0|Ping Identity|PingFederate|<version>|<event>|<event>|<severity>|rt=... duid=<subject>
 *   src=<ip> msg=<status> dvchost=<host> externalId=<trackingid> csNLabel=<name> csN=<value>`,
 *   often behind a syslog header.
 *
 * `%d` and CEF `rt` carry no zone (log4j writes the server's clock): they are read in the
 * `--tz` zone, or UTC when none is given, as for classic syslog.
 */
import { RecordError } from '../parser.js';
import { readTimestamp, type TimeSettings } from '../time/timestamp.js';
import { zonedToUtc } from '../time/zone.js';

/** One audit line: its time, its event and its fields by their PingFederate names. */
export interface PfRecord {
  time: number;
  event: string;
  fields: ReadonlyMap<string, string>;
}

/** `2024-06-17 11:04:19,342` (log4j's `%d`), and the length of that prefix. */
const LOG4J_TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[,.]\d{1,9})?/;

function log4jTime(stamp: string, settings: TimeSettings): number {
  const time = readTimestamp(stamp, settings, 'local');
  if (time === undefined) throw new RecordError(`PingFederate audit line has an unreadable time ${JSON.stringify(stamp)}`);
  return time;
}

// ---------------------------------------------------------------------------------------
// Pipe layout

const PIPE_FIELDS = ['subject', 'ip', 'app', 'connectionid', 'protocol', 'host', 'role', 'status', 'adapterid', 'description', 'responsetime'] as const;
/** An event name: letters and underscores (SSO, OAuth, AUTHN_ATTEMPT ...); tracking and transaction ids carry digits. */
const EVENT_NAME = /^[A-Za-z]+(?:_[A-Za-z]+)*$/;

function pipeRecord(line: string, settings: TimeSettings): PfRecord | undefined {
  const cells = line.split('|').map((c) => c.trim());
  const stamp = cells[0] ?? '';
  if (cells.length < 12 || LOG4J_TIME.exec(stamp)?.[0] !== stamp) return undefined;
  // trackingid, then the event; or trackingid, transactionid, then the event.
  const at = EVENT_NAME.test(cells[2] ?? '') ? 2 : EVENT_NAME.test(cells[3] ?? '') ? 3 : -1;
  if (at < 0) return undefined;
  const fields = new Map<string, string>([['trackingid', cells[1] ?? '']]);
  if (at === 3) fields.set('transactionid', cells[2] ?? '');
  PIPE_FIELDS.forEach((name, i) => {
    const value = cells[at + 1 + i];
    if (value !== undefined && value !== '') fields.set(name, value);
  });
  return { time: log4jTime(stamp, settings), event: cells[at] ?? '', fields };
}

// ---------------------------------------------------------------------------------------
// key=value pairs (the Splunk layout and CEF extensions)

/**
 * `key=value key="quoted value" key=value with blanks`: a quoted value ends at its closing
 * quote; another runs to the blank before the next `key=`. Backslash escapes are undone
 * (CEF escapes `=` and `\`, and writes newlines as `\n`).
 */
export function keyValues(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const keys = [...text.matchAll(/(?:^|\s)([A-Za-z][\w.]*)=/g)];
  let consumed = 0;
  keys.forEach((m, i) => {
    const start = m.index + m[0].length;
    if (m.index < consumed) return;
    let value: string;
    if (text[start] === '"') {
      const close = /^"((?:[^"\\]|\\.)*)"/.exec(text.slice(start));
      value = close?.[1] ?? text.slice(start + 1);
      consumed = start + (close?.[0].length ?? text.length);
    } else {
      const next = keys.slice(i + 1).find((k) => k.index >= start);
      value = text.slice(start, next?.index ?? text.length).trim();
      consumed = start;
    }
    out.set(m[1] ?? '', value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c)));
  });
  return out;
}

/** The Splunk layout's key for the host (`host` is Splunk's own field). */
const KV_NAMES: Readonly<Record<string, string>> = { pfhost: 'host' };
/** After the time: only pairs (after a `tid:...`), one of them the event; a syslog line's host and tag do not pass. */
const KV_REST = /^[\s,]+(?:tid:\S+\s+)?[A-Za-z][\w.]*=/;

function isKvRest(rest: string): boolean {
  return KV_REST.test(rest) && /\sevent=\S/.test(rest);
}

function kvRecord(line: string, settings: TimeSettings): PfRecord | undefined {
  const stamp = LOG4J_TIME.exec(line)?.[0];
  const rest = stamp === undefined ? '' : line.slice(stamp.length);
  if (stamp === undefined || !isKvRest(rest)) return undefined;
  const fields = new Map<string, string>();
  for (const [key, value] of keyValues(rest)) {
    const name = key.toLowerCase();
    if (value !== '') fields.set(KV_NAMES[name] ?? name, value);
  }
  const event = fields.get('event');
  if (event === undefined) return undefined;
  // A `tid:...` right after the time (as in the pipe layout) is the tracking id.
  const tid = /^[\s,|]*(tid:\S+)/.exec(rest);
  if (tid?.[1] !== undefined && !fields.has('trackingid')) fields.set('trackingid', tid[1]);
  return { time: log4jTime(stamp, settings), event, fields };
}

// ---------------------------------------------------------------------------------------
// CEF

const CEF_HEAD = /CEF:\d+\|Ping Identity\|PingFederate\|/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The 7 header fields and the extension; header fields escape `|` and `\`. */
function cefParts(text: string): string[] | undefined {
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length && cells.length < 7) {
      cell += text[i + 1];
      i += 1;
    } else if (c === '|' && cells.length < 7) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells.length === 8 ? cells : undefined;
}

/** CEF `rt`: `MMM dd yyyy HH:mm:ss[.SSS]` (PingFederate's form, zone-less) or milliseconds since the epoch. */
function cefTime(text: string, settings: TimeSettings): number {
  if (/^\d{12,14}$/.test(text)) return Number(text);
  const m = /^([A-Z][a-z]{2}) (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(text);
  const month = MONTHS.indexOf(m?.[1] ?? '');
  if (m === null || month < 0) throw new RecordError(`PingFederate CEF line has an unreadable time rt=${JSON.stringify(text)}`);
  const [day, hour, minute, second] = [m[2], m[4], m[5], m[6]].map(Number) as [number, number, number, number];
  const wall = Date.UTC(Number(m[3]), month, day, hour, minute, second, Number((m[7] ?? '').padEnd(3, '0')));
  const back = new Date(wall);
  if (back.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) throw new RecordError(`PingFederate CEF line has an impossible time rt=${JSON.stringify(text)}`);
  return settings.zone === undefined ? wall : zonedToUtc(wall, settings.zone, JSON.stringify(text));
}

/** CEF keys and custom-string labels (lower-cased) -> PingFederate field names. */
const CEF_FIELDS: Readonly<Record<string, string>> = {
  duid: 'subject',
  src: 'ip',
  msg: 'status',
  dvchost: 'host',
  externalid: 'trackingid',
  'target application url': 'app',
  'connection id': 'connectionid',
  protocol: 'protocol',
  role: 'role',
  'sp local user id': 'localuserid',
  attributes: 'attributes',
  adapterid: 'adapterid',
  description: 'description',
  'user agent': 'useragent',
};

function cefRecord(line: string, settings: TimeSettings): PfRecord {
  const head = CEF_HEAD.exec(line);
  const parts = head === null ? undefined : cefParts(line.slice(head.index));
  if (parts === undefined) throw new RecordError('PingFederate CEF line does not have the 7 header fields and an extension');
  const ext = keyValues(parts[7] ?? '');
  const fields = new Map<string, string>();
  for (const [key, value] of ext) {
    if (/Label$/.test(key) || value === '') continue;
    const name = /^c[sn]\d+$/i.test(key) ? ext.get(`${key}Label`)?.toLowerCase() : key.toLowerCase();
    if (name !== undefined) fields.set(CEF_FIELDS[name] ?? name, value);
  }
  const rt = ext.get('rt');
  if (rt === undefined || rt === '') throw new RecordError('PingFederate CEF line has no rt (event time)');
  return { time: cefTime(rt, settings), event: parts[5] || parts[4] || '', fields };
}

/**
 * A syslog relay's header before a pipe or key=value line (`Mar  4 09:15:02 pf01 pingfederate:
 * 2025-03-04 09:15:02,114| tid:...`): the audit line starts after the tag's colon.
 */
const RELAYED = /^[^|]{0,200}?:\s+(?=\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2})/;

/** The audit line itself: the line, or what follows a syslog relay's header. */
function auditText(line: string): string {
  if (LOG4J_TIME.test(line)) return line;
  const header = RELAYED.exec(line)?.[0];
  return header === undefined ? line : line.slice(header.length);
}

/** Does the line start like one of the layouts? Cheap, never throws; for recognition. */
export function looksLikePfLine(line: string): boolean {
  if (CEF_HEAD.test(line)) return true;
  const text = auditText(line);
  const stamp = LOG4J_TIME.exec(text)?.[0];
  if (stamp === undefined) return false;
  const after = text.slice(stamp.length);
  if (/^\s*\|\s*[^|]*\|(?:\s*[^|]*\|)?\s*[A-Za-z]+(?:_[A-Za-z]+)*\s*\|/.test(after)) return after.split('|').length >= 12;
  return isKvRest(after);
}

/** The audit record of a line in any of the three layouts, or undefined for another line. */
export function pfRecord(line: string, settings: TimeSettings): PfRecord | undefined {
  const text = line.replace(/^\uFEFF/, '').replace(/\r$/, '');
  if (CEF_HEAD.test(text)) return cefRecord(text, settings);
  const audit = auditText(text);
  return pipeRecord(audit, settings) ?? kvRecord(audit, settings);
}
