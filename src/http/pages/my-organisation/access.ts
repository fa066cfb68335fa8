import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.ts';
import { forbidden } from '../../../domain/accounts/account.errors.ts';
import { organisationsOfUser, type MemberRole } from '../../../domain/organisations/index.ts';
import { getShowcase, type Showcase } from '../../../domain/supplier-profiles/index.ts';
import { redirectToLogin } from '../accounts/forms.ts';

/** What a member page knows of the organisation and of the member's role in it. */
export interface MemberView {
  showcase: Showcase;
  role: MemberRole;
}

/**
 * Sends an anonymous visitor of a member page to the login page (and back here afterwards).
 * @returns the redirect, or null when someone is logged in
 */
export function loginFirst(request: FastifyRequest, reply: FastifyReply): FastifyReply | null {
  return request.actor.kind === 'anonymous' ? redirectToLogin(reply, request.url) : null;
}

/**
 * The organisation of a member page, for one of its members.
 * @param siret from the URL
 * @throws DomainError `organisation.not_found`, `siret.*`, `auth.forbidden` (not a member)
 */
export async function memberView(
  db: Kysely<Database>,
  request: FastifyRequest,
  siret: string,
): Promise<MemberView> {
  const showcase = await getShowcase(db, request.actor, siret);
  const actor = request.actor;
  const own =
    actor.kind === 'user'
      ? (await organisationsOfUser(db, actor.userId)).find((o) => o.id === showcase.organisation.id)
      : undefined;
  if (own === undefined || !showcase.abilities.member) {
    throw forbidden();
  }
  return { showcase, role: own.role };
}
