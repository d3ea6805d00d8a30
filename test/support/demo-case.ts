/** The recorded demo incident built by the real CLI into a fresh folder, for tests that need a ready case. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { CLI } from './serve.js';
import { tempDir } from './temp.js';

export interface DemoCase {
  dir: string;
  casePath: string;
}

/** Skips the demo's PDF report (seconds of Chromium printing) unless the test is about it. */
export function demoCase(t: TestContext): DemoCase {
  const dir = tempDir(t);
  const demo = spawnSync(process.execPath, [CLI, 'demo', '--out', dir, '--no-report'], { encoding: 'utf8' });
  assert.equal(demo.status, 0, demo.stderr);
  return { dir, casePath: join(dir, 'demo-incident.pushtrail') };
}
