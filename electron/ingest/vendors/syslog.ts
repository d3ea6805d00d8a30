/**
 * Linux syslog (auth.log / secure / journal text), docs/log-sources.md §8: sshd authentication lines,
 * Duo Unix (pam_duo, login_duo), the Google Authenticator PAM module, and pam_unix / sudo /
 * sshd pre-authentication lines (syslog-pam.ts). Every other line of
 * the file (cron, kernel, sudo, …) is kept as outcome 'other' named after its tag, so a case
 * holds the whole file as evidence.
 *
 * Timestamps: see syslog-line.ts — classic lines need the year from the context and are read
 * as UTC; ISO/RFC 5424 lines carry year and zone.
 */
import type { AuthEvent, Factor, Outcome } from '../../../shared/model/event.js';
import { RecordError, type ParseContext, type SourceRecord, type VendorParser } from '../parser.js';
import { ipAddress, joinParts } from './fields.js';
import { looksLikeSyslogLine, splitSyslogLine, type SyslogLine } from './syslog-line.js';
import { looksLikePfLine } from './pingfederate-lines.js';
import { mostRecordsMatch } from './sniff.js';
import { PAM_MAPPERS, type Mapper, type Meaning } from './syslog-pam.js';
import { userFields } from './vendor-kit.js';

// ---------------------------------------------------------------------------------------
// sshd (OpenSSH auth.c: "%s %s%s%s for %s%.100s from %.200s port %d ssh2%s%s")

/** OpenSSH 9.8 moved authentication into `sshd-session`; older versions log as `sshd`. */
const SSHD_PROGRAMS = /^sshd(?:-session|-auth)?$/;
/**
 * Greedy user so that the last " from <addr> port <n>" wins: user names are client-chosen
 * and may themselves contain " from … port …".
 */
const SSHD_AUTH = /^(Accepted|Failed|Partial|Postponed) (\S+) for (invalid user )?(.*) from (\S+) port (\d+)(?: ssh\d)?(?:: (.*?))?( \[preauth\])?$/s;

/**
 * Accepted/Failed are primary-authentication results. Partial means this method succeeded
 * but more are required (`AuthenticationMethods publickey,keyboard-interactive`): the MFA
 * interrupt, mfa_required. Postponed means a keyboard-interactive/PAM prompt went to the
 * client and sshd waits for the answer; the prompt may be a password or a Duo/TOTP prompt,
 * so it is not claimed as a challenge_sent and stays 'other'.
 */
const SSHD_OUTCOMES: Readonly<Record<string, Outcome>> = {
  Accepted: 'auth_success',
  Failed: 'auth_failure',
  Partial: 'mfa_required',
  Postponed: 'other',
};

/**
 * Longest message each mapper looks at. sshd truncates user (100) and host (200) in these
 * lines and duo_log formats into a 512-byte buffer, so genuine lines are far shorter; the
 * caps bound the backtracking patterns' work on hostile multi-megabyte lines.
 */
const SSHD_MAX = 2048;
const DUO_MAX = 1024;

const sshdAuth: Mapper = (line) => {
  if (!SSHD_PROGRAMS.test(line.program) || line.message.length > SSHD_MAX) return undefined;
  const m = SSHD_AUTH.exec(line.message);
  if (m === null) return undefined;
  const [, verdict = '', method = '', invalid, user = '', from, , extra] = m;
  const meaning: Meaning = {
    outcome: SSHD_OUTCOMES[verdict] ?? 'other',
    vendorEvent: `${verdict} ${method}`,
    user,
  };
  if (from !== undefined) meaning.from = from;
  if (method === 'password') meaning.factor = 'password';
  const reason = joinParts([invalid === undefined ? undefined : 'invalid user', extra], '; ');
  if (reason !== undefined) meaning.reason = reason;
  return meaning;
};

// ---------------------------------------------------------------------------------------
// Duo Unix (lib/util.c duo_log: "<msg>[ for '<user>'][ from <host>][: <err>]")

type DuoHead =
  | 'Successful Duo login'
  | 'Failed Duo login'
  | 'Skipped Duo login'
  | 'Aborted Duo login'
  | 'Failsafe Duo login'
  | 'Failsecure Duo login'
  | 'Error in Duo login';

/**
 * Factor named in Duo's error/status text, if any. pam_duo does not log which factor the
 * user picked, so push is assumed otherwise (the module's default and autopush factor).
 */
function duoFactor(err: string | undefined): Factor {
  if (err === undefined) return 'push';
  if (/passcode/i.test(err)) return 'passcode';
  if (/\bsms\b/i.test(err)) return 'sms';
  if (/phone call|voice/i.test(err)) return 'voice';
  return 'push';
}

/**
 * Outcome per duo_log message (pam_duo.c / login_duo.c):
 * - Successful: the auth call returned allow -> approved.
 * - Failed: deny, logged once per prompt attempt; a plain deny has no error text -> denied;
 *   "Authentication timed out" (20 unanswered status polls) -> timeout; any other error -> failed_other.
 * - Skipped: preauth said "allow" without prompting (bypass status, remembered device,
 *   policy); PAM_SUCCESS, so the MFA gate was passed without MFA: approved with factor
 *   bypass (remembered when Duo's status text says so). Counted as an approval so that
 *   "burst then allowed" patterns see it; the factor keeps it apart from a real push.
 * - Failsafe: Duo unreachable and failmode=safe let the user in -> approved, factor bypass.
 * - Failsecure: Duo unreachable and failmode=secure refused -> failed_other.
 * - Aborted: preauth deny (locked out, policy), enrolment required, user aborted the
 *   prompt, HTTP 4xx -> failed_other. Error: any other error -> failed_other.
 */
const DUO_OUTCOMES: Readonly<Record<DuoHead, (err: string | undefined) => { outcome: Outcome; factor: Factor }>> = {
  'Successful Duo login': (err) => ({ outcome: 'approved', factor: duoFactor(err) }),
  'Failed Duo login': (err) => {
    if (err === undefined) return { outcome: 'denied', factor: 'push' };
    if (/timed out/i.test(err)) return { outcome: 'timeout', factor: duoFactor(err) };
    return { outcome: 'failed_other', factor: duoFactor(err) };
  },
  'Skipped Duo login': (err) => ({ outcome: 'approved', factor: /remember/i.test(err ?? '') ? 'remembered' : 'bypass' }),
  'Failsafe Duo login': () => ({ outcome: 'approved', factor: 'bypass' }),
  'Failsecure Duo login': () => ({ outcome: 'failed_other', factor: 'unknown' }),
  'Aborted Duo login': (err) => ({ outcome: 'failed_other', factor: duoFactor(err) }),
  'Error in Duo login': () => ({ outcome: 'failed_other', factor: 'unknown' }),
};

const DUO_LINE = new RegExp(`^(${Object.keys(DUO_OUTCOMES).join('|')})(.*)$`, 's');
/** The suffix after the message head; the quoted user ends at the quote followed by " from ", ": " or the end. */
const DUO_SUFFIX = /^(?: for '(.*?)'(?=$| from |: ))?(?: from (\S+?))?(?:: (.*))?$/s;

const duoLogin: Mapper = (line) => {
  if (line.message.length > DUO_MAX) return undefined;
  const head = DUO_LINE.exec(line.message);
  if (head === null) return undefined;
  const name = head[1] as DuoHead;
  const suffix = DUO_SUFFIX.exec(head[2] ?? '');
  const err = suffix?.[3];
  const { outcome, factor } = DUO_OUTCOMES[name](err);
  const meaning: Meaning = { outcome, factor, vendorEvent: name };
  if (suffix?.[1] !== undefined) meaning.user = suffix[1];
  if (suffix?.[2] !== undefined) meaning.from = suffix[2];
  if (err !== undefined) meaning.reason = err;
  else if (suffix === null && head[2] !== undefined && head[2] !== '') meaning.reason = head[2];
  return meaning;
};

/**
 * "User <u> bypassed Duo 2FA due to user's UNIX group": the user is outside the configured
 * Duo groups, so Duo is not asked at all. That is configuration, not an MFA decision made at
 * login time, so it stays 'other' (factor bypass keeps it searchable) rather than inflating
 * approvals for users who never had Duo.
 */
const DUO_GROUP_BYPASS = /^User (.*) bypassed Duo 2FA due to user's UNIX group$/s;

const duoGroupBypass: Mapper = (line) => {
  if (line.message.length > DUO_MAX) return undefined;
  const m = DUO_GROUP_BYPASS.exec(line.message);
  if (m === null) return undefined;
  return { outcome: 'other', factor: 'bypass', vendorEvent: 'bypassed Duo 2FA due to UNIX group', user: m[1] ?? '' };
};

// ---------------------------------------------------------------------------------------
// Google Authenticator PAM (src/pam_google_authenticator.c)

/**
 * - Invalid verification code -> failed_other (a wrong TOTP code; feeds code-guessing rules).
 * - Accepted google_authenticator -> approved.
 * - Did not receive verification code from user: the PAM conversation returned no code (the
 *   user sent nothing or the client dropped the prompt). TOTP prompts do not expire inside
 *   the module — sshd's LoginGraceTime ends such sessions — so this is not a prompt timeout
 *   in the push sense: failed_other.
 * - Too many concurrent login attempts: the module refused to check -> failed_other.
 * - No secret configured …, asking for code anyway: configuration notice -> other.
 */
const GA_MESSAGES: ReadonlyArray<readonly [RegExp, string, Outcome]> = [
  [/^Invalid verification code for (.*)$/s, 'Invalid verification code', 'failed_other'],
  [/^Accepted google_authenticator for (.*)$/s, 'Accepted google_authenticator', 'approved'],
  [/^Did not receive verification code from user$/, 'Did not receive verification code', 'failed_other'],
  [/^Too many concurrent login attempts/, 'Too many concurrent login attempts', 'failed_other'],
  [/^No secret configured for user (.*), asking for code anyway\.$/s, 'No secret configured', 'other'],
];

const googleAuthenticator: Mapper = (line) => {
  for (const [pattern, vendorEvent, outcome] of GA_MESSAGES) {
    const m = pattern.exec(line.message);
    if (m === null) continue;
    const meaning: Meaning = { outcome, vendorEvent, factor: 'totp' };
    if (m[1] !== undefined) meaning.user = m[1];
    return meaning;
  }
  // Any other line of the module (file errors, …) is still about TOTP.
  if (/\(pam_google_auth/.test(line.tag)) return { outcome: 'other', vendorEvent: line.tag, factor: 'totp', reason: line.message };
  return undefined;
};

const MAPPERS: readonly Mapper[] = [sshdAuth, duoLogin, duoGroupBypass, googleAuthenticator, ...PAM_MAPPERS];

// ---------------------------------------------------------------------------------------
// Parser

/** Lines nobody here maps keep their tag as the event name and the message as the reason. */
function unmapped(line: SyslogLine): Meaning {
  return { outcome: 'other', vendorEvent: line.program || line.tag || 'syslog', reason: line.message };
}

function toEvent(line: SyslogLine, meaning: Meaning): AuthEvent {
  const event: AuthEvent = {
    time: line.time,
    vendor: 'syslog',
    ...userFields(meaning.user),
    outcome: meaning.outcome,
    vendorEvent: meaning.vendorEvent,
  };
  if (meaning.factor !== undefined) event.factor = meaning.factor;
  const ip = ipAddress(meaning.from);
  if (ip !== undefined) event.source = { ip };
  if (line.program !== '') event.app = line.program;
  // sshd runs PAM (and so pam_duo / google-authenticator) in the process that logs the
  // Accepted/Partial lines: host + program + pid links the steps of one sign-in. PIDs are
  // reused over time; rules correlate within short windows.
  if (line.pid !== undefined && line.program !== '') event.sessionId = `${line.host} ${line.program}[${line.pid}]`;
  if (meaning.reason !== undefined) event.reason = meaning.reason;
  // No vendorUid: syslog has none, and the importer hashes the line content.
  return event;
}

/** JSON and CSV exports are other formats even when a field holds a syslog line. */
function isSyslogText(text: string): boolean {
  const t = text.trimStart();
  if (t.startsWith('{') || t.startsWith('[') || t.startsWith('"')) return false;
  return looksLikeSyslogLine(text.replace(/^\uFEFF/, ''));
}

/** The event of one split line: the first mapper that recognises its message decides its meaning. */
export function syslogEvent(line: SyslogLine): AuthEvent {
  let meaning: Meaning | undefined;
  for (const mapper of MAPPERS) {
    meaning = mapper(line);
    if (meaning !== undefined) break;
  }
  return toEvent(line, meaning ?? unmapped(line));
}

export const syslogParser: VendorParser = {
  id: 'syslog',
  title: 'Linux syslog (sshd, PAM, sudo, pam_duo, Google Authenticator PAM)',
  input: 'text',
  sniff: (sample) => mostRecordsMatch(sample, (r) => isSyslogText(r.text)),
  parse(record: SourceRecord, ctx: ParseContext): AuthEvent[] {
    // A syslog relay carries PingFederate's audit lines (CEF) beside the hosts' own: those are
    // their own format, and rejecting them here has the importer hand them to its parser.
    if (looksLikePfLine(record.text)) throw new RecordError('a PingFederate audit line, not a Linux authentication line');
    return [syslogEvent(splitSyslogLine(record.text, ctx))];
  },
};
