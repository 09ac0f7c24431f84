// Vehicle checks: the tablets' batch upload (exactly once per id, one result per check, in order) and paging.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  batchRequestSchema,
  batchResponseSchema,
  flagSchema,
  isoDateTimeSchema,
  SYNC_BATCH_MAX,
  vehicleCheckSchema,
  type BatchResult,
} from '../../contract/vehicle-check.ts';
import { identifier } from '../../contract/safe-values.ts';
import { authenticate, BEARER_SECURITY, leadOrAdmin, notScopedAdmin, principalOf } from '../plugins/auth.ts';
import { checkpointInScope } from './checkpoint-scope.ts';
import { syncReportOf } from './sync-report.ts';
import type { DeviceIngestRate } from '../plugins/device-ingest-rate.ts';
import type { IngestAdmission } from '../plugins/ingest-admission.ts';
import { problemSchema, sendProblem } from '../plugins/problem.ts';
import type { Store } from '../store/create-store.ts';
import { InvalidCursorError, StoreInputError } from '../store/store-errors.ts';
import type { IngestCheck } from '../store/vehicle-check-repository.ts';
import { intakeCheck, type IntakeLookups } from './check-intake.ts';

export const LIST_LIMIT_DEFAULT = 100;
export const LIST_LIMIT_MAX = 500;

/** The VehicleCheck of api.md, named in the OpenAPI document (components.schemas). */
const vehicleCheckDocSchema = vehicleCheckSchema.meta({ id: 'VehicleCheck' });

// Each check is validated on its own (an invalid one is a "rejected" result, never a 400 for the batch),
// so the envelope takes anything per item; the document still says what an item is.
const batchBodySchema = batchRequestSchema
  .extend({
    checks: z
      .array(z.unknown().describe('A VehicleCheck (components.schemas.VehicleCheck)'))
      .min(1)
      .max(SYNC_BATCH_MAX)
      .describe(
        `1 to ${SYNC_BATCH_MAX} VehicleChecks; each is validated on its own, and an invalid one is answered "rejected"`,
      ),
  })
  .meta({ id: 'BatchRequest' });

const storedCheckSchema = z
  .object({
    check: vehicleCheckDocSchema,
    serverFlags: z.array(z.array(flagSchema)).describe("Each person's flags as the server derived them"),
    localDay: z.string().describe("YYYY-MM-DD of completedAt in the checkpoint's time zone"),
    contentHash: z.string(),
    receivedAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'StoredVehicleCheck' });

const listQuerySchema = z.object({
  from: isoDateTimeSchema.optional().describe('completedAt at or after this instant'),
  to: isoDateTimeSchema.optional().describe('completedAt before this instant'),
  cursor: z
    .string()
    .min(1)
    .max(512)
    .regex(/^[\w-]+$/u, 'a cursor is the nextCursor of a page, as it was given')
    .optional()
    .describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(LIST_LIMIT_MAX).default(LIST_LIMIT_DEFAULT),
  checkpointId: identifier(64).optional().describe("Admins: one checkpoint's checks (default: all)"),
});

const listResponseSchema = z
  .object({ checks: z.array(storedCheckSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'VehicleCheckPage' });

export interface VehicleCheckRoutesOptions {
  store: Store;
  /** Bounds the uploads in flight and waiting, before their bodies are read. */
  admission: IngestAdmission;
  /** Bounds the checks one device uploads (per minute, after a burst). */
  deviceRate: DeviceIngestRate;
}

export const vehicleCheckRoutes: FastifyPluginCallbackZod<VehicleCheckRoutesOptions> = (
  app,
  { store, admission, deviceRate },
  done,
) => {
  const auth = authenticate(store);
  // A checkpoint's time zone is fixed once it is created; a batch of 500 asks for the same one 500 times.
  const timezones = new Map<string, string>();
  const lookups: IntakeLookups = {
    async timezoneOf(checkpointId) {
      const known = timezones.get(checkpointId);
      if (known !== undefined) return known;
      const checkpoint = await store.checkpoints.get(checkpointId);
      if (checkpoint !== undefined) timezones.set(checkpointId, checkpoint.timezone);
      return checkpoint?.timezone;
    },
    policy: (version) => store.policies.get(version),
  };

  app.post(
    '/api/v1/vehicle-checks/batch',
    {
      // Authenticated first, so a caller without a valid token never takes a slot or a place in the queue; a device
      // over its rate neither.
      onRequest: [auth, notScopedAdmin, deviceRate.admit, admission.admit],
      schema: {
        summary: 'Upload checks; resend any batch any number of times — each id is stored once',
        tags: ['vehicle-checks'],
        security: BEARER_SECURITY,
        body: batchBodySchema,
        response: {
          200: batchResponseSchema,
          400: problemSchema,
          401: problemSchema,
          // An admin session of a province or a city: uploading is a tablet's.
          403: problemSchema,
          413: problemSchema,
          // This device has sent more than its rate: nothing was stored; the tablet resends after Retry-After seconds.
          429: problemSchema,
          // Busy with other uploads: nothing was stored; the tablet resends after Retry-After seconds.
          503: problemSchema,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      deviceRate.charge(principal, request.body.checks.length);
      const results: BatchResult[] = [];
      const toStore: { index: number; item: IngestCheck }[] = [];
      for (const [index, raw] of request.body.checks.entries()) {
        const outcome = await intakeCheck(raw, principal, lookups);
        if (outcome.kind === 'answered') results[index] = outcome.result;
        else toStore.push({ index, item: outcome.item });
      }
      const stored = await store.vehicleChecks.ingest(toStore.map(({ item }) => item));
      toStore.forEach(({ index }, i) => {
        const result = stored[i];
        if (result === undefined) throw new Error(`the store answered ${stored.length} of ${toStore.length} checks`);
        results[index] = result;
      });
      // Counts only: an operator sees a tablet stuck on rejections without any check's content reaching the log.
      // The console's "pending on the tablet" and app version; a lead session is its tablet posting.
      if (principal.kind === 'device') await store.devices.recordSync(principal.deviceId, syncReportOf(request));
      const statuses: Partial<Record<BatchResult['status'], number>> = {};
      for (const { status } of results) statuses[status] = (statuses[status] ?? 0) + 1;
      request.log.info({ batch: statuses }, 'batch ingested');
      return { results };
    },
  );

  app.get(
    '/api/v1/vehicle-checks',
    {
      // The checkpoint's whole history with registrations: a lead session's or an admin's, not any tablet's.
      onRequest: [auth, leadOrAdmin],
      schema: {
        summary: 'Page through stored checks by completedAt (a lead session or an admin)',
        tags: ['vehicle-checks'],
        security: BEARER_SECURITY,
        querystring: listQuerySchema,
        response: { 200: listResponseSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { from, to, cursor, limit, checkpointId } = request.query;
      let scope: string | null;
      if (principal.kind === 'device') {
        if (checkpointId !== undefined && checkpointId !== principal.checkpointId) {
          return sendProblem(reply, 403, "A device token may read only its own checkpoint's checks.");
        }
        scope = principal.checkpointId;
      } else if (principal.scope.kind === 'all') {
        scope = checkpointId ?? null;
      } else {
        // A province's or a city's admin reads one checkpoint of its scope at a time.
        if (checkpointId === undefined) {
          return sendProblem(reply, 400, 'Admins with a scope name the checkpoint: add &checkpointId=… to the query.');
        }
        scope = (await checkpointInScope(store, principal, checkpointId, 'checks')).id;
      }
      try {
        const page = await store.vehicleChecks.list({
          checkpointId: scope,
          fromMs: from === undefined ? undefined : Date.parse(from),
          toMs: to === undefined ? undefined : Date.parse(to),
          cursor,
          limit,
        });
        // Written as stored, not checked against today's schema on the way out: each body passed the rules in force
        // when it arrived, and a row kept from before a rule was tightened (a tablet whose clock read 1970, before
        // the years 2000–2099) must still page out rather than fail its whole page with a 500 (ADR 027).
        return await reply.type('application/json; charset=utf-8').serializer(JSON.stringify).send(page);
      } catch (error) {
        if (error instanceof InvalidCursorError || error instanceof StoreInputError) {
          return sendProblem(reply, 400, error.message);
        }
        throw error;
      }
    },
  );
  done();
};
