// The checkpoint's shift configuration: read by every tablet on each sync, edited from a known version by a lead session
// (or an admin), and each accepted version kept with what made it (ADR 030).
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkpointConfigSchema, checkpointConfigUpdateSchema } from '../../contract/checkpoint-config.ts';
import { checkpointConfigHistorySchema } from '../../contract/config-history.ts';
import { identifier } from '../../contract/safe-values.ts';
import { checkCheckpointConfig, describeConfigProblem } from '../../domain/shift-config-rules.ts';
import { authenticate, BEARER_SECURITY, leadOrAdmin, principalOf } from '../plugins/auth.ts';
import { problem, PROBLEM_CONTENT_TYPE, problemSchema, sendProblem } from '../plugins/problem.ts';
import { SCOPED_ERRORS } from './scoped-errors.ts';
import { CONFIG_HISTORY_LIMIT_MAX, type ConfigEditor } from '../store/checkpoint-config-repository.ts';
import type { Store } from '../store/create-store.ts';
import { ConfigVersionConflictError } from '../store/store-errors.ts';
import { checkpointInScope } from './checkpoint-scope.ts';

const configDocSchema = checkpointConfigSchema.meta({ id: 'CheckpointConfig' });
const updateDocSchema = checkpointConfigUpdateSchema.meta({ id: 'CheckpointConfigUpdate' });

/** A 409 also says, as a number, which version to reload (RFC 9457 allows extension members). */
const conflictSchema = problemSchema.extend({ currentVersion: z.number().int().min(0) }).meta({ id: 'ConfigConflict' });

const historyDocSchema = checkpointConfigHistorySchema.meta({ id: 'CheckpointConfigHistory' });

const scopeQuerySchema = z.object({
  checkpointId: identifier(64).optional().describe('Admins: the checkpoint (required for them)'),
});

const CONFIG_HISTORY_LIMIT_DEFAULT = 50;
const historyQuerySchema = scopeQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(CONFIG_HISTORY_LIMIT_MAX).default(CONFIG_HISTORY_LIMIT_DEFAULT),
});

export interface CheckpointConfigRoutesOptions {
  store: Store;
}

export const checkpointConfigRoutes: FastifyPluginCallbackZod<CheckpointConfigRoutesOptions> = (
  app,
  { store },
  done,
) => {
  app.get(
    '/api/v1/checkpoint-config',
    {
      onRequest: authenticate(store),
      schema: {
        summary: "The checkpoint's teams and shifts (version 0, the default, until one is saved)",
        tags: ['checkpoint'],
        security: BEARER_SECURITY,
        querystring: scopeQuerySchema,
        response: {
          200: configDocSchema,
          ...SCOPED_ERRORS,
        },
      },
    },
    async (request) => {
      const checkpoint = await checkpointInScope(
        store,
        principalOf(request),
        request.query.checkpointId,
        'configuration',
      );
      return store.checkpointConfigs.get(checkpoint.id);
    },
  );

  app.get(
    '/api/v1/checkpoint-config/history',
    {
      onRequest: [authenticate(store), leadOrAdmin],
      schema: {
        summary:
          'Who changed the configuration and when: each accepted version, newest first (a lead session or an admin)',
        tags: ['checkpoint'],
        security: BEARER_SECURITY,
        querystring: historyQuerySchema,
        response: {
          200: historyDocSchema,
          ...SCOPED_ERRORS,
        },
      },
    },
    async (request) => {
      const checkpoint = await checkpointInScope(
        store,
        principalOf(request),
        request.query.checkpointId,
        'configuration',
      );
      return {
        checkpointId: checkpoint.id,
        changes: await store.checkpointConfigs.history(checkpoint.id, request.query.limit),
      };
    },
  );

  app.put(
    '/api/v1/checkpoint-config',
    {
      onRequest: [authenticate(store), leadOrAdmin],
      schema: {
        summary:
          'Save an edited configuration as the next version, if it was edited from the stored one (409 otherwise; a lead session or an admin)',
        tags: ['checkpoint'],
        security: BEARER_SECURITY,
        querystring: scopeQuerySchema,
        body: updateDocSchema,
        response: {
          200: configDocSchema,
          ...SCOPED_ERRORS,
          409: conflictSchema,
        },
      },
    },
    async (request, reply) => {
      const checkpoint = await checkpointInScope(
        store,
        principalOf(request),
        request.query.checkpointId,
        'configuration',
      );
      const { baseVersion, ...body } = request.body;
      const check = checkCheckpointConfig(body);
      if (!check.ok) return sendProblem(reply, 400, check.problems.map(describeConfigProblem).join(' '));
      try {
        const principal = principalOf(request);
        // leadOrAdmin let only these two through.
        const editor: ConfigEditor =
          principal.kind === 'admin'
            ? { madeBy: 'admin', deviceId: null }
            : { madeBy: 'lead', deviceId: principal.deviceId };
        return await store.checkpointConfigs.update(checkpoint.id, check.body, baseVersion, editor);
      } catch (error) {
        if (!(error instanceof ConfigVersionConflictError)) throw error;
        const detail = `${error.message}.`;
        return reply
          .code(409)
          .type(PROBLEM_CONTENT_TYPE)
          .send({ ...problem(409, detail), currentVersion: error.currentVersion });
      }
    },
  );
  done();
};
