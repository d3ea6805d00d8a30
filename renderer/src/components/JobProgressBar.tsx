/** Progress of a running job with its cancel button. */
import type { JobProgress } from '../../../shared/api/jobs.js';

export function JobProgressBar({ label, progress, onCancel }: { label: string; progress: JobProgress | null; onCancel: () => void }) {
  const detail = progress === null ? 'starting' : [progress.phase, progress.file, progress.records === undefined ? undefined : `${progress.records.toLocaleString('en-US')} records`].filter(Boolean).join(' · ');
  return (
    <div className="job-progress">
      <progress aria-label={label} max={progress?.total || 1} value={progress?.done ?? 0} />
      <span className="muted"> {detail}</span>{' '}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
