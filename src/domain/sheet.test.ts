import { expect, it } from 'vitest';
import { workbookSheets } from './sheet.ts';
import { FORMULA_PAYLOADS, asWorkbookText } from '../../tests/support/domain/formula-payloads.ts';

it('types every text cell as text with the Text format and every figure as a number, whatever the text holds', () => {
  const [sheet] = workbookSheets([
    {
      name: '表',
      columnWidths: [10, 8],
      rows: [
        { cells: ['标题'], emphasis: true },
        { cells: [] },
        ...FORMULA_PAYLOADS.map((payload) => ({ cells: [payload, -5, null] })),
      ],
    },
  ]);
  expect(sheet?.sheet).toBe('表');
  expect(sheet?.columns).toEqual([{ width: 10 }, { width: 8 }]);
  expect(sheet?.data.slice(0, 2)).toEqual([[{ value: '标题', type: String, format: '@', fontWeight: 'bold' }], []]);
  expect(sheet?.data.slice(2)).toEqual(
    FORMULA_PAYLOADS.map((payload) => [
      { value: asWorkbookText(payload), type: String, format: '@' },
      { value: -5, type: Number },
      null,
    ]),
  );
});

it('writes a number that is not finite as text, so the file stays readable', () => {
  const [sheet] = workbookSheets([
    { name: 's', columnWidths: [], rows: [{ cells: [Number.NaN, Number.NEGATIVE_INFINITY] }] },
  ]);
  expect(sheet?.data[0]).toEqual([
    { value: 'NaN', type: String, format: '@' },
    { value: '-Infinity', type: String, format: '@' },
  ]);
});
