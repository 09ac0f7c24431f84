import { expect, it } from 'vitest';
import { HANDOFF_CSV_HEADER, handoffCsv } from './handoff-csv.ts';
import type { HandoffList, HandoffPerson } from './handoffs.ts';
import { FORMULA_PAYLOADS, neutralised } from '../../tests/support/domain/formula-payloads.ts';
import { parseCsv } from '../../tests/support/domain/parse-csv.ts';

const person = (overrides?: Partial<HandoffPerson>): HandoffPerson => ({
  checkId: 'c1',
  completedAt: '2026-11-28T00:30:00Z',
  plate: '湘K12345',
  flags: ['yellow-code', 'fever'],
  disposition: 'fever-clinic',
  name: '张三',
  idNumber: '110105194912310025',
  phone: '07388888888',
  ...overrides,
});
const list = (...persons: HandoffPerson[]): HandoffList => ({
  checkpointId: 'cp',
  date: '2026-11-28',
  groups: [{ county: '双峰县', township: '三塘铺镇', village: '三塘村', persons }],
});

it('writes one row per person with Chinese flag and disposition names and the checkpoint’s wall-clock time', () => {
  const rows = parseCsv(handoffCsv(list(person()), 'Asia/Shanghai'));
  expect(rows[0]).toEqual([...HANDOFF_CSV_HEADER]);
  expect(rows[1]?.slice(0, 7)).toEqual([
    '双峰县',
    '三塘铺镇',
    '三塘村',
    '2026-11-28 08:30:00',
    '湘K12345',
    '黄码、体温异常',
    '发热门诊',
  ]);
});

it('keeps an 18-digit ID number and a phone with a leading 0 as text in Excel (an apostrophe, no tab), not 1.10105E+17', () => {
  const row = parseCsv(handoffCsv(list(person()), 'Asia/Shanghai'))[1];
  expect(row?.slice(8, 10)).toEqual(["'110105194912310025", "'07388888888"]);
  const withX = parseCsv(handoffCsv(list(person({ idNumber: '11010519491231002X' })), 'Asia/Shanghai'))[1];
  expect(withX?.[8]).toBe('11010519491231002X');
});

it('defuses a name or plate that Excel would run as a formula', () => {
  const row = parseCsv(
    handoffCsv(
      list(person({ name: '=HYPERLINK("http://x")', plate: '@SUM', phone: '+8613800138000' })),
      'Asia/Shanghai',
    ),
  )[1];
  expect(row?.[7]).toBe('\'=HYPERLINK("http://x")');
  expect(row?.[4]).toBe("'@SUM");
  expect(row?.[9]).toBe("'+8613800138000");
});

it('writes every text column a spreadsheet would run as a formula with a leading apostrophe', () => {
  for (const payload of FORMULA_PAYLOADS) {
    const hostile: HandoffList = {
      checkpointId: 'cp',
      date: '2026-11-28',
      groups: [
        {
          county: payload,
          township: payload,
          village: payload,
          persons: [person({ checkId: payload, plate: payload, name: payload, idNumber: payload, phone: payload })],
        },
      ],
    };
    const [header, row] = parseCsv(handoffCsv(hostile, 'Asia/Shanghai'));
    const byColumn = Object.fromEntries(HANDOFF_CSV_HEADER.map((column, i) => [column, row?.[i]]));
    expect(header).toEqual([...HANDOFF_CSV_HEADER]);
    expect(byColumn).toEqual({
      县区: neutralised(payload),
      乡镇: neutralised(payload),
      村社区: neutralised(payload),
      检查时间: '2026-11-28 08:30:00',
      车牌: neutralised(payload),
      异常: '黄码、体温异常',
      处置: '发热门诊',
      姓名: neutralised(payload),
      身份证号: neutralised(payload),
      电话: neutralised(payload),
      检查编号: neutralised(payload),
    });
  }
});

it('leaves the registration cells empty for a person nobody registered', () => {
  const row = parseCsv(handoffCsv(list(person({ name: null, idNumber: null, phone: null })), 'Asia/Shanghai'))[1];
  expect(row?.slice(7, 10)).toEqual(['', '', '']);
});
