/** Runs the detection engine in its worker, with live progress, and summarises the result. */
import { useApi } from '../api.js';
import { useJob } from '../jobs/useJob.js';
import { JobProgressBar } from './JobProgressBar.js';
import { ErrorAlert } from './ErrorAlert.js';

export function DetectPanel({ onFinished }: { onFinished: () => void }) {
  const api = useApi();
  const { state, start, cancel } = useJob('detect', onFinished);
  return (
    <section aria-labelledby="detect-heading" className="panel">
      <h2 id="detect-heading">Detection</h2>
      {state.phase === 'running' ? (
        <JobProgressBar label="Detection progress" progress={state.progress} onCancel={cancel} />
      ) : (
        <button type="button" onClick={() => void start(() => api.call('detect/run', null))}>
          Run detection
        </button>
      )}
      {state.phase === 'done' && (
        <p role="status">
          {`${state.value.findings} findings over ${state.value.events.toLocaleString('en-US')} events: ` +
            `${state.value.verdicts.compromised} compromised, ${state.value.verdicts.attacked} attacked, ` +
            `${state.value.verdicts.suspicious} suspicious users (engine ${state.value.engineVersion}).`}
        </p>
      )}
      {state.phase === 'failed' && <ErrorAlert message={state.message} />}
    </section>
  );
}
