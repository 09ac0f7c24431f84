// Pasted risk areas checked against the server's own division lists (issue 13): the console sends what the admin
// pasted and shows each line matched or refused before anything is published. Nothing is stored; the rule is the
// domain's (src/domain/risk-area-lines.ts), so a line reads the same in a test as on the console.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { riskAreaLineSchema } from '../../contract/admin-console.ts';
import type { AllTrue, SameType } from '../../contract/same-type.ts';
import { pastedLines, RISK_AREA_LINES_MAX, riskAreaLines, type RiskAreaLine } from '../../domain/risk-area-lines.ts';
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

/** The contract's line, named in the OpenAPI document. */
const riskAreaLineDocSchema = riskAreaLineSchema.meta({ id: 'RiskAreaLine' });

/** The answer infers exactly the domain's lines: a field added to one side only fails the type check here. */
export type RiskAreaLinesMatchDomain = AllTrue<[SameType<z.infer<typeof riskAreaLineDocSchema>, RiskAreaLine>]>;

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
          200: z.object({ lines: z.array(riskAreaLineDocSchema) }),
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
