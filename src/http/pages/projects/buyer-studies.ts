import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { attachStudy, setStudyVisibility, type DocumentVisibility } from '../../../domain/projects/index.ts';
import { formatMegabytes } from '../../../domain/solutions/index.ts';
import { field } from '../accounts/forms.ts';
import { renderManage } from './buyer-access.ts';
import { registerUploadForm, type UploadedFile } from '../../upload-form.ts';
import { formFailure } from './buyer-forms.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

const visibilityOf = (raw: string): DocumentVisibility | undefined =>
  raw === 'public' || raw === 'suppliers' ? raw : undefined;

/**
 * The studies of a project, for its buyer's members: `POST /mon-organisation/projets/:id/etudes` (a new study
 * or a new version of one: a multipart form limited to one file of `app.uploads.maxBytes`, checked from its
 * content by the domain) and `POST /mon-organisation/projets/:id/etudes/:documentId/acces` (public, or
 * reserved to signed-in suppliers). The multipart parser (src/http/upload-form.ts) is registered here only.
 */
const buyerStudyPages: FastifyPluginAsyncTypebox = async (app) => {
  await registerUploadForm(app);

  app.post(
    '/mon-organisation/projets/:id/etudes',
    { schema: { params: Type.Object({ id: Id }) } },
    async (request, reply) => {
      const { id } = request.params;
      const body = request.body as Record<string, unknown> | undefined;
      const file = body?.file as UploadedFile | undefined;
      if (file === undefined || typeof file !== 'object' || file.fileName === '') {
        return renderManage(request, reply, id, {
          studyErrors: { file: 'Choisissez le fichier de l’étude.' },
        });
      }
      if (file.tooLarge || file.bytes === undefined) {
        return renderManage(request, reply, id, {
          studyErrors: {
            file: `Le fichier dépasse la taille maximale de ${formatMegabytes(app.uploads.maxBytes)}.`,
          },
        });
      }
      const replaces = Number(field(body, 'replaces'));
      try {
        await attachStudy(
          app.store.db,
          app.uploads.storage,
          request.actor,
          id,
          {
            title: field(body, 'title'),
            fileName: file.fileName,
            bytes: file.bytes,
            visibility: visibilityOf(field(body, 'visibility')),
            replaces: Number.isInteger(replaces) && replaces > 0 ? replaces : undefined,
          },
          app.uploads.maxBytes,
        );
      } catch (error) {
        const fields = formFailure(error);
        if (fields === undefined) {
          throw error;
        }
        return renderManage(request, reply, id, { studyErrors: fields });
      }
      return reply.redirect(`/mon-organisation/projets/${id}?fait=etude`, 303);
    },
  );

  app.post(
    '/mon-organisation/projets/:id/etudes/:documentId/acces',
    { schema: { params: Type.Object({ id: Id, documentId: Id }) } },
    async (request, reply) => {
      const { id, documentId } = request.params;
      const visibility = visibilityOf(field(request.body, 'visibility'));
      if (visibility === undefined) {
        return renderManage(request, reply, id, {
          studyErrors: { visibility: 'Choisissez : publique ou réservée.' },
        });
      }
      await setStudyVisibility(app.store.db, request.actor, id, documentId, visibility);
      return reply.redirect(`/mon-organisation/projets/${id}?fait=acces`, 303);
    },
  );
};

export default buyerStudyPages;
