// The API's description, generated from the same zod schemas that validate requests: the OpenAPI document at
// /api/docs/json (and /api/docs/yaml), and a page to read it at /api/docs. The page's scripts and styles are
// Swagger UI's own files from node_modules, served by this server: a checkpoint's LAN has no internet.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export const API_DOCS_PREFIX = '/api/docs';
/** The OpenAPI document as JSON, beside the page (Swagger UI's own route). */
export const API_DOCS_JSON_PATH = `${API_DOCS_PREFIX}/json`;

/** Registers the document and its page; before the routes, which the document collects as they are added. */
export async function registerApiDocs(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kakou sync endpoint',
        description:
          'The REST endpoint the checkpoint tablets sync to (docs/api.md in the repository says how the parts work together).',
        version,
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: API_DOCS_PREFIX,
    // No validator badge (validatorUrl false): it would send the document to a public service, and the LAN has none.
    validatorUrl: false,
    uiConfig: { docExpansion: 'list', deepLinking: true, defaultModelsExpandDepth: 1 },
    theme: { title: 'Kakou API' },
  });
}
