// The region's hand-off list (区域交接名单) as a workbook: one sheet per destination township, each with the CSV's
// columns and rows for it (region-handoff-csv.ts), so the command hands each township's grid workers their own tab.
// Every value is a text cell (sheet.ts), so an ID number or a phone's leading 0 survives and nothing runs as a formula.
import { handoffSheet } from './handoff-sheet.ts';
import {
  REGION_CHECKPOINT_COLUMN,
  REGION_HANDOFF_CSV_HEADER,
  regionHandoffFileStem,
  regionHandoffRows,
  type TownshipName,
} from './region-handoff-csv.ts';
import { regionTownships, type RegionHandoffList, type RegionTownship } from './region-handoffs.ts';
import type { SheetTable } from './sheet.ts';
import { DEFAULT_TIME_ZONE } from './time.ts';

/** The one sheet of a list without persons: a workbook needs a sheet. */
export const REGION_HANDOFF_SHEET_NAME = '区域交接名单';

/** The tab of the persons whose destination stops at the county. */
export const UNNAMED_TOWNSHIP_SHEET = '乡镇未填';

/** Excel's longest sheet name, in UTF-16 units (write-excel-file refuses a longer one). */
const SHEET_NAME_MAX_UNITS = 31;
/** Characters Excel refuses in a sheet name, and control characters (a stored free-text name may hold one). */
const NOT_IN_SHEET_NAMES = /[[\]/\\:*?\p{Cc}]/gu;
/** A sheet name may neither begin nor end with an apostrophe. */
const EDGE_APOSTROPHES = /^'+|'+$/gu;
/** A name Excel keeps for itself. */
const RESERVED_SHEET_NAME = 'history';

/** In characters; a checkpoint's name is about as long as a place's. */
const CHECKPOINT_COLUMN_WIDTH = 16;
/** The columns one checkpoint's sheet gives them (handoff-sheet.ts), so the two workbooks look alike. */
const HANDOFF_COLUMN_WIDTHS = handoffSheet({ checkpointId: '', date: '', groups: [] }, DEFAULT_TIME_ZONE).columnWidths;
const CHECKPOINT_AT = REGION_HANDOFF_CSV_HEADER.indexOf(REGION_CHECKPOINT_COLUMN);
const COLUMN_WIDTHS = [
  ...HANDOFF_COLUMN_WIDTHS.slice(0, CHECKPOINT_AT),
  CHECKPOINT_COLUMN_WIDTH,
  ...HANDOFF_COLUMN_WIDTHS.slice(CHECKPOINT_AT),
];

/** '区域交接名单-2026-11-28.xlsx', or for one township '区域交接名单-双峰县三塘铺镇-2026-11-28.xlsx'. */
export const regionHandoffXlsxFileName = (date: string, township?: TownshipName): string =>
  `${regionHandoffFileStem(date, township)}.xlsx`;

const cleanSheetName = (text: string): string =>
  text.replace(NOT_IN_SHEET_NAMES, '').trim().replace(EDGE_APOSTROPHES, '').trim();

/** The first `units` UTF-16 units of the text, never half a character, still a valid name. */
function fitted(text: string, units: number): string {
  let out = '';
  for (const character of text) {
    if (out.length + character.length > units) break;
    out += character;
  }
  return cleanSheetName(out);
}

/**
 * Each township's tab name: its name; the county before it when another county has a township of that name
 * (城关镇); then cut to Excel's 31 units and numbered '(2)', '(3)' until no two tabs are alike (Excel compares them
 * without case).
 */
export function townshipSheetNames(townships: readonly Pick<RegionTownship, 'county' | 'township'>[]): string[] {
  const label = (township: string) => cleanSheetName(township) || UNNAMED_TOWNSHIP_SHEET;
  const times = new Map<string, number>();
  for (const { township } of townships) times.set(label(township), (times.get(label(township)) ?? 0) + 1);
  const used = new Set([RESERVED_SHEET_NAME]);
  return townships.map(({ county, township }) => {
    const own = label(township);
    const base = (times.get(own) ?? 0) > 1 ? cleanSheetName(`${county}${own}`) || own : own;
    let name = fitted(base, SHEET_NAME_MAX_UNITS) || UNNAMED_TOWNSHIP_SHEET;
    for (let n = 2; used.has(name.toLowerCase()); n += 1) {
      const suffix = `(${n})`;
      name = `${fitted(base, SHEET_NAME_MAX_UNITS - suffix.length)}${suffix}`;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

const table = (name: string, list: RegionHandoffList): SheetTable => ({
  name,
  columnWidths: COLUMN_WIDTHS,
  rows: [
    { cells: [...REGION_HANDOFF_CSV_HEADER], emphasis: true },
    ...regionHandoffRows(list).map((cells) => ({ cells })),
  ],
});

/** One sheet per township of the list, in its order (a township's part gives one); a list without persons one empty. */
export function regionHandoffSheets(list: RegionHandoffList): SheetTable[] {
  const townships = regionTownships(list);
  if (townships.length === 0) return [table(REGION_HANDOFF_SHEET_NAME, list)];
  const names = townshipSheetNames(townships);
  return townships.map((township, index) =>
    table(names[index] ?? REGION_HANDOFF_SHEET_NAME, { ...list, groups: township.groups }),
  );
}
