// The screening policy: the current one and any published version for every token; publishing for admins.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policyVersionsSchema } from '../../contract/admin-console.ts';
import { policySchema } from '../../contract/policy.ts';
import { INT4_MAX, wholeNumber } from '../../contract/safe-values.ts';
import { authenticate, BEARER_SECURITY, principalOf, wholeScopeAdminOnly } from '../plugins/auth.ts';
import { problemSchema, sendProblem } from '../plugins/problem.ts';
import type { Store } from '../store/create-store.ts';
import { PolicyVersionConflictError } from '../store/store-errors.ts';

/** A policy without its version (the next one is taken); policySchema's cross-field rules are checked too. */
const policyDraftSchema = z
  .object({
    ...policySchema.shape,
    version: wholeNumber(1)
      .optional()
      .describe('Leave out to take the next version; when given it must be the next one (409 otherwise)'),
  })
  .superRefine((draft, ctx) => {
    // Any version satisfies the version rule here; the store assigns the real one.
    const checked = policySchema.safeParse({ ...draft, version: draft.version ?? 1 });
    if (checked.success) return;
    for (const issue of checked.error.issues) {
      if (issue.code === 'custom') ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }
  })
  .meta({ id: 'PolicyDraft' });

export interface PolicyRoutesOptions {
  store: Store;
}

export const policyRoutes: FastifyPluginCallbackZod<PolicyRoutesOptions> = (app, { store }, done) => {
  const auth = authenticate(store);

  app.get(
    '/api/v1/policy',
    {
      onRequest: auth,
      schema: {
        summary: 'The policy in effect now',
        tags: ['policy'],
        security: BEARER_SECURITY,
        response: { 200: policySchema, 401: problemSchema },
      },
    },
    async () => store.policies.current(),
  );

  app.get(
    '/api/v1/policy/versions',
    {
      onRequest: auth,
      schema: {
        summary:
          'Every published policy version, newest first: when each takes effect, when and by whom it was published',
        tags: ['policy'],
        security: BEARER_SECURITY,
        response: { 200: policyVersionsSchema, 401: problemSchema },
      },
    },
    async () => store.policies.versions(),
  );

  app.get(
    '/api/v1/policy/:version',
    {
      onRequest: auth,
      schema: {
        summary: 'A published policy version',
        tags: ['policy'],
        security: BEARER_SECURITY,
        params: z.object({ version: z.coerce.number().int().min(1).max(INT4_MAX) }),
        response: { 200: policySchema, 401: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const policy = await store.policies.get(request.params.version);
      if (policy === undefined) return sendProblem(reply, 404, `There is no policy version ${request.params.version}.`);
      return policy;
    },
  );

  app.put(
    '/api/v1/policy',
    {
      // The policy is the whole server's: a province's or a city's admin may not change it for the others.
      onRequest: [auth, wholeScopeAdminOnly],
      schema: {
        summary: 'Publish a new policy version (an admin of every checkpoint)',
        tags: ['policy'],
        security: BEARER_SECURITY,
        body: policyDraftSchema,
        response: { 201: policySchema, 400: problemSchema, 401: problemSchema, 403: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      try {
        const principal = principalOf(request);
        const publishedBy = principal.kind === 'admin' ? principal.actor : null;
        const published = await store.policies.publish(request.body, publishedBy);
        return await reply.code(201).header('location', `/api/v1/policy/${published.version}`).send(published);
      } catch (error) {
        if (error instanceof PolicyVersionConflictError) return sendProblem(reply, 409, error.message);
        throw error;
      }
    },
  );
  done();
};
