// The grammar of the parser as data: one lexicon file per language (data/lexicon/*.json),
// validated and compiled once per process into matchers with word boundaries on both sides.
// Code asks a matcher "where is the first trigger in this span"; nobody edits a regular
// expression to add a word.
import { z } from 'zod';
import enData from './data/lexicon/en.json';
import ruData from './data/lexicon/ru.json';
import type { EventType, Lang } from './types';

const phrase = z
  .string()
  .min(1)
  .regex(/^[\p{L}\p{N}#«»'’\- *]+$/u, 'a phrase is words of letters and digits separated by spaces; a word may end in *');
const phrases = z.array(phrase).default([]);

const TRIGGER_TYPES = ['phone_call', 'briefing', 'interview', 'speech', 'statement', 'multilateral', 'meeting', 'visit'] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

export const LexiconSchema = z
  .object({
    about: z.string().optional(),
    lang: z.enum(['ru', 'en']),
    triggers: z.object(Object.fromEntries(TRIGGER_TYPES.map((t) => [t, phrases])) as Record<TriggerType, typeof phrases>).strict(),
    objectTriggers: phrases,
    contactAfterSpeech: phrases,
    /** Where a statement is delivered, which makes it a speech: "at a UNSC briefing", "на заседании". */
    deliveryVenues: phrases,
    with: phrases,
    /** With-words whose phrase names both sides: "talks between Putin and Rahmon". */
    between: phrases,
    withNot: phrases,
    multilateralHints: phrases,
    /** Forums, fairs, ceremonies: taking part in one is no meeting of states. */
    publicEvents: phrases,
    participation: phrases,
    agenda: phrases,
    spanStops: phrases,
    circumstances: phrases,
    circumstanceEnds: phrases,
    sourceLines: phrases,
    future: phrases,
    notContact: phrases,
    reported: phrases,
    /** "I can state", "мы обсудили": a text in the first person is someone's own words. */
    firstPerson: phrases,
    historicPrefix: phrases,
    /** "on the evening of March 9": a part of the day before a date, not a document of that date. */
    dayParts: phrases,
    titleWords: phrases,
    /** "Ambassador of Russia to the United States": the channel's envoy, whose host is the counterpart of his meetings. */
    envoyTitles: phrases,
    functionWords: phrases,
    nameParticles: phrases,
    monthNames: phrases,
    relativeDays: z.record(phrase, z.number().int().min(-7).max(7)).default({}),
  })
  .strict();
export type LexiconData = z.infer<typeof LexiconSchema>;

/** A phrase found in a text, with the lexicon rule it came from. */
export interface PhraseHit<V extends string = string> {
  start: number;
  end: number;
  value: V;
  /** "en.triggers.meeting: met" — shown beside every decision the evaluation traces. */
  rule: string;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "consult* with" → a pattern; a word ending in * takes any ending. */
function phraseSource(p: string): string {
  return p
    .trim()
    .split(/\s+/)
    .map((w) => (w.endsWith('*') ? `${escape(w.slice(0, -1))}[\\p{L}\\p{N}]*` : escape(w)))
    .join('\\s+');
}

const LEFT = '(?<![\\p{L}\\p{N}])';
const RIGHT = '(?![\\p{L}\\p{N}])';

/**
 * Matches a list of phrases (with a value each) in one pass of one regular expression. Each
 * phrase is a capture group, so the phrase that fired is known without trying them one by one.
 * Longer phrases come first within a value so that "held talks" wins over "talks".
 */
export class PhraseMatcher<V extends string = string> {
  private readonly re: RegExp;
  private readonly entries: { value: V; rule: string }[];

  constructor(list: { value: V; phrase: string; rule: string }[]) {
    this.entries = list.map(({ value, rule }) => ({ value, rule }));
    const body = list.length ? list.map((e) => `(${phraseSource(e.phrase)})`).join('|') : '(?!)';
    this.re = new RegExp(`${LEFT}(?:${body})${RIGHT}`, 'giu');
  }

  /** Every hit in text[from, to), left to right, none overlapping. */
  all(text: string, from = 0, to = text.length): PhraseHit<V>[] {
    const out: PhraseHit<V>[] = [];
    const str = from === 0 && to === text.length ? text : text.slice(from, to);
    this.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = this.re.exec(str)) !== null) {
      out.push(this.hit(m, from));
      if (m[0].length === 0) this.re.lastIndex++;
    }
    return out;
  }

  /** The first hit in text[from, to), or null. */
  first(text: string, from = 0, to = text.length): PhraseHit<V> | null {
    const str = from === 0 && to === text.length ? text : text.slice(from, to);
    this.re.lastIndex = 0;
    const m = this.re.exec(str);
    return m ? this.hit(m, from) : null;
  }

  test(text: string, from = 0, to = text.length): boolean {
    return this.first(text, from, to) !== null;
  }

  /** A hit that ends exactly at `end` (the phrase right before a position). */
  endingAt(text: string, end: number, window = 40): PhraseHit<V> | null {
    let last: PhraseHit<V> | null = null;
    for (const h of this.all(text, Math.max(0, end - window), end)) if (/^\s*$/.test(text.slice(h.end, end))) last = h;
    return last;
  }

  /** A hit that starts exactly at `start` (after white space). */
  startingAt(text: string, start: number, window = 60): PhraseHit<V> | null {
    const h = this.first(text, start, Math.min(text.length, start + window));
    return h && /^\s*$/.test(text.slice(start, h.start)) ? h : null;
  }

  private hit(m: RegExpExecArray, offset: number): PhraseHit<V> {
    let g = 1;
    while (g < m.length && m[g] === undefined) g++;
    const e = this.entries[g - 1];
    return { start: offset + m.index, end: offset + m.index + m[0].length, value: e.value, rule: e.rule };
  }
}

type ListKey = Exclude<keyof LexiconData, 'about' | 'lang' | 'triggers' | 'relativeDays'>;

export interface Lexicon {
  lang: Lang;
  /** Event-type triggers; phone calls are looked for apart, since they outrank the rest anywhere in a lead. */
  phone: PhraseMatcher<EventType>;
  trigger: PhraseMatcher<EventType>;
  objectTrigger: PhraseMatcher;
  relativeDay: PhraseMatcher;
  relativeOffset: ReadonlyMap<string, number>;
  /** Whole words (folded lowercase) of the word lists, for token checks. */
  words: Record<'titleWords' | 'functionWords' | 'nameParticles' | 'monthNames', WordSet>;
  lists: Record<Exclude<ListKey, 'objectTriggers'>, PhraseMatcher>;
}

/**
 * Single words with optional * stems, looked up token by token. Title words match in any case;
 * function words and name particles only as written, since "Ван" opens a name where "ван" is
 * the particle of one and "И" may be a name where "и" is "and".
 */
export class WordSet {
  private readonly exact = new Set<string>();
  private readonly stems: string[] = [];
  constructor(
    list: string[],
    private readonly anyCase = true,
  ) {
    for (const w of list) {
      const low = anyCase ? w.toLowerCase() : w;
      if (low.endsWith('*')) this.stems.push(low.slice(0, -1));
      else this.exact.add(low);
    }
  }
  has(word: string): boolean {
    const low = this.anyCase ? word.toLowerCase() : word;
    if (this.exact.has(low)) return true;
    for (const s of this.stems) if (low.startsWith(s)) return true;
    return false;
  }
}

function byLength(list: string[]): string[] {
  return [...list].sort((a, b) => b.length - a.length);
}

/** Compiles validated lexicon data into matchers. Exported so that a test can compile a fixture. */
export function compileLexicon(raw: unknown, file = 'lexicon'): Lexicon {
  const parsed = LexiconSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  const d = parsed.data;
  const L = d.lang;
  const list = (key: ListKey): PhraseMatcher =>
    new PhraseMatcher(byLength(d[key]).map((p) => ({ value: p, phrase: p, rule: `${L}.${key}: ${p}` })));
  const triggers = (types: readonly TriggerType[]): PhraseMatcher<EventType> =>
    new PhraseMatcher<EventType>(
      types.flatMap((t) => byLength(d.triggers[t]).map((p) => ({ value: t as EventType, phrase: p, rule: `${L}.triggers.${t}: ${p}` }))),
    );
  const lists = Object.fromEntries(
    (
      [
        'contactAfterSpeech', 'deliveryVenues', 'with', 'between', 'withNot', 'multilateralHints', 'publicEvents', 'participation', 'agenda', 'spanStops', 'circumstances',
        'circumstanceEnds', 'sourceLines', 'future', 'notContact', 'reported', 'firstPerson', 'historicPrefix', 'dayParts', 'titleWords', 'envoyTitles', 'functionWords', 'nameParticles', 'monthNames',
      ] as const
    ).map((k) => [k, list(k)]),
  ) as Lexicon['lists'];
  return {
    lang: L,
    phone: triggers(['phone_call']),
    trigger: triggers(TRIGGER_TYPES.filter((t) => t !== 'phone_call')),
    objectTrigger: list('objectTriggers'),
    relativeDay: new PhraseMatcher(byLength(Object.keys(d.relativeDays)).map((p) => ({ value: p, phrase: p, rule: `${L}.relativeDays: ${p}` }))),
    relativeOffset: new Map(Object.entries(d.relativeDays).map(([k, v]) => [k.toLowerCase(), v])),
    words: {
      titleWords: new WordSet(d.titleWords),
      functionWords: new WordSet(d.functionWords, false),
      nameParticles: new WordSet(d.nameParticles, false),
      monthNames: new WordSet(d.monthNames),
    },
    lists,
  };
}

const LEXICONS: Record<Lang, Lexicon> = {
  en: compileLexicon(enData, 'lib/ingest/data/lexicon/en.json'),
  ru: compileLexicon(ruData, 'lib/ingest/data/lexicon/ru.json'),
};

export function lexiconFor(lang: Lang): Lexicon {
  return LEXICONS[lang];
}
