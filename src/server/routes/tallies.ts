// The daily tally of api.md: one checkpoint's local day, merged across its tablets, with the server's own flags.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dailyTallySchema, localDateSchema } from '../../contract/tally.ts';
import { tallyDay } from '../../domain/tally.ts';
import { authenticate, BEARER_SECURITY, principalOf } from '../plugins/auth.ts';
import { problemSchema, sendProblem } from '../plugins/problem.ts';
import type { Store } from '../store/create-store.ts';
import { readChecksOfDay } from '../store/day-checks.ts';

/** The DailyTally of api.md, named in the OpenAPI document (components.schemas). */
const dailyTallyDocSchema = dailyTallySchema.meta({ id: 'DailyTally' });

const dailyQuerySchema = z.object({
  date: localDateSchema.describe("YYYY-MM-DD, the checkpoint's own local day"),
  checkpointId: z.string().min(1).max(64).optional().describe('Admins: the checkpoint (required for them)'),
});

export interface TallyRoutesOptions {
  store: Store;
}

export const tallyRoutes: FastifyPluginCallbackZod<TallyRoutesOptions> = (app, { store }, done) => {
  app.get(
    '/api/v1/tallies/daily',
    {
      onRequest: authenticate(store),
      schema: {
        summary: "One checkpoint's daily tally (日报): each check once, at its highest rev, on its local day",
        tags: ['tallies'],
        security: BEARER_SECURITY,
        querystring: dailyQuerySchema,
        response: {
          200: dailyTallyDocSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { date, checkpointId: asked } = request.query;
      let checkpointId: string;
      if (principal.kind === 'device') {
        if (asked !== undefined && asked !== principal.checkpointId) {
          return sendProblem(reply, 403, "A device token may read only its own checkpoint's tally.");
        }
        checkpointId = principal.checkpointId;
      } else {
        if (asked === undefined) {
          return sendProblem(reply, 400, 'Admins name the checkpoint: add &checkpointId=… to the query.');
        }
        checkpointId = asked;
      }
      const checkpoint = await store.checkpoints.get(checkpointId);
      if (checkpoint === undefined) return sendProblem(reply, 404, `There is no checkpoint ${checkpointId}.`);
      const checks = await readChecksOfDay(store.db, checkpoint.id, date);
      return tallyDay(checks, {
        checkpointId: checkpoint.id,
        date,
        timeZone: checkpoint.timezone,
        province: checkpoint.province,
        city: checkpoint.city,
        generatedAt: new Date().toISOString(),
      });
    },
  );
  done();
};
