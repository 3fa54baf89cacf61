// The phrase matcher: what lexicon.ts documents (case-insensitive, a word boundary on both
// sides, `*` stems, the words of a phrase separated by any white space), the rule of each hit,
// and, on random texts and spans and on the real posts with the real lexicons, exactly the hits
// of the one regular expression a list of phrases stands for.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { mulberry32 } from '@/scripts/bench/corpus';
import enData from './data/lexicon/en.json';
import ruData from './data/lexicon/ru.json';
import { lexiconFor, PhraseMatcher, type PhraseHit } from './lexicon';
import type { Lang } from './types';

const matcher = (phrases: string[]): PhraseMatcher => new PhraseMatcher(phrases.map((p) => ({ value: p, phrase: p, rule: `test: ${p}` })));
const spans = (hits: PhraseHit[]): [number, number, string][] => hits.map((h) => [h.start, h.end, h.rule]);

// The definition: one expression, a capture group per phrase, searched in text.slice(from, to).
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
function expression(phrases: string[]): RegExp {
  const source = (p: string): string =>
    p
      .trim()
      .split(/\s+/)
      .map((w) => (w.endsWith('*') ? `${esc(w.slice(0, -1))}[\\p{L}\\p{N}]*` : esc(w)))
      .join('\\s+');
  const body = phrases.length ? phrases.map((p) => `(${source(p)})`).join('|') : '(?!)';
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'giu');
}

interface Reference {
  all(text: string, from: number, to: number): [number, number, string][];
}

function reference(phrases: string[], rules: string[] = phrases.map((p) => `test: ${p}`)): Reference {
  const re = expression(phrases);
  return {
    all(text, from, to) {
      const out: [number, number, string][] = [];
      const str = text.slice(from, to);
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(str)) !== null) {
        let g = 1;
        while (m[g] === undefined) g++;
        out.push([from + m.index, from + m.index + m[0].length, rules[g - 1]!]);
        if (m[0].length === 0) re.lastIndex++;
      }
      return out;
    },
  };
}

describe('what a phrase matches', () => {
  test('a word boundary on both sides', () => {
    const m = matcher(['met']);
    expect(spans(m.all('met; unmet, metal, Met.'))).toEqual([
      [0, 3, 'test: met'],
      [19, 22, 'test: met'],
    ]);
    expect(m.test('met2')).toBe(false);
    expect(m.test('2met')).toBe(false);
    expect(m.test('«met»')).toBe(true);
  });

  test('a word ending in * takes any ending, and only letters and digits', () => {
    const m = matcher(['consult* with']);
    expect(spans(m.all('Consultations with Iran; consult with; consultant-with'))).toEqual([
      [0, 18, 'test: consult* with'],
      [25, 37, 'test: consult* with'],
    ]);
    expect(spans(matcher(['переговор*']).all('переговоры, переговорах-2'))).toEqual([
      [0, 10, 'test: переговор*'],
      [12, 23, 'test: переговор*'],
    ]);
  });

  test('the words of a phrase are separated by any white space', () => {
    const m = matcher(['held talks with']);
    for (const text of ['held talks with', 'held  talks\twith', 'held\ntalks\r\nwith', 'held\u00a0talks\u2009with']) {
      expect(m.first(text)?.end).toBe(text.length);
    }
    expect(m.test('held-talks with')).toBe(false);
    expect(m.test('heldtalks with')).toBe(false);
  });

  test('case is ignored, in both scripts; ё and е are different letters', () => {
    expect(matcher(['переговоры']).test('ПЕРЕГОВОРЫ')).toBe(true);
    expect(matcher(['Talks']).test('TALKS and talks')).toBe(true);
    expect(matcher(['учётом']).test('учетом')).toBe(false);
    expect(matcher(['учётом']).test('УЧЁТОМ')).toBe(true);
    // The Kelvin sign and the long s fold to k and s, as the expression folds them.
    expect(matcher(['kremlin']).test('\u212Aremlin')).toBe(true);
    expect(matcher(['talks']).test('talk\u017F')).toBe(true);
  });

  test('at one position the first phrase of the list wins; a prefix of another phrase is no obstacle', () => {
    expect(spans(matcher(['talks', 'talks with']).all('talks with Iran'))).toEqual([[0, 5, 'test: talks']]);
    expect(spans(matcher(['talks with', 'talks']).all('talks with Iran; talks'))).toEqual([
      [0, 10, 'test: talks with'],
      [17, 22, 'test: talks'],
    ]);
    // "talks" cannot end inside "talkshow", so the longer phrase is found.
    expect(spans(matcher(['talk', 'talkshow']).all('talkshow talk'))).toEqual([
      [0, 8, 'test: talkshow'],
      [9, 13, 'test: talk'],
    ]);
  });

  test('phrases that open or close with other characters', () => {
    expect(spans(matcher(['#мнение']).all('#мнение x#мнение #мнениех'))).toEqual([[0, 7, 'test: #мнение']]);
    expect(spans(matcher(['«на полях»']).all('встреча «на полях» форума'))).toEqual([[8, 18, 'test: «на полях»']]);
    expect(spans(matcher(['co-chair*']).all('co-chaired, co chaired'))).toEqual([[0, 10, 'test: co-chair*']]);
    expect(spans(matcher(["chargé d'affaires"]).all("CHARGÉ D'AFFAIRES a.i."))).toEqual([[0, 17, "test: chargé d'affaires"]]);
  });

  test('hits do not overlap, and each keeps its value and rule', () => {
    const m = new PhraseMatcher([
      { value: 'meeting', phrase: 'met with', rule: 'en.triggers.meeting: met with' },
      { value: 'phone', phrase: 'call*', rule: 'en.triggers.phone_call: call*' },
    ]);
    expect(m.all('met with, called, met with')).toEqual([
      { start: 0, end: 8, value: 'meeting', rule: 'en.triggers.meeting: met with' },
      { start: 10, end: 16, value: 'phone', rule: 'en.triggers.phone_call: call*' },
      { start: 18, end: 26, value: 'meeting', rule: 'en.triggers.meeting: met with' },
    ]);
  });
});

describe('what a span sees', () => {
  const text = 'Minister met with colleagues; the meeting was held';

  test('a span is read as the slice it is: its edges are word boundaries', () => {
    const m = matcher(['meet', 'ster', 'coll*']);
    // "meet" at the end of a span that cuts "meeting"; "ster" at the start of one that cuts "Minister".
    expect(spans(m.all(text, 34, 38))).toEqual([[34, 38, 'test: meet']]);
    expect(spans(m.all(text, 4, 12))).toEqual([[4, 8, 'test: ster']]);
    expect(m.all(text, 34, 39)).toEqual([]);
    // A stem stops at the span's end.
    expect(spans(m.all(text, 18, 22))).toEqual([[18, 22, 'test: coll*']]);
  });

  test('a phrase that runs past the span is not in it', () => {
    expect(matcher(['met with']).first(text, 0, 16)).toBeNull();
    expect(matcher(['met with']).first(text, 0, 17)?.start).toBe(9);
  });

  test('endingAt and startingAt: the phrase right before or after a position, across white space', () => {
    const m = matcher(['met with', 'the']);
    expect(m.endingAt(text, 18)?.rule).toBe('test: met with');
    expect(m.endingAt(text, 20)).toBeNull();
    expect(m.startingAt(text, 29)?.rule).toBe('test: the');
    expect(m.startingAt(text, 28)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------
// Against the definition

const POOL = [
  'met', 'met with', 'meet*', 'held talks', 'talks', 'talk*', 'talks with', 'в', 'в рамках', 'в ходе', 'рамк*', 'ходе', '#мнение', '«на полях»',
  'co-chair*', "chargé d'affaires", 'ёлк*', 'елка', 'учётом', 'k', 's*', 'ab', 'ab*', 'a b', 'a* b*', '2023', 'x-y', '’s',
];
const PIECES = [
  'met', 'Met', 'MET', 'meeting', 'with', 'talks', 'Talks', 'talk', 'held', 'в', 'В', 'рамках', 'ходе', 'ёлка', 'Ёлка', 'елка', 'учётом', 'учетом',
  'co-chaired', 'chargé', "d'affaires", 'мнение', 'на', 'полях', 'ab', 'AB', 'a', 'b', 'x', 'y', '2023', 'k', 's', '\u212A', '\u017F',
  ' ', ' ', '  ', '\n', '\t', '\u00a0', '\u2009', ',', '.', '-', '#', '«', '»', "'", '’', '\u0345', '\u0301', '𝐀', '𝐛', '😀', '🇷🇺', '\ud835', '\udc00',
];

function randomText(rnd: () => number): string {
  const n = 1 + Math.floor(rnd() * 30);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rnd() * PIECES.length)];
  return s;
}

function randomSpan(rnd: () => number, len: number): [number, number] {
  const r = rnd();
  if (r < 0.1) return [0, len];
  const a = Math.floor(rnd() * (len + 3)) - (r < 0.15 ? 2 : 0);
  const b = Math.floor(rnd() * (len + 3));
  return r < 0.2 ? [b, a] : [Math.min(a, b), Math.max(a, b)];
}

const blank = (s: string): boolean => /^\s*$/.test(s);

function checkAgainst(m: PhraseMatcher, ref: Reference, text: string, from: number, to: number): void {
  const where = JSON.stringify({ text, from, to });
  const all = ref.all(text, from, to);
  expect(spans(m.all(text, from, to)), where).toEqual(all);
  const first = m.first(text, from, to);
  expect(first ? [first.start, first.end, first.rule] : null, where).toEqual(all[0] ?? null);
  expect(m.test(text, from, to), where).toBe(all.length > 0);
  // endingAt and startingAt, as lexicon.ts defines them over all() and first().
  const window = 1 + (to % 40);
  const ending = ref.all(text, Math.max(0, to - window), to).filter((h) => blank(text.slice(h[1], to)));
  const e = m.endingAt(text, to, window);
  expect(e ? [e.start, e.end, e.rule] : null, where).toEqual(ending[ending.length - 1] ?? null);
  const starting = ref.all(text, from, Math.min(text.length, from + window))[0];
  const s = m.startingAt(text, from, window);
  expect(s ? [s.start, s.end, s.rule] : null, where).toEqual(starting && blank(text.slice(from, starting[0])) ? starting : null);
}

describe('the hits of the expression, exactly', () => {
  test.each([1, 2, 3, 4])('random phrases, texts and spans (seed %i)', (seed) => {
    const rnd = mulberry32(seed);
    for (let round = 0; round < 60; round++) {
      const phrases = POOL.filter(() => rnd() < 0.3);
      const m = matcher(phrases);
      const ref = reference(phrases);
      for (let k = 0; k < 25; k++) {
        const text = randomText(rnd);
        for (let j = 0; j < 4; j++) {
          const [from, to] = randomSpan(rnd, text.length);
          checkAgainst(m, ref, text, from, to);
        }
      }
    }
  });

  test('every character of the BMP, before, after and inside a phrase', () => {
    const chars: string[] = [];
    for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) chars.push(String.fromCharCode(c));
    const phrases = ['a', 'ab*', 'я', 'k', 's', 'ё', '#', '-', '«', 'é'];
    const m = matcher(phrases);
    const ref = reference(phrases);
    const text = chars.map((c) => `${c}a ab${c} ${c} я${c} ${c}#`).join(' ');
    expect(spans(m.all(text))).toEqual(ref.all(text, 0, text.length));
  });

  // The real lists on the real posts, at every line and at random spans: what every stage reads.
  const posts = ['data/eval/mfarussia-2025-12-2026-03.jsonl', 'data/eval/kremlin-ru-2025-02-2025-05.jsonl'].flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { text?: string }).text ?? ''),
  );
  const byLength = (list: readonly string[]): string[] => [...list].sort((a, b) => b.length - a.length);

  test.each(['en', 'ru'] as const)('every list of the %s lexicon on the real posts', (lang: Lang) => {
    const data = lang === 'en' ? enData : ruData;
    const lex = lexiconFor(lang);
    const cases: [PhraseMatcher, Reference][] = [];
    for (const [key, m] of Object.entries(lex.lists)) {
      const list = byLength((data as unknown as Record<string, string[]>)[key] ?? []);
      cases.push([m, reference(list, list.map((p) => `${lang}.${key}: ${p}`))]);
    }
    const triggers = (types: readonly string[]): [string, string][] =>
      types.flatMap((t) => byLength((data.triggers as Record<string, string[]>)[t]!).map((p): [string, string] => [p, `${lang}.triggers.${t}: ${p}`]));
    const other = triggers(['briefing', 'interview', 'speech', 'statement', 'multilateral', 'meeting', 'visit']);
    const phone = triggers(['phone_call']);
    cases.push([lex.trigger, reference(other.map((x) => x[0]), other.map((x) => x[1]))]);
    cases.push([lex.phone, reference(phone.map((x) => x[0]), phone.map((x) => x[1]))]);
    const objects = byLength(data.objectTriggers);
    cases.push([lex.objectTrigger, reference(objects, objects.map((p) => `${lang}.objectTriggers: ${p}`))]);
    const rnd = mulberry32(lang === 'en' ? 7 : 8);
    for (const text of posts) {
      // Short spans first, before anything has walked the post: they are read off their own tokens.
      for (const [m, ref] of cases) {
        const from = Math.floor(rnd() * text.length);
        checkAgainst(m, ref, text, from, from + Math.floor(rnd() * 64));
      }
      for (const [m, ref] of cases) {
        checkAgainst(m, ref, text, 0, text.length);
        const [from, to] = randomSpan(rnd, text.length);
        checkAgainst(m, ref, text, from, to);
      }
    }
  });
});
