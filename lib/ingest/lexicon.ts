// The grammar of the parser as data: one lexicon file per language (data/lexicon/*.json),
// validated and compiled once per process into matchers with word boundaries on both sides.
// Code asks a matcher "where is the first trigger in this span"; nobody edits a regular
// expression to add a word.
import { z } from 'zod';
import enData from './data/lexicon/en.json';
import ruData from './data/lexicon/ru.json';
import { charTable, isSpaceCode } from './text';
import type { EventType, Lang } from './types';
import { isTokenChar, tokenize, type Token, type Word } from './vocab';

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

// ---------------------------------------------------------------------------------------
// The characters as the expressions above read them. A matcher is one regular expression by
// definition; it is run as one walk over the post's tokens, and these tables are what makes the
// walk agree with the expression character for character.

/**
 * Letters and digits as `[\p{L}\p{N}]` with the i flag reads them: the case-closed class takes
 * a combining mark (U+0345) that folds to a Greek letter, so this is not the tokenizer's table.
 */
const LETTER = charTable(/[\p{L}\p{N}]/iu);
const ASTRAL_LETTER = /^[\p{L}\p{N}]$/iu;

/** Code units of the letter or digit at text[i] (2 outside the BMP), 0 for any other; nothing at or past `limit` is read. */
function letterAt(text: string, i: number, limit: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return LETTER[c]!;
  if (i + 1 >= limit) return 0;
  const cp = text.codePointAt(i) ?? 0;
  return cp > 0xffff && ASTRAL_LETTER.test(String.fromCodePoint(cp)) ? 2 : 0;
}

/** Whether a letter or digit ends at text[i - 1], reading nothing before `floor` (the lookbehind). */
function letterBefore(text: string, i: number, floor: number): boolean {
  if (i <= floor) return false;
  const c = text.charCodeAt(i - 1);
  if (c < 0xdc00 || c > 0xdfff) return LETTER[c] === 1;
  if (i - 2 < floor) return false;
  const cp = text.codePointAt(i - 2) ?? 0;
  return cp > 0xffff && ASTRAL_LETTER.test(String.fromCodePoint(cp));
}

/**
 * Each BMP code unit's key when case is ignored: two characters match each other under the i and
 * u flags exactly when their keys are equal ("K", "k" and the Kelvin sign have one). Computed for
 * the characters that change under case folding; every other one is its own key.
 */
const CASE_KEY = (() => {
  const key = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) key[c] = c;
  const folds = charTable(/\p{Changes_When_Casefolded}/u);
  // A back reference compares as the i and u flags do: "xy" matches when x and y fold alike.
  const same = /^([^])\1$/iu;
  for (let c = 0; c < 65536; c++) {
    if (!folds[c]) continue;
    const s = String.fromCharCode(c);
    const up = s.toUpperCase();
    for (const k of [up.length === 1 ? up.toLowerCase() : '', s.toLowerCase()]) {
      if (k.length === 1 && k !== s && same.test(s + k)) {
        key[c] = k.charCodeAt(0);
        break;
      }
    }
  }
  return key;
})();

/** The code units of each key that has more than one (the case variants of a letter). */
const CASE_CLASSES = (() => {
  const classes = new Map<number, number[]>();
  for (let c = 0; c < 65536; c++) {
    const k = CASE_KEY[c]!;
    if (k === c) continue;
    const list = classes.get(k);
    if (list) list.push(c);
    else classes.set(k, [k, c]);
  }
  return classes;
})();

const membersOf = (key: number): readonly number[] => CASE_CLASSES.get(key) ?? [key];

// ---------------------------------------------------------------------------------------
// A phrase as a program over characters: folded literal characters, white space, a stem's ending.

const SPACE_RUN = -1;
const STEM_END = -2;

interface Program {
  ops: Int32Array;
  /** Whether the last op is a stem's ending: where the phrase stops then depends on the span. */
  stemLast: boolean;
  /** The folded letters and digits the phrase opens with: the key it is found by in a post's tokens. */
  head: string;
  /** The head is a whole token (white space or another character follows it), not only its start. */
  headWhole: boolean;
}

/**
 * The program of a phrase, or null for one the walk cannot read exactly as the expression does
 * (a character outside the BMP, a bare "*" that matches nothing at all, a character whose case
 * variants are not all letters): a matcher with such a phrase runs its expression instead.
 */
function compileProgram(phrase: string): Program | null {
  const ops: number[] = [];
  const words = phrase.trim().split(/\s+/);
  for (let wi = 0; wi < words.length; wi++) {
    const w = words[wi]!;
    if (wi > 0) ops.push(SPACE_RUN);
    const stem = w.endsWith('*');
    const literal = stem ? w.slice(0, -1) : w;
    if (literal.length === 0) return null;
    for (let i = 0; i < literal.length; i++) {
      const c = literal.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdfff) return null;
      const k = CASE_KEY[c]!;
      // The walk finds phrases by the tokenizer's words: a case variant it splits words at differently would be missed.
      if (membersOf(k).some((m) => LETTER[m] !== LETTER[c] || isTokenChar(m) !== (LETTER[m] === 1) || isSpaceCode(m))) return null;
      ops.push(k);
    }
    if (stem) ops.push(STEM_END);
  }
  let h = 0;
  while (h < ops.length && ops[h]! >= 0 && LETTER[ops[h]!] === 1) h++;
  return {
    ops: Int32Array.from(ops),
    stemLast: ops[ops.length - 1] === STEM_END,
    head: String.fromCharCode(...ops.slice(0, h)),
    headWhole: h < ops.length && ops[h] !== STEM_END,
  };
}

/** Where the last run of a stem's ending began in the latest match (read right after `run`). */
let stemFrom = 0;

/** End of the program matched at text[p], reading nothing at or past `limit`; -1 when it does not match. */
function run(ops: Int32Array, text: string, p: number, limit: number): number {
  let i = p;
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k]!;
    if (op >= 0) {
      if (i >= limit || CASE_KEY[text.charCodeAt(i)] !== op) return -1;
      i++;
    } else if (op === SPACE_RUN) {
      if (i >= limit || !isSpaceCode(text.charCodeAt(i))) return -1;
      i++;
      while (i < limit && isSpaceCode(text.charCodeAt(i))) i++;
    } else {
      stemFrom = i;
      for (let w = i < limit ? letterAt(text, i, limit) : 0; w !== 0; w = i < limit ? letterAt(text, i, limit) : 0) i += w;
    }
  }
  return i;
}

function blank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpaceCode(text.charCodeAt(i))) return false;
  return true;
}

/** A span the walk reads as the expression reads text.slice(from, to): whole offsets, no surrogate pair cut in two. */
function plainSpan(text: string, from: number, to: number): boolean {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < 0) return false;
  const cut = (i: number): boolean => i > 0 && i < text.length && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800 && (text.charCodeAt(i) & 0xfc00) === 0xdc00;
  return !cut(from) && !cut(Math.min(to, text.length));
}

// ---------------------------------------------------------------------------------------
// Every phrase of every matcher of a lexicon found in one walk over a post's tokens.

/** Fields of one match in a matcher's table of the post. */
const AT = 0;
const ALT = 1;
const END = 2;
/** Where a final stem's ending began; -1 when the phrase ends in a literal followed by no letter, -2 when a letter follows. */
const TAIL = 3;
const STRIDE = 4;
const FREE_END = -1;
const LETTER_AFTER = -2;

/**
 * The matches of one matcher in the current post: every position where one of its phrases
 * matches in the whole text (ignoring only what follows it), each phrase in its order in the
 * list. A span's hits are read off this table; only the span's own edges are looked at again.
 */
interface MatchTable {
  rows: Int32Array;
  count: number;
}

const NO_CANDIDATES: readonly number[] = [];
/** Spans at most this long are read off their own tokens when the walk has not reached their end. */
const DIRECT_SPAN = 64;

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The phrases a spelling of a word opens, in one phrase index (kept on the word, see vocab.ts). */
export interface WordPhrases {
  /** The index and the set of its phrases they were found for: phrases added since make them stale. */
  stamp: number;
  /** Phrases (matcher << 16 | phrase, ascending) to try wherever the word stands. */
  any: readonly number[];
  /** Phrases whose second word opens with a given character key: tried only when the next token does. */
  next: Map<number, readonly number[]> | null;
}

let indexes = 0;

/**
 * The phrases of a set of matchers, indexed by the token they open with. A post is walked once,
 * on its first query, for all the matchers asked so far; what a distinct spelling of a word
 * opens is worked out once per process. A matcher joins the walk when it is first asked: lists
 * that no stage reads cost nothing.
 */
export class PhraseIndex {
  private readonly id = indexes++;
  private stamp = this.id * 0x10000;
  /** What a word that opens none of the phrases keeps: one object, so telling is one comparison. */
  private none: WordPhrases = { stamp: this.stamp, any: NO_CANDIDATES, next: null };
  private readonly matchers: { programs: readonly Program[]; table: MatchTable }[] = [];
  /** Heads that must be a whole token, and heads that may begin one, to (matcher << 16 | phrase). */
  private readonly whole = new Map<string, number[]>();
  private readonly starts = new Map<string, number[]>();
  /** Phrases that open with another character ("#мнение", "«на полях»"), by its key. */
  private readonly marks = new Map<number, number[]>();
  private text: string | null = null;
  private tokens: Token[] = [];
  /** The walk of the current post: every position before `walkedTo` is in the tables. */
  private started = false;
  private walkedTo = 0;
  private nextToken = 0;
  /** The code units that open the phrases of `marks`, and where each next stands in the text (-1: nowhere). */
  private markUnits: number[] = [];
  private markNext = new Int32Array(0);

  /** Registers a matcher's phrases, not yet walked for; its number, or -1 when the index cannot hold it. */
  add(programs: readonly Program[], table: MatchTable): number {
    const slot = this.matchers.length;
    if (slot >= 0x7fff || programs.length > 0xffff) return -1;
    this.matchers.push({ programs, table });
    return slot;
  }

  /** Walks for a matcher's phrases from now on (the current post again, at its next query). */
  activate(slot: number): void {
    this.matchers[slot]!.programs.forEach((p, alt) => {
      const code = slot * 0x10000 + alt;
      if (p.head === '') push(this.marks, p.ops[0], code);
      else push(p.headWhole ? this.whole : this.starts, p.head, code);
    });
    for (const list of [...this.whole.values(), ...this.starts.values(), ...this.marks.values()]) list.sort((a, b) => a - b);
    this.markUnits = [...this.marks.keys()].flatMap((key) => membersOf(key));
    this.markNext = new Int32Array(this.markUnits.length);
    this.stamp++;
    this.none = { stamp: this.stamp, any: NO_CANDIDATES, next: null };
    this.started = false;
  }

  /** The post the next queries are about, with its tokens (found by the caller anyway). */
  usePost(text: string, tokens: Token[]): void {
    this.text = text;
    this.tokens = tokens;
    this.started = false;
  }

  /**
   * Makes sure the tables hold every match of this text that starts before `to`. The walk goes
   * only as far as a query has asked: most ask about the lead, and a long post's tail is never
   * walked.
   */
  prepare(text: string, to: number): void {
    if (this.text !== text) this.usePost(text, tokenize(text));
    if (!this.started) {
      for (const m of this.matchers) m.table.count = 0;
      this.markUnits.forEach((unit, u) => (this.markNext[u] = this.nextMark(text, unit, 0)));
      this.walkedTo = 0;
      this.nextToken = 0;
      this.started = true;
    }
    if (to > this.walkedTo) this.walk(text, to);
  }

  /** The tokens of a text (the current post's, found once). */
  tokensOf(text: string): Token[] {
    if (this.text !== text) this.usePost(text, tokenize(text));
    return this.tokens;
  }

  /** Whether the tables already hold every match of this text that starts before `to`. */
  holds(text: string, to: number): boolean {
    return this.text === text && this.started && this.walkedTo >= to;
  }

  /** The next position from `from` of a code unit that opens a phrase, not after a letter; -1 when none. */
  private nextMark(text: string, unit: number, from: number): number {
    const ch = String.fromCharCode(unit);
    let i = text.indexOf(ch, from);
    while (i >= 0 && letterBefore(text, i, 0)) i = text.indexOf(ch, i + 1);
    return i;
  }

  /** What a word opens: the phrases whose head it is or begins with. */
  phrasesOf(word: Word): WordPhrases {
    const known = (this.id & 1) === 0 ? word.phrasesEven : word.phrasesOdd;
    if (known === this.none || (known !== null && known.stamp === this.stamp)) return known;
    const raw = word.raw;
    let key = '';
    for (let i = 0; i < raw.length; i++) key += String.fromCharCode(CASE_KEY[raw.charCodeAt(i)]!);
    const found: number[] = [...(this.whole.get(key) ?? [])];
    for (let n = 1; n <= key.length; n++) found.push(...(this.starts.get(key.slice(0, n)) ?? []));
    found.sort((a, b) => a - b);
    const any: number[] = [];
    const next = new Map<number, number[]>();
    for (const code of found) {
      const p = this.matchers[code >>> 16]!.programs[code & 0xffff]!;
      // "в рамках": after the head, white space and a letter that must open the next token.
      const h = p.head.length;
      if (p.headWhole && p.ops[h] === SPACE_RUN && h + 1 < p.ops.length && p.ops[h + 1]! >= 0 && LETTER[p.ops[h + 1]!] === 1) push(next, p.ops[h + 1]!, code);
      else any.push(code);
    }
    const made: WordPhrases = found.length ? { stamp: this.stamp, any: any.length ? any : NO_CANDIDATES, next: next.size ? next : null } : this.none;
    if ((this.id & 1) === 0) word.phrasesEven = made;
    else word.phrasesOdd = made;
    return made;
  }

  /** Walks the tokens and the other opening characters before `limit`, in the order of the text. */
  private walk(text: string, limit: number): void {
    const tokens = this.tokens;
    const units = this.markUnits;
    for (;;) {
      const t = this.nextToken;
      const at = t < tokens.length ? tokens[t]!.start : Infinity;
      let mark = Infinity;
      let mu = -1;
      for (let u = 0; u < units.length; u++) {
        const p = this.markNext[u]!;
        if (p >= 0 && p < mark) {
          mark = p;
          mu = u;
        }
      }
      if (Math.min(at, mark) >= limit) break;
      if (mark < at) {
        this.matchAll(text, mark, this.marks.get(CASE_KEY[units[mu]!]!) ?? NO_CANDIDATES, NO_CANDIDATES);
        this.markNext[mu] = this.nextMark(text, units[mu]!, mark + 1);
        continue;
      }
      this.nextToken++;
      const tok = tokens[t]!;
      const ph = this.phrasesOf(tok.word);
      if (ph === this.none) continue;
      // A token after a letter only the expression reads as one (U+0345) opens nothing.
      if (letterBefore(text, at, 0)) continue;
      const after = ph.next !== null && t + 1 < tokens.length ? ph.next.get(CASE_KEY[text.charCodeAt(tokens[t + 1]!.start)]!) : undefined;
      this.matchAll(text, at, ph.any, after ?? NO_CANDIDATES);
    }
    this.walkedTo = limit;
  }

  /** Tries two ascending lists of phrases at p, in their merged order (each matcher's phrases in list order). */
  private matchAll(text: string, p: number, a: readonly number[], b: readonly number[]): void {
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      const code = j >= b.length || (i < a.length && a[i]! < b[j]!) ? a[i++]! : b[j++]!;
      this.matchOne(text, p, code);
    }
  }

  private matchOne(text: string, p: number, code: number): void {
    const n = text.length;
    const m = this.matchers[code >>> 16]!;
    const alt = code & 0xffff;
    const prog = m.programs[alt]!;
    const end = run(prog.ops, text, p, n);
    if (end < 0) return;
    const t = m.table;
    if ((t.count + 1) * STRIDE > t.rows.length) {
      const grown = new Int32Array(t.rows.length * 2);
      grown.set(t.rows);
      t.rows = grown;
    }
    const r = t.count++ * STRIDE;
    t.rows[r + AT] = p;
    t.rows[r + ALT] = alt;
    t.rows[r + END] = end;
    t.rows[r + TAIL] = prog.stemLast ? stemFrom : end === n || letterAt(text, end, n) === 0 ? FREE_END : LETTER_AFTER;
  }
}

/**
 * Matches a list of phrases (with a value each), as one regular expression would: at the first
 * position where any phrase matches, the first phrase of the list that does. Longer phrases come
 * first within a value so that "held talks" wins over "talks". The expression is the definition;
 * it runs only where the walk over tokens could not read a phrase or a span exactly as it does.
 */
export class PhraseMatcher<V extends string = string> {
  private readonly source: string;
  private compiled: RegExp | null = null;
  private readonly entries: { value: V; rule: string }[];
  private readonly programs: Program[] | null;
  private readonly index: PhraseIndex;
  private readonly slot: number;
  private active = false;
  private readonly table: MatchTable = { rows: new Int32Array(64), count: 0 };
  /** Phrases by the key of their first character, for a span that starts inside a word. */
  private readonly byFirst = new Map<number, number[]>();
  /** Keys of the first characters that are no letters ("#", "«"), or null when no phrase opens so. */
  private readonly marks: Set<number> | null;

  constructor(list: { value: V; phrase: string; rule: string }[], index: PhraseIndex = new PhraseIndex()) {
    this.entries = list.map(({ value, rule }) => ({ value, rule }));
    const body = list.length ? list.map((e) => `(${phraseSource(e.phrase)})`).join('|') : '(?!)';
    this.source = `${LEFT}(?:${body})${RIGHT}`;
    const compiled = list.map((e) => compileProgram(e.phrase));
    const programs = compiled.every((p): p is Program => p !== null) ? compiled : null;
    this.index = index;
    this.slot = programs ? index.add(programs, this.table) : -1;
    this.programs = this.slot >= 0 ? programs : null;
    this.programs?.forEach((p, alt) => push(this.byFirst, p.ops[0], alt));
    const marks = (this.programs ?? []).filter((p) => p.head === '').map((p) => p.ops[0]!);
    this.marks = marks.length ? new Set(marks) : null;
  }

  /** Every hit in text[from, to), left to right, none overlapping. */
  all(text: string, from = 0, to = text.length): PhraseHit<V>[] {
    if (!this.programs || !plainSpan(text, from, to)) return this.allByExpression(text, from, to);
    const out: PhraseHit<V>[] = [];
    this.scan(text, from, Math.min(to, text.length), out);
    return out;
  }

  /** The first hit in text[from, to), or null. */
  first(text: string, from = 0, to = text.length): PhraseHit<V> | null {
    if (!this.programs || !plainSpan(text, from, to)) return this.firstByExpression(text, from, to);
    return this.scan(text, from, Math.min(to, text.length), null);
  }

  test(text: string, from = 0, to = text.length): boolean {
    return this.first(text, from, to) !== null;
  }

  /** A hit that ends exactly at `end` (the phrase right before a position). */
  endingAt(text: string, end: number, window = 40): PhraseHit<V> | null {
    let last: PhraseHit<V> | null = null;
    const exact = Number.isInteger(end) && end >= 0;
    for (const h of this.all(text, Math.max(0, end - window), end)) {
      if (exact ? blank(text, h.end, Math.min(end, text.length)) : /^\s*$/.test(text.slice(h.end, end))) last = h;
    }
    return last;
  }

  /** A hit that starts exactly at `start` (after white space). */
  startingAt(text: string, start: number, window = 60): PhraseHit<V> | null {
    const h = this.first(text, start, Math.min(text.length, start + window));
    if (!h) return null;
    const exact = Number.isInteger(start) && start >= 0;
    return (exact ? blank(text, start, h.start) : /^\s*$/.test(text.slice(start, h.start))) ? h : null;
  }

  /**
   * The hits in text[from, to) from the post's table; with `out`, all of them, else the first.
   * Inside the span a match is the whole text's, cut by the span's end; only at the span's
   * start, when it falls inside a word, are the phrases tried afresh (the slice does not see the
   * letter before).
   */
  private scan(text: string, from: number, to: number, out: PhraseHit<V>[] | null): PhraseHit<V> | null {
    if (from >= to) return null;
    const programs = this.programs ?? [];
    let pos = from;
    if (letterBefore(text, from, 0)) {
      for (const alt of this.byFirst.get(CASE_KEY[text.charCodeAt(from)]!) ?? []) {
        const end = run(programs[alt]!.ops, text, from, to);
        if (end < 0 || (end < to && letterAt(text, end, to) !== 0)) continue;
        const h = this.hit(alt, from, end);
        if (!out) return h;
        out.push(h);
        pos = end;
        break;
      }
    }
    if (!this.active) {
      this.index.activate(this.slot);
      this.active = true;
    }
    // A few words past where the walk has gone ("the phrase right after this line's markers"):
    // read off their own tokens rather than walk every phrase of the lexicon up to there.
    if (to - pos <= DIRECT_SPAN && !this.index.holds(text, to)) return this.scanTokens(text, pos, to, out);
    this.index.prepare(text, to);
    const { rows, count } = this.table;
    // The first row at or after `pos`.
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rows[mid * STRIDE + AT]! < pos) lo = mid + 1;
      else hi = mid;
    }
    for (let r = lo; r < count; r++) {
      const row = r * STRIDE;
      const at = rows[row + AT]!;
      if (at >= to) break;
      if (at < pos) continue;
      const end = rows[row + END]!;
      const tail = rows[row + TAIL]!;
      let stop = -1;
      if (tail >= 0) {
        if (tail <= to) stop = Math.min(end, to);
      } else if (end === to || (end < to && tail === FREE_END)) stop = end;
      if (stop < 0) continue;
      const h = this.hit(rows[row + ALT]!, at, stop);
      if (!out) return h;
      out.push(h);
      pos = stop;
    }
    return null;
  }

  /** scan() for a short span, from the tokens and other opening characters in [pos, to) alone. */
  private scanTokens(text: string, pos: number, to: number, out: PhraseHit<V>[] | null): PhraseHit<V> | null {
    const programs = this.programs ?? [];
    const tokens = this.index.tokensOf(text);
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (tokens[mid]!.start < pos) lo = mid + 1;
      else hi = mid;
    }
    const first = this.slot * 0x10000;
    const last = first + 0xffff;
    let t = lo;
    for (let p = pos; p < to; p++) {
      let alts: readonly number[] | undefined;
      let codes: readonly number[] = NO_CANDIDATES;
      let after: readonly number[] = NO_CANDIDATES;
      while (t < tokens.length && tokens[t]!.start < p) t++;
      if (t < tokens.length && tokens[t]!.start === p) {
        const ph = this.index.phrasesOf(tokens[t]!.word);
        codes = ph.any;
        if (ph.next !== null && t + 1 < tokens.length) after = ph.next.get(CASE_KEY[text.charCodeAt(tokens[t + 1]!.start)]!) ?? NO_CANDIDATES;
      } else if (this.marks) {
        alts = this.marks.has(CASE_KEY[text.charCodeAt(p)]!) ? this.byFirst.get(CASE_KEY[text.charCodeAt(p)]!) : undefined;
      }
      if (codes.length === 0 && after.length === 0 && !alts) {
        // Nothing opens here: skip to the next token, unless another opening character may come first.
        if (!this.marks) {
          const next = t < tokens.length && tokens[t]!.start > p ? t : t + 1;
          p = (next < tokens.length ? tokens[next]!.start : to) - 1;
        }
        continue;
      }
      if (letterBefore(text, p, 0)) continue;
      let i = 0;
      let j = 0;
      let k = 0;
      for (;;) {
        let alt: number;
        if (alts) {
          if (k >= alts.length) break;
          alt = alts[k++]!;
        } else {
          // The word's phrases of this matcher, in list order: the two ascending lists merged.
          while (i < codes.length && (codes[i]! < first || codes[i]! > last)) i++;
          while (j < after.length && (after[j]! < first || after[j]! > last)) j++;
          if (i >= codes.length && j >= after.length) break;
          const code = j >= after.length || (i < codes.length && codes[i]! < after[j]!) ? codes[i++]! : after[j++]!;
          alt = code & 0xffff;
        }
        const end = run(programs[alt]!.ops, text, p, to);
        if (end < 0 || (end < to && letterAt(text, end, to) !== 0)) continue;
        const h = this.hit(alt, p, end);
        if (!out) return h;
        out.push(h);
        p = end - 1;
        break;
      }
    }
    return null;
  }

  private hit(alt: number, start: number, end: number): PhraseHit<V> {
    const e = this.entries[alt]!;
    return { start, end, value: e.value, rule: e.rule };
  }

  /** The expression, made when first needed: compiling a case-insensitive Unicode one is slow, and most matchers never need it. */
  private get re(): RegExp {
    return (this.compiled ??= new RegExp(this.source, 'giu'));
  }

  private allByExpression(text: string, from: number, to: number): PhraseHit<V>[] {
    const out: PhraseHit<V>[] = [];
    const str = from === 0 && to === text.length ? text : text.slice(from, to);
    this.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = this.re.exec(str)) !== null) {
      out.push(this.matched(m, from));
      if (m[0].length === 0) this.re.lastIndex++;
    }
    return out;
  }

  private firstByExpression(text: string, from: number, to: number): PhraseHit<V> | null {
    const str = from === 0 && to === text.length ? text : text.slice(from, to);
    this.re.lastIndex = 0;
    const m = this.re.exec(str);
    return m ? this.matched(m, from) : null;
  }

  private matched(m: RegExpExecArray, offset: number): PhraseHit<V> {
    let g = 1;
    while (g < m.length && m[g] === undefined) g++;
    const e = this.entries[g - 1]!;
    return { start: offset + m.index, end: offset + m.index + m[0].length, value: e.value, rule: e.rule };
  }
}

type ListKey = Exclude<keyof LexiconData, 'about' | 'lang' | 'triggers' | 'relativeDays'>;

export interface Lexicon {
  lang: Lang;
  /** All the matchers below, walking a post once: tell it the post and its tokens before a parse asks. */
  phrases: PhraseIndex;
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
  const phrases = new PhraseIndex();
  const list = (key: ListKey): PhraseMatcher =>
    new PhraseMatcher(
      byLength(d[key]).map((p) => ({ value: p, phrase: p, rule: `${L}.${key}: ${p}` })),
      phrases,
    );
  const triggers = (types: readonly TriggerType[]): PhraseMatcher<EventType> =>
    new PhraseMatcher<EventType>(
      types.flatMap((t) => byLength(d.triggers[t]).map((p) => ({ value: t as EventType, phrase: p, rule: `${L}.triggers.${t}: ${p}` }))),
      phrases,
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
    phrases,
    phone: triggers(['phone_call']),
    trigger: triggers(TRIGGER_TYPES.filter((t) => t !== 'phone_call')),
    objectTrigger: list('objectTriggers'),
    relativeDay: new PhraseMatcher(
      byLength(Object.keys(d.relativeDays)).map((p) => ({ value: p, phrase: p, rule: `${L}.relativeDays: ${p}` })),
      phrases,
    ),
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
