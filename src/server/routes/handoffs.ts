// The hand-off list of api.md (JSON, CSV and XLSX): a day's flagged persons by destination, with full registration for
// the grid workers; a lead session's or an admin's to read (ADR 030).
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { handoffListSchema } from '../../contract/handoff.ts';
import { identifier } from '../../contract/safe-values.ts';
import { localDateSchema } from '../../contract/tally.ts';
import { handoffCsv, handoffCsvFileName } from '../../domain/handoff-csv.ts';
import { handoffSheet, handoffXlsxFileName } from '../../domain/handoff-sheet.ts';
import { handoffList, type HandoffList } from '../../domain/handoffs.ts';
import { XLSX_CONTENT_TYPE } from '../../domain/sheet.ts';
import { authenticate, BEARER_SECURITY, leadOrAdmin, principalOf, type Principal } from '../plugins/auth.ts';
import { SCOPED_ERRORS } from './scoped-errors.ts';
import type { DivisionFiles } from '../divisions/division-files.ts';
import type { Checkpoint } from '../store/checkpoint-repository.ts';
import type { Store } from '../store/create-store.ts';
import { readChecksOfDay } from '../store/day-checks.ts';
import { attachmentDisposition, CSV_CONTENT_TYPE, csvResponseSchema, xlsxResponseSchema } from './attachment.ts';
import { checkpointInScope } from './checkpoint-scope.ts';
import { writeWorkbook } from './xlsx-workbook.ts';

const handoffListDocSchema = handoffListSchema.meta({ id: 'HandoffList' });

const handoffQuerySchema = z.object({
  date: localDateSchema.describe("YYYY-MM-DD, the checkpoint's own local day"),
  checkpointId: identifier(64).optional().describe('Admins: the checkpoint (required for them)'),
});

export interface HandoffRoutesOptions {
  store: Store;
  /** The division lists of the built app: older records of free text are matched to codes by exact names (ADR 034). */
  divisions: DivisionFiles;
}

export const handoffRoutes: FastifyPluginCallbackZod<HandoffRoutesOptions> = (app, { store, divisions }, done) => {
  async function dayHandoffs(
    query: z.infer<typeof handoffQuerySchema>,
    principal: Principal,
  ): Promise<{ checkpoint: Checkpoint; list: HandoffList }> {
    const checkpoint = await checkpointInScope(store, principal, query.checkpointId, 'hand-off list');
    const checks = await readChecksOfDay(store.db, checkpoint.id, query.date);
    // The list holds the flagged persons only: their vehicles' destinations are the ones to look up.
    const flagged = checks.filter((check) => check.persons.some((person) => person.flags.length > 0));
    const lookup = await divisions.lookupFor(flagged.map((check) => check.vehicle.destination));
    return { checkpoint, list: handoffList(checks, { checkpointId: checkpoint.id, date: query.date }, lookup) };
  }

  app.get(
    '/api/v1/handoffs',
    {
      onRequest: [authenticate(store), leadOrAdmin],
      schema: {
        summary:
          "A day's flagged persons grouped by destination county → township → village, with full registration (a lead session or an admin)",
        tags: ['handoffs'],
        security: BEARER_SECURITY,
        querystring: handoffQuerySchema,
        response: { 200: handoffListDocSchema, ...SCOPED_ERRORS },
      },
    },
    async (request) => (await dayHandoffs(request.query, principalOf(request))).list,
  );
  app.get(
    '/api/v1/handoffs.csv',
    {
      onRequest: [authenticate(store), leadOrAdmin],
      schema: {
        summary:
          'The same hand-off list as a CSV for Excel or WPS (UTF-8 with a byte-order mark, Chinese headers; a lead session or an admin)',
        tags: ['handoffs'],
        security: BEARER_SECURITY,
        querystring: handoffQuerySchema,
        response: { 200: csvResponseSchema, ...SCOPED_ERRORS },
      },
    },
    async (request, reply) => {
      const { checkpoint, list } = await dayHandoffs(request.query, principalOf(request));
      return reply
        .type(CSV_CONTENT_TYPE)
        .header(
          'content-disposition',
          attachmentDisposition(handoffCsvFileName(list.date), `handoffs-${list.date}.csv`),
        )
        .send(handoffCsv(list, checkpoint.timezone));
    },
  );
  app.get(
    '/api/v1/handoffs.xlsx',
    {
      onRequest: [authenticate(store), leadOrAdmin],
      schema: {
        summary:
          'The same hand-off list as an Excel workbook: one sheet, every value a text cell (ID numbers kept whole)',
        tags: ['handoffs'],
        security: BEARER_SECURITY,
        querystring: handoffQuerySchema,
        response: { 200: xlsxResponseSchema, ...SCOPED_ERRORS },
      },
    },
    async (request, reply) => {
      const { checkpoint, list } = await dayHandoffs(request.query, principalOf(request));
      const workbook = await writeWorkbook([handoffSheet(list, checkpoint.timezone)]);
      return reply
        .type(XLSX_CONTENT_TYPE)
        .header(
          'content-disposition',
          attachmentDisposition(handoffXlsxFileName(list.date), `handoffs-${list.date}.xlsx`),
        )
        .send(workbook);
    },
  );
  done();
};
