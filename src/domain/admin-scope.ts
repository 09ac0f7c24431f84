// What an admin account may see and manage (ADR 038): every checkpoint, those of one province, or those of one city.
// Pure, so that the server enforces it and the console shows it with the same rule. Names compare as places do
// ('湖南' = '湖南省', '娄底' = '娄底市'), since checkpoints were created with names as an admin typed them.
import { samePlace } from './places.ts';

export const ADMIN_SCOPE_KINDS = ['all', 'province', 'city'] as const;
export type AdminScopeKind = (typeof ADMIN_SCOPE_KINDS)[number];

export type AdminScope =
  { kind: 'all' } | { kind: 'province'; province: string } | { kind: 'city'; province: string; city: string };

export const WHOLE_SCOPE: AdminScope = { kind: 'all' };

/** Where a checkpoint stands, as far as a scope cares. */
export interface ScopedPlace {
  province: string;
  city: string;
}

/** Whether an admin of `scope` may see and manage a checkpoint at `place`. */
export function scopeCovers(scope: AdminScope, place: ScopedPlace): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'province':
      return samePlace(scope.province, place.province);
    case 'city':
      return samePlace(scope.province, place.province) && samePlace(scope.city, place.city);
  }
}

/** Whether `scope` holds every place `inner` does: a province's admin may make a city's, never the reverse. */
export function scopeContains(scope: AdminScope, inner: AdminScope): boolean {
  switch (inner.kind) {
    case 'all':
      return scope.kind === 'all';
    case 'province':
      return scope.kind === 'all' || (scope.kind === 'province' && samePlace(scope.province, inner.province));
    case 'city':
      return scopeCovers(scope, inner);
  }
}

/**
 * The command line's spelling: 'all', 'province:湖南', 'city:湖南/娄底'. null when it is none of these (an empty
 * name, a city without its province): the caller says what is expected.
 */
export function parseAdminScope(text: string): AdminScope | null {
  const trimmed = text.trim();
  if (trimmed === 'all') return WHOLE_SCOPE;
  const separator = trimmed.indexOf(':');
  if (separator < 0) return null;
  const kind = trimmed.slice(0, separator);
  const rest = trimmed.slice(separator + 1).trim();
  if (kind === 'province') return rest === '' || rest.includes('/') ? null : { kind: 'province', province: rest };
  if (kind !== 'city') return null;
  const parts = rest.split('/').map((part) => part.trim());
  const [province, city] = parts;
  if (parts.length !== 2 || province === undefined || city === undefined || province === '' || city === '') return null;
  return { kind: 'city', province, city };
}

/** The inverse of parseAdminScope: how the command line and the logs write a scope. */
export function formatAdminScope(scope: AdminScope): string {
  switch (scope.kind) {
    case 'all':
      return 'all';
    case 'province':
      return `province:${scope.province}`;
    case 'city':
      return `city:${scope.province}/${scope.city}`;
  }
}
