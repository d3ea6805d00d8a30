/**
 * Child process of streaming.test.ts: generates a large bundle under a small V8 heap limit and
 * reports its size and peak memory on stdout as JSON. Not a test file itself.
 */
import { generateBundle } from '../../../electron/scenario/bundle.js';

const [outDir, users, days] = process.argv.slice(2);
if (outDir === undefined) throw new Error('usage: stream-child <outDir> <users> <days>');
const result = generateBundle({ seed: 'stream', users: Number(users), days: Number(days), start: '2025-01-06', outDir });
const mem = process.memoryUsage();
process.stdout.write(`${JSON.stringify({ records: result.totalRecords, rss: mem.rss, heapUsed: mem.heapUsed })}\n`);
