import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './columns.ts';

/**
 * Organisations by SIRET (src/domain/organisations, src/domain/api-tokens): members, claims, API tokens.
 */

/** A buyer (public entity) or supplier (company) organisation, by SIRET (src/domain/organisations). */
export interface OrganisationsTable {
  id: Generated<number>;
  siret: string;
  siren: string;
  kind: 'buyer' | 'supplier';
  name: string;
  /** Domain proven by the first claim verified by e-mail, lower case (`rennes.fr`); null until then. */
  email_domain: string | null;
  status: ColumnType<'active' | 'suspended', 'active' | 'suspended' | undefined>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A user acting for an organisation. */
export interface MembershipsTable {
  organisation_id: number;
  user_id: string;
  role: 'admin' | 'member';
  created_at: Generated<Date>;
}

/** A request to act for an organisation, verified by a link to an address at its domain or approved. */
export interface OrganisationClaimsTable {
  id: Generated<number>;
  organisation_id: number;
  user_id: string;
  email: string;
  method: 'email_domain' | 'approval';
  status: 'pending' | 'verified' | 'approved' | 'rejected' | 'expired';
  /** SHA-256 (hex) of the link secret; null for a claim that needs an approval. */
  token_hash: string | null;
  expires_at: Timestamp | null;
  created_at: Generated<Date>;
  decided_at: Timestamp | null;
  decided_by: string | null;
  reason: string | null;
}

/** A per-organisation API token; `token_hash` is the SHA-256 (hex) of the token. */
export interface ApiTokensTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  token_hash: string;
  created_by: string | null;
  created_at: Generated<Date>;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}
