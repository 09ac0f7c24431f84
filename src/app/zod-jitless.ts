// Zod without its eval-compiled fast path, set before any schema is built: the server's CSP forbids eval, and
// Zod's own probe for eval (a caught `new Function`) is otherwise reported as a CSP violation on every start.
// Written to the global object Zod reads its configuration from (`globalThis.__zod_globalConfig`, the same object
// `z.config()` returns), so the switch costs the first screen nothing: zod itself loads later, with the screens and
// the sync code that validate. zod-jitless.test.ts proves that Zod reads this object.

/** The part of Zod's global configuration this app sets. */
interface ZodGlobalConfig {
  jitless?: boolean;
}

const zodGlobal = globalThis as typeof globalThis & { __zod_globalConfig?: ZodGlobalConfig };
// Nothing imports zod before this module; should Zod ever have made the object first, it is amended, not replaced.
zodGlobal.__zod_globalConfig ??= {};
zodGlobal.__zod_globalConfig.jitless = true;
