// Modules the tablet's code gets in place of what a package's entry names: the build and the tests resolve them alike,
// so what the units run is what ships (ADR 043). Both trim the first screen's JS without changing what runs.
import { join } from 'node:path';

export interface ModuleAlias {
  readonly find: RegExp;
  readonly replacement: string;
}

/** `root` is the project's folder. */
export function moduleAliases(root: string): ModuleAlias[] {
  return [
    // Dexie's package entry wraps its ES5 UMD build, to guard against a second copy loaded through require(); its
    // ES2018 module build is the same library, 1.5 kB gzip smaller minified, and the tablet's code imports Dexie
    // only as a module.
    { find: /^dexie$/u, replacement: 'dexie/dist/modern/dexie.mjs' },
    // wouter asks for the shim of useSyncExternalStore, written for React before 18; React 19 has the hook itself.
    {
      find: /^use-sync-external-store\/shim(?:\/index\.js)?$/u,
      replacement: join(root, 'src/app/use-sync-external-store.ts'),
    },
  ];
}
