/** Starts `pushtrail serve` as a real child process and reads its URL from the first line of stdout. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { TestContext } from 'node:test';
import { REPO_ROOT } from './corpus.js';

export const CLI = join(REPO_ROOT, 'dist', 'electron', 'cli', 'main.js');

export interface Served {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
}

export async function serve(t: TestContext, casePath: string, extraArgs: string[] = []): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve', casePath, '--port', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PUSHTRAIL_ANALYST: 'e2e-analyst' },
  });
  t.after(() => {
    child.kill('SIGTERM');
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in 15 s; stderr: ${stderr}`)), 15000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}; stderr: ${stderr}`)));
  });
  const url = new URL(first);
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  return { url: first, origin: url.origin, token, child };
}
