// The screens' catalogue of the vocabulary's names (flags, dispositions, vehicle types, ...), keyed 'flag.fever',
// 'disposition.hold', …: built from src/domain/vocabulary.messages.ts, the one source the server's exports read too,
// so a screen and an export always call one thing the same.
import { VOCABULARY_LABELS, type VocabularyLabels } from '../domain/vocabulary.messages.ts';
import { defineMessages, type Catalogue } from '../platform/i18n.ts';

type Group = keyof VocabularyLabels;
type Key = { [G in Group]: `${G}.${Extract<keyof VocabularyLabels[G], string>}` }[Group];

function flatten(labels: VocabularyLabels): Record<Key, string> {
  const flat: Record<string, string> = {};
  for (const [group, names] of Object.entries(labels) as [Group, Readonly<Record<string, string>>][]) {
    for (const [value, name] of Object.entries(names)) flat[`${group}.${value}`] = name;
  }
  return flat;
}

export const domainLabels: Catalogue<Key> = defineMessages<Record<Key, string>>({
  'zh-CN': flatten(VOCABULARY_LABELS['zh-CN']),
  en: flatten(VOCABULARY_LABELS.en),
});
