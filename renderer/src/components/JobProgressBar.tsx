/** Progress of a running job with its cancel button. */
import type { JobProgress } from '../../../shared/api/jobs.js';

const MiB = 1024 * 1024;

/** "12.5 of 500.0 MiB" for a job that counts bytes (an import's file), else nothing. */
function bytesOf(progress: JobProgress): string | undefined {
  if (progress.unit !== 'bytes' || progress.total <= 0) return undefined;
  return `${(progress.done / MiB).toFixed(1)} of ${(progress.total / MiB).toFixed(1)} MiB`;
}

export function JobProgressBar({ label, progress, onCancel }: { label: string; progress: JobProgress | null; onCancel: () => void }) {
  const detail =
    progress === null
      ? 'starting'
      : [progress.phase, progress.file, bytesOf(progress), progress.records === undefined ? undefined : `${progress.records.toLocaleString('en-US')} records`]
          .filter(Boolean)
          .join(' · ');
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
