/** Persons and identity links as they cross the contract and the CLI. */
import type { IdentityLink, PersonIdentities } from '../model/identity.js';

/** The changes an analyst makes to one pair of identities. */
export const LINK_ACTIONS = ['accept', 'reject', 'link', 'unlink'] as const;
export type LinkAction = (typeof LINK_ACTIONS)[number];

export interface IdentityOverview {
  /** The domains bare names are matched in: set by the analyst, or learned from the evidence. */
  domains: { domains: string[]; configured: boolean };
  /** Persons (all of them, or the one asked about), each with its identities. */
  persons: PersonIdentities[];
  /** Links found or made, with reasons and status (all, or those touching the person asked about). */
  links: IdentityLink[];
}
