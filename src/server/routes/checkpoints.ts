// The command's checkpoints (ADR 038): listed within the caller's scope, created, renamed, archived, their enrollment
// code rotated. A device sees its own checkpoint only; an admin the checkpoints of its scope.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeCovers } from '../../domain/admin-scope.ts';
import {
  checkpointListingSchema,
  enrollmentCodeSchema,
  newCheckpointCodeSchema,
} from '../../contract/admin-console.ts';
import { identifier, lineText } from '../../contract/safe-values.ts';
import type { DivisionFiles } from '../divisions/division-files.ts';
import { adminOnly, authenticate, BEARER_SECURITY, principalOf, type AdminPrincipal } from '../plugins/auth.ts';
import { ProblemError, problemSchema } from '../plugins/problem.ts';
import type { Checkpoint } from '../store/checkpoint-repository.ts';
import type { Store } from '../store/create-store.ts';
import { StoreInputError } from '../store/store-errors.ts';
import { checkpointOfScope } from './checkpoint-scope.ts';

const COUNTY_CODE = /^\d{6}$/u;

const newCheckpointSchema = z
  .object({
    name: lineText({ min: 1, max: 64 }),
    province: lineText({ min: 1, max: 32 }).describe('As the administrative divisions name it, e.g. "湖南省"'),
    city: lineText({ min: 1, max: 32 }).describe('The prefecture-level city, e.g. "娄底市"'),
    timezone: lineText({ min: 1, max: 64 }).optional().describe('IANA zone; Asia/Shanghai when left out'),
    countyCode: z
      .string()
      .regex(COUNTY_CODE, 'a county code has 6 digits (GB/T 2260)')
      .optional()
      .describe('The county it stands in: where its tablets’ destination picker starts'),
  })
  .meta({ id: 'NewCheckpoint' });

const checkpointChangesSchema = z
  .object({
    name: lineText({ min: 1, max: 64 }).optional(),
    timezone: lineText({ min: 1, max: 64 }).optional(),
  })
  .meta({ id: 'CheckpointChanges' });

const checkpointParams = z.object({ checkpointId: identifier(64) });

export interface CheckpointRoutesOptions {
  store: Store;
  divisions: DivisionFiles;
}

export const checkpointRoutes: FastifyPluginCallbackZod<CheckpointRoutesOptions> = (
  app,
  { store, divisions },
  done,
) => {
  const auth = authenticate(store);

  /** The checkpoint an admin names, within its scope: 404 when there is none, 403 outside the scope. */
  async function scopedCheckpoint(principal: AdminPrincipal, checkpointId: string): Promise<Checkpoint> {
    const checkpoint = await store.checkpoints.get(checkpointId);
    if (checkpoint === undefined) throw new ProblemError(404, `There is no checkpoint ${checkpointId}.`);
    return checkpointOfScope(principal, checkpoint);
  }

  function adminOf(principal: ReturnType<typeof principalOf>): AdminPrincipal {
    // adminOnly ran first: anything else is a route wired wrong.
    if (principal.kind !== 'admin') throw new Error('route is missing the adminOnly hook');
    return principal;
  }

  app.get(
    '/api/v1/checkpoints',
    {
      onRequest: auth,
      schema: {
        summary: "Checkpoints: an admin's within its scope, oldest first; a device's own",
        tags: ['checkpoints'],
        security: BEARER_SECURITY,
        response: { 200: z.array(checkpointListingSchema), 401: problemSchema },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const all = await store.checkpoints.list();
      const seen = all.filter((checkpoint) =>
        principal.kind === 'admin'
          ? scopeCovers(principal.scope, checkpoint)
          : checkpoint.id === principal.checkpointId,
      );
      return seen.map(({ activeDevices, ...checkpoint }) => ({ ...checkpoint, devices: activeDevices }));
    },
  );

  app.post(
    '/api/v1/checkpoints',
    {
      onRequest: [auth, adminOnly],
      schema: {
        summary: 'Open a checkpoint (an admin, within its scope); its enrollment code is shown this once',
        tags: ['checkpoints'],
        security: BEARER_SECURITY,
        body: newCheckpointSchema,
        response: {
          201: newCheckpointCodeSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const principal = adminOf(principalOf(request));
      const { countyCode, ...place } = request.body;
      if (!scopeCovers(principal.scope, place)) {
        throw new ProblemError(403, `${place.province} ${place.city} is outside this admin's scope.`);
      }
      if (countyCode !== undefined && !(await divisions.knowsCounty(countyCode))) {
        throw new ProblemError(400, `${countyCode} is no county code of the division lists (GB/T 2260).`);
      }
      try {
        const { checkpoint, enrollmentCode } = await store.checkpoints.create({ ...place, countyCode });
        request.log.info({ checkpointId: checkpoint.id, actor: principal.actor }, 'checkpoint opened');
        return await reply
          .code(201)
          .header('location', `/api/v1/checkpoints/${checkpoint.id}`)
          .send({ checkpointId: checkpoint.id, enrollmentCode });
      } catch (error) {
        if (error instanceof StoreInputError) throw new ProblemError(400, `${error.message}.`);
        throw error;
      }
    },
  );

  app.patch(
    '/api/v1/checkpoints/:checkpointId',
    {
      onRequest: [auth, adminOnly],
      schema: {
        summary: 'Rename a checkpoint or change its time zone (an admin, within its scope)',
        tags: ['checkpoints'],
        security: BEARER_SECURITY,
        params: checkpointParams,
        body: checkpointChangesSchema,
        response: {
          200: checkpointListingSchema.omit({ devices: true, lastSeenAt: true, lastSyncAt: true, createdAt: true }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => {
      const principal = adminOf(principalOf(request));
      await scopedCheckpoint(principal, request.params.checkpointId);
      try {
        const changed = await store.checkpoints.change(request.params.checkpointId, request.body);
        if (changed === undefined)
          throw new ProblemError(404, `There is no checkpoint ${request.params.checkpointId}.`);
        return changed;
      } catch (error) {
        if (error instanceof StoreInputError) throw new ProblemError(400, `${error.message}.`);
        throw error;
      }
    },
  );

  app.post(
    '/api/v1/checkpoints/:checkpointId/archive',
    {
      onRequest: [auth, adminOnly],
      schema: {
        summary: 'Archive a checkpoint: its tablets can no longer sync or enroll; its data are kept',
        tags: ['checkpoints'],
        security: BEARER_SECURITY,
        params: checkpointParams,
        response: { 204: z.null().describe('Archived'), 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const principal = adminOf(principalOf(request));
      await scopedCheckpoint(principal, request.params.checkpointId);
      await store.checkpoints.archive(request.params.checkpointId);
      request.log.info({ checkpointId: request.params.checkpointId, actor: principal.actor }, 'checkpoint archived');
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/checkpoints/:checkpointId/enrollment-code',
    {
      onRequest: [auth, adminOnly],
      schema: {
        summary: 'A new enrollment code for a checkpoint (the old one stops working); shown this once',
        tags: ['checkpoints'],
        security: BEARER_SECURITY,
        params: checkpointParams,
        response: {
          200: enrollmentCodeSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request) => {
      const principal = adminOf(principalOf(request));
      const checkpoint = await scopedCheckpoint(principal, request.params.checkpointId);
      if (checkpoint.archivedAt !== null) {
        throw new ProblemError(409, 'The checkpoint is archived: it enrolls no tablet, so it has no enrollment code.');
      }
      const enrollmentCode = await store.checkpoints.rotateEnrollmentCode(checkpoint.id);
      if (enrollmentCode === undefined) throw new ProblemError(404, `There is no checkpoint ${checkpoint.id}.`);
      return { enrollmentCode };
    },
  );
  done();
};
