import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DateTime } from 'luxon';
import { formatFrenchDateTime } from '../../../domain/planning/index.ts';
import { previewProjectDates, updateProject } from '../../../domain/projects/index.ts';
import { PARIS_ZONE } from '../../../domain/shared/index.ts';
import { field, privatePage } from '../accounts/forms.ts';
import { editableProject, renderManage } from './buyer-access.ts';
import { formFailure, readMilestoneForm } from './buyer-forms.ts';

const ProjectParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

const frenchDate = (iso: string) => formatFrenchDateTime(DateTime.fromISO(iso, { zone: PARIS_ZONE }));

const gapText = (days: number) =>
  days === 0 ? 'même jour' : `${days > 0 ? '+' : '−'}${Math.abs(days)} jour${Math.abs(days) > 1 ? 's' : ''}`;

/**
 * The retro-planning dates a buyer sets on a project, in two steps (issue 5 §3): `POST
 * /mon-organisation/projets/:id/jalons` with the typed dates (`jalon-<code>`, `JJ/MM/AAAA [HH:MM]`) answers a
 * preview — every milestone that would move, before and after, the gap in days, the engine's warnings —
 * and a confirmation form carrying the dates to save (`etape=enregistrer`, ISO 8601 with the Paris
 * offset); the confirmation saves them with `updateProject` (versioned once the project is published).
 * A refused date answers 400 on the management page with the field in error.
 */
const buyerMilestonePages: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/mon-organisation/projets/:id/jalons',
    { schema: { params: ProjectParams } },
    async (request, reply) => {
      const { id } = request.params;
      const typed = readMilestoneForm(request.body);
      try {
        if (field(request.body, 'etape') === 'enregistrer') {
          await updateProject(app.store.db, request.actor, id, { targetDates: typed });
          return await reply.redirect(`/mon-organisation/projets/${id}?fait=jalons`, 303);
        }
        const preview = await previewProjectDates(app.store.db, request.actor, id, typed);
        if (preview === null) {
          return await renderManage(request, reply, id, {
            milestoneErrors: {
              targetNotificationDate:
                'Indiquez d’abord la date de notification visée ou la date de lancement visée : le rétroplanning part de l’une d’elles.',
            },
          });
        }
        const details = await editableProject(request, id);
        privatePage(reply);
        return await reply.view('projects/buyer/milestones-preview.njk', {
          nav: 'account',
          project: { id, title: details.project.title },
          changes: preview.changes.map((c) => ({
            ...c,
            beforeText: frenchDate(c.before),
            afterText: frenchDate(c.after),
            gapText: gapText(c.days),
          })),
          warnings: preview.warnings,
          targetDates: Object.entries(preview.targetDates).map(([code, iso]) => ({ code, iso })),
        });
      } catch (error) {
        const fields = formFailure(error);
        if (fields === undefined) {
          throw error;
        }
        return renderManage(request, reply, id, { milestoneErrors: fields });
      }
    },
  );
};

export default buyerMilestonePages;
