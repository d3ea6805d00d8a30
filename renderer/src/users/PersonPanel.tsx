/**
 * One person and their identities (or, with no person, every proposal waiting for a decision):
 * each identity with the vendors that name it, each link with its reason and status, and the
 * analyst's accept / reject / unlink / link. Every change is custody-logged by the backend;
 * `onChanged` then re-runs detection so the users list and findings follow the persons.
 * Identity names come from the logs: rendered as text only.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { IdentityOverview, LinkAction } from '../../../shared/api/identities.js';
import type { IdentityLink } from '../../../shared/model/identity.js';
import { messageOf, useApi } from '../api.js';
import { ErrorAlert } from '../components/ErrorAlert.js';

const STATUS_TEXT: Record<IdentityLink['status'], string> = {
  auto: 'linked (found)',
  accepted: 'linked (accepted)',
  manual: 'linked (by the analyst)',
  proposed: 'proposed, not applied',
  rejected: 'rejected',
};

/** The changes offered for a link in its current status. */
function actionsFor(link: IdentityLink): { action: LinkAction; label: string }[] {
  switch (link.status) {
    case 'proposed':
      return [
        { action: 'accept', label: 'Accept' },
        { action: 'reject', label: 'Reject' },
      ];
    case 'rejected':
      return [{ action: 'accept', label: 'Link after all' }];
    default:
      return [{ action: 'unlink', label: 'Unlink' }];
  }
}

export interface PersonPanelProps {
  /** The person (any of its identities); undefined: the proposals of the whole case. */
  user?: string;
  /** A change was made: re-run detection and reload what shows persons. */
  onChanged: () => void;
  onClose: () => void;
}

export function PersonPanel({ user, onChanged, onClose }: PersonPanelProps) {
  const api = useApi();
  const [overview, setOverview] = useState<IdentityOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [other, setOther] = useState('');

  const load = useCallback(() => {
    api.call('identities/list', user === undefined ? {} : { user }).then(setOverview, (err: unknown) => setError(messageOf(err)));
  }, [api, user]);
  useEffect(load, [load]);

  const change = (action: LinkAction, a: string, b: string): void => {
    setError(null);
    api.call('identities/change', { action, a, b }).then(
      (next) => {
        setOverview(user === undefined ? next : null);
        if (user !== undefined) load();
        onChanged();
      },
      (err: unknown) => setError(messageOf(err)),
    );
  };

  const person = user === undefined ? undefined : overview?.persons[0];
  const links = (overview?.links ?? []).filter((l) => user !== undefined || l.status === 'proposed');
  const addLink = (e: FormEvent): void => {
    e.preventDefault();
    if (person !== undefined && other.trim() !== '') change('link', person.person, other.trim());
  };

  return (
    <section className="panel person-panel" aria-label={user === undefined ? 'Proposed identity links' : `Identities of ${user}`}>
      <h2>{user === undefined ? 'Proposed identity links' : `Identities of ${person?.person ?? user}`}</h2>
      <button type="button" className="link" onClick={onClose}>
        Close
      </button>
      <ErrorAlert message={error} />
      {overview !== null && (
        <p className="muted">
          Bare names are matched in {overview.domains.domains.length === 0 ? 'no domain' : overview.domains.domains.join(', ')} (
          {overview.domains.configured ? 'set by the analyst' : 'learned from the evidence'}).
        </p>
      )}
      {person !== undefined && (
        <table className="identities">
          <thead>
            <tr>
              <th>Identity</th>
              <th>Named by</th>
              <th>Events</th>
            </tr>
          </thead>
          <tbody>
            {person.identities.map((i) => (
              <tr key={i.identity}>
                <td>{i.identity}</td>
                <td>{i.vendors.length === 0 ? 'an id carried beside another name' : i.vendors.join(', ')}</td>
                <td>{i.events.toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{user === undefined ? `${links.length} waiting for a decision` : 'Links'}</h3>
      <ul className="identity-links">
        {links.map((l) => (
          <li key={`${l.a}\u0000${l.b}`} className={`link-${l.status}`}>
            <span className="pair">
              {l.a} ↔ {l.b}
            </span>{' '}
            <span className="status">{STATUS_TEXT[l.status]}</span>
            <div className="muted reason">{l.reason}</div>
            {actionsFor(l).map(({ action, label }) => (
              <button type="button" key={action} onClick={() => change(action, l.a, l.b)} aria-label={`${label}: ${l.a} and ${l.b}`}>
                {label}
              </button>
            ))}
          </li>
        ))}
      </ul>
      {person !== undefined && (
        <form onSubmit={addLink} className="inline">
          <label>
            Link another identity to this person <input value={other} onChange={(e) => setOther(e.target.value)} placeholder="identity as the logs name it" />
          </label>{' '}
          <button type="submit" disabled={other.trim() === ''}>
            Link
          </button>
        </form>
      )}
    </section>
  );
}
