// Enrollment (an enrollment code buys a device token) and revocation of a device by an admin.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deviceListingSchema } from '../../contract/admin-console.ts';
import { identifier, lineText } from '../../contract/safe-values.ts';
import { adminOnly, authenticate, BEARER_SECURITY, principalOf } from '../plugins/auth.ts';
import { problemSchema, sendProblem } from '../plugins/problem.ts';
import type { Store } from '../store/create-store.ts';
import { checkpointInScope, checkpointOfScope } from './checkpoint-scope.ts';

export interface EnrollmentRateLimit {
  /** Wrong codes one client address may send per window before every attempt is refused. */
  max: number;
  timeWindowMs: number;
}

export const DEFAULT_ENROLLMENT_RATE_LIMIT: EnrollmentRateLimit = { max: 10, timeWindowMs: 15 * 60_000 };

/**
 * A code and a name are a few hundred bytes. Anyone may post here without a token, so the app's 4 MB (a batch's)
 * would let a few hundred connections hold a GB of bodies being read.
 */
export const ENROLLMENT_BODY_LIMIT_BYTES = 4 * 1024;

const enrollRequestSchema = z
  .object({
    enrollmentCode: lineText({ min: 1, max: 64 }).describe(
      'As shown to the admin; case, dashes and spaces do not matter',
    ),
    name: lineText({ min: 1, max: 64 }).describe('A label for the tablet, e.g. "tablet 3"'),
  })
  .meta({ id: 'EnrollRequest' });

const checkpointSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    province: z.string(),
    city: z.string(),
    timezone: z.string(),
    countyCode: z
      .string()
      .nullable()
      .describe('GB/T 2260 code of the county the checkpoint stands in (ADR 034); null until an admin names it'),
  })
  .meta({ id: 'Checkpoint' });

const enrolledSchema = z
  .object({ deviceId: z.string(), token: z.string(), checkpoint: checkpointSchema })
  .meta({ id: 'EnrolledDevice' });

export interface DeviceRoutesOptions {
  store: Store;
  enrollmentRateLimit: EnrollmentRateLimit;
}

export const deviceRoutes: FastifyPluginCallbackZod<DeviceRoutesOptions> = (
  app,
  { store, enrollmentRateLimit },
  done,
) => {
  // Only wrong codes count: a checkpoint enrolling its ten tablets from one NAT address is not an attack.
  const wrongCodeLimit = app.createRateLimit({
    max: enrollmentRateLimit.max,
    timeWindow: enrollmentRateLimit.timeWindowMs,
  });

  app.post(
    '/api/v1/devices',
    {
      bodyLimit: ENROLLMENT_BODY_LIMIT_BYTES,
      schema: {
        summary: 'Enroll a tablet with its checkpoint enrollment code',
        tags: ['devices'],
        body: enrollRequestSchema,
        response: { 201: enrolledSchema, 400: problemSchema, 403: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const limit = await wrongCodeLimit(request, { increment: false });
      if (!limit.isAllowed && limit.remaining <= 0) {
        void reply.header('retry-after', String(limit.ttlInSeconds));
        return sendProblem(
          reply,
          429,
          `Too many wrong enrollment codes from this address; try again in ${limit.ttlInSeconds} s.`,
        );
      }
      const checkpoint = await store.checkpoints.findByEnrollmentCode(request.body.enrollmentCode);
      if (checkpoint === undefined) {
        await wrongCodeLimit(request);
        return sendProblem(
          reply,
          403,
          'The enrollment code is not valid. Check it with the admin (it may have been rotated).',
        );
      }
      const { deviceId, token } = await store.devices.enroll(checkpoint.id, request.body.name);
      return reply.code(201).send({ deviceId, token, checkpoint });
    },
  );

  app.get(
    '/api/v1/devices',
    {
      onRequest: [authenticate(store), adminOnly],
      schema: {
        summary: "A checkpoint's tablets, revoked ones too, most recently enrolled first (an admin, within its scope)",
        tags: ['devices'],
        security: BEARER_SECURITY,
        querystring: z.object({ checkpointId: identifier(64) }),
        response: {
          200: z.array(deviceListingSchema),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => {
      const checkpoint = await checkpointInScope(store, principalOf(request), request.query.checkpointId, 'tablets');
      const devices = await store.devices.listForCheckpoint(checkpoint.id);
      return devices.map(({ id, createdAt, ...device }) => ({ deviceId: id, enrolledAt: createdAt, ...device }));
    },
  );

  app.delete(
    '/api/v1/devices/:deviceId',
    {
      onRequest: [authenticate(store), adminOnly],
      schema: {
        summary: 'Revoke a device token (admin)',
        tags: ['devices'],
        security: BEARER_SECURITY,
        params: z.object({ deviceId: identifier(64) }),
        response: { 204: z.null().describe('Revoked'), 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const device = await store.devices.get(request.params.deviceId);
      // A city's admin revokes its own city's tablets only (the checkpoint exists: devices reference it).
      const checkpoint = device === undefined ? undefined : await store.checkpoints.get(device.checkpointId);
      if (checkpoint !== undefined && principal.kind === 'admin') checkpointOfScope(principal, checkpoint);
      if (!(await store.devices.revoke(request.params.deviceId))) {
        return sendProblem(reply, 404, `There is no active device ${request.params.deviceId}.`);
      }
      return reply.code(204).send(null);
    },
  );
  done();
};
