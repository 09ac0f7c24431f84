// Admin sign-in (ADR 038): a username and password buy an 8-hour session token that acts as an admin token within the
// account's scope. Wrong passwords are limited per username and per client address (429 with Retry-After).
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminSessionSchema } from '../../contract/admin-console.ts';
import { lineText } from '../../contract/safe-values.ts';
import { authenticate, BEARER_SECURITY, principalOf } from '../plugins/auth.ts';
import { ProblemError, problemSchema, sendProblem } from '../plugins/problem.ts';
import { ADMIN_PASSWORD_MAX_CHARS } from '../store/admin-password.ts';
import type { Store } from '../store/create-store.ts';

/** A username and a password are well under a kilobyte; anyone may post here, so a body is kept small. */
export const SIGN_IN_BODY_LIMIT_BYTES = 4 * 1024;

/** The same words whether the username is unknown or the password wrong: the answer tells no username apart. */
export const WRONG_CREDENTIALS = 'The username or the password is wrong.';

const signInSchema = z
  .object({
    username: lineText({ min: 1, max: 64 }),
    // Not trimmed: spaces may be part of a password.
    password: z
      .string()
      .min(1)
      .max(ADMIN_PASSWORD_MAX_CHARS * 4),
  })
  .meta({ id: 'SignIn' });

export interface AdminSessionRoutesOptions {
  store: Store;
}

export const adminSessionRoutes: FastifyPluginCallbackZod<AdminSessionRoutesOptions> = (app, { store }, done) => {
  app.post(
    '/api/v1/sessions',
    {
      bodyLimit: SIGN_IN_BODY_LIMIT_BYTES,
      schema: {
        summary: "An admin signs in: an 8-hour token acting within the account's scope",
        tags: ['sessions'],
        body: signInSchema,
        response: { 201: adminSessionSchema, 400: problemSchema, 401: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const reservation = await store.adminSessions.reserveAttempt(username, request.ip);
      if (reservation.kind === 'refused') {
        const seconds = Math.ceil(reservation.retryAfterMs / 1000);
        void reply.header('retry-after', String(seconds));
        const who = reservation.limitedBy === 'username' ? 'this username' : 'this address';
        return sendProblem(reply, 429, `Too many wrong passwords for ${who}; try again in ${seconds} s.`);
      }
      const account = await store.adminAccounts.verify(username, password);
      if (account === null) {
        request.log.info({ attempt: 'wrong' }, 'admin sign-in refused');
        // A 401 names how to authenticate (RFC 9110): the session this route would have given is a bearer token.
        void reply.header('www-authenticate', 'Bearer');
        return sendProblem(reply, 401, WRONG_CREDENTIALS);
      }
      await store.adminSessions.releaseAttempt(reservation.attemptId);
      const session = await store.adminSessions.create(account.adminId);
      request.log.info({ admin: account.username }, 'admin signed in');
      return reply.code(201).send({
        token: session.token,
        expiresAt: session.expiresAt,
        username: account.username,
        scope: account.scope,
      });
    },
  );

  app.delete(
    '/api/v1/sessions/current',
    {
      onRequest: authenticate(store),
      schema: {
        summary: "Sign out: the admin session's token stops working",
        tags: ['sessions'],
        security: BEARER_SECURITY,
        response: { 204: z.null().describe('Signed out'), 401: problemSchema, 403: problemSchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      // As DELETE /api/v1/lead-sessions/current: a token that is no such session may not end one (403), whatever it is.
      if (principal.kind !== 'admin' || principal.adminSessionId === null) {
        throw new ProblemError(403, 'Only an admin session’s token signs out; this token is no admin session.');
      }
      await store.adminSessions.revoke(principal.adminSessionId);
      return reply.code(204).send(null);
    },
  );
  done();
};
