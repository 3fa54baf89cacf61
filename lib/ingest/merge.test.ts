import { describe, expect, test } from 'vitest';
import { mergeAll, mergeEvent, sameEvent, tidyPeople } from './merge';
import type { ParsedEvent } from './types';

function ev(p: Partial<ParsedEvent> & { cp?: string[] }): ParsedEvent {
  const codes = p.cp ?? [];
  return {
    date: null,
    type: 'meeting',
    countries: codes.filter((c) => !c.startsWith('@')).map((code) => ({ code, role: 'counterpart' as const })),
    organizations: codes.filter((c) => c.startsWith('@')).map((c) => ({ code: c.slice(1), role: 'counterpart' as const })),
    people: [],
    principal: null,
    venue: null,
    title: '',
    summary: '',
    topics: [],
    evidence: [],
    fromDigest: false,
    ...p,
  };
}

describe('sameEvent', () => {
  test.each([
    ['ru and en versions', ev({ date: '2023-09-20', cp: ['VE'] }), ev({ date: '2023-09-20', cp: ['VE'], type: 'meeting' }), true],
    ['one day of slack', ev({ date: '2023-09-20', cp: ['VE'] }), ev({ date: '2023-09-21', cp: ['VE'] }), true],
    ['two days apart', ev({ date: '2023-09-20', cp: ['VE'] }), ev({ date: '2023-09-22', cp: ['VE'] }), false],
    [
      'two days written in the texts are two events',
      ev({ date: '2025-12-28', cp: ['US'], type: 'phone_call', evidence: [{ field: 'date', value: '2025-12-28', phrase: 'December 28, 2025' }] }),
      ev({ date: '2025-12-29', cp: ['US'], type: 'phone_call', evidence: [{ field: 'date', value: '2025-12-29', phrase: 'December 29, 2025' }] }),
      false,
    ],
    [
      'a publication day a day off a written day is the same event',
      ev({ date: '2025-12-28', cp: ['US'], evidence: [{ field: 'date', value: '2025-12-28', phrase: 'December 28' }] }),
      ev({ date: '2025-12-29', cp: ['US'] }),
      true,
    ],
    ['undated teaser joins', ev({ cp: ['@IAEA'] }), ev({ date: '2023-09-20', cp: ['@IAEA'] }), true],
    ['other counterpart', ev({ date: '2023-09-20', cp: ['VE'] }), ev({ date: '2023-09-20', cp: ['HN'] }), false],
    ['беседа vs multilateral line', ev({ date: '2023-09-20', cp: ['@CSTO'], type: 'multilateral' }), ev({ date: '2023-09-20', cp: ['@CSTO'], type: 'meeting', fromDigest: true }), true],
    ['call vs meeting', ev({ date: '2023-09-20', cp: ['TR'], type: 'phone_call' }), ev({ date: '2023-09-20', cp: ['TR'] }), false],
    ['different principals', ev({ date: '2023-09-20', cp: ['TR'], principal: 'Sergey Lavrov' }), ev({ date: '2023-09-20', cp: ['TR'], principal: 'Sergey Ryabkov' }), false],
    ['one principal unknown', ev({ date: '2023-09-20', cp: ['TR'], principal: 'Sergey Lavrov' }), ev({ date: '2023-09-20', cp: ['TR'] }), true],
    ['digest line names fewer parties', ev({ date: '2023-09-20', cp: ['ML', 'BF'] }), ev({ date: '2023-09-20', cp: ['ML'], fromDigest: true }), true],
    ['dated posts with different sets', ev({ date: '2023-09-20', cp: ['ML', 'BF'] }), ev({ date: '2023-09-20', cp: ['ML'] }), false],
    ['speech with speech', ev({ date: '2023-09-20', cp: ['@UN'], type: 'speech' }), ev({ cp: ['@UN'], type: 'speech', fromDigest: true }), true],
    ['speech is not a meeting', ev({ date: '2023-09-20', cp: ['@UN'], type: 'speech' }), ev({ date: '2023-09-20', cp: ['@UN'] }), false],
  ])('%s', (_n, a, b, want) => {
    expect(sameEvent(a, b)).toBe(want);
    expect(sameEvent(b, a)).toBe(want);
  });
});

describe('mergeEvent', () => {
  test('prefers a written date and the full post over a digest line', () => {
    const digest = ev({ date: '2023-09-20', cp: ['JO'], fromDigest: true, type: 'meeting', people: [{ name: 'А.Сафади', title: null, country: 'JO' }] });
    const post = ev({
      date: null,
      cp: ['JO'],
      principal: 'Sergey Lavrov',
      venue: 'New York',
      people: [{ name: 'Ayman Safadi', title: 'Foreign Minister', country: 'JO' }],
      topics: [{ code: 'middle_east', phrases: ['Middle East'] }],
    });
    const m = mergeEvent(digest, post);
    expect(m.date).toBe('2023-09-20');
    expect(m.fromDigest).toBe(false);
    expect(m.principal).toBe('Sergey Lavrov');
    expect(m.venue).toBe('New York');
    // The English post names in full what the Russian digest writes with an initial.
    expect(m.people.map((p) => p.name)).toEqual(['Ayman Safadi']);
    const again = mergeEvent(m, post);
    expect(again.people).toHaveLength(1);
    expect(again.topics).toEqual([{ code: 'middle_east', phrases: ['Middle East'] }]);
  });

  test('a mentioned country becomes a counterpart when another report says so', () => {
    const a = ev({ date: '2023-09-20', cp: ['VE'], countries: [{ code: 'VE', role: 'counterpart' }, { code: 'CU', role: 'mentioned' }] });
    const b = ev({ date: '2023-09-20', countries: [{ code: 'VE', role: 'counterpart' }] });
    expect(mergeEvent(b, a).countries).toEqual([
      { code: 'VE', role: 'counterpart' },
      { code: 'CU', role: 'mentioned' },
    ]);
  });
});

describe('mergeAll', () => {
  test('clusters greedily in input order and keeps every post key once', () => {
    const out = mergeAll([
      { postKey: 'a#0', event: ev({ cp: ['@IAEA'] }) },
      { postKey: 'a#1', event: ev({ date: '2023-09-20', cp: ['VE'] }) },
      { postKey: 'a#2', event: ev({ date: '2023-09-20', cp: ['@IAEA'] }) },
      { postKey: 'a#3', event: ev({ date: '2023-09-20', cp: ['VE'], fromDigest: true }) },
      { postKey: 'a#3', event: ev({ date: '2023-09-20', cp: ['@IAEA'], fromDigest: true }) },
      { postKey: 'a#4', event: ev({ date: '2023-09-21', cp: ['YE'] }) },
    ]);
    expect(out.map((c) => [c.event.date, c.postKeys])).toEqual([
      ['2023-09-20', ['a#0', 'a#2', 'a#3']],
      ['2023-09-20', ['a#1', 'a#3']],
      ['2023-09-21', ['a#4']],
    ]);
  });

  test('an undated report does not bridge two different days', () => {
    const out = mergeAll([
      { postKey: 'x', event: ev({ date: '2023-09-19', cp: ['TR'] }) },
      { postKey: 'y', event: ev({ cp: ['TR'] }) },
      { postKey: 'z', event: ev({ date: '2023-09-21', cp: ['TR'] }) },
    ]);
    expect(out).toHaveLength(2);
  });

  test('undated reports of different posts stay apart when nothing dates them: ten calls are ten events', () => {
    const calls = Array.from({ length: 10 }, (_, i) => ({ postKey: `turkey.txt#${i}`, event: ev({ type: 'phone_call', cp: ['TR'] }) }));
    const out = mergeAll(calls);
    expect(out.map((c) => c.postKeys)).toEqual(calls.map((c) => [c.postKey]));
    expect(out.every((c) => c.event.date === null)).toBe(true);
  });

  test('an undated report joins a dated one only within a day of the posts published around it', () => {
    const out = mergeAll([
      { postKey: 'f#0', event: ev({ date: '2023-03-10', type: 'phone_call', cp: ['TR'] }) },
      { postKey: 'f#1', event: ev({ date: '2023-03-20', cp: ['IN'] }) },
      // Published among posts of 20 March: not the call of 10 March.
      { postKey: 'f#2', event: ev({ type: 'phone_call', cp: ['TR'] }) },
      { postKey: 'f#3', event: ev({ date: '2023-03-20', cp: ['CN'] }) },
    ]);
    expect(out.map((c) => c.postKeys)).toEqual([['f#0'], ['f#1'], ['f#2'], ['f#3']]);
  });

  test('the English version next to the dated Russian post joins it; a post of another file does not', () => {
    const out = mergeAll([
      { postKey: 'a#0', group: 'a', event: ev({ date: '2023-09-20', cp: ['VE'] }) },
      { postKey: 'a#1', group: 'a', event: ev({ cp: ['VE'] }) },
      { postKey: 'b#0', group: 'b', event: ev({ cp: ['VE'] }) },
    ]);
    expect(out.map((c) => [c.event.date, c.postKeys])).toEqual([
      ['2023-09-20', ['a#0', 'a#1']],
      [null, ['b#0']],
    ]);
  });

  test("a post's own undated lines join its dated report; two undated posts do not join each other", () => {
    const out = mergeAll([
      { postKey: 'd', event: ev({ date: '2023-09-20', cp: ['ML', 'BF'] }) },
      { postKey: 'd', event: ev({ cp: ['ML'], fromDigest: true }) },
      { postKey: 'x', event: ev({ cp: ['NE'] }) },
      { postKey: 'y', event: ev({ cp: ['NE'] }) },
    ]);
    expect(out.map((c) => [c.event.date, c.postKeys])).toEqual([
      ['2023-09-20', ['d']],
      [null, ['x']],
      [null, ['y']],
    ]);
  });
});

describe('tidyPeople', () => {
  const p = (name: string) => ({ name, title: null, country: null });
  test.each([
    [['И.Хилем', 'Yvan Gil Pinto', 'Yvan Gil'], ['Yvan Gil']],
    [['Rafael Mariano Grossi', 'Rafael Grossi', 'Р.Гросси'], ['Rafael Grossi']],
    // Russian posts alone: the people are named as the registry names them, not "А.Сафади".
    [['А.Сафади', 'С.Шукри'], ['Ayman Safadi', 'Sameh Shoukry']],
    [['Ayman Safadi', 'Sameh Shoukry'], ['Ayman Safadi', 'Sameh Shoukry']],
    [['Рашадом Аль-Алими', 'Rashad al-Alimi'], ['Rashad al-Alimi']],
    [['Рафаэлем Гросси', 'Rafael Grossi'], ['Rafael Grossi']],
    // Names the registry does not know: in the nominative, once.
    [['Андреем Чибисом', 'Андрей Чибис'], ['Андрей Чибис']],
    // Not people.
    [['Kremlin', 'August', 'Ayman Safadi'], ['Ayman Safadi']],
  ])('%j → %j', (names, expected) => {
    expect(tidyPeople(names.map(p)).map((x) => x.name)).toEqual(expected);
  });
});
