/**
 * Linux authentication lines written around sshd's own Accepted/Failed lines: pam_unix (both
 * the `pam_unix(<service>:<type>): …` form of Linux-PAM ≥ 0.99 and the older
 * `<service>(pam_unix)[pid]: …` tag), sshd's pre-authentication lines about unknown users and
 * dropped connections, and sudo's own log lines. Each names the user and, where the line has
 * one, the remote address, so that these lines stop importing as nameless 'other' events.
 *
 * Formats: Linux-PAM modules/pam_unix/support.c (`authentication failure; logname=%s uid=%d
 * euid=%d tty=%s ruser=%s rhost=%s [user=%s]`), OpenSSH auth.c / sshd.c / packet.c, sudo's
 * logging.c (`user : [reason ; ]TTY=… ; PWD=… ; USER=… ; COMMAND=…`).
 */
import type { Factor, Outcome } from '../../../shared/model/event.js';
import type { SyslogLine } from './syslog-line.js';

/** What a recognised message says; the line supplies time, host and tag. */
export interface Meaning {
  outcome: Outcome;
  vendorEvent: string;
  factor?: Factor;
  user?: string;
  /** Remote address or host name as logged; only an IP address becomes `source.ip`. */
  from?: string;
  reason?: string;
}

export type Mapper = (line: SyslogLine) => Meaning | undefined;

/** Longest message these mappers look at: genuine lines are far shorter; the cap bounds hostile ones. */
const PAM_MAX = 2048;

/** `pam_unix(sshd:auth): <rest>` (new form) or `<rest>` under a `<service>(pam_unix)` tag (old form). */
const PAM_PREFIX = /^pam_unix\(([^:)]*):(\w+)\): (.*)$/s;

interface PamMessage {
  service: string;
  /** The PAM management group: auth, account, session, password; '' for the old form. */
  group: string;
  text: string;
}

function pamMessage(line: SyslogLine): PamMessage | undefined {
  if (line.message.length > PAM_MAX) return undefined;
  const m = PAM_PREFIX.exec(line.message);
  if (m !== null) return { service: m[1] ?? '', group: m[2] ?? '', text: m[3] ?? '' };
  if (line.tag.endsWith('(pam_unix)')) return { service: line.program, group: '', text: line.message };
  return undefined;
}

/** `key=value` pairs of a pam_unix failure line; values may be empty (`ruser= rhost=`). */
function pamFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const m of text.matchAll(/(?:^|\s)(logname|uid|euid|tty|ruser|rhost|user)=(\S*)/g)) fields.set(m[1] ?? '', m[2] ?? '');
  return fields;
}

/**
 * - `authentication failure; … rhost=… user=…`: the password (or other pam_unix secret) was
 *   wrong -> auth_failure with factor password. `user=` is the account being authenticated
 *   (for sudo, the invoking user); rhost is empty for local logins.
 * - `N more authentication failures; …`: a count summarising failures already logged one by
 *   one -> other (not counted again), with user and address.
 * - `check pass; user unknown`: the account does not exist -> auth_failure, no user.
 * - `session opened for user X by …` (old form) -> session_start.
 */
const pamUnix: Mapper = (line) => {
  const pam = pamMessage(line);
  if (pam === undefined) return undefined;
  const failure = /^(?:(\d+) more )?authentication failures?;(.*)$/s.exec(pam.text);
  if (failure !== null) {
    const fields = pamFields(failure[2] ?? '');
    const meaning: Meaning = {
      outcome: failure[1] === undefined ? 'auth_failure' : 'other',
      vendorEvent: failure[1] === undefined ? 'pam_unix authentication failure' : 'pam_unix more authentication failures',
      factor: 'password',
      user: fields.get('user') ?? '',
    };
    const rhost = fields.get('rhost');
    if (rhost !== undefined && rhost !== '') meaning.from = rhost;
    const ruser = fields.get('ruser');
    meaning.reason = ruser !== undefined && ruser !== '' ? `service ${pam.service}; ruser ${ruser}` : `service ${pam.service}`;
    return meaning;
  }
  if (/^check pass; user unknown$/.test(pam.text)) {
    return { outcome: 'auth_failure', vendorEvent: 'pam_unix user unknown', factor: 'password', reason: `service ${pam.service}` };
  }
  const session = /^session opened for user (.+?)(?:\(uid=\d+\))? by /s.exec(pam.text);
  if (session !== null && (pam.group === 'session' || pam.group === '')) {
    return { outcome: 'session_start', vendorEvent: 'session opened', user: session[1] ?? '' };
  }
  return undefined;
};

const SSHD_PROGRAMS = /^sshd(?:-session|-auth)?$/;

/**
 * `Invalid user X from IP[ port N]` (OpenSSH auth.c, the port since 7.5): a sign-in attempt
 * for an account that does not exist -> auth_failure, reason "invalid user". The name is the
 * client's and may hold spaces, so the last " from " ends it.
 */
const INVALID_USER = /^Invalid user (.*) from (\S+)(?: port \d+)?$/s;

/** Connection ends that name the user being tried, before or after authentication -> other. */
const SSHD_CLOSED = /^(Connection closed by|Disconnected from|Received disconnect from|Connection reset by) (?:(authenticating|invalid) )?user (.*) (\S+) port \d+(?::.*)?(?: \[preauth\])?$/s;

const sshdUsers: Mapper = (line) => {
  if (!SSHD_PROGRAMS.test(line.program) || line.message.length > PAM_MAX) return undefined;
  const invalid = INVALID_USER.exec(line.message);
  if (invalid !== null) {
    return { outcome: 'auth_failure', vendorEvent: 'Invalid user', user: invalid[1] ?? '', from: invalid[2] ?? '', reason: 'invalid user' };
  }
  const closed = SSHD_CLOSED.exec(line.message);
  if (closed === null) return undefined;
  const meaning: Meaning = { outcome: 'other', vendorEvent: closed[1] ?? '', user: closed[3] ?? '', from: closed[4] ?? '' };
  if (closed[2] !== undefined) meaning.reason = `${closed[2]} user`;
  return meaning;
};

/**
 * sudo: `user : [N incorrect password attempts ; | reason ; ]TTY=… ; PWD=… ; USER=target ;
 * COMMAND=…`. Incorrect passwords -> auth_failure (factor password); any other reason
 * (user NOT in sudoers, …) is a refusal after authentication -> other with that reason; a
 * plain command line -> other. The user is the one who ran sudo.
 */
const SUDO_LINE = /^\s*(\S+) : (?:(.*?) ; )?TTY=.*? ; PWD=.*? ; USER=(\S+) ; /s;

const sudo: Mapper = (line) => {
  if (line.program !== 'sudo' || line.message.length > PAM_MAX) return undefined;
  const m = SUDO_LINE.exec(line.message);
  if (m === null) return undefined;
  const [, user = '', why, target = ''] = m;
  if (why !== undefined && /incorrect password attempts?$/.test(why)) {
    return { outcome: 'auth_failure', vendorEvent: 'sudo incorrect password', factor: 'password', user, reason: `${why}; target ${target}` };
  }
  return { outcome: 'other', vendorEvent: why === undefined ? 'sudo command' : 'sudo refused', user, reason: joinWhy(why, target) };
};

function joinWhy(why: string | undefined, target: string): string {
  return why === undefined ? `target ${target}` : `${why}; target ${target}`;
}

/** In the order the parser tries them, after sshd's Accepted/Failed lines and the MFA modules. */
export const PAM_MAPPERS: readonly Mapper[] = [pamUnix, sshdUsers, sudo];
