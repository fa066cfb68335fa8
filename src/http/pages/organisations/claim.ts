import type { FastifyPluginAsync } from 'fastify';
import { DomainError } from '../../../domain/shared/index.ts';
import { claimOrganisation, confirmClaimLink } from '../../../domain/organisations/index.ts';
import { claimLinkMail } from '../../../mail/templates.ts';
import {
  field,
  fieldErrorsOf,
  formWithErrors,
  NO_ERRORS,
  privatePage,
  redirectToLogin,
  requestWithoutSecret,
} from '../accounts/forms.ts';

/**
 * `/organisations/rattachement`: a logged-in user asks to act for an organisation (SIRET, buyer or
 * supplier, the address to verify). A claim by e-mail sends a link to that address
 * (`/organisations/rattachement/:secret`, valid 48 hours); following it makes the user a member. A claim
 * that needs an approval waits for an administrator of the organisation or of the platform.
 */
const claimPages: FastifyPluginAsync = async (app) => {
  const form = (values: Record<string, string>) => ({ nav: 'organisation', values });

  app.get('/organisations/rattachement', async (request, reply) => {
    if (request.actor.kind === 'anonymous') {
      return redirectToLogin(reply, '/organisations/rattachement');
    }
    return reply.view('organisations/claim.njk', { ...form({ kind: 'supplier' }), errors: NO_ERRORS });
  });

  app.post('/organisations/rattachement', async (request, reply) => {
    const values = {
      siret: field(request.body, 'siret'),
      kind: field(request.body, 'kind'),
      email: field(request.body, 'email'),
      name: field(request.body, 'name'),
    };
    let outcome;
    try {
      outcome = await claimOrganisation(app.store.db, request.actor, {
        siret: values.siret,
        kind: values.kind,
        email: values.email.trim() === '' ? undefined : values.email,
        name: values.name,
      });
    } catch (error) {
      const fields =
        fieldErrorsOf(error) ??
        (error instanceof DomainError && error.code === 'organisation.invalid_account'
          ? { email: error.userMessage }
          : undefined);
      if (fields === undefined) {
        throw error;
      }
      return formWithErrors(reply, 'organisations/claim.njk', form(values), fields);
    }
    const { organisation, claim, linkSecret } = outcome;
    if (linkSecret !== null) {
      const user = request.accountSession?.user;
      app.accounts.outbox.post(
        claimLinkMail(
          claim.email,
          user?.displayName ?? '',
          organisation.name,
          `${app.accounts.publicUrl}/organisations/rattachement/${linkSecret}`,
        ),
      );
    }
    return reply.view('accounts/message.njk', {
      nav: 'organisation',
      heading: linkSecret === null ? 'Demande envoyée pour validation' : 'Consultez votre messagerie',
      paragraphs:
        linkSecret === null
          ? [
              `Votre demande de rattachement à ${organisation.name} doit être validée par un administrateur de l’organisation ou d’Amont.`,
              'Vous serez membre dès qu’elle sera acceptée.',
            ]
          : [
              `Nous venons d’envoyer un lien à ${claim.email}. Ouvrez-le (valable 48 heures) pour confirmer votre rattachement à ${organisation.name}.`,
            ],
      links: [{ href: '/mon-organisation', text: 'Mes organisations' }],
    });
  });

  app.get<{ Params: { secret: string } }>(
    '/organisations/rattachement/:secret',
    { logSerializers: { req: requestWithoutSecret } },
    async (request, reply) => {
      privatePage(reply);
      let confirmed;
      try {
        confirmed = await confirmClaimLink(app.store.db, request.params.secret);
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'claim.invalid_token')) {
          throw error;
        }
        return reply.code(400).view('accounts/message.njk', {
          nav: 'organisation',
          heading: 'Ce lien ne fonctionne pas',
          paragraphs: [error.userMessage],
          links: [{ href: '/organisations/rattachement', text: 'Refaire une demande de rattachement' }],
        });
      }
      const { organisation, role } = confirmed;
      return reply.view('accounts/message.njk', {
        nav: 'organisation',
        panel: true,
        heading: 'Rattachement confirmé',
        paragraphs: [
          `Vous êtes désormais ${role === 'admin' ? 'administrateur' : 'membre'} de ${organisation.name} sur Amont.`,
        ],
        links: [
          request.actor.kind === 'user'
            ? { href: `/mon-organisation/${organisation.siret}`, text: `Gérer ${organisation.name}` }
            : {
                href: `/compte/connexion?retour=%2Fmon-organisation%2F${organisation.siret}`,
                text: 'Se connecter',
              },
        ],
      });
    },
  );
};

export default claimPages;
