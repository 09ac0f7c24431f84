// The characters a one-line field and a free-text field refuse (api.md "Hostile input"), and what they keep.
import { describe, expect, it } from 'vitest';
import { describeUnsafeCharacter, firstUnsafeCharacter, isSafeText } from './safe-text.ts';

describe('one-line text', () => {
  it.each([
    ['NUL', 'A\u0000', 'U+0000', 'control'],
    ['a tab', 'A\tB', 'U+0009', 'control'],
    ['a line feed', '张\n三', 'U+000A', 'control'],
    ['DEL', '\u007f', 'U+007F', 'control'],
    ['NEL, a C1 control', 'a\u0085', 'U+0085', 'control'],
    ['U+009F', '\u009f', 'U+009F', 'control'],
    ['RIGHT-TO-LEFT OVERRIDE', '湘K\u202e12345', 'U+202E', 'bidirectional control'],
    ['LEFT-TO-RIGHT EMBEDDING', '\u202a', 'U+202A', 'bidirectional control'],
    ['FIRST STRONG ISOLATE', '\u2068x', 'U+2068', 'bidirectional control'],
    ['POP DIRECTIONAL ISOLATE', 'x\u2069', 'U+2069', 'bidirectional control'],
    ['ZERO WIDTH SPACE', '张\u200b三', 'U+200B', 'zero-width'],
    ['ZERO WIDTH JOINER', 'a\u200d', 'U+200D', 'zero-width'],
    ['WORD JOINER', '\u2060', 'U+2060', 'zero-width'],
    ['a byte-order mark', '三\ufeff村', 'U+FEFF', 'zero-width'],
    ['LINE SEPARATOR', 'a\u2028b', 'U+2028', 'line separator'],
    ['a lone high surrogate', 'a\ud83d', 'U+D83D', 'lone surrogate'],
    ['a lone low surrogate', '\ude00a', 'U+DE00', 'lone surrogate'],
    ['surrogates in the wrong order', '\ude00\ud83d', 'U+DE00', 'lone surrogate'],
  ])('refuses %s', (_name, text, codePoint, kind) => {
    expect(firstUnsafeCharacter(text, 'line')).toMatchObject({ codePoint, kind });
    expect(isSafeText(text, 'line')).toBe(false);
  });

  it.each([
    ['Chinese', '湖南省娄底市双峰县'],
    ['a plate', '湘K12345'],
    ['astral characters and emoji', '𠀀𝕏😀🇨🇳'],
    ['a decomposed accent', 'Jose\u0301'],
    ['right-to-left letters without controls', 'مرحبا עברית'],
    ['spaces, full-width and no-break', 'Ａ B\u00a0C　D'],
    ['quotes, backslashes and formula marks', `="1"+'2'@\\`],
    ['the empty text', ''],
  ])('keeps %s', (_name, text) => {
    expect(firstUnsafeCharacter(text, 'line')).toBeNull();
  });

  it('says which character, what it is and where, counting from 1', () => {
    const unsafe = firstUnsafeCharacter('张\u200b三', 'line');
    expect(unsafe).not.toBeNull();
    if (unsafe !== null) {
      expect(describeUnsafeCharacter(unsafe)).toBe(
        'contains U+200B (a zero-width character) at position 2, which is not allowed here',
      );
    }
  });
});

describe('free text', () => {
  it('keeps tabs, line breaks, zero-width characters and line separators: a note has paragraphs and emoji', () => {
    expect(isSafeText('第一行\r\n第二行\n\t缩进 👨\u200d👩\u200d👧 \u200b\u2028', 'free')).toBe(true);
  });

  it.each([
    ['NUL', 'a\u0000'],
    ['BEL', '\u0007'],
    ['ESC', '\u001b[31m'],
    ['DEL', '\u007f'],
    ['NEL', '\u0085'],
    ['an override', 'looks \u202eright'],
    ['an isolate', '\u2067x\u2069'],
    ['a lone surrogate', '\ud800'],
  ])('refuses %s', (_name, text) => {
    expect(isSafeText(text, 'free')).toBe(false);
  });
});
