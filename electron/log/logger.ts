/**
 * A small structured logger: one JSON object per line (time, level, component, message, fields,
 * and an error with its stack). Log lines may carry attacker-controlled text (user names, file
 * names), so they are only ever written as JSON, with every control character and bidi override
 * escaped, never as terminal or HTML text.
 *
 * Where lines go: the file named by PUSHTRAIL_LOG_FILE (the desktop app sets it, and worker
 * threads inherit it through the environment), else stderr (CLI, `pushtrail serve`).
 * PUSHTRAIL_LOG sets the lowest level written (debug, info, warn, error; default info).
 */
import { appendFileSync } from 'node:fs';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields, err?: unknown): void;
  error(message: string, fields?: LogFields, err?: unknown): void;
}

/** A sink receives whole lines; tests swap it to read what was logged. */
export type LogSink = (line: string) => void;

let sink: LogSink | null = null;

export function setLogSink(next: LogSink | null): void {
  sink = next;
}

function defaultSink(line: string): void {
  const file = process.env['PUSHTRAIL_LOG_FILE'];
  if (file !== undefined && file !== '') {
    try {
      appendFileSync(file, line, { mode: 0o600 });
      return;
    } catch {
      // A log file that cannot be written must not take the tool down: fall back to stderr.
    }
  }
  process.stderr.write(line);
}

function threshold(): number {
  const wanted = process.env['PUSHTRAIL_LOG'];
  const index = LOG_LEVELS.indexOf(wanted as LogLevel);
  return index === -1 ? LOG_LEVELS.indexOf('info') : index;
}

/** C0 and C1 controls, DEL, and the bidi marks and overrides that reorder a line on screen. */
const UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** JSON escapes C0 controls itself; the rest are escaped here so no terminal acts on them. */
export function logLine(entry: Record<string, unknown>): string {
  return JSON.stringify(entry).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n';
}

function errorData(err: unknown): Record<string, unknown> {
  if (err instanceof Error) {
    const kind = (err as { kind?: unknown }).kind;
    return { name: err.name, message: err.message, ...(typeof kind === 'string' ? { kind } : {}), stack: err.stack ?? null };
  }
  return { message: String(err) };
}

export function createLogger(component: string): Logger {
  const write = (level: LogLevel, message: string, fields?: LogFields, err?: unknown): void => {
    if (LOG_LEVELS.indexOf(level) < threshold()) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, component, message };
    if (fields !== undefined) entry['fields'] = fields;
    if (err !== undefined) entry['error'] = errorData(err);
    (sink ?? defaultSink)(logLine(entry));
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields, err) => write('warn', message, fields, err),
    error: (message, fields, err) => write('error', message, fields, err),
  };
}
