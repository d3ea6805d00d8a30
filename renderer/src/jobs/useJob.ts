/** Tracks one kind of worker job from the UI: start, live progress, cancel, outcome. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobFinished, JobStarted } from '../../../shared/api/contract.js';
import type { JobKind, JobProgress, JobResultOf } from '../../../shared/api/jobs.js';
import { messageOf, useApi } from '../api.js';

export type JobState<K extends JobKind> =
  | { phase: 'idle' }
  | { phase: 'running'; jobId: string; progress: JobProgress | null }
  | { phase: 'done'; value: JobResultOf<K> }
  | { phase: 'failed'; message: string; kind: string };

export function useJob<K extends JobKind>(kind: K, onFinished?: (finished: JobFinished) => void) {
  const api = useApi();
  const [state, setState] = useState<JobState<K>>({ phase: 'idle' });
  const currentJob = useRef<string | null>(null);
  // A fast job can finish before the call that started it has returned its id.
  const earlyFinishes = useRef(new Map<string, JobFinished>());
  const finishedRef = useRef(onFinished);
  finishedRef.current = onFinished;

  const finish = useCallback((f: JobFinished) => {
    if (f.kind !== kind) return;
    currentJob.current = null;
    if (f.outcome.ok) setState({ phase: 'done', value: f.outcome.value });
    else setState({ phase: 'failed', message: f.outcome.error.message, kind: f.outcome.error.kind });
    finishedRef.current?.(f);
  }, [kind]);

  useEffect(() => {
    const offProgress = api.on('job/progress', (p) => {
      if (p.jobId === currentJob.current) setState({ phase: 'running', jobId: p.jobId, progress: p });
    });
    const offDone = api.on('job/finished', (f) => {
      if (f.jobId === currentJob.current) finish(f);
      else earlyFinishes.current.set(f.jobId, f);
    });
    return () => {
      offProgress();
      offDone();
    };
  }, [api, finish]);

  const start = useCallback(
    async (call: () => Promise<JobStarted>): Promise<void> => {
      try {
        const { jobId } = await call();
        const early = earlyFinishes.current.get(jobId);
        if (early !== undefined) {
          earlyFinishes.current.delete(jobId);
          finish(early);
          return;
        }
        currentJob.current = jobId;
        setState({ phase: 'running', jobId, progress: null });
      } catch (err) {
        setState({ phase: 'failed', message: messageOf(err), kind: 'internal' });
      }
    },
    [finish],
  );

  const cancel = useCallback(() => {
    if (currentJob.current !== null) void api.call('job/cancel', { jobId: currentJob.current });
  }, [api]);

  return { state, start, cancel };
}
