// Which build of the app this is, as the build wrote it (vite.config.ts defines both from package.json and git):
// what a support call asks first. Under the dev server and in unit tests there is no build: 'dev'.
declare const __KAKOU_VERSION__: string | undefined;
declare const __KAKOU_BUILD__: string | undefined;

const UNBUILT = 'dev';

/** package.json's version, e.g. '0.1.0'. */
export const APP_VERSION: string = typeof __KAKOU_VERSION__ === 'string' ? __KAKOU_VERSION__ : UNBUILT;

/** The git commit the build was made from (short hash), or the build's UTC time where there was no git. */
export const APP_BUILD: string = typeof __KAKOU_BUILD__ === 'string' ? __KAKOU_BUILD__ : UNBUILT;
