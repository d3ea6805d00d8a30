/**
 * Users ranked by risk: sortable, filterable, and virtualised (only the visible rows are in the
 * DOM) so a case with 100,000 users scrolls smoothly. A user name opens the sequence; the
 * checkboxes select users to star, tag or note in one action. A user is a person: the other
 * identities the logs name them by open the person panel, where links are accepted, rejected
 * or added (detection then runs again), as are the proposals of the whole case.
 */
import { useCallback, useEffect, useMemo, useState, type UIEvent } from 'react';
import type { UserRow } from '../../../shared/api/detection.js';
import { messageOf, useApi } from '../api.js';
import { AnnotationBadge } from '../annotations/AnnotationBadge.js';
import { BulkAnnotate } from '../annotations/BulkAnnotate.js';
import { Sparkline } from '../users/Sparkline.js';
import { useSparklines } from '../users/useSparklines.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { JobProgressBar } from '../components/JobProgressBar.js';
import { useJob } from '../jobs/useJob.js';
import { PersonPanel } from '../users/PersonPanel.js';

/** Identities other than the person's name that events name (ids carried beside a name are not news). */
const otherNames = (r: UserRow): string[] => r.identities.filter((i) => i.identity !== r.user && i.events > 0).map((i) => i.identity);

const ROW_HEIGHT = 34;
const VIEW_ROWS = 18;
type SortKey = 'risk' | 'user' | 'challenges' | 'denied' | 'timeouts' | 'approved' | 'findings';
const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'risk', label: 'Risk' },
  { key: 'user', label: 'User' },
  { key: 'findings', label: 'Findings' },
  { key: 'challenges', label: 'Prompts' },
  { key: 'denied', label: 'Denied' },
  { key: 'timeouts', label: 'Timed out' },
  { key: 'approved', label: 'Approved' },
];

function compare(key: SortKey, a: UserRow, b: UserRow): number {
  if (key === 'user') return a.user.localeCompare(b.user);
  return b[key] - a[key] || a.user.localeCompare(b.user);
}

/** `initialFilter` opens the list filtered, e.g. by a verdict chosen in the overview's headline. */
export function UsersScreen({ onOpenUser, initialFilter = '' }: { onOpenUser: (user: string) => void; initialFilter?: string | undefined }) {
  const api = useApi();
  const [rows, setRows] = useState<UserRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState(initialFilter);
  const [sort, setSort] = useState<SortKey>('risk');
  const [scrollTop, setScrollTop] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  /** The person panel: a user, 'proposals' for the case's, or closed. */
  const [panel, setPanel] = useState<string | null>(null);
  const [proposals, setProposals] = useState(0);

  const reload = useCallback(() => {
    api.call('users/list', { limit: 100_000 }).then(setRows, (err: unknown) => setError(messageOf(err)));
    api.call('identities/list', {}).then((o) => setProposals(o.links.filter((l) => l.status === 'proposed').length), (err: unknown) => setError(messageOf(err)));
  }, [api]);
  useEffect(reload, [reload]);
  const detection = useJob('detect', reload);
  const rerun = (): void => void detection.start(() => api.call('detect/run', null));

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const list = (rows ?? []).filter((r) => needle === '' || r.identities.some((i) => i.identity.includes(needle)) || r.verdict === needle);
    return list.sort((a, b) => compare(sort, a, b));
  }, [rows, filter, sort]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - 4);
  const visible = shown.slice(first, first + VIEW_ROWS + 8);
  const sparklines = useSparklines(visible.map((r) => r.user));
  const allShownSelected = shown.length > 0 && shown.every((r) => selected.has(r.user));

  const toggle = (user: string): void =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (!next.delete(user)) next.add(user);
      return next;
    });
  const toggleAllShown = (): void => setSelected(allShownSelected ? new Set() : new Set(shown.map((r) => r.user)));

  return (
    <main className="workspace-main">
      <section aria-labelledby="users-heading" className="panel">
        <h2 id="users-heading">Users by risk</h2>
        <ErrorAlert message={error} />
        {rows !== null && rows.length === 0 && <p className="muted">No assessment yet: import evidence and run detection.</p>}
        <label className="inline">
          Filter users{' '}
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="name or verdict" />
        </label>{' '}
        <span className="muted">
          {shown.length.toLocaleString('en-US')} of {(rows?.length ?? 0).toLocaleString('en-US')} users
        </span>{' '}
        {proposals > 0 && (
          <button type="button" className="link proposals" onClick={() => setPanel('proposals')}>
            {proposals.toLocaleString('en-US')} proposed identity {proposals === 1 ? 'link waits' : 'links wait'} for a decision
          </button>
        )}
        {detection.state.phase === 'running' && <JobProgressBar label="Detection progress" progress={detection.state.progress} onCancel={detection.cancel} />}
        {detection.state.phase === 'failed' && <ErrorAlert message={detection.state.message} />}
        {panel !== null && <PersonPanel {...(panel === 'proposals' ? {} : { user: panel })} onChanged={rerun} onClose={() => setPanel(null)} />}
        {selected.size > 0 && (
          <BulkAnnotate
            targets={[...selected].map((target) => ({ kind: 'user', target }))}
            label={`${selected.size.toLocaleString('en-US')} ${selected.size === 1 ? 'user' : 'users'}`}
            onClear={() => setSelected(new Set())}
          />
        )}
        <div role="table" aria-label="Users" aria-rowcount={shown.length + 1} className="vtable">
          <div role="row" className="vrow vhead">
            <span role="columnheader">
              <input type="checkbox" aria-label={`Select all ${shown.length.toLocaleString('en-US')} users shown`} checked={allShownSelected} onChange={toggleAllShown} />
            </span>
            {COLUMNS.map((c) => (
              <span role="columnheader" key={c.key} aria-sort={sort === c.key ? (c.key === 'user' ? 'ascending' : 'descending') : 'none'}>
                <button type="button" className="link" onClick={() => setSort(c.key)}>
                  {c.label}
                </button>
              </span>
            ))}
            <span role="columnheader" title="Over the span the overview draws; each line is scaled to its own peak, the most prompts in one bar, written beside it">
              Prompts over time (peak)
            </span>
            <span role="columnheader">Verdict</span>
            <span role="columnheader">Notes</span>
          </div>
          <div className="vbody" style={{ height: VIEW_ROWS * ROW_HEIGHT }} onScroll={(e: UIEvent<HTMLDivElement>) => setScrollTop(e.currentTarget.scrollTop)}>
            <div style={{ height: shown.length * ROW_HEIGHT, position: 'relative' }}>
              {visible.map((r, i) => (
                <div role="row" aria-rowindex={first + i + 2} key={r.user} className={`vrow verdict-${r.verdict}`} style={{ position: 'absolute', top: (first + i) * ROW_HEIGHT, height: ROW_HEIGHT }}>
                  <span role="cell">
                    <input type="checkbox" aria-label={`Select ${r.user}`} checked={selected.has(r.user)} onChange={() => toggle(r.user)} />
                  </span>
                  <span role="cell">{r.risk}</span>
                  <span role="cell">
                    <button type="button" className="link" onClick={() => onOpenUser(r.user)} title={r.reasons.join('\n')}>
                      {r.user}
                    </button>
                    <button type="button" className="link aka" onClick={() => setPanel(r.user)} title={r.identities.map((i) => i.identity).join('\n')} >
                      {otherNames(r).length > 0 ? `also ${otherNames(r).join(', ')}` : 'identities'}
                    </button>
                  </span>
                  <span role="cell">{r.findings}</span>
                  <span role="cell">{r.challenges}</span>
                  <span role="cell">{r.denied}</span>
                  <span role="cell">{r.timeouts}</span>
                  <span role="cell">{r.approved}</span>
                  <span role="cell">
                    <Sparkline counts={sparklines.of(r.user)} binMs={sparklines.range?.binMs} />
                  </span>
                  <span role="cell" className="verdict" title={r.bursts.length > 0 ? `Prompt campaigns, by outcome: ${r.bursts.join(', ')}` : undefined}>
                    {r.verdict}
                    {r.bursts.length > 0 && <small className="bursts"> · {r.bursts.join(', ')}</small>}
                  </span>
                  <span role="cell" className="notes-cell">
                    <AnnotationBadge kind="user" target={r.user} compact />
                  </span>
                </div>
              ))}
            </div>
          </div>
        </div>
      </section>
    </main>
  );
}
