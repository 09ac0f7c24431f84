// Test support: text a spreadsheet would run as a formula if an export wrote it as it is, and what the CSV must hold
// for it instead (the one CSV writer, src/domain/csv.ts, ADR 029).

/** The payloads every text column of every export is tried with. */
export const FORMULA_PAYLOADS = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'] as const;

/** The CSV cell as read back: the payload behind an apostrophe, nothing else changed. */
export const neutralised = (payload: string): string => `'${payload}`;

/** The XLSX text cell as read back: the payload itself (a CR is stored as Excel's LF line break). */
export const asWorkbookText = (payload: string): string => payload.replace(/\r\n?/gu, '\n');
