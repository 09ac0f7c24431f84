// The region's hand-off list of api.md (区域交接名单, issue 13; JSON, CSV and XLSX): the flagged persons of one date from
// every checkpoint an admin's scope covers, each on its own local day, grouped by destination county → township →
// village as one checkpoint's list groups them, each with the checkpoint that found them. The exports may be cut to
// one township (its grid workers' part); the workbook of the whole region has a sheet per township. Admins only.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { handoffGroupSchema, handoffPersonSchema } from '../../contract/handoff.ts';
import { lineText } from '../../contract/safe-values.ts';
import type { AllTrue, SameType } from '../../contract/same-type.ts';
import { localDateSchema } from '../../contract/tally.ts';
import { COUNTY_CODE_DIGITS, TOWNSHIP_CODE_DIGITS, type DivisionLookup } from '../../domain/divisions.ts';
import {
  regionHandoffCsv,
  regionHandoffCsvFileName,
  regionHandoffFallbackStem,
  type TownshipName,
} from '../../domain/region-handoff-csv.ts';
import { regionHandoffSheets, regionHandoffXlsxFileName } from '../../domain/region-handoff-sheets.ts';
import {
  distinctDestinations,
  regionHandoffList,
  townshipPart,
  type RegionHandoffCheckpoint,
  type RegionHandoffGroup,
  type RegionHandoffList,
  type RegionHandoffPerson,
} from '../../domain/region-handoffs.ts';
import { filterOutsideScope, inRegion, type RegionFilter } from '../../domain/region-tally.ts';
import { XLSX_CONTENT_TYPE } from '../../domain/sheet.ts';
import type { Destination } from '../../domain/vehicle-check.ts';
import type { DivisionFiles } from '../divisions/division-files.ts';
import { adminOnly, authenticate, BEARER_SECURITY, principalOf, type AdminPrincipal } from '../plugins/auth.ts';
import { ProblemError, problemSchema } from '../plugins/problem.ts';
import type { Store } from '../store/create-store.ts';
import { readFlaggedChecksOfDay } from '../store/day-checks.ts';
import { attachmentDisposition, CSV_CONTENT_TYPE, csvResponseSchema, xlsxResponseSchema } from './attachment.ts';
import { writeWorkbook } from './xlsx-workbook.ts';

/** A place as admins create checkpoints with it (checkpoints.ts): one line, 1 to 32 characters. */
const placeName = () => lineText({ min: 1, max: 32 });

const TOWNSHIP_CODE = new RegExp(`^\\d{${TOWNSHIP_CODE_DIGITS}}$`, 'u');

const regionHandoffQuerySchema = z.object({
  date: localDateSchema.describe("YYYY-MM-DD: each checkpoint's own local day of it"),
  province: placeName()
    .optional()
    .describe('Only checkpoints of this province (湖南 = 湖南省); outside the admin’s scope: 403'),
  city: placeName()
    .optional()
    .describe('Only checkpoints of this city (娄底 = 娄底市); outside the admin’s scope: 403'),
});

const regionHandoffExportQuerySchema = regionHandoffQuerySchema.extend({
  township: z
    .string()
    .regex(TOWNSHIP_CODE, 'a township code has 9 digits')
    .optional()
    .describe('Only the persons bound for this township (its 9-digit code): its grid workers’ part'),
});

const regionHandoffPersonSchema = handoffPersonSchema.extend({
  checkpointId: z.string().min(1),
  checkpointName: z.string().describe('The checkpoint that checked the person'),
});

const regionHandoffGroupSchema = handoffGroupSchema.extend({ persons: z.array(regionHandoffPersonSchema).min(1) });

const regionHandoffCheckpointSchema = z.object({
  checkpointId: z.string().min(1),
  name: z.string(),
  province: z.string(),
  city: z.string(),
  timezone: z.string().describe('Its persons’ times are read on this clock'),
  flaggedPersons: z.number().int().nonnegative(),
});

const regionHandoffListSchema = z
  .object({
    date: localDateSchema,
    checkpoints: z
      .array(regionHandoffCheckpointSchema)
      .describe('Every checkpoint of the region, oldest first; an archived one only when it found someone that day'),
    groups: z.array(regionHandoffGroupSchema),
  })
  .meta({ id: 'RegionHandoffList' });

/** The schemas infer exactly the domain's types: a field added to one side only fails the type check here. */
export type RegionHandoffSchemasMatchDomain = AllTrue<
  [
    SameType<z.infer<typeof regionHandoffPersonSchema>, RegionHandoffPerson>,
    SameType<z.infer<typeof regionHandoffGroupSchema>, RegionHandoffGroup>,
    SameType<z.infer<typeof regionHandoffCheckpointSchema>, RegionHandoffCheckpoint>,
    SameType<z.infer<typeof regionHandoffListSchema>, RegionHandoffList>,
  ]
>;

const REGION_ERRORS = { 400: problemSchema, 401: problemSchema, 403: problemSchema } as const;

/** No destination but a county code: what makes the division files read the lists a township code needs. */
const countyOnly = (townshipCode: string): Destination => ({
  province: '',
  city: '',
  county: '',
  township: '',
  village: '',
  countyCode: townshipCode.slice(0, COUNTY_CODE_DIGITS),
});

/** How a township's file is named: as the list names it, else as the division lists do, else by its code. */
function townshipName(list: RegionHandoffList, code: string, lookup: DivisionLookup | null): TownshipName {
  const group = list.groups[0];
  if (group !== undefined) return { county: group.county, township: group.township };
  const county = lookup?.county(code.slice(0, COUNTY_CODE_DIGITS))?.name;
  const township = lookup?.township(code)?.name;
  return county === undefined || township === undefined ? { county: '', township: code } : { county, township };
}

/**
 * Runs each piece of work once the one before it has finished. A region's list of an extreme day holds its parsed
 * checks, the list and the file being written at once: ~200 MB for 60,000 flagged checks (80,000 persons, a 25 MB
 * answer), and the server runs with a heap of 256 MB (npm start), so two at once would take it down. An admin asking
 * while another list is being made waits for it instead.
 */
function oneAfterAnother(): <T>(work: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = last.then(work, work);
    last = run.catch(() => undefined);
    return run;
  };
}

/** The region's list as made for one request: the township's part and its name when one was asked for. */
interface MadeList {
  list: RegionHandoffList;
  township?: TownshipName;
}

export interface RegionHandoffRoutesOptions {
  store: Store;
  /** The division lists of the built app: older records of free text are matched to codes by exact names (ADR 034). */
  divisions: DivisionFiles;
}

export const regionHandoffRoutes: FastifyPluginCallbackZod<RegionHandoffRoutesOptions> = (
  app,
  { store, divisions },
  done,
) => {
  const inTurn = oneAfterAnother();

  function adminOf(request: FastifyRequest): AdminPrincipal {
    const principal = principalOf(request);
    // adminOnly ran first: anything else is a route wired wrong.
    if (principal.kind !== 'admin') throw new Error('route is missing the adminOnly hook');
    return principal;
  }

  /** The query's narrowing, refused (403) when it names a place outside the admin's scope. */
  function filterOf(query: z.infer<typeof regionHandoffQuerySchema>, principal: AdminPrincipal): RegionFilter {
    const filter: RegionFilter = { province: query.province, city: query.city };
    if (filterOutsideScope(principal.scope, filter)) {
      const asked = [query.province, query.city].filter((name) => name !== undefined).join(' ');
      throw new ProblemError(403, `${asked} is outside this admin's scope.`);
    }
    return filter;
  }

  /** The region's list; `township` cuts it to that township's part and names it. The checks are let go on return. */
  async function regionList(
    query: z.infer<typeof regionHandoffExportQuerySchema>,
    principal: AdminPrincipal,
    filter: RegionFilter,
  ): Promise<MadeList> {
    // Oldest first, as GET /api/v1/checkpoints and the region's day list them; archived ones too, for their persons.
    const checkpoints = (await store.checkpoints.list()).filter((checkpoint) =>
      inRegion(principal.scope, filter, checkpoint),
    );
    const checks = await readFlaggedChecksOfDay(
      store.db,
      checkpoints.map((checkpoint) => checkpoint.id),
      query.date,
    );
    const destinations = distinctDestinations(checks);
    const lookup = await divisions.lookupFor(
      query.township === undefined ? destinations : [...destinations, countyOnly(query.township)],
    );
    const places = checkpoints.map(({ id, name, province, city, timezone, archivedAt }) => ({
      checkpointId: id,
      name,
      province,
      city,
      timezone,
      archivedAt,
    }));
    const list = regionHandoffList(query.date, places, checks, lookup);
    if (query.township === undefined) return { list };
    const part = townshipPart(list, query.township);
    return { list: part, township: townshipName(part, query.township, lookup) };
  }

  /**
   * The list made and written (`write`) in turn with every other request's, so one region's memory is held at once.
   * What leaves the turn is the answer's bytes, a Buffer outside the V8 heap, held until the socket takes it while the
   * next list is made. Fastify sends a Buffer as it is, whatever the route's schema says; the type provider knows
   * only the schema's type, hence the casts where they are sent.
   */
  function made<T>(request: FastifyRequest, write: (made: MadeList) => T | Promise<T>): Promise<T> {
    const query = request.query as z.infer<typeof regionHandoffExportQuerySchema>;
    const principal = adminOf(request);
    const filter = filterOf(query, principal);
    return inTurn(async () => write(await regionList(query, principal, filter)));
  }

  app.get(
    '/api/v1/handoffs/region',
    {
      onRequest: [authenticate(store), adminOnly],
      schema: {
        summary:
          "The region's hand-off list (区域交接名单): every checkpoint of the admin's scope, its day's flagged persons by destination county → township → village, each with its checkpoint (admins)",
        tags: ['handoffs'],
        security: BEARER_SECURITY,
        querystring: regionHandoffQuerySchema,
        response: { 200: regionHandoffListSchema, ...REGION_ERRORS },
      },
    },
    async (request, reply) => {
      // Written as built, not checked against the schema on the way out: a region's day may list tens of thousands of
      // persons, and the check would copy all of them for a shape the domain's types already prove
      // (RegionHandoffSchemasMatchDomain); a row stored before a rule was tightened (a clock of 1999) is served as
      // stored rather than failing the list with a 500, as GET /api/v1/vehicle-checks does.
      const body = await made(request, ({ list }) => Buffer.from(JSON.stringify(list)));
      return reply.type('application/json; charset=utf-8').send(body as unknown as RegionHandoffList);
    },
  );
  app.get(
    '/api/v1/handoffs/region.csv',
    {
      onRequest: [authenticate(store), adminOnly],
      schema: {
        summary:
          "The region's hand-off list as a CSV for Excel or WPS, the whole region or one township (UTF-8 with a byte-order mark, Chinese headers; admins)",
        tags: ['handoffs'],
        security: BEARER_SECURITY,
        querystring: regionHandoffExportQuerySchema,
        response: { 200: csvResponseSchema, ...REGION_ERRORS },
      },
    },
    async (request, reply) => {
      const { csv, fileName } = await made(request, ({ list, township }) => ({
        csv: Buffer.from(regionHandoffCsv(list)),
        fileName: regionHandoffCsvFileName(list.date, township),
      }));
      const fallback = `${regionHandoffFallbackStem(request.query.date, request.query.township)}.csv`;
      return reply
        .type(CSV_CONTENT_TYPE)
        .header('content-disposition', attachmentDisposition(fileName, fallback))
        .send(csv as unknown as string);
    },
  );
  app.get(
    '/api/v1/handoffs/region.xlsx',
    {
      onRequest: [authenticate(store), adminOnly],
      schema: {
        summary:
          "The region's hand-off list as an Excel workbook: a sheet per destination township (one for a township's part), every value a text cell (admins)",
        tags: ['handoffs'],
        security: BEARER_SECURITY,
        querystring: regionHandoffExportQuerySchema,
        response: { 200: xlsxResponseSchema, ...REGION_ERRORS },
      },
    },
    async (request, reply) => {
      const { workbook, fileName } = await made(request, async ({ list, township }) => ({
        workbook: await writeWorkbook(regionHandoffSheets(list)),
        fileName: regionHandoffXlsxFileName(list.date, township),
      }));
      const fallback = `${regionHandoffFallbackStem(request.query.date, request.query.township)}.xlsx`;
      return reply
        .type(XLSX_CONTENT_TYPE)
        .header('content-disposition', attachmentDisposition(fileName, fallback))
        .send(workbook);
    },
  );
  done();
};
