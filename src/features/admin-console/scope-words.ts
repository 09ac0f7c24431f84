// An admin's scope in the console's words: 全部检查站, 湖南省, 湖南省 娄底市.
import type { AdminScope } from '../../domain/admin-scope.ts';
import type { TranslateOf } from '../../platform/i18n.ts';
import type { consoleMessages } from './console.messages.ts';

export function formatAdminScopeWords(scope: AdminScope, t: TranslateOf<typeof consoleMessages>): string {
  switch (scope.kind) {
    case 'all':
      return t('scopeAll');
    case 'province':
      return t('scopeProvince', { province: scope.province });
    case 'city':
      return t('scopeCity', { province: scope.province, city: scope.city });
  }
}
