import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, digitsText, neutralisedText, toCsv, UTF8_BOM, type CsvCell } from './csv.ts';
import { parseCsv } from '../../tests/support/domain/parse-csv.ts';
import { FORMULA_PAYLOADS, neutralised } from '../../tests/support/domain/formula-payloads.ts';

/** One cell written and read back as a spreadsheet would receive it. */
const roundTrip = (cell: CsvCell): string | undefined => parseCsv(toCsv([[cell]]))[0]?.[0];

describe('csvField', () => {
  it.each([
    ['plain', '湘K12345', '湘K12345'],
    ['a comma', '娄底,东', '"娄底,东"'],
    ['a quote', '李"四"', '"李""四"""'],
    ['a line break', '一\r\n二', '"一\r\n二"'],
    ['a leading space', ' 张三', '" 张三"'],
  ])('writes a field with %s so that Excel reads it back as one cell', (_label, value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it('writes numbers as they are, a negative one too, and null as an empty field', () => {
    expect(csvField(12865)).toBe('12865');
    expect(csvField(-5)).toBe('-5');
    expect(csvField(0.5)).toBe('0.5');
    expect(csvField(null)).toBe('');
  });
});

describe('text a spreadsheet would run as a formula', () => {
  it.each(FORMULA_PAYLOADS.map((payload) => [JSON.stringify(payload), payload]))(
    'gets a leading apostrophe: %s',
    (_label, payload) => {
      expect(roundTrip(payload)).toBe(neutralised(payload));
    },
  );

  it.each([
    ['a space before the sign', ' =1'],
    ['a line feed before the sign', '\n+1'],
    ['a full-width equals sign', '＝HYPERLINK("http://x")'],
    ['a full-width at sign', '＠SUM(A1)'],
    ['a TAB before plain text', '\t张三'],
    ['a lone minus', '-'],
  ])('gets one with %s too', (_label, value) => {
    expect(roundTrip(value)).toBe(neutralised(value));
  });

  it('leaves text that starts otherwise as it is, signs inside it included', () => {
    for (const text of ['张三', '湘K1-2', 'a=b', '1+1', "'=1", '2026-11-28', '08时', ''])
      expect(roundTrip(text)).toBe(text);
  });

  it('writes a text "-5" as text and the number -5 as the number', () => {
    expect(roundTrip('-5')).toBe("'-5");
    expect(roundTrip(-5)).toBe('-5');
  });

  it('writes a number that is not finite as text, never as a bare "-Infinity"', () => {
    expect(roundTrip(Number.NEGATIVE_INFINITY)).toBe("'-Infinity");
    expect(roundTrip(Number.NaN)).toBe('NaN');
  });

  it('never lets any text cell start with a formula sign, whatever it holds', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const read = roundTrip(text);
        expect(read === text || read === neutralised(text)).toBe(true);
        expect(read).not.toMatch(/^[=+\-@\t\r]/u);
        expect(neutralisedText(text) === text).toBe(read === text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('digitsText', () => {
  it('keeps an 18-digit ID number and a phone with a leading 0 as text with an apostrophe, not a tab', () => {
    expect(roundTrip(digitsText('110105194912310025'))).toBe("'110105194912310025");
    expect(roundTrip(digitsText('07388888888'))).toBe("'07388888888");
  });

  it('leaves an ID number ending in X as it is, neutralises a phone typed as a formula, and keeps null empty', () => {
    expect(roundTrip(digitsText('11010519491231002X'))).toBe('11010519491231002X');
    expect(roundTrip(digitsText('+8613800138000'))).toBe("'+8613800138000");
    expect(roundTrip(digitsText('\t=1'))).toBe("'\t=1");
    expect(csvField(digitsText(null))).toBe('');
  });
});

describe('toCsv', () => {
  it('starts with the byte-order mark and ends every record with CRLF', () => {
    expect(toCsv([['日期', '2026-11-28'], [], ['车辆总数', 3]])).toBe(
      `${UTF8_BOM}日期,2026-11-28\r\n\r\n车辆总数,3\r\n`,
    );
  });

  it('reads back cell for cell, whatever the cells hold', () => {
    const rows = [
      ['车牌', '姓名', '备注'],
      ['湘K1,2"3', '"', 'a\nb\r\nc'],
      ['', ',', ' x '],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});
