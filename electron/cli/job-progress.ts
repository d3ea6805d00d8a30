/** Runs a worker job for the CLI: live progress on stderr when it is a terminal, Ctrl+C cancels. */
import type { ApiResult } from '../../shared/api/errors.js';
import type { JobArg, JobKind, JobProgress, JobResultOf } from '../../shared/api/jobs.js';
import { startJob } from '../jobs/runner.js';
import { terminalSafe } from './output.js';

function defaultDescribe(p: JobProgress): string {
  const amount = p.total > 0 ? `${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} ${p.unit}` : `${p.done.toLocaleString('en-US')} ${p.unit}`;
  return `${p.kind}: ${p.phase} ${amount}`;
}

export async function runJobWithProgress<K extends JobKind>(
  kind: K,
  arg: JobArg<K>,
  describe: (p: JobProgress) => string = defaultDescribe,
): Promise<ApiResult<JobResultOf<K>>> {
  const tty = process.stderr.isTTY;
  let lastDraw = 0;
  const job = startJob(kind, arg, (p) => {
    const now = Date.now();
    if (!tty || now - lastDraw < 100) return;
    lastDraw = now;
    process.stderr.write(`\r\x1b[K${terminalSafe(describe(p))}`);
  });
  const cancel = (): void => job.cancel();
  process.once('SIGINT', cancel);
  try {
    return await job.result;
  } finally {
    process.removeListener('SIGINT', cancel);
    if (tty) process.stderr.write('\r\x1b[K');
  }
}
