// A check is stored once per revision (an amendment raises its rev); every count takes each check once, at its latest.

/** Each id once, at its highest rev (the first copy seen wins a tie). */
export function latestRevisions<C extends { id: string; rev: number }>(checks: readonly C[]): C[] {
  const latest = new Map<string, C>();
  for (const check of checks) {
    const known = latest.get(check.id);
    if (known === undefined || check.rev > known.rev) latest.set(check.id, check);
  }
  return [...latest.values()];
}
