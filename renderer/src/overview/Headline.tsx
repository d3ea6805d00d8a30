/** The case in one line ("1 compromised, 5 attacked"): each count opens the users with that verdict. */
import type { UserVerdict } from '../../../shared/model/finding.js';

/** The verdicts a headline names, worst first; clear users are the rest of the case. */
const NAMED: readonly Exclude<UserVerdict, 'clear'>[] = ['compromised', 'attacked', 'suspicious'];

export function Headline({ usersByVerdict, onShowUsers }: { usersByVerdict: Record<UserVerdict, number>; onShowUsers: (verdict: UserVerdict) => void }) {
  const named = NAMED.filter((v) => usersByVerdict[v] > 0);
  const assessed = NAMED.reduce((n, v) => n + usersByVerdict[v], usersByVerdict.clear);
  return (
    <p className="headline" aria-label="Case headline">
      {assessed === 0
        ? 'No user assessed yet: run detection.'
        : named.length === 0
          ? `None of ${assessed.toLocaleString('en-US')} users attacked.`
          : named.map((v, i) => (
              <span key={v}>
                {i > 0 && ', '}
                <button type="button" className={`link verdict-link verdict-${v}`} onClick={() => onShowUsers(v)}>
                  {usersByVerdict[v].toLocaleString('en-US')} {v}
                </button>
              </span>
            ))}
    </p>
  );
}
