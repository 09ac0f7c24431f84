// Every value of the screening vocabulary has a name in Chinese and in English, and a screen and an export call it
// the same: the officer's tablet and the lead's spreadsheet never disagree on what a flag or a disposition is called.
import { describe, expect, it } from 'vitest';
import { dailyTallyCsv } from '../domain/daily-csv.ts';
import { dailySheets } from '../domain/daily-sheets.ts';
import { handoffCsv } from '../domain/handoff-csv.ts';
import { tallyDay } from '../domain/tally.ts';
import { parseCsv } from '../../tests/support/domain/parse-csv.ts';
import { DEFAULT_TIME_ZONE } from '../domain/time.ts';
import { VOCABULARY_LABELS, type VocabularyLabels } from '../domain/vocabulary.messages.ts';
import * as vocabulary from '../domain/vocabulary.ts';
import { LANGUAGES, translator } from '../platform/i18n.ts';
import { domainLabels } from './domain-labels.messages.ts';

/** Each list of vocabulary.ts and the group of names it is shown with. */
const GROUP_OF_LIST: Readonly<Record<string, keyof VocabularyLabels>> = {
  FLAGS: 'flag',
  DISPOSITIONS: 'disposition',
  VEHICLE_TYPES: 'vehicleType',
  CODE_COLORS: 'codeColor',
  CODE_COLOR_SOURCES: 'codeColorSource',
  PLATE_KINDS: 'plateKind',
  TEST_STATUSES: 'testStatus',
  SCAN_METHODS: 'scan',
  PERSON_ROLES: 'role',
  ORIGIN_CLASSES: 'origin',
  RISK_LEVELS: 'riskLevel',
};

/** The lists of vocabulary.ts by export name (its other exports are the temperature bounds). */
const lists: [string, readonly string[]][] = Object.entries(vocabulary).flatMap(([name, value]) =>
  typeof value === 'number' ? [] : [[name, value] as [string, readonly string[]]],
);
const valuesOf = (group: keyof VocabularyLabels): readonly string[] =>
  lists.find(([name]) => GROUP_OF_LIST[name] === group)?.[1] ?? [];

describe('the vocabulary’s names', () => {
  it('cover every list of the vocabulary (a new list needs its names here)', () => {
    expect(lists.map(([name]) => name).sort()).toEqual(Object.keys(GROUP_OF_LIST).sort());
  });

  it.each(lists)(
    'name every value of %s in Chinese and English, each differently',
    (name: string, values: readonly string[]) => {
      const group = GROUP_OF_LIST[name];
      if (group === undefined) throw new Error(`${name} has no names`);
      for (const language of LANGUAGES) {
        const names: Readonly<Record<string, string>> = VOCABULARY_LABELS[language][group];
        expect(Object.keys(names).sort(), `${language} ${group}`).toEqual([...values].sort());
        for (const value of values) expect(names[value]?.trim(), `${language} ${group}.${value}`).toBeTruthy();
        expect(new Set(Object.values(names)).size, `${language} ${group}: two values share a name`).toBe(values.length);
      }
    },
  );

  it('are what the screens show, in both languages', () => {
    for (const language of LANGUAGES) {
      const screen = translator(domainLabels, language);
      for (const group of Object.values(GROUP_OF_LIST)) {
        const names: Readonly<Record<string, string>> = VOCABULARY_LABELS[language][group];
        for (const value of valuesOf(group))
          expect(screen(`${group}.${value}` as Parameters<typeof screen>[0])).toBe(names[value]);
      }
    }
  });
});

describe('exports and screens', () => {
  const screenZh = translator(domainLabels, 'zh-CN');
  const emptyDay = tallyDay([], {
    checkpointId: 'cp-1',
    date: '2026-11-28',
    timeZone: DEFAULT_TIME_ZONE,
    province: '湖南',
    city: '娄底',
    generatedAt: '2026-11-28T12:00:00Z',
  });
  const screenNames = [
    ...vocabulary.VEHICLE_TYPES.map((type) => screenZh(`vehicleType.${type}`)),
    ...vocabulary.ORIGIN_CLASSES.map((origin) => screenZh(`origin.${origin}`)),
    ...vocabulary.FLAGS.map((flag) => screenZh(`flag.${flag}`)),
    ...vocabulary.DISPOSITIONS.map((disposition) => screenZh(`disposition.${disposition}`)),
  ];

  it('the daily CSV names every type, origin, flag and disposition as the report screen does', () => {
    const firstColumn = parseCsv(dailyTallyCsv(emptyDay)).map((row) => row[0]);
    for (const name of screenNames) expect(firstColumn).toContain(name);
  });

  it('the daily workbook names them as the report screen does', () => {
    const [summary] = dailySheets(emptyDay, { id: 'cp-1', name: '娄底东' });
    const firstColumn = summary.rows.map((row) => row.cells[0]);
    for (const name of screenNames) expect(firstColumn).toContain(name);
  });

  it('the hand-off CSV names a person’s flags and disposition as the hand-off screen does', () => {
    const rows = parseCsv(
      handoffCsv(
        {
          checkpointId: 'cp-1',
          date: '2026-11-28',
          groups: [
            {
              county: '双峰县',
              township: '三塘铺镇',
              village: '三塘村',
              persons: [
                {
                  checkId: 'check-1',
                  completedAt: '2026-11-28T08:01:40+08:00',
                  plate: '湘K12345',
                  flags: [...vocabulary.FLAGS],
                  disposition: 'hold',
                  name: '张三',
                  idNumber: null,
                  phone: null,
                },
              ],
            },
          ],
        },
        DEFAULT_TIME_ZONE,
      ),
    );
    const [, person] = rows;
    expect(person?.[5]).toBe(vocabulary.FLAGS.map((flag) => screenZh(`flag.${flag}`)).join('、'));
    expect(person?.[6]).toBe(screenZh('disposition.hold'));
  });
});
