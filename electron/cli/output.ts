/** How the CLI writes results and errors: text for people, `--json` for scripts. */
import type { ApiError } from '../../shared/api/errors.js';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printError(error: ApiError, json: boolean): void {
  if (json) process.stderr.write(`${JSON.stringify({ error })}\n`);
  else process.stderr.write(`pushtrail: ${error.message}\n`);
}

/** A UTC timestamp as people read it, with its zone. */
export function utc(ms: number): string {
  return `${new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '')} UTC`;
}
