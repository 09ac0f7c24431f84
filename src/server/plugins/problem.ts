// Every error answer as application/problem+json (RFC 9457): 4xx say what to fix, 5xx never carry internals.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { refusedValueReason } from '../store/store-errors.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
export type Problem = z.infer<typeof problemSchema>;

/** Thrown by routes for an answer other than success; the error handler turns it into a problem. */
export class ProblemError extends Error {
  readonly statusCode: number;
  constructor(statusCode: number, detail: string) {
    super(detail);
    this.name = 'ProblemError';
    this.statusCode = statusCode;
  }
}

export function problem(status: number, detail: string): Problem {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail };
}

export function sendProblem(reply: FastifyReply, status: number, detail: string): FastifyReply {
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(problem(status, detail));
}

const INTERNAL_DETAIL = 'The server could not complete the request. It has been logged; try again later.';
/** A value of the request the store refused (refusedValueReason): the schemas should have refused it first. */
const REFUSED_VALUE_DETAIL =
  'The request holds a value the server cannot store (a control character, a number or a time out of range); ' +
  'correct it and send the request again.';
const SERVER_ERROR_MIN = 500;
const CLIENT_ERROR_MIN = 400;

/** "checks: Too big: expected array to have <=500 items" — a field path a person can find in what they sent. */
function validationDetail(error: FastifyError): string {
  const where = error.validationContext ?? 'request';
  const issues = (error.validation ?? []).map((issue) => {
    const path = issue.instancePath.replace(/^\//u, '').replaceAll('/', '.');
    return `${path === '' ? where : `${where}.${path}`}: ${issue.message ?? 'is invalid'}`;
  });
  return issues.length === 0 ? `The ${where} is invalid.` : issues.join('; ');
}

/** Readable words for what Fastify itself rejects before a route runs. */
function fastifyClientDetail(error: FastifyError, bodyLimitBytes: number): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `The request body is larger than ${bodyLimitBytes} bytes; send less at once (fewer checks per batch).`;
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty; send a JSON object.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'The request body must be JSON (Content-Type: application/json).';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'The request body is not valid JSON.';
    default:
      // Fastify's parser marks broken JSON with 400 and the parser's own message, which may quote the body back.
      if (error instanceof SyntaxError) return 'The request body is not valid JSON.';
      return error.message;
  }
}

/** Installs the error handler; the not-found handler is app.ts's, since the PWA may answer unknown paths first. */
export function registerProblemHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    // Second line of defence (ADR 027): a value that slipped past a route's schema and that the store refused is the
    // request's fault, answered 400, never 500; logged, since the schema has a gap to close.
    const refused = refusedValueReason(error);
    if (refused !== null) {
      request.log.warn({ error: { type: error.name, code: error.code } }, `the store refused a value (${refused})`);
      return sendProblem(reply, 400, REFUSED_VALUE_DETAIL);
    }
    if (error.validation !== undefined) {
      if (error.validationContext === 'body' && (request.body === undefined || request.body === null)) {
        return sendProblem(reply, 400, 'The request has no body; send a JSON object (Content-Type: application/json).');
      }
      return sendProblem(reply, 400, validationDetail(error));
    }
    const status = error.statusCode ?? SERVER_ERROR_MIN;
    if (status >= CLIENT_ERROR_MIN && status < SERVER_ERROR_MIN) {
      // The route's own limit: enrollment takes far less than a batch.
      return sendProblem(reply, status, fastifyClientDetail(error, request.routeOptions.bodyLimit));
    }
    // Only the message, name and stack: driver errors carry the offending row values in other fields (pg's `detail`).
    request.log.error(
      { error: { type: error.name, code: error.code, message: error.message, stack: error.stack } },
      'request failed',
    );
    return sendProblem(reply, status >= SERVER_ERROR_MIN && status < 600 ? status : SERVER_ERROR_MIN, INTERNAL_DETAIL);
  });
}

export function notFoundProblem(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(reply, 404, `There is no ${request.method} ${request.url.split('?')[0] ?? ''} on this server.`);
}

/**
 * Whether a request's URL is under /api, in any letter case, %-escaped or with doubled slashes: routes match exactly
 * (Fastify is case-sensitive), and such a near miss must be a 404 problem, never the app's page in its place.
 */
export function isApiPath(url: string): boolean {
  const rawPath = url.split('?')[0] ?? '';
  let path = rawPath;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    // Left as sent: the router answers an undecodable path itself (answerRouterError).
  }
  return /^\/api(?:\/|$)/iu.test(path.replace(/\/{2,}/gu, '/'));
}

/** Fastify's own codes for a URL its router cannot use, and the answer to each. */
const ROUTER_ERROR_ANSWERS: Readonly<Record<string, { status: number; detail: string }>> = {
  FST_ERR_BAD_URL: { status: 400, detail: 'The URL is not valid: a %-escape in its path does not decode to UTF-8.' },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    detail: 'A part of the URL path is longer than any id this server uses.',
  },
};

/**
 * Fastify's frameworkErrors: the router's refusals come before any hook, so the security headers (security.ts) are
 * added here, and the answer is a problem like every other.
 */
export function answerRouterError(
  error: FastifyError,
  reply: FastifyReply,
  headers: Readonly<Record<string, string>>,
): void {
  const { status, detail } = ROUTER_ERROR_ANSWERS[error.code] ?? {
    status: 400,
    detail: 'The request URL cannot be routed.',
  };
  void sendProblem(reply.headers(headers), status, detail);
}

/** Node's own refusals, before a request reaches Fastify, by the error code Node gives them. */
const CLIENT_ERROR_ANSWERS: Readonly<Record<string, { status: number; detail: string }>> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: 'The request did not arrive in time; send it again.' },
  HPE_HEADER_OVERFLOW: { status: 431, detail: 'The request headers are too large.' },
};
const NOT_HTTP = { status: 400, detail: 'The request is not valid HTTP.' };

/**
 * Fastify's clientErrorHandler: a request past its timeout, oversized headers or bytes that are not HTTP get a problem
 * (written straight to the socket, since Node raises these outside any reply Fastify holds), then the connection is closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // The peer is gone (reset, or already cut off): there is nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, detail } = (error.code === undefined ? undefined : CLIENT_ERROR_ANSWERS[error.code]) ?? NOT_HTTP;
  if (socket.writable) {
    const body = JSON.stringify(problem(status, detail));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
