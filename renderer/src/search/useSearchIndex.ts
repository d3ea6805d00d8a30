/**
 * The full-text index as the UI sees it: coverage, and live progress while the backend's
 * indexing job runs. Opening the search screen catches the index up (so does every import and
 * text search); a cancelled run stays cancelled until the analyst asks again.
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

  const ask = useCallback(
    (start: boolean) => {
      api.call('search/index', { start }).then(setStatus, (err: unknown) => setError(messageOf(err)));
    },
    [api],
  );

  useEffect(() => {
    ask(true);
  }, [ask]);

  useEffect(() => {
    const offProgress = api.on('job/progress', (p) => {
      if (p.kind === 'search/index') setProgress(p);
    });
    const offDone = api.on('job/finished', (f) => {
      if (f.kind !== 'search/index') return;
      setProgress(null);
      setError(f.outcome.ok ? null : f.outcome.error.message);
      ask(false);
      onIndexed();
    });
    return () => {
      offProgress();
      offDone();
    };
  }, [api, ask, onIndexed]);

  const cancel = (): void => {
    if (progress !== null) void api.call('job/cancel', { jobId: progress.jobId });
  };

  const start = (): void => {
    setError(null);
    ask(true);
  };

  return { status, setStatus, progress, error, cancel, start };
}
