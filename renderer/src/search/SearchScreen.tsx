/**
 * Search and filter over the case (screen 7): by user, address, country, outcome, factor,
 * source and time, and full text over the original records. Results come a page at a time
 * and open in the sequence view on the event.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { baseName } from '../../../shared/format/path.js';
import type { SearchFilters, SearchPage } from '../../../shared/api/search.js';
import type { EvidenceFile } from '../../../shared/model/case.js';
import { messageOf, useApi } from '../api.js';
import { JobProgressBar } from '../components/JobProgressBar.js';
import { EntryTable } from './EntryTable.js';
import { SearchForm } from './SearchForm.js';
import { useSearchIndex } from './useSearchIndex.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import './search.css';

const PAGE = 50;

export function SearchScreen({ zone, onOpen }: { zone: string; onOpen: (user: string, sequenceId: number) => void }) {
  const api = useApi();
  const [evidence, setEvidence] = useState<EvidenceFile[]>([]);
  const [query, setQuery] = useState<{ filters: SearchFilters; offset: number } | null>(null);
  const [page, setPage] = useState<SearchPage | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  const run = useCallback(
    (filters: SearchFilters, offset: number) => {
      const ticket = ++latest.current;
      setBusy(true);
      api.call('search/events', { ...filters, offset, limit: PAGE }).then(
        (result) => {
          // A slower earlier search must not overwrite a later one.
          if (ticket !== latest.current) return;
          setPage(result);
          setBusy(false);
          setError(null);
        },
        (err: unknown) => {
          if (ticket !== latest.current) return;
          setBusy(false);
          setError(messageOf(err));
        },
      );
    },
    [api],
  );

  useEffect(() => {
    if (query !== null) run(query.filters, query.offset);
  }, [query, run]);

  // When indexing finishes (after an import, too), the same search may find more, and there may
  // be new evidence files to filter by: ask again.
  const [generation, setGeneration] = useState(0);
  const rerun = useCallback(() => {
    setGeneration((g) => g + 1);
    setQuery((q) => (q === null ? q : { ...q }));
  }, []);
  const index = useSearchIndex(rerun);
  const { setStatus } = index;
  useEffect(() => {
    if (page !== null) setStatus(page.index);
  }, [page, setStatus]);

  useEffect(() => {
    api.call('case/evidence', null).then(setEvidence, (err: unknown) => setError(messageOf(err)));
  }, [api, generation]);

  const names = new Map(evidence.map((f) => [f.id, baseName(f.path)]));
  const evidenceName = (id: number): string => names.get(id) ?? `evidence ${id}`;
  const status = index.status;
  const indexing = index.progress !== null || (status?.jobId ?? null) !== null;

  return (
    <main className="workspace-main">
      <SearchForm zone={zone} evidence={evidence} onSearch={(filters) => setQuery({ filters, offset: 0 })} />
      <section className="panel search-index" aria-label="Full-text index">
        {status === null ? (
          <p className="muted">Reading the full-text index…</p>
        ) : indexing ? (
          <>
            <p>
              Indexing the original records for full-text search: {(index.progress?.done ?? 0).toLocaleString('en-US')} of{' '}
              {(index.progress?.total ?? status.pending).toLocaleString('en-US')}. Text searches cover the records indexed so far.
            </p>
            <JobProgressBar label="Indexing for full-text search" progress={index.progress} onCancel={index.cancel} />
          </>
        ) : (
          <p className="muted">
            Full-text index: {status.indexed.toLocaleString('en-US')} records
            {status.pending > 0 ? `, ${status.pending.toLocaleString('en-US')} not indexed yet` : ', all records indexed'}.{' '}
            {status.pending > 0 && (
              <button type="button" className="secondary" onClick={index.start}>
                Index them now
              </button>
            )}
          </p>
        )}
        <ErrorAlert message={index.error} />
      </section>
      <ErrorAlert message={error} />
      {page !== null && query !== null && (
        <section className="panel" aria-label="Results" aria-busy={busy}>
          <div className="search-pager">
            <p role="status">
              {page.hits.length === 0
                ? 'No events match.'
                : `Results ${(page.offset + 1).toLocaleString('en-US')}–${(page.offset + page.hits.length).toLocaleString('en-US')}${page.hasMore ? ', more follow' : ''}`}
            </p>
            <button type="button" disabled={page.offset === 0 || busy} onClick={() => setQuery({ ...query, offset: Math.max(0, page.offset - PAGE) })}>
              Previous page
            </button>
            <button type="button" disabled={!page.hasMore || busy} onClick={() => setQuery({ ...query, offset: page.offset + PAGE })}>
              Next page
            </button>
          </div>
          <EntryTable entries={page.hits} zone={zone} evidenceName={evidenceName} onOpen={onOpen} />
        </section>
      )}
    </main>
  );
}
