// The problems a route over one checkpoint's data may answer, for its OpenAPI response map: a bad query or body (400),
// no or a refused token (401), another checkpoint or a role the route needs (403), a checkpoint that is not there (404).
import { problemSchema } from '../plugins/problem.ts';

export const SCOPED_ERRORS = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
} as const;
