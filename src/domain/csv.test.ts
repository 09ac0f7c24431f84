import { describe, expect, it } from 'vitest';
import { csvField, toCsv, UTF8_BOM } from './csv.ts';
import { parseCsv } from '../../tests/support/domain/parse-csv.ts';

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

  it('writes numbers as they are and null as an empty field', () => {
    expect(csvField(12865)).toBe('12865');
    expect(csvField(null)).toBe('');
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
