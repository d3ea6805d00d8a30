/**
 * Runs the case integrity check in its worker, with live progress and cancel: the custody
 * chain and its signatures, the content digest against the last sealed one, detection run
 * again on a copy. Every problem is listed as the check names it (table, rows, entry).
 */
import type { VerifyReport } from '../../../shared/api/jobs.js';
import { useApi } from '../api.js';
import { useJob } from '../jobs/useJob.js';
import { JobProgressBar } from './JobProgressBar.js';
import { ErrorAlert } from './ErrorAlert.js';

function Verified({ report }: { report: VerifyReport }) {
  const own = report.keys.find((k) => k.thisInstallation && k.entries > 0);
  return (
    <p role="status" className="ok">
      Verified: database intact; {report.custodyEntries} custody entries chain correctly and are signed
      {own === undefined ? '' : ` by this installation's key ${own.fingerprint.slice(0, 16)}…`}; the content (digest{' '}
      <span className="mono">{report.content.digest.slice(0, 16)}…</span>) is as custody entry #{report.content.sealedSeq} sealed it;{' '}
      {report.events} events all linked to evidence
      {report.detection === null ? '' : `; detection run again finds the same ${report.detection.findings} findings`}.
    </p>
  );
}

function Problems({ report }: { report: VerifyReport }) {
  return (
    <div role="status" className="error">
      <p>{report.problems.length === 1 ? 'One problem found:' : `${report.problems.length} problems found:`}</p>
      <ul>
        {report.problems.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </ul>
    </div>
  );
}

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
      {state.phase === 'done' && (state.value.ok ? <Verified report={state.value} /> : <Problems report={state.value} />)}
      {state.phase === 'failed' && <ErrorAlert message={state.message} />}
    </section>
  );
}
