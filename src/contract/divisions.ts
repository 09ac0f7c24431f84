// The division chunks as the tablet fetches them and the server reads them from the build (ADR 034): checked before
// a list from the network or the disk is stored or trusted. Validates the domain's shapes (src/domain/divisions.ts).
import { z } from 'zod';
import type { CountyIndexChunk, DivisionEntry, TownshipChunk, VillageChunk } from '../domain/divisions.ts';
import type { AllTrue, SameType } from './same-type.ts';

const digits = (n: number) => z.string().regex(new RegExp(`^\\d{${n}}$`, 'u'));
const pair = (n: number) => z.tuple([digits(n), z.string().min(1)]);
// The code's own digits after its parent's, and the name.
const entry = z.tuple([digits(3), z.string().min(1)]);

export const countyIndexChunkSchema = z.object({
  version: z.string().min(1),
  provinces: z.array(pair(2)),
  cities: z.array(pair(4)),
  counties: z.array(pair(6)),
});

export const townshipChunkSchema = z.object({
  version: z.string().min(1),
  province: digits(2),
  townships: z.record(digits(6), z.array(entry)),
});

export const villageChunkSchema = z.object({
  version: z.string().min(1),
  city: digits(4),
  villages: z.record(digits(9), z.array(entry)),
});

/** The schemas infer exactly the domain's types: a field added to one side only fails the type check here. */
export type SchemasMatchDomain = AllTrue<
  [
    SameType<z.infer<typeof entry>, DivisionEntry>,
    SameType<z.infer<typeof countyIndexChunkSchema>, CountyIndexChunk>,
    SameType<z.infer<typeof townshipChunkSchema>, TownshipChunk>,
    SameType<z.infer<typeof villageChunkSchema>, VillageChunk>,
  ]
>;
