// The parser's vocabulary: data files validated once at load, compiled into lookup tables
// once per process so that parsing a post never touches the data again.
import countries from 'i18n-iso-countries';
import enLocale from 'i18n-iso-countries/langs/en.json';
import ruLocale from 'i18n-iso-countries/langs/ru.json';
import { z } from 'zod';
import { isCountryCode as isKnownCountry } from '@/lib/domain/geo';
import countriesData from './data/countries.json';
import organizationsData from './data/organizations.json';
import placesData from './data/places.json';
import principalsData from './data/principals.json';
import topicsData from './data/topics.json';
import { adjectiveForms, foldRu, phraseSlots, surnameForms } from './russian';
import type { WordPhrases } from './lexicon';
import { charTable, isSpaceCode } from './text';

const names = z.array(z.string().min(1)).default([]);
const isoCode = z.string().regex(/^[A-Z]{2}$/);

const CountriesSchema = z.object({
  countries: z.record(
    isoCode,
    z.object({ ru: names, ruForms: names, ruAdj: names, en: names, enAdj: names }).strict(),
  ),
  blockers: z.object({ en: names, ru: names }),
});

const OrganizationsSchema = z.object({
  organizations: z.array(
    z
      .object({
        code: z.string().regex(/^[A-Z0-9_]+$/),
        multilateral: z.boolean().default(false),
        en: names,
        ru: names,
        ruForms: names,
        acronyms: names,
        flag: z.string().regex(/^[A-Z]{2}$/).optional(),
      })
      .strict(),
  ),
});

const phrase = z.string().regex(/^[\p{Ll}\p{N} *$'’.-]+$/u, 'lowercase phrase: letters, digits, space, * and a final $');
const TopicsSchema = z.object({
  topics: z.array(
    z
      .object({
        code: z.string().regex(/^[a-z_]+$/),
        label_en: z.string().min(1),
        label_ru: z.string().min(1),
        phrases_en: z.array(phrase).min(1),
        phrases_ru: z.array(phrase).min(1),
      })
      .strict(),
  ),
});

const PrincipalsSchema = z.object({
  principals: z.array(
    z
      .object({
        name: z.string().min(3),
        surname_ru: z.string().min(2),
        initials_ru: z.string().regex(/^(?:[А-ЯЁ]\.){1,2}$/),
        names_en: z.array(z.string().min(2)).min(1),
        title_en: z.string(),
        title_ru: z.string(),
        requireInitials: z.boolean().default(false),
      })
      .strict(),
  ),
});

const PlacesSchema = z.object({
  places: z.array(z.object({ name: z.string().min(2), en: names, ru: names, ruForms: names }).strict()),
});

/** Parses a data file against its schema; a bad file fails at load naming the file. */
function load<T extends z.ZodType>(file: string, schema: T, data: unknown): z.infer<T> {
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new Error(`lib/ingest/data/${file}: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

export const DATA_SCHEMAS = {
  countries: CountriesSchema,
  organizations: OrganizationsSchema,
  topics: TopicsSchema,
  principals: PrincipalsSchema,
  places: PlacesSchema,
} as const;

const COUNTRIES = load('countries.json', CountriesSchema, countriesData);
const ORGS = load('organizations.json', OrganizationsSchema, organizationsData);
const TOPICS = load('topics.json', TopicsSchema, topicsData);
const PRINCIPALS = load('principals.json', PrincipalsSchema, principalsData);
const PLACES = load('places.json', PlacesSchema, placesData);

countries.registerLocale(enLocale);
countries.registerLocale(ruLocale);

// ---------------------------------------------------------------------------------------
// Token matcher

export type MentionKind = 'country' | 'org' | 'place' | 'principal' | 'block';
export type MentionVia = 'name' | 'adjective' | 'acronym';

interface Pattern {
  kind: MentionKind;
  code: string;
  via: MentionVia;
  /** Slots after the first token. */
  rest: Set<string>[];
  /** Compare raw text instead of folded lowercase (acronyms). */
  exact: boolean;
  /** The first word must be capitalised in the text (proper names). */
  needUpper: boolean;
}

const lowerIndex = new Map<string, Pattern[]>();
const exactIndex = new Map<string, Pattern[]>();

const TOKEN_SPLIT = /[^\p{L}\p{N}]+/u;

function addPattern(first: string[], rest: string[][], p: Omit<Pattern, 'rest'>): void {
  const pattern: Pattern = { ...p, rest: rest.map((s) => new Set(s)) };
  const index = p.exact ? exactIndex : lowerIndex;
  for (const f of new Set(first)) {
    const list = index.get(f);
    if (list) list.push(pattern);
    else index.set(f, [pattern]);
  }
}

function isAcronym(name: string): boolean {
  const letters = name.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters.length <= 7 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters);
}

/** A name written as is (English, or Russian forms listed in full). */
function addLiteral(name: string, kind: MentionKind, code: string, via: MentionVia, forceExact = false): void {
  const exact = forceExact || isAcronym(name);
  const tokens = name.split(TOKEN_SPLIT).filter(Boolean).map((t) => (exact ? t : foldRu(t)));
  if (tokens.length === 0) return;
  if (!exact && tokens.every((t) => t.length === 1)) return;
  addPattern([tokens[0]!], tokens.slice(1).map((t) => [t]), {
    kind,
    code,
    via,
    exact,
    needUpper: /^\p{Lu}/u.test(name),
  });
}

/** A Russian nominative: its case forms are generated. */
function addRussian(name: string, kind: MentionKind, code: string): void {
  if (isAcronym(name)) {
    addLiteral(name, kind, code, 'acronym', true);
    return;
  }
  const slots = phraseSlots(name);
  if (slots.length === 0) return;
  addPattern(slots[0]!, slots.slice(1), { kind, code, via: 'name', exact: false, needUpper: /^\p{Lu}/u.test(name) });
}

function addRussianAdjective(adj: string, code: string): void {
  const parts = adj.split(TOKEN_SPLIT).filter(Boolean);
  const last = parts.pop();
  if (!last) return;
  addPattern(parts.length ? [foldRu(parts[0]!)] : adjectiveForms(last), parts.length ? [...parts.slice(1).map((p) => [foldRu(p)]), adjectiveForms(last)] : [], {
    kind: 'country',
    code,
    via: 'adjective',
    exact: false,
    needUpper: false,
  });
}

/** Splits i18n names like "КНР (Китайская Народная Республика)"; drops inverted "Korea, Republic of". */
function libraryNames(value: string | string[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const v of list) {
    const m = /^(.*?)\s*\((.*)\)\s*$/.exec(v);
    for (const n of m ? [m[1], m[2]] : [v]) if (n && !n.includes(',')) out.push(n.trim());
  }
  return out;
}

const ruNames = countries.getNames('ru', { select: 'all' });
const enNames = countries.getNames('en', { select: 'all' });
for (const code of Object.keys(countries.getAlpha2Codes())) {
  for (const n of libraryNames(enNames[code])) {
    if (n.replace(/[^\p{L}]/gu, '').length >= 3 || isAcronym(n)) addLiteral(n, 'country', code, isAcronym(n) ? 'acronym' : 'name');
  }
  for (const n of libraryNames(ruNames[code])) addRussian(n, 'country', code);
}
for (const [code, c] of Object.entries(COUNTRIES.countries)) {
  if (!isKnownCountry(code)) throw new Error(`countries.json: ${code} is not in the country table (lib/domain/geo); add it there (npm run gen:geo)`);
  for (const n of c.en) addLiteral(n, 'country', code, isAcronym(n) ? 'acronym' : 'name');
  for (const n of c.enAdj) {
    addLiteral(n, 'country', code, 'adjective');
    // "Mauritanians Abroad", "Emiratis": the people of a country name it too.
    if (/[^s']$/.test(n)) addLiteral(`${n}s`, 'country', code, 'adjective');
  }
  for (const n of c.ru) addRussian(n, 'country', code);
  for (const n of c.ruForms) addLiteral(n, 'country', code, 'name');
  for (const n of c.ruAdj) addRussianAdjective(n, code);
}
for (const n of COUNTRIES.blockers.en) addLiteral(n, 'block', '', 'name');
for (const n of COUNTRIES.blockers.ru) addRussian(n, 'block', '');

const MULTILATERAL = new Set<string>();
const FLAG_ORGS = new Map<string, string>();
for (const o of ORGS.organizations) {
  if (o.multilateral) MULTILATERAL.add(o.code);
  if (o.flag) FLAG_ORGS.set(o.flag, o.code);
  for (const n of o.acronyms) addLiteral(n, 'org', o.code, 'acronym', true);
  for (const n of o.en) addLiteral(n, 'org', o.code, isAcronym(n) ? 'acronym' : 'name');
  for (const n of o.ru) addRussian(n, 'org', o.code);
  for (const n of o.ruForms) addLiteral(n, 'org', o.code, 'name');
}

for (const p of PLACES.places) {
  for (const n of p.en) addLiteral(n, 'place', p.name, 'name');
  for (const n of p.ru) addRussian(n, 'place', p.name);
  for (const n of p.ruForms) addLiteral(n, 'place', p.name, 'name');
}

for (const p of PRINCIPALS.principals) {
  const forms = surnameForms(p.surname_ru);
  const initials = p.initials_ru.split('.').filter(Boolean).map((i) => [foldRu(i)]);
  addPattern(initials[0]!, [...initials.slice(1), forms], { kind: 'principal', code: p.name, via: 'name', exact: false, needUpper: true });
  if (!p.requireInitials) {
    addPattern(forms, [], { kind: 'principal', code: p.name, via: 'name', exact: false, needUpper: true });
    for (const n of p.names_en) addLiteral(n, 'principal', p.name, 'name');
  } else {
    for (const n of p.names_en) if (n.includes(' ')) addLiteral(n, 'principal', p.name, 'name');
  }
}

export function isMultilateralOrg(code: string): boolean {
  return MULTILATERAL.has(code);
}

/** A country of the one country table (lib/domain/geo), which the names above are forms of. */
export function isCountryCode(code: string): boolean {
  return isKnownCountry(code);
}

export function flagToEntity(code: string): { kind: 'country' | 'org'; code: string } | null {
  const org = FLAG_ORGS.get(code);
  if (org) return { kind: 'org', code: org };
  return isCountryCode(code) ? { kind: 'country', code } : null;
}

export interface Token {
  start: number;
  end: number;
  raw: string;
  low: string;
  /** What the vocabularies say of this spelling, shared by every token spelled so. */
  word: Word;
}

// Letters and digits of the Basic Multilingual Plane, as a table built once: scanning a post
// char by char against it is several times faster than a Unicode-class regular expression.
const WORD_CHAR = charTable(/[\p{L}\p{N}]/u);
const ASTRAL_WORD = /^[\p{L}\p{N}]$/u;

/** Whether a BMP code unit is a letter or digit to the tokenizer. */
export function isTokenChar(c: number): boolean {
  return WORD_CHAR[c] === 1;
}

function isWordAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return WORD_CHAR[c]!;
  // A letter outside the BMP (rare): two code units.
  const cp = text.codePointAt(i) ?? 0;
  return cp > 0xffff && ASTRAL_WORD.test(String.fromCodePoint(cp)) ? 2 : 0;
}

/**
 * What the vocabularies say of one spelling of a word. Posts repeat their words, so this is
 * worked out the first time a spelling is met, and a token costs one lookup instead of folding
 * its case and looking it up in every index (the topic trie one character at a time).
 */
export interface Word {
  /** The spelling, as in the text. */
  raw: string;
  low: string;
  /** Starts with a capital: proper names must. */
  upper: boolean;
  /**
   * The mention patterns this word can open, in the order they are tried: acronyms as written,
   * then names in folded lowercase; without those a proper name needs the word capitalised.
   */
  patterns: readonly Pattern[];
  /** Topic phrases whose first stem the word takes, in the order a walk of the trie meets them. */
  topics: readonly TopicPhrase[];
  /**
   * What the phrase indexes of the lexicons found this word opens, one memo for indexes of even
   * and one for odd numbers (English and Russian): fields of the word itself, read without
   * another lookup.
   */
  phrasesEven: WordPhrases | null;
  phrasesOdd: WordPhrases | null;
}

// The words met so far, in a hash table of their spellings: a token is looked up by its
// characters in the text, so a known word costs neither a substring nor the hash of one.
/** Distinct spellings kept; past it the table starts again rather than grow. */
const WORDS_MAX = 200_000;
let wordList: Word[] = [];
let wordHash = new Int32Array(1024);
/** Open addressing: each slot holds 1 + the word's index in wordList, 0 when empty. */
let slots = new Int32Array(2048);
const UPPER_START = /^\p{Lu}/u;
const NO_PATTERNS: readonly Pattern[] = [];

/** A copy that does not hold on to the post a long substring was cut from (engines share the memory). */
const ownCopy = (s: string): string => (s.length > 12 ? s.split('').join('') : s);

function place(index: number, hash: number): void {
  const mask = slots.length - 1;
  let i = hash & mask;
  while (slots[i] !== 0) i = (i + 1) & mask;
  slots[i] = index + 1;
}

function sameAt(text: string, start: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(start + i) !== word.charCodeAt(i)) return false;
  return true;
}

function wordAt(text: string, start: number, end: number, hash: number): Word {
  const mask = slots.length - 1;
  const len = end - start;
  for (let i = hash & mask; slots[i] !== 0; i = (i + 1) & mask) {
    const k = slots[i]! - 1;
    if (wordHash[k] !== hash) continue;
    const w = wordList[k]!;
    if (w.raw.length === len && sameAt(text, start, w.raw)) return w;
  }
  if (wordList.length >= WORDS_MAX) {
    wordList = [];
    slots.fill(0);
  }
  const raw = ownCopy(text.slice(start, end));
  const low = foldRu(raw);
  const upper = UPPER_START.test(raw);
  const patterns = [...(exactIndex.get(raw) ?? []), ...(lowerIndex.get(low) ?? [])].filter((p) => upper || !p.needUpper);
  const word: Word = { raw, low, upper, patterns: patterns.length ? patterns : NO_PATTERNS, topics: topicPhrasesOf(low), phrasesEven: null, phrasesOdd: null };
  const index = wordList.length;
  wordList.push(word);
  if (index >= wordHash.length) {
    const grown = new Int32Array(wordHash.length * 2);
    grown.set(wordHash);
    wordHash = grown;
  }
  wordHash[index] = hash;
  if (wordList.length * 2 > slots.length) {
    slots = new Int32Array(slots.length * 2);
    for (let k = 0; k < wordList.length; k++) place(k, wordHash[k]!);
  } else place(index, hash);
  return word;
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let w = isWordAt(text, i);
    if (w === 0) {
      i += 1;
      continue;
    }
    const start = i;
    // FNV-1a over the code units, taken while the word is scanned.
    let hash = 0x811c9dc5;
    while (i < n && w !== 0) {
      hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
      if (w === 2) hash = Math.imul(hash ^ text.charCodeAt(i + 1), 0x01000193);
      i += w;
      w = i < n ? isWordAt(text, i) : 0;
    }
    const word = wordAt(text, start, i, hash ^ (hash >>> 15));
    out.push({ start, end: i, raw: word.raw, low: word.low, word });
  }
  return out;
}

// Hashtags repeat from post to post ("#RussiaIndia"): their mentions are found once.
const hashtagCache = new Map<string, Mention[]>();
const HASHTAG_CACHE_MAX = 20_000;

/** The vocabulary mentions in a hashtag's words ("Russia India"), memoised. */
export function hashtagMentions(words: string): Mention[] {
  const hit = hashtagCache.get(words);
  if (hit) return hit;
  const found = findMentions(words);
  if (hashtagCache.size >= HASHTAG_CACHE_MAX) hashtagCache.clear();
  hashtagCache.set(words, found);
  return found;
}

export interface Mention {
  kind: MentionKind;
  code: string;
  via: MentionVia;
  start: number;
  end: number;
  /** Index of the first and one past the last token. */
  t0: number;
  t1: number;
}

// Words of one name may be separated by spaces, hyphens, apostrophes or quotes, never by
// sentence punctuation; an initial's dot ("С.В.Лавров") is the exception.
const GAP_CHAR = charTable(/[\s\-‐‑–—'’«»"“”]/);

function gapOk(text: string, prev: Token, next: Token): boolean {
  const a = prev.end;
  const n = next.start - a;
  if (n <= 4) {
    let ok = true;
    for (let i = a; i < next.start && ok; i++) ok = GAP_CHAR[text.charCodeAt(i)] === 1;
    if (ok) return true;
  }
  return prev.raw.length === 1 && (n === 1 || n === 2) && text.charCodeAt(a) === 46 && (n === 1 || isSpaceCode(text.charCodeAt(a + 1)));
}

const KIND_RANK: Record<MentionKind, number> = { block: 4, org: 3, principal: 2, country: 1, place: 0 };

/** All vocabulary mentions in a text, longest match first, left to right, no overlaps. */
export function findMentions(text: string, tokens: Token[] = tokenize(text)): Mention[] {
  const out: Mention[] = [];
  for (let i = 0; i < tokens.length; ) {
    const tok = tokens[i]!;
    const patterns = tok.word.patterns;
    if (patterns.length === 0) {
      i++;
      continue;
    }
    let best: Pattern | null = null;
    let bestLen = 0;
    for (const p of patterns) {
      const len = 1 + p.rest.length;
      if (len < bestLen || (len === bestLen && best && KIND_RANK[best.kind] >= KIND_RANK[p.kind])) continue;
      if (i + len > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < p.rest.length; k++) {
        const t = tokens[i + 1 + k]!;
        if (!p.rest[k]!.has(p.exact ? t.raw : t.low) || !gapOk(text, tokens[i + k]!, t)) {
          ok = false;
          break;
        }
      }
      if (ok) {
        best = p;
        bestLen = len;
      }
    }
    if (!best) {
      i++;
      continue;
    }
    out.push({
      kind: best.kind,
      code: best.code,
      via: best.via,
      start: tok.start,
      end: tokens[i + bestLen - 1]!.end,
      t0: i,
      t1: i + bestLen,
    });
    i += bestLen;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Topics: every phrase is a run of word stems; a character trie over the first stems finds
// them token by token, so a post is scanned once whatever the size of the taxonomy.

interface TopicPhrase {
  topic: number;
  /** Stems of the following words; `whole` demands the word end there. */
  rest: { stem: string; whole: boolean }[];
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Phrases whose first stem ends here and may run on ("украин" → "украинский"). */
  prefix: TopicPhrase[];
  /** Phrases whose first word must end here ("оон$"). */
  whole: TopicPhrase[];
}

const newNode = (): TrieNode => ({ next: new Map(), prefix: [], whole: [] });
const topicTrie = newNode();

/** "специальн* военн* операц" → stems; hyphenated words split like the tokenizer splits them. */
function phraseWords(p: string): { stem: string; whole: boolean }[] {
  const whole = p.endsWith('$');
  const words = (whole ? p.slice(0, -1) : p).split(' ').filter(Boolean);
  const out: { stem: string; whole: boolean }[] = [];
  words.forEach((w, wi) => {
    const parts = w.replace(/\*/g, '').split(TOKEN_SPLIT).filter(Boolean);
    parts.forEach((part, pi) => {
      const lastOfWord = pi === parts.length - 1;
      out.push({ stem: foldRu(part), whole: !lastOfWord || (whole && wi === words.length - 1) });
    });
  });
  return out;
}

TOPICS.topics.forEach((t, topic) => {
  for (const p of [...t.phrases_en, ...t.phrases_ru]) {
    const words = phraseWords(p);
    if (!words.length) continue;
    let node = topicTrie;
    for (const ch of words[0]!.stem) {
      let n = node.next.get(ch);
      if (!n) {
        n = newNode();
        node.next.set(ch, n);
      }
      node = n;
    }
    (words[0]!.whole ? node.whole : node.prefix).push({ topic, rest: words.slice(1) });
  }
});

/**
 * The phrases whose first stem a word takes, in the order the trie meets them character by
 * character: at each depth the stems that may run on, and at the word's last character the
 * whole words.
 */
function topicPhrasesOf(low: string): TopicPhrase[] {
  const out: TopicPhrase[] = [];
  let node: TrieNode | undefined = topicTrie;
  for (let c = 0; c < low.length; c++) {
    node = node.next.get(low[c]!);
    if (!node) break;
    out.push(...node.prefix);
    if (c === low.length - 1) out.push(...node.whole);
  }
  return out;
}

export const TOPIC_CODES: readonly string[] = TOPICS.topics.map((t) => t.code);

export function topicLabel(code: string, lang: 'en' | 'ru'): string | null {
  const t = TOPICS.topics.find((x) => x.code === code);
  return t ? (lang === 'en' ? t.label_en : t.label_ru) : null;
}

function restMatches(tokens: Token[], i: number, rest: { stem: string; whole: boolean }[]): boolean {
  if (i + rest.length >= tokens.length) return false;
  for (let k = 0; k < rest.length; k++) {
    const low = tokens[i + 1 + k]!.low;
    if (rest[k]!.whole ? low !== rest[k]!.stem : !low.startsWith(rest[k]!.stem)) return false;
  }
  return true;
}

/**
 * Topic codes with the phrases that triggered them, the weightiest first, at most `max`. A
 * topic weighs one for each phrase found, more in the opening of the text, where the agenda is
 * told; a topic named once in passing deep in a long text is not one.
 */
export function findTopics(
  text: string,
  tokens: Token[] = tokenize(text),
  /** Spans of the text that say nothing of the subject (venues, organisation names, titles). */
  skip: readonly { start: number; end: number }[] = [],
  span: { start: number; end: number } = { start: 0, end: text.length },
  max = Infinity,
): { code: string; phrases: string[] }[] {
  const hits = new Map<number, string[]>();
  const weight = new Map<number, number>();
  const covered = new Map<number, number>();
  const opening = span.start + 700;
  const hit = (topic: number, from: Token, toIndex: number): void => {
    // Quote whole hyphenated words: "торгово-экономических", not "торгово".
    let j = toIndex;
    while (j + 1 < tokens.length && tokens[j + 1]!.start === tokens[j]!.end + 1 && text[tokens[j]!.end] === '-') j++;
    covered.set(topic, j);
    weight.set(topic, (weight.get(topic) ?? 0) + (from.start < opening ? 2 : 1));
    const phrase = text.slice(from.start, tokens[j]!.end);
    const list = hits.get(topic);
    if (!list) hits.set(topic, [phrase]);
    else if (!list.includes(phrase)) list.push(phrase);
  };
  // The skipped spans in order, walked beside the tokens: a check of every span at every token
  // would be quadratic in a long post full of names.
  const spans = [...skip].sort((a, b) => a.start - b.start);
  let sp = 0;
  let coveredTo = -1;
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < span.start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < tokens.length; i++) {
    const tokStart = tokens[i]!.start;
    if (tokStart >= span.end) break;
    while (sp < spans.length && spans[sp]!.start <= tokStart) coveredTo = Math.max(coveredTo, spans[sp++]!.end);
    if (tokStart < coveredTo) continue;
    // Most tokens open no phrase; the set of topics found at this token is made only when needed.
    const phrases = tokens[i]!.word.topics;
    if (phrases.length === 0) continue;
    let done: Set<number> | null = null;
    for (const ph of phrases) {
      if (done?.has(ph.topic) || (covered.get(ph.topic) ?? -1) >= i || !restMatches(tokens, i, ph.rest)) continue;
      (done ??= new Set()).add(ph.topic);
      hit(ph.topic, tokens[i]!, i + ph.rest.length);
    }
  }
  const long = span.end - span.start > 1500;
  return [...hits.keys()]
    .filter((t) => !long || (weight.get(t) ?? 0) >= 2)
    .sort((a, b) => (weight.get(b) ?? 0) - (weight.get(a) ?? 0) || a - b)
    .slice(0, max)
    .map((i) => ({ code: TOPICS.topics[i]!.code, phrases: hits.get(i) ?? [] }));
}
