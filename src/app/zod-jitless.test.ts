// The jitless switch reaches Zod without importing it: Zod reads its configuration from the global object the switch
// writes, so schemas built later (with the screens and the sync code) never probe for eval under the server's CSP.
import { expect, it } from 'vitest';
import './zod-jitless.ts';

it('turns Zod jitless through the global configuration Zod itself reads', async () => {
  const { z } = await import('zod');
  const written = (globalThis as { __zod_globalConfig?: object }).__zod_globalConfig;
  expect(z.config()).toBe(written);
  expect(z.config().jitless).toBe(true);
  // Schemas still validate, on the slower path that needs no eval.
  expect(z.object({ plate: z.string() }).safeParse({ plate: '湘K12345' }).success).toBe(true);
});
