/**
 * Splitting one syslog line into time, host, tag and message. Three line forms are read:
 *
 * - classic BSD (RFC 3164 as written by syslogd/rsyslog's traditional file format, and
 *   journalctl's short/short-precise output): `[<PRI>]Mmm dd HH:MM:SS[.ffffff] host tag[pid]: msg`.
 *   It has no year and no zone.
 * - ISO-8601 stamped (rsyslog's RSYSLOG_FileFormat, journalctl short-iso):
 *   `[<PRI>]2024-03-01T10:00:00[.fff]+01:00 host tag[pid]: msg`.
 * - RFC 5424: `<PRI>1 TIMESTAMP HOST APP PROCID MSGID STRUCTURED-DATA [MSG]`.
 *
 * Time zone: classic timestamps, and ISO ones without an offset, carry none; they are read in
 * the analyst's zone (`--tz`), or as UTC when none was given, never in the host's zone.
 *
 * Year: classic timestamps carry none either. It is the analyst's `--year`, or else comes from
 * the file: a log cannot hold a line written after the file was last modified, so each line
 * takes the latest year that does not put it after that time. A log written across New Year
 * (December lines, then January ones, modified in January) keeps December in the old year.
 */
import { RecordError } from '../parser.js';
import { NO_TIME_SETTINGS, readTimestamp, type TimeSettings } from '../time/timestamp.js';
import { zonedToUtc } from '../time/zone.js';

export interface SyslogLine {
  /** UTC milliseconds. */
  time: number;
  host: string;
  /** The whole tag as written, e.g. `sshd`, `sshd(pam_google_auth)`, `postfix/smtpd`; '' if none. */
  tag: string;
  /** The tag without a parenthesised suffix: `sshd(pam_google_auth)` -> `sshd`. */
  program: string;
  pid?: string;
  message: string;
}

const MONTHS: Readonly<Record<string, number>> = {
  Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
};

const PRI = '(?:<\\d{1,3}>)?';
const BSD_HEAD = new RegExp(`^${PRI}([A-Z][a-z]{2}) {1,2}(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))? (\\S+) ?(.*)$`);
const ISO_HEAD = new RegExp(`^${PRI}(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?) (\\S+) ?(.*)$`);
const RFC5424_HEAD = /^<\d{1,3}>1 (\S+) (\S+) (\S+) (\S+) (\S+) ?(.*)$/;
/** `tag[pid]: message` / `tag: message`; a tag has no blank, colon or bracket. */
const TAG = /^([^\s:[\]]+)(?:\[([^\]\s]*)\])?: ?(.*)$/s;

/** True when the text starts like one of the three syslog forms (no year needed to tell). */
export function looksLikeSyslogLine(text: string): boolean {
  const monthOk = (m: RegExpExecArray | null): boolean => m !== null && Object.hasOwn(MONTHS, m[1] ?? '');
  return monthOk(BSD_HEAD.exec(text)) || RFC5424_HEAD.test(text) || ISO_HEAD.test(text);
}

function splitTag(rest: string): Pick<SyslogLine, 'tag' | 'program' | 'pid' | 'message'> {
  const m = TAG.exec(rest);
  if (m === null) return { tag: '', program: '', message: rest };
  const tag = m[1] ?? '';
  const parts: Pick<SyslogLine, 'tag' | 'program' | 'pid' | 'message'> = {
    tag,
    program: tag.replace(/\(.*$/, ''),
    message: m[3] ?? '',
  };
  if (m[2] !== undefined && m[2] !== '') parts.pid = m[2];
  return parts;
}

/** Slack for a line "after" its file's modification time: the line's zone is unknown (read as UTC). */
const ZONE_SLACK_MS = 24 * 60 * 60 * 1000;

/** How a classic timestamp gets its year: given (`--year`), or from the file's modification time. */
export interface YearContext {
  year?: number;
  fileTime?: number;
  /** The zone of zone-less timestamps (`--tz`). */
  time?: TimeSettings;
}

function usableYear(year: number): number {
  if (!Number.isInteger(year) || year < 1970 || year > 9999) throw new RecordError(`year ${year} is not a usable year for syslog timestamps`);
  return year;
}

function bsdTime(m: RegExpExecArray, when: YearContext, text: string): number {
  const month = MONTHS[m[1] ?? ''];
  const [day, hour, minute, second] = [m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number];
  const ms = Number((m[6] ?? '').slice(0, 3).padEnd(3, '0'));
  if (month === undefined || hour > 23 || minute > 59 || second > 60) throw new RecordError(`not a valid syslog timestamp: ${text.slice(0, 40)}`);
  // In the --tz zone or UTC (see the file comment); Feb 30 and the like are rejected, not rolled over.
  const zone = when.time?.zone;
  const at = (year: number): number => {
    const wall = Date.UTC(year, month, day, hour, minute, Math.min(second, 59), ms);
    return zone === undefined ? wall : zonedToUtc(wall, zone, `"${m[1]} ${m[2]} ${m[3]}:${m[4]}:${m[5]}" of ${year}`);
  };
  let year: number;
  if (when.year !== undefined) {
    year = usableYear(when.year);
  } else if (when.fileTime !== undefined && Number.isFinite(when.fileTime)) {
    year = usableYear(new Date(when.fileTime).getUTCFullYear());
    if (at(year) > when.fileTime + ZONE_SLACK_MS) year -= 1;
  } else {
    throw new RecordError(
      `classic syslog timestamp "${m[1]} ${m[2]} ${m[3]}:${m[4]}:${m[5]}" carries no year and the year of this file is unknown; ` +
        'give it explicitly (--year) — PushTrail does not guess it',
    );
  }
  if (new Date(Date.UTC(year, month, day)).getUTCDate() !== day) throw new RecordError(`no such date in ${year}: ${m[1]} ${m[2]}`);
  return at(year);
}

function zonedTime(stamp: string, when: YearContext): number {
  const time = readTimestamp(stamp, when.time ?? NO_TIME_SETTINGS, 'local');
  if (time === undefined) throw new RecordError(`not a valid syslog timestamp: ${stamp}`);
  return time;
}

/** Skip RFC 5424 STRUCTURED-DATA (`-` or `[id k="v"]…`, `\]` escaped) and return the MSG. */
function afterStructuredData(rest: string): string {
  if (rest.startsWith('-')) return rest.slice(1).replace(/^ /, '');
  let i = 0;
  while (rest[i] === '[') {
    i += 1;
    while (i < rest.length && rest[i] !== ']') i += rest[i] === '\\' ? 2 : 1;
    i += 1;
  }
  return rest.slice(i).replace(/^ /, '');
}

function rfc5424(m: RegExpExecArray, when: YearContext): SyslogLine {
  const [, stamp = '', host = '', app = '', procId = '', , rest = ''] = m;
  const tag = app === '-' ? '' : app;
  const line: SyslogLine = {
    time: zonedTime(stamp, when),
    host: host === '-' ? '' : host,
    tag,
    program: tag.replace(/\(.*$/, ''),
    message: afterStructuredData(rest).replace(/^\uFEFF/, ''),
  };
  if (procId !== '-') line.pid = procId;
  return line;
}

/**
 * Split a syslog line. `when` dates classic timestamps and is required for them; ISO and
 * RFC 5424 lines carry their own. Throws RecordError for anything that is not a syslog line.
 */
export function splitSyslogLine(text: string, when: YearContext): SyslogLine {
  // A byte-order mark may precede the first line of a file; a trailing CR ends CRLF files.
  const line = text.replace(/^\uFEFF/, '').replace(/\r$/, '');
  const r5424 = RFC5424_HEAD.exec(line);
  if (r5424 !== null) return rfc5424(r5424, when);
  const iso = ISO_HEAD.exec(line);
  if (iso !== null) return { time: zonedTime(iso[1] ?? '', when), host: iso[2] ?? '', ...splitTag(iso[3] ?? '') };
  const bsd = BSD_HEAD.exec(line);
  if (bsd !== null && Object.hasOwn(MONTHS, bsd[1] ?? '')) {
    return { time: bsdTime(bsd, when, line), host: bsd[7] ?? '', ...splitTag(bsd[8] ?? '') };
  }
  throw new RecordError('not a syslog line: it does not start with a syslog timestamp and host');
}
