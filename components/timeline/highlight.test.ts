import { describe, expect, test } from 'vitest';
import { highlight, type Evidence } from './highlight';

const marked = (text: string, ev: Evidence[]) =>
  highlight(text, ev)
    .filter((s) => s.why)
    .map((s) => `${s.text}=${s.why}`);

describe('highlight', () => {
  test.each([
    ['Russian, whole words only', '#ГАООН78 встреча в ООН с Министром Венесуэлы', [{ field: 'organization', value: 'UN', phrase: 'ООН' }, { field: 'country', value: 'VE', phrase: 'Венесуэлы' }], ['ООН=organization: UN', 'Венесуэлы=country: VE']],
    ['English, not inside a hashtag', 'Lavrov met Yvan Gil of Venezuela. #RussiaVenezuela', [{ field: 'country', value: 'VE', phrase: 'Venezuela' }], ['Venezuela=country: VE']],
    ['case-insensitive when the exact case is absent', 'held TALKS with', [{ field: 'type', value: 'meeting', phrase: 'talks' }], ['TALKS=type: meeting']],
    ['the longer of two overlapping phrases wins and keeps both reasons', 'Sergey Lavrov met', [{ field: 'person', value: 'Lavrov', phrase: 'Lavrov' }, { field: 'type', value: 'meeting', phrase: 'Sergey Lavrov met' }], ['Sergey Lavrov met=type: meeting; person: Lavrov']],
    ['empty phrases and absent phrases are ignored', 'nothing here', [{ field: 'country', value: 'VE', phrase: '' }, { field: 'country', value: 'JO', phrase: 'Jordan' }], []],
  ] as [string, string, Evidence[], string[]][])('%s', (_name, text, ev, expected) => {
    expect(marked(text, ev)).toEqual(expected);
  });

  test('the segments put back together are the text, markup and all', () => {
    const text = '<script>alert(1)</script> Lavrov & Gil';
    const segs = highlight(text, [{ field: 'person', value: 'Lavrov', phrase: 'Lavrov' }]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
  });
});

describe('highlight, the words searched for', () => {
  test('the start of a word, in any case, marked apart from the evidence', () => {
    const segs = highlight('Lavrov met Yvan Gil of Venezuela; #RussiaVenezuela', [{ field: 'country', value: 'VE', phrase: 'Venezuela' }], ['venez']);
    const marked = segs.filter((s) => s.why).map((s) => `${s.text}=${s.why}`);
    // The longer evidence phrase wins the span and keeps the search's reason with its own.
    expect(marked).toEqual(['Venezuela=country: VE; search: venez']);
    expect(highlight('Венесуэлы и Венесуэла', [], ['Венесуэ']).filter((s) => s.why).map((s) => s.text)).toEqual(['Венесуэ', 'Венесуэ']);
    // Not inside a word.
    expect(highlight('antivenez', [], ['venez']).some((s) => s.why)).toBe(false);
    expect(highlight('text', [], []).map((s) => s.text).join('')).toBe('text');
  });
});
