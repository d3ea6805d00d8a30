/** The machine's load average, printed beside benchmark figures: other work on the machine moves every one of them. */
import { loadavg } from 'node:os';

export function loadAverage(): string {
  return `load average ${loadavg().map((x) => x.toFixed(2)).join(', ')}`;
}
