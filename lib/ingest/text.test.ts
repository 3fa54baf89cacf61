// The character-table helpers of text.ts read text exactly as the regular expressions they
// stand for: white space folded, line markers skipped, tables of a class.
import { describe, expect, test } from 'vitest';
import { charTable, foldSpace, isSpaceCode, skipMarkers } from './text';

describe('charTable', () => {
  test.each([/[\p{L}\p{N}]/u, /[\p{L}\p{N}]/iu, /\s/, /[\s\-–—'’«»]/, /\p{Extended_Pictographic}/u])('%s matches what the expression matches', (re) => {
    const table = charTable(re);
    const one = new RegExp(`^(?:${re.source})$`, re.flags);
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      if ((table[c] === 1) !== one.test(String.fromCharCode(c))) throw new Error(`${re} and its table differ at U+${c.toString(16)}`);
    }
    expect(isSpaceCode(0xa0)).toBe(true);
  });
});

describe('foldSpace', () => {
  test.each([
    '',
    ' ',
    'one line',
    '  padded  ',
    'two\nlines',
    'tabs\tand\u00a0no-break\u2009thin',
    'a \n b',
    'a  b   c',
    '\n\nleading and trailing\n\n',
    'x\r\ny',
    'no\u200bspace',
  ])('%j folds as replace(/\\s+/g, " ").trim()', (s) => {
    expect(foldSpace(s)).toBe(s.replace(/\s+/g, ' ').trim());
  });
});

describe('skipMarkers', () => {
  const before = (text: string): number => {
    // The definition, without the shortcut for lines that open with a letter.
    const m = /^(?:[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\uFE0F\u200D\u20E3*#0-9]*?(?:\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}])[\uFE0F\u200D]*\s*)+/u.exec(text.slice(0, 40));
    let s = m ? m[0].length : 0;
    while (s < text.length && /[\s•▪◾▫‣●·◦\-–—]/.test(text[s]!)) s++;
    return s;
  };
  test.each(['🇷🇺🇻🇪 Talks', '🤝 Meeting', '• Item', '— dash', 'Plain line', '1️⃣ First', '#️⃣ tag', '2024 year', '©️ mark', '', '   spaces', 'Ёлка'])('%j', (line) => {
    expect(skipMarkers(line, 0, line.length)).toBe(before(line));
  });
});
