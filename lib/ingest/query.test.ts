import { describe, expect, test } from 'vitest';
import { nameStart } from '@/lib/domain/search';
import { resolveSearch } from './query';

const named = (q: string) => resolveSearch(q)?.terms.map((t) => [t.text, [...t.countries, ...t.orgs, ...t.people]]);

describe('a search read with the vocabulary', () => {
  test.each([
    ['Египет', [['Египет', ['EG']]]],
    ['Египта', [['Египта', ['EG']]]],
    ['egypt', [['egypt', ['EG']]]],
    ['Саудовской Аравии', [['Саудовской Аравии', ['SA']]]],
    ['united states', [['united states', ['US']]]],
    ['brics', [['brics', ['BRICS']]]],
    ['ООН', [['ООН', ['UN']]]],
    ['Сафади', [['Сафади', ['Ayman Safadi']]]],
    ['Egypt Lavrov', [['Egypt', ['EG']], ['Lavrov', ['Sergey Lavrov']]]],
    ['Kerry', [['Kerry', []]]],
  ])('%s', (q, terms) => {
    expect(named(q)).toEqual(terms);
  });

  test('a word is also the start of a name, without its Russian case ending', () => {
    expect(resolveSearch('Керри')?.terms[0]?.nameStarts).toEqual(['керри']);
    expect(resolveSearch('Kerry')?.terms[0]?.nameStarts).toEqual(['kerry']);
    expect([nameStart('Лаврова'), nameStart('Шольцем'), nameStart('Гутерришу'), nameStart('Ван')]).toEqual(['лавров', 'шольц', 'гутерриш', 'ван']);
  });

  test('web search syntax, or no word, is searched as written', () => {
    expect(resolveSearch('"Ayman Safadi"')).toBeNull();
    expect(resolveSearch('Egypt -Sudan')).toBeNull();
    expect(resolveSearch('Egypt or Sudan')).toBeNull();
    expect(resolveSearch('  ')).toBeNull();
    expect(resolveSearch('a b')).toBeNull();
  });
});
