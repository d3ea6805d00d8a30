/**
 * The case in one line ("1 compromised, 5 attacked, 1 campaign"): each verdict's count opens the
 * users with that verdict; the campaigns say where they came from and whom they targeted.
 */
import type { Campaign } from '../../../shared/model/campaign.js';
import type { UserVerdict } from '../../../shared/model/finding.js';

/** The verdicts a headline names, worst first; clear users are the rest of the case. */
const NAMED: readonly Exclude<UserVerdict, 'clear'>[] = ['compromised', 'attacked', 'suspicious'];

function campaignTitle(c: Campaign): string {
  const from = c.ips.slice(0, 3).join(', ') + (c.asns.length > 0 ? ` (AS${c.asns.join(', AS')})` : '');
  return `From ${from} against ${c.targets.length} users: ${c.targets.map((t) => t.user).join(', ')}`;
}

function CampaignCount({ campaigns }: { campaigns: readonly Campaign[] }) {
  if (campaigns.length === 0) return null;
  return (
    <span title={campaigns.map(campaignTitle).join('\n')}>
      , {campaigns.length.toLocaleString('en-US')} {campaigns.length === 1 ? 'campaign' : 'campaigns'}
    </span>
  );
}

export function Headline({
  usersByVerdict,
  campaigns,
  onShowUsers,
}: {
  usersByVerdict: Record<UserVerdict, number>;
  campaigns: readonly Campaign[];
  onShowUsers: (verdict: UserVerdict) => void;
}) {
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
      {named.length > 0 && <CampaignCount campaigns={campaigns} />}
    </p>
  );
}
