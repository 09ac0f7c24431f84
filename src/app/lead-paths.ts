// Which paths are the shift lead's: the gate wraps whatever route answers them, including routes added later.

const LEAD_PATH_ROOTS = ['/report', '/handoffs', '/lead'] as const;

/** True for each root and anything below it ("/report", "/report/print"), not for a look-alike ("/reports"). */
export function isLeadPath(path: string): boolean {
  return LEAD_PATH_ROOTS.some((root) => path === root || path.startsWith(`${root}/`));
}
