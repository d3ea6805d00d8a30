/**
 * Says, on every screen, when evidence was imported after detection last ran: the findings,
 * verdicts and report then describe less than the case holds until detection runs again.
 */
import type { AnalysisState } from '../../../shared/model/case.js';
import { useApi } from '../api.js';
import { useJob } from '../jobs/useJob.js';
import { ErrorAlert } from './ErrorAlert.js';
import { JobProgressBar } from './JobProgressBar.js';

const plural = (n: number, one: string): string => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

export function StaleFindings({ analysis }: { analysis: AnalysisState }) {
  const api = useApi();
  // The new case info (and with it this banner's state) arrives with the job's 'case/changed'.
  const { state, start, cancel } = useJob('detect');
  if (analysis.newFiles === 0) return null;
  const what = `${plural(analysis.newFiles, 'evidence file')} (${plural(analysis.newEvents, 'event')})`;
  return (
    <section className="stale-findings" role="region" aria-label="Findings out of date">
      <p>
        <strong>Findings are out of date:</strong>{' '}
        {analysis.lastRunAt === null ? `${what} imported, and detection has not run yet.` : `${what} imported since detection last ran; findings, verdicts and the report do not include them.`}
      </p>
      {state.phase === 'running' ? (
        <JobProgressBar label="Detection progress" progress={state.progress} onCancel={cancel} />
      ) : (
        <button type="button" onClick={() => void start(() => api.call('detect/run', null))}>
          Re-run detection
        </button>
      )}
      {state.phase === 'failed' && <ErrorAlert message={state.message} />}
    </section>
  );
}
