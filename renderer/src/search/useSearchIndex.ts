/**
 * The full-text index as the UI sees it: coverage, and live progress while the backend's
 * indexing job runs (started by the backend after imports and on searches, not by the UI).
 */
import { useCallback, useEffect, useState } from 'react';
import type { JobProgress } from '../../../shared/api/jobs.js';
import type { SearchIndexStatus } from '../../../shared/api/search.js';
import { messageOf, useApi } from '../api.js';

export function useSearchIndex(onIndexed: () => void) {
  const api = useApi();
  const [status, setStatus] = useState<SearchIndexStatus | null>(null);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    api.call('search/index', null).then(setStatus, (err: unknown) => setError(messageOf(err)));
  }, [api]);

  useEffect(() => {
    refresh();
    const offProgress = api.on('job/progress', (p) => {
      if (p.kind === 'search/index') setProgress(p);
    });
    const offDone = api.on('job/finished', (f) => {
      if (f.kind !== 'search/index') return;
      setProgress(null);
      if (!f.outcome.ok) setError(f.outcome.error.message);
      refresh();
      onIndexed();
    });
    return () => {
      offProgress();
      offDone();
    };
  }, [api, refresh, onIndexed]);

  const cancel = (): void => {
    if (progress !== null) void api.call('job/cancel', { jobId: progress.jobId });
  };

  return { status, setStatus, progress, error, cancel };
}
