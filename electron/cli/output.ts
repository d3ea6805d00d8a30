/**
 * How the CLI writes results and errors: text for people, `--json` for scripts.
 *
 * Text for people carries log content (user names, cities, file names) that an attacker
 * controls; raw, an ESC sequence in it could clear the screen, retitle the window or plant a
 * hyperlink, a bidi override could reorder what the analyst reads. So every human-readable
 * line goes through `terminalSafe`, which shows such characters instead of sending them.
 * `--json` output is exact: JSON escapes control characters itself.
 */
import type { ApiError } from '../../shared/api/errors.js';

/**
 * C0 controls (including newline and tab: inside one line of output they can only be content),
 * DEL, C1 controls, and the Unicode characters that change the display order or break lines.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function shown(c: string): string {
  const code = c.charCodeAt(0);
  // C0 and DEL have a visible picture in Unicode's Control Pictures block (ESC is ␛).
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of text with every control, line-breaking or reordering character made visible. */
export function terminalSafe(line: string): string {
  return line.replace(UNSAFE, shown);
}

/** Human-readable output: each entry is one line, made safe for a terminal. */
export function printLines(lines: readonly string[], stream: NodeJS.WriteStream = process.stdout): void {
  stream.write(`${lines.map(terminalSafe).join('\n')}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printError(error: ApiError, json: boolean): void {
  if (json) process.stderr.write(`${JSON.stringify({ error })}\n`);
  else printLines([`pushtrail: ${error.message}`], process.stderr);
}

/** A UTC timestamp as people read it, with its zone. */
export function utc(ms: number): string {
  return `${new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '')} UTC`;
}
