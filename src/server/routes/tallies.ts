// The daily tally of api.md (JSON, CSV and XLSX): one checkpoint's local day, merged across its tablets, with the server's own flags.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { identifier } from '../../contract/safe-values.ts';
import { dailyTallySchema, localDateSchema } from '../../contract/tally.ts';
import type { DailyTally } from '../../domain/tally.ts';
import { dailyCsvFileName, dailyTallyCsv } from '../../domain/daily-csv.ts';
import { dailySheets, dailyXlsxFallbackName, dailyXlsxFileName } from '../../domain/daily-sheets.ts';
import { XLSX_CONTENT_TYPE } from '../../domain/sheet.ts';
import { authenticate, BEARER_SECURITY, principalOf, type Principal } from '../plugins/auth.ts';
import { problemSchema } from '../plugins/problem.ts';
import type { Checkpoint } from '../store/checkpoint-repository.ts';
import type { Store } from '../store/create-store.ts';
import { sumDay } from '../store/day-sums.ts';
import { attachmentDisposition, CSV_CONTENT_TYPE, csvResponseSchema, xlsxResponseSchema } from './attachment.ts';
import { checkpointInScope } from './checkpoint-scope.ts';
import { writeWorkbook } from './xlsx-workbook.ts';

/** The DailyTally of api.md, named in the OpenAPI document (components.schemas). */
const dailyTallyDocSchema = dailyTallySchema.meta({ id: 'DailyTally' });

const dailyQuerySchema = z.object({
  date: localDateSchema.describe("YYYY-MM-DD, the checkpoint's own local day"),
  checkpointId: identifier(64).optional().describe('Admins: the checkpoint (required for them)'),
});

export interface TallyRoutesOptions {
  store: Store;
}

export const tallyRoutes: FastifyPluginCallbackZod<TallyRoutesOptions> = (app, { store }, done) => {
  async function dayTally(query: z.infer<typeof dailyQuerySchema>, principal: Principal): Promise<DailyTally> {
    return (await checkpointDay(query, principal)).tally;
  }

  async function checkpointDay(
    query: z.infer<typeof dailyQuerySchema>,
    principal: Principal,
  ): Promise<{ checkpoint: Checkpoint; tally: DailyTally }> {
    const checkpoint = await checkpointInScope(store, principal, query.checkpointId, 'tally');
    // Summed in SQL over check_tallies: the same figures as tallyDay over the day's checks (check-tallies.test.ts).
    const tally = await sumDay(store.db, store.dialect, {
      checkpointId: checkpoint.id,
      date: query.date,
      timeZone: checkpoint.timezone,
      province: checkpoint.province,
      city: checkpoint.city,
      generatedAt: new Date().toISOString(),
    });
    return { checkpoint, tally };
  }

  app.get(
    '/api/v1/tallies/daily',
    {
      onRequest: authenticate(store),
      schema: {
        summary: "One checkpoint's daily tally (日报): each check once, at its highest rev, on its local day",
        tags: ['tallies'],
        security: BEARER_SECURITY,
        querystring: dailyQuerySchema,
        response: {
          200: dailyTallyDocSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => dayTally(request.query, principalOf(request)),
  );
  app.get(
    '/api/v1/tallies/daily.csv',
    {
      onRequest: authenticate(store),
      schema: {
        summary: 'The same daily tally as a CSV for Excel or WPS (UTF-8 with a byte-order mark, Chinese headers)',
        tags: ['tallies'],
        security: BEARER_SECURITY,
        querystring: dailyQuerySchema,
        response: {
          200: csvResponseSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const tally = await dayTally(request.query, principalOf(request));
      return reply
        .type(CSV_CONTENT_TYPE)
        .header('content-disposition', attachmentDisposition(dailyCsvFileName(tally.date), `daily-${tally.date}.csv`))
        .send(dailyTallyCsv(tally));
    },
  );
  app.get(
    '/api/v1/tallies/daily.xlsx',
    {
      onRequest: authenticate(store),
      schema: {
        summary: 'The same daily tally as an Excel workbook: a summary sheet (日报) and a per-hour sheet (每小时)',
        tags: ['tallies'],
        security: BEARER_SECURITY,
        querystring: dailyQuerySchema,
        response: {
          200: xlsxResponseSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const { checkpoint, tally } = await checkpointDay(request.query, principalOf(request));
      const workbook = await writeWorkbook(dailySheets(tally, checkpoint));
      return reply
        .type(XLSX_CONTENT_TYPE)
        .header(
          'content-disposition',
          attachmentDisposition(
            dailyXlsxFileName(checkpoint.name, tally.date),
            dailyXlsxFallbackName(checkpoint.id, tally.date),
          ),
        )
        .send(workbook);
    },
  );
  done();
};
