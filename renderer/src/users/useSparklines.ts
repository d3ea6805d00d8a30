/**
 * Prompt-volume sparklines for the rows on screen only: asked for once scrolling settles, kept
 * for the life of the table, so 100,000 users cost a few hundred small queries at most.
 */
import { useEffect, useRef, useState } from 'react';
import type { TimeBins } from '../../../shared/api/activity.js';
import { useApi } from '../api.js';

/** Wait this long after the last scroll before asking: a fling through the table asks once. */
const SETTLE_MS = 120;
const BINS = 40;

export interface Sparklines {
  range: TimeBins | null;
  /** Counts per bin; undefined while not yet loaded, null when the user has no prompts. */
  of(user: string): number[] | null | undefined;
}

export function useSparklines(visible: readonly string[]): Sparklines {
  const api = useApi();
  const cache = useRef(new Map<string, number[] | null>());
  const [state, setState] = useState<{ range: TimeBins | null; version: number }>({ range: null, version: 0 });
  const wanted = visible.join('\n');

  useEffect(() => {
    const missing = visible.filter((u) => !cache.current.has(u));
    if (missing.length === 0) return;
    const timer = setTimeout(() => {
      api.call('users/sparklines', { users: missing, bins: BINS }).then(
        ({ range, lines }) => {
          for (const u of missing) cache.current.set(u, null);
          for (const line of lines) cache.current.set(line.user, line.counts);
          setState((s) => ({ range, version: s.version + 1 }));
        },
        // A sparkline is a glance aid; the counts beside it are the record.
        () => undefined,
      );
    }, SETTLE_MS);
    return () => clearTimeout(timer);
    // `wanted` stands for the content of `visible`, a new array on every render.
  }, [api, wanted]);

  return { range: state.range, of: (user) => cache.current.get(user) };
}
