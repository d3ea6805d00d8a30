/** Runs the case integrity check in its worker, with live progress and cancel. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobFinished } from '../../../shared/api/contract.js';
import type { JobProgress, VerifyReport } from '../../../shared/api/jobs.js';
import { messageOf, useApi } from '../api.js';

type State =
  | { phase: 'idle' }
  | { phase: 'running'; jobId: string; progress: JobProgress | null }
  | { phase: 'done'; report: VerifyReport }
  | { phase: 'failed'; message: string };

export function VerifyPanel({ onFinished }: { onFinished: () => void }) {
  const api = useApi();
  const [state, setState] = useState<State>({ phase: 'idle' });
  const currentJob = useRef<string | null>(null);
  // A fast job can finish before the call that started it has returned its id.
  const earlyFinishes = useRef(new Map<string, JobFinished>());

  const finish = useCallback(
    (f: JobFinished) => {
      if (f.kind !== 'case/verify') return;
      currentJob.current = null;
      if (f.outcome.ok) setState({ phase: 'done', report: f.outcome.value });
      else setState({ phase: 'failed', message: f.outcome.error.message });
      onFinished();
    },
    [onFinished],
  );

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

  const start = async (): Promise<void> => {
    try {
      const { jobId } = await api.call('case/verify', null);
      const early = earlyFinishes.current.get(jobId);
      if (early !== undefined) {
        earlyFinishes.current.delete(jobId);
        finish(early);
        return;
      }
      currentJob.current = jobId;
      setState({ phase: 'running', jobId, progress: null });
    } catch (err) {
      setState({ phase: 'failed', message: messageOf(err) });
    }
  };

  return (
    <section aria-labelledby="verify-heading" className="panel">
      <h2 id="verify-heading">Case integrity</h2>
      {state.phase === 'running' ? (
        <div>
          <progress aria-label="Integrity check progress" max={state.progress?.total || 1} value={state.progress?.done ?? 0} />
          <span className="muted"> {state.progress?.phase ?? 'starting'}</span>{' '}
          <button type="button" onClick={() => void api.call('job/cancel', { jobId: state.jobId })}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => void start()}>
          Verify case integrity
        </button>
      )}
      {state.phase === 'done' && (
        <p role="status" className={state.report.ok ? 'ok' : 'error'}>
          {state.report.ok
            ? `Verified: database intact, ${state.report.custodyEntries} custody entries chain correctly, ${state.report.events} events all linked to evidence.`
            : `Problems found: integrity ${state.report.integrity.join('; ')}; broken custody entries ${state.report.custodyBroken.join(', ') || 'none'}; orphan events ${state.report.orphanEvents}.`}
        </p>
      )}
      {state.phase === 'failed' && (
        <p role="alert" className="error">
          {state.message}
        </p>
      )}
    </section>
  );
}
