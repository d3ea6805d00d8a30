/**
 * Temporary space beside a case (`.<case>.scratch/`): copies of nested archives during an
 * import, the copy a verification runs detection on. It is on the case's disk, not in /tmp
 * (a 2.8 GB copy filled a small /tmp), and each process works in a folder named after its
 * host and process id, so what a killed process (kill -9) left is found and removed the next
 * time the case is opened for writing, while another live process's folder is left alone.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, rmSync, rmdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

function scratchRoot(casePath: string): string {
  return join(dirname(casePath), `.${basename(casePath)}.scratch`);
}

/** This host's name as it can stand in a file name. */
function host(): string {
  return hostname().replace(/[^A-Za-z0-9.-]/g, '_') || 'host';
}

/** A folder of this process's own for temporary files of `casePath` (not created: mkdir it when needed). */
export function scratchFolder(casePath: string): string {
  return join(scratchRoot(casePath), `${host()}~${process.pid}~${randomUUID()}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes `folder`, and the scratch space of its case when nothing else is left in it. */
export function removeScratch(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
  try {
    rmdirSync(dirname(folder));
  } catch {
    // Another process's folder is still there, or the space was never made.
  }
}

/** Removes what processes of this host that no longer run left in the case's scratch space. */
export function clearStaleScratch(casePath: string): void {
  const root = scratchRoot(casePath);
  if (!existsSync(root)) return;
  for (const name of readdirSync(root)) {
    const [owner, pid] = name.split('~');
    if (owner === host() && pid !== undefined && /^\d+$/.test(pid) && alive(Number(pid))) continue;
    if (owner !== host() && pid !== undefined) continue;
    rmSync(join(root, name), { recursive: true, force: true });
  }
  try {
    rmdirSync(root);
  } catch {
    // Still in use.
  }
}
