/** How the playhead moves: the keys, the commands and where each command lands. */
/** Index of the first element of the sorted `values` that is >= `x`. */
export function lowerBound(values: ArrayLike<number>, x: number, lo = 0, hi = values.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] ?? Infinity) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export type StepCommand = 'first' | 'prevFinding' | 'prevEvent' | 'nextEvent' | 'nextFinding' | 'last';

/**
 * Where the playhead goes for a command. Stepping past either end, or to a finding that does
 * not exist, leaves it where it is. Returns -1 only when there are no events.
 */
export function step(command: StepCommand, current: number, count: number, starts: readonly number[]): number {
  if (count <= 0) return -1;
  const at = Math.min(Math.max(current, 0), count - 1);
  switch (command) {
    case 'first':
      return 0;
    case 'last':
      return count - 1;
    case 'prevEvent':
      return Math.max(at - 1, 0);
    case 'nextEvent':
      return Math.min(at + 1, count - 1);
    case 'nextFinding': {
      const i = lowerBound(starts, at + 1);
      return starts[i] ?? at;
    }
    case 'prevFinding': {
      const i = lowerBound(starts, at) - 1;
      return i >= 0 ? (starts[i] ?? at) : at;
    }
  }
}

/** Whether a command can move the playhead from here (drives aria-disabled). */
export function canStep(command: StepCommand, current: number, count: number, starts: readonly number[]): boolean {
  return count > 0 && step(command, current, count, starts) !== current;
}

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** ← / → events, Shift+← / Shift+→ findings, Home / End. Other modifiers are left to the system. */
export function keyToCommand(k: KeyPress): StepCommand | null {
  if (k.altKey || k.ctrlKey || k.metaKey) return null;
  switch (k.key) {
    case 'ArrowLeft':
      return k.shiftKey ? 'prevFinding' : 'prevEvent';
    case 'ArrowRight':
      return k.shiftKey ? 'nextFinding' : 'nextEvent';
    case 'Home':
      return k.shiftKey ? null : 'first';
    case 'End':
      return k.shiftKey ? null : 'last';
    default:
      return null;
  }
}
