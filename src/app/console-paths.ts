// Which addresses are the command's console: /admin and below. There the tablet's app (its device, its data, its sync)
// never starts; the console loads on its own (docs/decisions/038).

const CONSOLE_ROOT = '/admin';

/** True for "/admin" and anything below it, not for a look-alike ("/administrator"). */
export function isConsolePath(path: string): boolean {
  return path === CONSOLE_ROOT || path.startsWith(`${CONSOLE_ROOT}/`);
}
