// The lead (班组长, ADR 030): the checkpoint's one PIN as a hash the tablets verify offline, how it is set (the first lead
// at a tablet while none is set; a lead or an admin after), and the 15-minute lead sessions a correct PIN buys.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  checkpointLeadPinSchema,
  leadPinChangeSchema,
  leadPinFirstSchema,
  leadSessionRequestSchema,
  leadSessionSchema,
} from '../../contract/lead-pin.ts';
import { LEAD_PIN_MIN_ITERATIONS, type CheckpointLeadPin, type LeadPinHash } from '../../domain/lead-pin.ts';
import { checkLeadPin, type LeadPinProblem } from '../../domain/lead-pin-rules.ts';
import { authenticate, BEARER_SECURITY, leadOrAdmin, principalOf, type Principal } from '../plugins/auth.ts';
import { problem, PROBLEM_CONTENT_TYPE, problemSchema, ProblemError, sendProblem } from '../plugins/problem.ts';
import { SCOPED_ERRORS } from './scoped-errors.ts';
import type { Store } from '../store/create-store.ts';
import { hashLeadPin, leadPinMatches } from '../store/lead-pin-hash.ts';
import type { LeadPinSetterInfo } from '../store/lead-pin-repository.ts';
import { LEAD_PIN_ATTEMPT_WINDOW_MS, LEAD_PIN_WRONG_MAX } from '../store/lead-session-repository.ts';
import { checkpointInScope } from './checkpoint-scope.ts';

/** A PIN or a hash is a few hundred bytes; these routes need none of the batch's 4 MB. */
export const LEAD_BODY_LIMIT_BYTES = 4 * 1024;

const leadPinDocSchema = checkpointLeadPinSchema.meta({ id: 'CheckpointLeadPin' });
const leadSessionDocSchema = leadSessionSchema.meta({ id: 'LeadSession' });

/** 409 of the first PIN: one is set already; its version says which to fetch. */
const pinSetSchema = problemSchema.extend({ currentVersion: z.number().int().min(1) }).meta({ id: 'LeadPinSet' });
/** 403 of a wrong PIN says how many more this tablet may try in the window; other 403s leave it out. */
const refusedSessionSchema = problemSchema
  .extend({ attemptsLeft: z.number().int().min(0).optional().describe('A wrong PIN: tries left before 429') })
  .meta({ id: 'LeadSessionRefused' });

const scopeQuerySchema = z.object({
  checkpointId: z.string().min(1).max(64).optional().describe('Admins: the checkpoint (required for them)'),
});

/** Why a PIN is refused, in words a lead can act on (the tablet says the same in its own language). */
const PIN_PROBLEM_WORDS: Record<LeadPinProblem, string> = {
  empty: 'The PIN is empty.',
  notDigits: 'The PIN must be digits only.',
  tooShort: 'The PIN must have at least 6 digits.',
  tooLong: 'The PIN must have at most 8 digits.',
  allSame: 'The PIN may not be one digit repeated (like 000000); choose one that is hard to guess.',
  sequence: 'The PIN may not be a run of digits (like 123456 or 654321); choose one that is hard to guess.',
};

/** A new PIN must pass the same rules as on the tablet; 400 in words otherwise. */
function acceptablePin(pin: string): void {
  const problemCode = checkLeadPin(pin);
  if (problemCode !== null) throw new ProblemError(400, PIN_PROBLEM_WORDS[problemCode]);
}

function setterOf(principal: Principal): LeadPinSetterInfo {
  if (principal.kind === 'admin') return { setBy: 'admin', deviceId: null };
  return { setBy: principal.leadSessionId === null ? 'tablet' : 'lead', deviceId: principal.deviceId };
}

/** The lead PIN's hash is what an offline guess would start from: no cache along the way may keep it. */
function noStore(reply: FastifyReply): void {
  void reply.header('cache-control', 'no-store');
}

export interface LeadRoutesOptions {
  store: Store;
  /** PBKDF2 rounds for PINs the server hashes; LEAD_PIN_MIN_ITERATIONS unless a test lowers it. */
  leadPinIterations?: number;
}

export const leadRoutes: FastifyPluginCallbackZod<LeadRoutesOptions> = (app, { store, leadPinIterations }, done) => {
  const auth = authenticate(store);
  const iterations = leadPinIterations ?? LEAD_PIN_MIN_ITERATIONS;

  app.get(
    '/api/v1/lead-pin',
    {
      onRequest: auth,
      schema: {
        summary: "The checkpoint's lead PIN as a hash and its parameters, for the tablets' offline PIN pad",
        tags: ['lead'],
        security: BEARER_SECURITY,
        querystring: scopeQuerySchema,
        response: {
          200: leadPinDocSchema,
          ...SCOPED_ERRORS,
        },
      },
    },
    async (request, reply): Promise<CheckpointLeadPin> => {
      const checkpoint = await checkpointInScope(store, principalOf(request), request.query.checkpointId, 'lead PIN');
      noStore(reply);
      return store.leadPins.get(checkpoint.id);
    },
  );

  app.post(
    '/api/v1/lead-pin',
    {
      onRequest: auth,
      bodyLimit: LEAD_BODY_LIMIT_BYTES,
      schema: {
        summary:
          'Set the first lead PIN while the checkpoint has none: the PIN, or the hash a tablet set before already keeps',
        tags: ['lead'],
        security: BEARER_SECURITY,
        querystring: scopeQuerySchema,
        body: leadPinFirstSchema,
        response: {
          201: leadPinDocSchema,
          ...SCOPED_ERRORS,
          409: pinSetSchema,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const checkpoint = await checkpointInScope(store, principal, request.query.checkpointId, 'lead PIN');
      let hash: LeadPinHash;
      if ('pin' in request.body) {
        acceptablePin(request.body.pin);
        hash = await hashLeadPin(request.body.pin, iterations);
      } else {
        // Hashed on the tablet when its lead set it: the rules were checked there, and the PIN itself is long gone.
        hash = request.body.hash;
      }
      const set = await store.leadPins.setFirst(checkpoint.id, hash, setterOf(principal));
      noStore(reply);
      if (set !== undefined) return reply.code(201).send(set);
      const current = await store.leadPins.get(checkpoint.id);
      return reply
        .code(409)
        .type(PROBLEM_CONTENT_TYPE)
        .send({
          ...problem(409, 'The checkpoint already has a lead PIN: fetch it (GET /api/v1/lead-pin) and use that one.'),
          currentVersion: current.version,
        });
    },
  );

  app.put(
    '/api/v1/lead-pin',
    {
      onRequest: [auth, leadOrAdmin],
      bodyLimit: LEAD_BODY_LIMIT_BYTES,
      schema: {
        summary: "Change the checkpoint's lead PIN (a lead session or an admin); every lead session of it ends",
        tags: ['lead'],
        security: BEARER_SECURITY,
        querystring: scopeQuerySchema,
        body: leadPinChangeSchema,
        response: {
          200: leadPinDocSchema,
          ...SCOPED_ERRORS,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const checkpoint = await checkpointInScope(store, principal, request.query.checkpointId, 'lead PIN');
      acceptablePin(request.body.pin);
      const hash = await hashLeadPin(request.body.pin, iterations);
      noStore(reply);
      return store.leadPins.replace(checkpoint.id, hash, setterOf(principal));
    },
  );

  app.post(
    '/api/v1/lead-sessions',
    {
      onRequest: auth,
      bodyLimit: LEAD_BODY_LIMIT_BYTES,
      schema: {
        summary: `A lead session for this tablet with the lead PIN: a token for 15 minutes. ${LEAD_PIN_WRONG_MAX} wrong PINs per tablet in 15 minutes, then 429`,
        tags: ['lead'],
        security: BEARER_SECURITY,
        body: leadSessionRequestSchema,
        response: {
          201: leadSessionDocSchema,
          400: problemSchema,
          401: problemSchema,
          403: refusedSessionSchema,
          409: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      if (principal.kind !== 'device') {
        return sendProblem(reply, 403, "A lead session is a tablet's: unlock with a device token, not an admin token.");
      }
      const { hash } = await store.leadPins.get(principal.checkpointId);
      if (hash === null) {
        return sendProblem(
          reply,
          409,
          'The checkpoint has no lead PIN yet: the first lead sets one (POST /api/v1/lead-pin), or an admin does.',
        );
      }
      const reservation = await store.leadSessions.reserveAttempt(principal.deviceId);
      if (reservation.kind === 'refused') {
        const seconds = Math.ceil(reservation.retryAfterMs / 1000);
        void reply.header('retry-after', String(seconds));
        return sendProblem(
          reply,
          429,
          `${LEAD_PIN_WRONG_MAX} wrong lead PINs from this tablet within ${LEAD_PIN_ATTEMPT_WINDOW_MS / 60_000} minutes: try again in ${seconds} s.`,
        );
      }
      if (!(await leadPinMatches(request.body.pin, hash))) {
        const attemptsLeft = Math.max(0, LEAD_PIN_WRONG_MAX - reservation.wrongBefore - 1);
        return reply
          .code(403)
          .type(PROBLEM_CONTENT_TYPE)
          .send({
            ...problem(
              403,
              `The lead PIN is not right; ${attemptsLeft} more tries from this tablet before it must wait.`,
            ),
            attemptsLeft,
          });
      }
      await store.leadSessions.releaseAttempt(reservation.attemptId);
      const session = await store.leadSessions.create({
        deviceId: principal.deviceId,
        checkpointId: principal.checkpointId,
      });
      noStore(reply);
      return reply.code(201).send({ token: session.token, expiresAt: session.expiresAt });
    },
  );

  app.delete(
    '/api/v1/lead-sessions/current',
    {
      onRequest: auth,
      schema: {
        summary: 'End this lead session (the lead locked the tablet)',
        tags: ['lead'],
        security: BEARER_SECURITY,
        response: { 204: z.null().describe('Ended'), 401: problemSchema, 403: problemSchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      if (principal.kind !== 'device' || principal.leadSessionId === null) {
        return sendProblem(reply, 403, 'Only a lead token ends its lead session.');
      }
      await store.leadSessions.revoke(principal.leadSessionId);
      return reply.code(204).send(null);
    },
  );
  done();
};
