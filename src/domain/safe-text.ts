// Characters that have no place in what an officer types: controls, the marks that reorder how text is shown
// (bidirectional controls) and the invisible ones (zero-width). A name, a plate or a place holding one looks like
// another on a screen or in a spreadsheet, or breaks the store and the exports; the tablet and the server refuse them
// with this one rule (the wire schemas apply it, src/contract/safe-values.ts).

/**
 * - `line`: a name, plate, ID number, phone, team, officer, place or device name, an identifier — one line of text.
 * - `free`: notes and override reasons, which may run over several lines.
 */
export type TextKind = 'line' | 'free';

/** Why a character is refused, for the message a person reads. */
export type UnsafeCharacterKind =
  'control' | 'bidirectional control' | 'zero-width' | 'line separator' | 'lone surrogate';

export interface UnsafeCharacter {
  /** Code unit index in the text. */
  index: number;
  /** "U+202E". */
  codePoint: string;
  kind: UnsafeCharacterKind;
}

// Free text keeps its tab and line breaks: an officer's note may have paragraphs.
const FREE_TEXT_ALLOWED_CONTROLS = new Set([0x09, 0x0a, 0x0d]);

function kindOf(code: number, textKind: TextKind): UnsafeCharacterKind | null {
  // C0 controls, DEL and the C1 controls (U+0085 NEL among them).
  if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) {
    return textKind === 'free' && FREE_TEXT_ALLOWED_CONTROLS.has(code) ? null : 'control';
  }
  // Embeddings and overrides (LRE RLE PDF LRO RLO), isolates (LRI RLI FSI PDI): "Trojan source" reordering.
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return 'bidirectional control';
  // ZWSP, ZWNJ, ZWJ, WORD JOINER, BOM: invisible. Free text keeps them: an emoji such as 👨‍👩‍👧 is joined by ZWJ.
  if ((code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff) {
    return textKind === 'line' ? 'zero-width' : null;
  }
  // LINE and PARAGRAPH SEPARATOR: a line break in disguise, which a one-line field refuses as it refuses \n.
  if (code === 0x2028 || code === 0x2029) return textKind === 'line' ? 'line separator' : null;
  return null;
}

const HIGH_SURROGATE_MIN = 0xd800;
const LOW_SURROGATE_MIN = 0xdc00;
const SURROGATE_MAX = 0xdfff;

const hex = (code: number): string => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The first character of `text` that a field of this kind refuses, or null. A surrogate half without its partner is
 * refused too: it is not a character, and PostgreSQL cannot store it.
 */
export function firstUnsafeCharacter(text: string, textKind: TextKind): UnsafeCharacter | null {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= HIGH_SURROGATE_MIN && code <= SURROGATE_MAX) {
      const next = text.charCodeAt(index + 1);
      const paired = code < LOW_SURROGATE_MIN && next >= LOW_SURROGATE_MIN && next <= SURROGATE_MAX;
      if (!paired) return { index, codePoint: hex(code), kind: 'lone surrogate' };
      // An astral character (an emoji, a rare CJK ideograph): both halves are the one character.
      index += 1;
      continue;
    }
    const kind = kindOf(code, textKind);
    if (kind !== null) return { index, codePoint: hex(code), kind };
  }
  return null;
}

export function isSafeText(text: string, textKind: TextKind): boolean {
  return firstUnsafeCharacter(text, textKind) === null;
}

/** "contains U+202E (a bidirectional control) at position 3" — what a person needs to find and remove it. */
export function describeUnsafeCharacter({ index, codePoint, kind }: UnsafeCharacter): string {
  return `contains ${codePoint} (a ${kind} character) at position ${index + 1}, which is not allowed here`;
}
