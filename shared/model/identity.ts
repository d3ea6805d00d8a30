/**
 * People and their identities. Events name an identity (the `user` text a record carries:
 * `ivan`, `ivan@contoso.example`, an Entra userId GUID, an Okta actor id); a person is a set of
 * identities linked together, and the unit of the users list, detection and the sequence view.
 * A person is named by one of its identities, its primary one (see `choosePrimary`).
 */

/** Another name a record carries for its user, beside `user`. */
export type AliasKind = 'vendor-id' | 'email';

/** Why two identities are linked. */
export type LinkBasis =
  /** One record carries both: a vendor's own user id beside the login (Entra userId, Okta actor.id, Duo user.key). */
  | 'record-vendor-id'
  /** One record carries both: an e-mail beside the user name (Duo `email` beside `user.name`). */
  | 'record-email'
  /** The same name in another case. */
  | 'spelling-case'
  /** `DOMAIN\user` and `user@domain.tld`. */
  | 'spelling-domain'
  /** A bare name and `name@domain` in one of the case's domains. */
  | 'bare-name'
  /** Added by the analyst. */
  | 'analyst';

/**
 * auto: found and applied; proposed: found but ambiguous, not applied until accepted;
 * accepted: a proposal the analyst applied; manual: a link the analyst added;
 * rejected: a found link the analyst refused (or removed), not applied.
 */
export type LinkStatus = 'auto' | 'proposed' | 'accepted' | 'manual' | 'rejected';

export interface IdentityLink {
  /** The two identities, a < b. */
  a: string;
  b: string;
  basis: LinkBasis;
  /** Plain words: what in the evidence or the case settings made the link. */
  reason: string;
  status: LinkStatus;
}

/** Whether a link joins its identities into one person. */
export function isApplied(status: LinkStatus): boolean {
  return status === 'auto' || status === 'accepted' || status === 'manual';
}

/** One identity as the evidence knows it. */
export interface IdentityInfo {
  identity: string;
  /** Vendors whose records name it as the user (empty for an id or e-mail only carried beside another name). */
  vendors: string[];
  /** Events naming it as the user. */
  events: number;
}

export interface PersonIdentities {
  /** The person's name: its primary identity. */
  person: string;
  identities: IdentityInfo[];
}

/** The analyst's decision on a pair of identities: join them, or keep them apart. */
export interface LinkDecision {
  a: string;
  b: string;
  decision: 'link' | 'reject';
}
