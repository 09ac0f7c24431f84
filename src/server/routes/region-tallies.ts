// The region's day of api.md (区域日报, issue 13; JSON, CSV and XLSX): every checkpoint an admin's scope covers, each on
// its own local day exactly as GET /api/v1/tallies/daily counts it, and their total. Admins only.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { lineText } from '../../contract/safe-values.ts';
import type { AllTrue, SameType } from '../../contract/same-type.ts';
import { regionTallySchema } from '../../contract/admin-console.ts';
import { localDateSchema } from '../../contract/tally.ts';
import { regionCsvFileName, regionTallyCsv } from '../../domain/region-csv.ts';
import { regionSheets, regionXlsxFallbackName, regionXlsxFileName } from '../../domain/region-sheets.ts';
import {
  filterOutsideScope,
  inRegion,
  regionTally,
  type CheckpointDay,
  type RegionCheckpointTally,
  type RegionFilter,
  type RegionTally,
  type RegionTotal,
} from '../../domain/region-tally.ts';
import { XLSX_CONTENT_TYPE } from '../../domain/sheet.ts';
import { adminOnly, authenticate, BEARER_SECURITY, principalOf, type AdminPrincipal } from '../plugins/auth.ts';
import { ProblemError, problemSchema } from '../plugins/problem.ts';
import type { Store } from '../store/create-store.ts';
import { sumDays } from '../store/day-sums.ts';
import { attachmentDisposition, CSV_CONTENT_TYPE, csvResponseSchema, xlsxResponseSchema } from './attachment.ts';
import { writeWorkbook } from './xlsx-workbook.ts';

/** A place as admins create checkpoints with it (checkpoints.ts): one line, 1 to 32 characters. */
const placeName = () => lineText({ min: 1, max: 32 });

const regionQuerySchema = z.object({
  date: localDateSchema.describe("YYYY-MM-DD: each checkpoint's own local day of it"),
  province: placeName()
    .optional()
    .describe('Only checkpoints of this province (湖南 = 湖南省); outside the admin’s scope: 403'),
  city: placeName()
    .optional()
    .describe('Only checkpoints of this city (娄底 = 娄底市); outside the admin’s scope: 403'),
});

/** The wire format's schema (src/contract/admin-console.ts, the console's client reads it) is the domain's shape. */
export type RegionSchemaMatchesDomain = AllTrue<
  [
    SameType<z.infer<typeof regionTallySchema>['checkpoints'][number], RegionCheckpointTally>,
    SameType<z.infer<typeof regionTallySchema>['total'], RegionTotal>,
    SameType<z.infer<typeof regionTallySchema>, RegionTally>,
  ]
>;

const REGION_ERRORS = { 400: problemSchema, 401: problemSchema, 403: problemSchema } as const;

export interface RegionTallyRoutesOptions {
  store: Store;
}

export const regionTallyRoutes: FastifyPluginCallbackZod<RegionTallyRoutesOptions> = (app, { store }, done) => {
  function adminOf(request: FastifyRequest): AdminPrincipal {
    const principal = principalOf(request);
    // adminOnly ran first: anything else is a route wired wrong.
    if (principal.kind !== 'admin') throw new Error('route is missing the adminOnly hook');
    return principal;
  }

  async function regionDay(query: z.infer<typeof regionQuerySchema>, principal: AdminPrincipal): Promise<RegionTally> {
    const filter: RegionFilter = { province: query.province, city: query.city };
    if (filterOutsideScope(principal.scope, filter)) {
      const asked = [query.province, query.city].filter((name) => name !== undefined).join(' ');
      throw new ProblemError(403, `${asked} is outside this admin's scope.`);
    }
    // Oldest first, as GET /api/v1/checkpoints lists them, so the console's two lists read in the same order.
    const checkpoints = (await store.checkpoints.list()).filter((checkpoint) =>
      inRegion(principal.scope, filter, checkpoint),
    );
    const generatedAt = new Date().toISOString();
    // Summed as the daily tally sums each checkpoint (day-sums.ts), all of them in the same few statements, so the
    // region's figures and each checkpoint's own report agree figure for figure.
    const tallies = await sumDays(
      store.db,
      store.dialect,
      checkpoints.map(({ id, province, city, timezone }) => ({
        checkpointId: id,
        date: query.date,
        timeZone: timezone,
        province,
        city,
        generatedAt,
      })),
    );
    const days: CheckpointDay[] = checkpoints.map(({ id, name, province, city, archivedAt }, index) => {
      const tally = tallies[index];
      // sumDays answers one tally per checkpoint, in their order.
      if (tally === undefined) throw new Error(`no tally for checkpoint ${id}`);
      return { checkpoint: { checkpointId: id, name, province, city, archivedAt }, tally };
    });
    return regionTally(query.date, generatedAt, days);
  }

  app.get(
    '/api/v1/tallies/region',
    {
      onRequest: [authenticate(store), adminOnly],
      schema: {
        summary:
          "The region's day (区域日报): every checkpoint of the admin's scope on its own local day, and the total (admins)",
        tags: ['tallies'],
        security: BEARER_SECURITY,
        querystring: regionQuerySchema,
        response: { 200: regionTallySchema, ...REGION_ERRORS },
      },
    },
    async (request) => regionDay(request.query, adminOf(request)),
  );
  app.get(
    '/api/v1/tallies/region.csv',
    {
      onRequest: [authenticate(store), adminOnly],
      schema: {
        summary:
          "The region's day as a CSV for Excel or WPS: a row per checkpoint and the total (UTF-8 with a byte-order mark, Chinese headers)",
        tags: ['tallies'],
        security: BEARER_SECURITY,
        querystring: regionQuerySchema,
        response: { 200: csvResponseSchema, ...REGION_ERRORS },
      },
    },
    async (request, reply) => {
      const region = await regionDay(request.query, adminOf(request));
      return reply
        .type(CSV_CONTENT_TYPE)
        .header(
          'content-disposition',
          attachmentDisposition(regionCsvFileName(region.date), `region-${region.date}.csv`),
        )
        .send(regionTallyCsv(region));
    },
  );
  app.get(
    '/api/v1/tallies/region.xlsx',
    {
      onRequest: [authenticate(store), adminOnly],
      schema: {
        summary: "The region's day as an Excel workbook: the table of checkpoints (区域日报) and their hours (每小时)",
        tags: ['tallies'],
        security: BEARER_SECURITY,
        querystring: regionQuerySchema,
        response: { 200: xlsxResponseSchema, ...REGION_ERRORS },
      },
    },
    async (request, reply) => {
      const region = await regionDay(request.query, adminOf(request));
      const workbook = await writeWorkbook(regionSheets(region));
      return reply
        .type(XLSX_CONTENT_TYPE)
        .header(
          'content-disposition',
          attachmentDisposition(regionXlsxFileName(region.date), regionXlsxFallbackName(region.date)),
        )
        .send(workbook);
    },
  );
  done();
};
