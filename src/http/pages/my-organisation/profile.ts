import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  addDeclaredReference,
  INNOVATION_SIGNALS,
  presentShowcase,
  removeDeclaredReference,
  SUPPLIER_LABELS,
  updateSupplierProfile,
} from '../../../domain/supplier-profiles/index.ts';
import { organisationFor } from '../../../domain/solutions/index.ts';
import { reindexSuppliers } from '../../../search/index.ts';
import { field, fieldErrorsOf, formErrors, NO_ERRORS, type FormErrors } from '../accounts/forms.ts';
import { loginFirst, memberView } from './access.ts';
import { fieldValues } from './form-values.ts';

const SiretParams = Type.Object({ siret: Type.String({ maxLength: 40 }) });

/** The profile form's values. */
interface ProfileValues {
  description: string;
  website: string;
  labels: string[];
  innovationSignals: string[];
  innovationDetails: string;
}

const options = (labels: Readonly<Record<string, string>>, checked: string[]) =>
  Object.entries(labels).map(([value, text]) => ({ value, text, checked: checked.includes(value) }));

/**
 * `/mon-organisation/:siret/profil`: the supplier's profile (description, website, labels, innovation
 * signals) and its declared references (`POST …/references`, `POST …/references/:id/suppression`).
 * Saving the profile refreshes the supplier's search document (its innovation signals are a facet).
 */
const profilePages: FastifyPluginAsyncTypebox = async (app) => {
  async function render(
    request: Parameters<typeof memberView>[1],
    siret: string,
    values: ProfileValues | null,
    errors: { profile: FormErrors; reference: FormErrors },
    referenceValues: Record<string, string> = {},
  ) {
    const { showcase } = await memberView(app.store.db, request, siret);
    const view = presentShowcase(showcase);
    const shown = values ?? {
      description: view.profile.description ?? '',
      website: view.profile.website ?? '',
      labels: view.profile.labels.map((l) => l.code),
      innovationSignals: view.profile.innovationSignals.map((s) => s.code),
      innovationDetails: view.profile.innovationDetails ?? '',
    };
    return {
      nav: 'organisation',
      organisation: view,
      values: shown,
      labelItems: options(SUPPLIER_LABELS, shown.labels),
      signalItems: options(INNOVATION_SIGNALS, shown.innovationSignals),
      errors: errors.profile,
      referenceErrors: errors.reference,
      referenceValues,
    };
  }
  const noErrors = { profile: NO_ERRORS, reference: NO_ERRORS };

  app.get('/mon-organisation/:siret/profil', { schema: { params: SiretParams } }, async (request, reply) => {
    const redirect = loginFirst(request, reply);
    if (redirect !== null) {
      return redirect;
    }
    reply.header('cache-control', 'no-store');
    return reply.view(
      'my-organisation/profile.njk',
      await render(request, request.params.siret, null, noErrors),
    );
  });

  app.post('/mon-organisation/:siret/profil', { schema: { params: SiretParams } }, async (request, reply) => {
    const values: ProfileValues = {
      description: field(request.body, 'description'),
      website: field(request.body, 'website'),
      labels: fieldValues(request.body, 'labels'),
      innovationSignals: fieldValues(request.body, 'innovationSignals'),
      innovationDetails: field(request.body, 'innovationDetails'),
    };
    try {
      await updateSupplierProfile(app.store.db, request.actor, request.params.siret, values);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (fields === undefined) {
        throw error;
      }
      const data = await render(request, request.params.siret, values, {
        profile: formErrors(fields),
        reference: NO_ERRORS,
      });
      return reply.code(400).view('my-organisation/profile.njk', data);
    }
    await reindexSuppliers(app.store.db, [(await organisationFor(app.store.db, request.params.siret)).siren]);
    return reply.redirect(`/mon-organisation/${encodeURIComponent(request.params.siret)}?fait=profil`, 303);
  });

  app.post(
    '/mon-organisation/:siret/references',
    { schema: { params: SiretParams } },
    async (request, reply) => {
      const input = {
        buyerName: field(request.body, 'buyerName'),
        buyerSiret: field(request.body, 'buyerSiret'),
        year: field(request.body, 'year'),
        title: field(request.body, 'referenceTitle'),
        amount: field(request.body, 'amount'),
      };
      try {
        await addDeclaredReference(app.store.db, request.actor, request.params.siret, input);
      } catch (error) {
        const fields = fieldErrorsOf(error);
        if (fields === undefined) {
          throw error;
        }
        const renamed = Object.fromEntries(
          Object.entries(fields).map(([name, text]) => [name === 'title' ? 'referenceTitle' : name, text]),
        );
        const data = await render(
          request,
          request.params.siret,
          null,
          { profile: NO_ERRORS, reference: formErrors(renamed) },
          { ...input, referenceTitle: input.title },
        );
        return reply.code(400).view('my-organisation/profile.njk', data);
      }
      return reply.redirect(
        `/mon-organisation/${encodeURIComponent(request.params.siret)}/profil#references`,
        303,
      );
    },
  );

  app.post(
    '/mon-organisation/:siret/references/:id/suppression',
    {
      schema: {
        params: Type.Object({ siret: Type.String({ maxLength: 40 }), id: Type.Integer({ minimum: 1 }) }),
      },
    },
    async (request, reply) => {
      await removeDeclaredReference(app.store.db, request.actor, request.params.siret, request.params.id);
      return reply.redirect(
        `/mon-organisation/${encodeURIComponent(request.params.siret)}/profil#references`,
        303,
      );
    },
  );
};

export default profilePages;
