// Pasted risk areas checked against the server's own division lists (issue 13): the console sends what the admin
// pasted and shows each line matched or refused before anything is published. Nothing is stored; the rule is the
// domain's (src/domain/risk-area-lines.ts), so a line reads the same in a test as on the console.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { riskAreaSchema } from '../../contract/policy.ts';
import type { AllTrue, SameType } from '../../contract/same-type.ts';
import {
  pastedLines,
  RISK_AREA_LINES_MAX,
  RISK_AREA_REFUSALS,
  riskAreaLines,
  type RiskAreaLine,
} from '../../domain/risk-area-lines.ts';
import type { DivisionFiles } from '../divisions/division-files.ts';
import { adminOnly, authenticate, BEARER_SECURITY } from '../plugins/auth.ts';
import { problemSchema, sendProblem } from '../plugins/problem.ts';
import type { Store } from '../store/create-store.ts';

/** 2,000 short lines fit; a paste is text an admin copied, not a file upload. Past it: 413. */
export const RISK_AREA_LINES_BODY_LIMIT_BYTES = 64 * 1024;

export const NO_DIVISION_LISTS =
  'This server has no division lists (the built app’s divisions/ folder is missing), so pasted risk areas cannot be ' +
  'matched here. Deploy the built app beside the server, or choose the areas on a server that has it.';

// The characters are judged line by line by the domain, so that each line says what is wrong with it (a hidden
// character, and where); the schema bounds only the number of lines.
const pasteSchema = z
  .object({
    text: z
      .string()
      .refine((text) => pastedLines(text).length <= RISK_AREA_LINES_MAX, {
        error: `at most ${RISK_AREA_LINES_MAX} lines at once; paste the rest separately`,
      })
      .describe('The pasted areas, one a line: "湖南省 长沙市 岳麓区 中风险"'),
  })
  .meta({ id: 'RiskAreaPaste' });

const wordsSchema = z.object({ 'zh-CN': z.string(), en: z.string() });

const riskAreaLineSchema = z
  .object({
    lineNumber: z.number().int().describe('1 for the first line pasted; blank lines are left out but counted'),
    text: z.string().describe('The line as pasted'),
    result: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('matched'),
        area: riskAreaSchema,
        codes: z.object({ province: z.string(), city: z.string().optional(), county: z.string().optional() }),
      }),
      z.object({
        kind: z.literal('refused'),
        reason: z.object({
          code: z.enum(RISK_AREA_REFUSALS),
          words: wordsSchema.describe('What to show, in Chinese and English'),
          earlierLine: z.number().int().optional().describe('A duplicate’s earlier line'),
        }),
      }),
    ]),
  })
  .meta({ id: 'RiskAreaLine' });

/** The answer infers exactly the domain's lines: a field added to one side only fails the type check here. */
export type RiskAreaLinesMatchDomain = AllTrue<[SameType<z.infer<typeof riskAreaLineSchema>, RiskAreaLine>]>;

export interface RiskAreaLineRoutesOptions {
  store: Store;
  divisions: DivisionFiles;
}

export const riskAreaLineRoutes: FastifyPluginCallbackZod<RiskAreaLineRoutesOptions> = (
  app,
  { store, divisions },
  done,
) => {
  app.post(
    '/api/v1/policy/risk-area-lines',
    {
      onRequest: [authenticate(store), adminOnly],
      bodyLimit: RISK_AREA_LINES_BODY_LIMIT_BYTES,
      schema: {
        summary: 'Match pasted risk areas, one a line, against the server’s division lists (nothing is stored)',
        tags: ['policy'],
        security: BEARER_SECURITY,
        body: pasteSchema,
        response: {
          200: z.object({ lines: z.array(riskAreaLineSchema) }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          413: problemSchema,
          503: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const index = await divisions.countyIndex();
      if (index === null) return sendProblem(reply, 503, NO_DIVISION_LISTS);
      return { lines: riskAreaLines(request.body.text, index) };
    },
  );
  done();
};
