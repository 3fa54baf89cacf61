// Small text helpers shared by the splitter and the parser.
import type { Lang } from './types';

/** Every code unit of the BMP but the surrogates, in order: tables of characters are read off it. */
const BMP = (() => {
  const units: string[] = [];
  for (let c = 0; c < 0xd800; c += 0x800) units.push(String.fromCharCode(...Array.from({ length: 0x800 }, (_, i) => c + i)));
  for (let c = 0xe000; c < 0x10000; c += 0x800) units.push(String.fromCharCode(...Array.from({ length: 0x800 }, (_, i) => c + i)));
  return units.join('');
})();

/**
 * The BMP characters a one-character regular expression matches, as a table of code units. Runs
 * of them are found by one scan of a global expression: far cheaper than 65,536 tests.
 */
export function charTable(re: RegExp): Uint8Array {
  const table = new Uint8Array(65536);
  const runs = new RegExp(`(?:${re.source})+`, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  for (const m of BMP.matchAll(runs)) {
    for (let i = m.index; i < m.index + m[0].length; i++) table[i < 0xd800 ? i : i + 0x800] = 1;
  }
  return table;
}

// The white space of regular expressions (\s) as a table of code units, read where a scan goes
// character by character.
const SPACE = charTable(/\s/);

/** Whether a UTF-16 code unit is white space as \s reads it. */
export function isSpaceCode(c: number): boolean {
  return SPACE[c] === 1;
}

export function letterCounts(text: string): { cyr: number; lat: number } {
  let cyr = 0;
  let lat = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x400 && c <= 0x4ff) cyr++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) lat++;
  }
  return { cyr, lat };
}

/** Russian when Cyrillic letters outnumber Latin ones; hashtags and URLs are ignored. */
export function detectLang(text: string): Lang {
  const body = text.replace(/#[\p{L}\p{N}_]+/gu, ' ').replace(/https?:\/\/\S+/g, ' ');
  const { cyr, lat } = letterCounts(body);
  return cyr >= lat ? (cyr === 0 && lat > 0 ? 'en' : 'ru') : 'en';
}

/**
 * Language of a stretch of text by its letters, or null when it has fewer than `minLetters` or
 * neither script outnumbers the other `ratio` times; hashtags and URLs are ignored. Posts,
 * paragraphs and lines are told apart with this one count (detectLang decides every post).
 */
export function scriptLang(text: string, minLetters: number, ratio: number): Lang | null {
  const body = text.replace(/#[\p{L}\p{N}_]+/gu, ' ').replace(/https?:\/\/\S+/g, ' ');
  const { cyr, lat } = letterCounts(body);
  if (cyr + lat < minLetters) return null;
  if (cyr > lat * ratio) return 'ru';
  if (lat > cyr * ratio) return 'en';
  return null;
}

/** Language of a paragraph, or null when it has too few letters to tell. */
export function paragraphLang(text: string, minLetters = 12): Lang | null {
  return scriptLang(text, minLetters, 2);
}

export interface Hashtag {
  text: string;
  start: number;
  end: number;
  /** "#RussiaArabLeague" → "Russia Arab League"; "#РоссияЛАГ" → "Россия ЛАГ". */
  words: string;
}

const HASHTAG_RE = /#[\p{L}\p{N}_]+/gu;

export function splitHashtag(tag: string): string {
  return tag
    .replace(/^#/, '')
    .replace(/_/g, ' ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2');
}

// Channels repeat their hashtags from post to post: each is split into words once.
const hashtagWords = new Map<string, string>();
const HASHTAG_WORDS_MAX = 20_000;
/** A copy that does not hold on to the post a long substring was cut from (engines share the memory). */
const ownCopy = (s: string): string => (s.length > 12 ? s.split('').join('') : s);

function wordsOfHashtag(tag: string): string {
  const known = hashtagWords.get(tag);
  if (known !== undefined) return known;
  const words = ownCopy(splitHashtag(tag));
  if (hashtagWords.size >= HASHTAG_WORDS_MAX) hashtagWords.clear();
  hashtagWords.set(ownCopy(tag), words);
  return words;
}

export function findHashtags(text: string): Hashtag[] {
  const out: Hashtag[] = [];
  HASHTAG_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HASHTAG_RE.exec(text)) !== null) {
    // A '#' inside a word ("C#") is not a hashtag.
    if (m.index > 0 && /[\p{L}\p{N}]/u.test(text[m.index - 1]!)) continue;
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length, words: wordsOfHashtag(m[0]) });
  }
  return out;
}

/** A line made only of hashtags (and spaces/emoji): the usual end of a channel post. */
export function isHashtagLine(line: string): boolean {
  const t = line.trim();
  if (!t.startsWith('#')) return false;
  return t.replace(/#[\p{L}\p{N}_]+/gu, '').replace(/[\s\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\uFE0F\u200D,.;]/gu, '') === '';
}

export interface Flag {
  code: string;
  start: number;
  end: number;
}

const FLAG_RE = /([\u{1F1E6}-\u{1F1FF}])([\u{1F1E6}-\u{1F1FF}])/gu;

/** Flag emoji as ISO codes: regional indicator letters map to A..Z. */
export function findFlags(text: string): Flag[] {
  const out: Flag[] = [];
  FLAG_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FLAG_RE.exec(text)) !== null) {
    const a = (m[1]!.codePointAt(0) ?? 0) - 0x1f1e6;
    const b = (m[2]!.codePointAt(0) ?? 0) - 0x1f1e6;
    out.push({ code: String.fromCharCode(65 + a, 65 + b), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export interface Span {
  start: number;
  end: number;
}

/** Lines with their offsets; empty lines are dropped. */
export function lines(text: string, from = 0, to = text.length): Span[] {
  const out: Span[] = [];
  let s = from;
  while (s < to) {
    let e = text.indexOf('\n', s);
    if (e < 0 || e > to) e = to;
    let a = s;
    let b = e;
    while (a < b && SPACE[text.charCodeAt(a)] === 1) a++;
    while (b > a && SPACE[text.charCodeAt(b - 1)] === 1) b--;
    if (b > a) out.push({ start: a, end: b });
    s = e + 1;
  }
  return out;
}

const MARKER_RE = /^(?:[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\uFE0F\u200D\u20E3*#0-9]*?(?:\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}])[\uFE0F\u200D]*\s*)+/u;

/** What a marker can open with in the BMP: most lines open with a letter, and need no expression. */
const MARKER_OPEN = charTable(/[\p{Extended_Pictographic}\uFE0F\u200D\u20E3*#0-9]/u);
const BULLET = charTable(/[\s•▪◾▫‣●·◦\-–—]/);

/** Offset after the leading emoji of a line ("🇷🇺🇻🇪 ", "🤝 ", "• "). */
export function skipMarkers(text: string, start: number, end: number): number {
  const c = text.charCodeAt(start);
  const none = Number.isInteger(start) && start >= 0 && start < end && (c < 0xd800 || c > 0xdfff) && MARKER_OPEN[c] === 0;
  const m = none ? null : MARKER_RE.exec(text.slice(start, Math.min(end, start + 40)));
  let s = start + (m ? m[0].length : 0);
  while (s < end && BULLET[text.charCodeAt(s)] === 1) s++;
  return s;
}

// Runs of white space other than one plain space: the only ones folding changes.
const UNFOLDED_SPACE = /\s{2,}|[^\S ]/g;

/**
 * text.replace(/\s+/g, ' ').trim(), replacing only the runs that change: a text of single spaces
 * (most titles, most lines of a summary) is copied once instead of once per space.
 */
export function foldSpace(text: string): string {
  return text.replace(UNFOLDED_SPACE, ' ').trim();
}

// A run of stops is taken whole, from its first character: tried from every character of the
// run and at every length, a long run of dots costs time quadratic in its length.
const SENTENCE_END = /(?<![.!?…])[.!?…]+(?![.!?…])(?=[\s»”"')]*(?:\s+[«"“(]?[\p{Lu}\d🇦-🇿]|\s*$))/gu;

/** End offset of the first sentence of a span; initials like "С. В. Лавров" do not end it. */
export function firstSentenceEnd(text: string, start: number, end: number): number {
  const slice = text.slice(start, end);
  SENTENCE_END.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SENTENCE_END.exec(slice)) !== null) {
    const before = slice.slice(Math.max(0, m.index - 4), m.index);
    if (/(?:^|[\s.(])\p{Lu}$/u.test(before)) continue;
    if (/(?:^|\s)(?:г|гг|Mr|Ms|Dr|St|им|т\.е|No)$/u.test(before)) continue;
    return start + m.index + m[0].length;
  }
  return end;
}
