/** Runs the case integrity check in its worker, with live progress and cancel. */
import { useApi } from '../api.js';
import { useJob } from '../jobs/useJob.js';
import { JobProgressBar } from './JobProgressBar.js';
import { ErrorAlert } from './ErrorAlert.js';

export function VerifyPanel({ onFinished }: { onFinished: () => void }) {
  const api = useApi();
  const { state, start, cancel } = useJob('case/verify', onFinished);
  return (
    <section aria-labelledby="verify-heading" className="panel">
      <h2 id="verify-heading">Case integrity</h2>
      {state.phase === 'running' ? (
        <JobProgressBar label="Integrity check progress" progress={state.progress} onCancel={cancel} />
      ) : (
        <button type="button" onClick={() => void start(() => api.call('case/verify', null))}>
          Verify case integrity
        </button>
      )}
      {state.phase === 'done' && (
        <p role="status" className={state.value.ok ? 'ok' : 'error'}>
          {state.value.ok
            ? `Verified: database intact, ${state.value.custodyEntries} custody entries chain correctly, ${state.value.events} events all linked to evidence.`
            : `Problems found: integrity ${state.value.integrity.join('; ')}; broken custody entries ${state.value.custodyBroken.join(', ') || 'none'}; orphan events ${state.value.orphanEvents}.`}
        </p>
      )}
      {state.phase === 'failed' && <ErrorAlert message={state.message} />}
    </section>
  );
}
