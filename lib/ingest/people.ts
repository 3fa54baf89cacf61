// One name per person. The registry (data/people.json) lists each person once, with their names
// in both languages; every form a post may write them in (Russian cases, initials, short forms,
// spellings with or without diacritics) is generated once at load into one Map, so resolving a
// name is a few Map lookups. Names the registry does not know are put in the nominative by rule
// and kept as written; phrases that are no name (handles, months, countries, titles, acronyms)
// are refused.
import { z } from 'zod';
import organizationsData from './data/organizations.json';
import enLexicon from './data/lexicon/en.json';
import ruLexicon from './data/lexicon/ru.json';
import peopleData from './data/people.json';
import { foldRu, nounForms } from './russian';
import type { Lang, ParsedPerson } from './types';
import { DATA_SCHEMAS, findMentions, isCountryCode, tokenize } from './vocab';

// ---------------------------------------------------------------------------------------
// Schema

const ORG_CODES = new Set(DATA_SCHEMAS.organizations.parse(organizationsData).organizations.map((o) => o.code));

const isoCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code')
  .refine((c) => isCountryCode(c), 'not a known country code');
const day = z.string().regex(/^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/, 'a date: YYYY, YYYY-MM or YYYY-MM-DD');
const latinName = z.string().regex(/^\p{Lu}[\p{Script=Latin}\p{M} .'’-]+$/u, 'a name in Latin script, capitalised');
// Roman numerals count the kings ("Абдалла II").
const russianName = z.string().regex(/^\p{Lu}[\p{Script=Cyrillic} ’'-]+(?: [IVX]+)?$/u, 'a Russian nominative in Cyrillic, capitalised');
const shortName = z.string().regex(/^[\p{L}\p{M}][\p{L}\p{M} .'’-]+$/u, 'a surname (or family name) of at least two letters');
const word = z.string().regex(/^[\p{Ll}][\p{Ll}\-]*\*?$/u, 'a lowercase word; a final * makes it a stem');

const OfficeSchema = z
  .object({
    title_en: z.string().min(2),
    title_ru: z.string().min(2).optional(),
    country: isoCode.optional(),
    org: z.string().optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    if ((o.country === undefined) === (o.org === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'an office is held in one country or one organisation: give country or org' });
    }
    if (o.org !== undefined && !ORG_CODES.has(o.org)) ctx.addIssue({ code: 'custom', path: ['org'], message: `${o.org} is not a code of organizations.json` });
    // Dates of different precision compare on what both say: "2025" is not before "2025-05".
    if (o.from && o.to) {
      const n = Math.min(o.from.length, o.to.length);
      if (o.from.slice(0, n) > o.to.slice(0, n)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to is before from' });
    }
  });

export const PersonSchema = z
  .object({
    name: latinName,
    en: z.array(latinName).default([]),
    ru: z.array(russianName).min(1),
    short: z.array(shortName).default([]),
    country: isoCode.nullable(),
    initials: z.boolean().default(true),
    offices: z.array(OfficeSchema).min(1),
  })
  .strict();
export type PersonEntry = z.infer<typeof PersonSchema>;

export const PeopleSchema = z
  .object({
    about: z.string().optional(),
    particles: z.array(z.string().regex(/^\p{Ll}+$/u)).default([]),
    givenNames: z.object({ m: z.array(russianName).default([]), f: z.array(russianName).default([]) }).strict(),
    honorifics: z.array(word).default([]),
    notNames: z.array(word).default([]),
    calendar: z.array(word).default([]),
    people: z.array(PersonSchema).min(1),
  })
  .strict()
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    d.people.forEach((p, i) => {
      if (seen.has(p.name)) ctx.addIssue({ code: 'custom', path: ['people', i, 'name'], message: `${p.name} is listed twice` });
      seen.add(p.name);
    });
  });
export type PeopleData = z.input<typeof PeopleSchema>;

// ---------------------------------------------------------------------------------------
// Folding: the one normal form of registry names and of phrases from posts.

const LATIN_SPECIAL: Record<string, string> = { ı: 'i', ø: 'o', ł: 'l', đ: 'd', ð: 'd', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th' };

// Plain ASCII and Cyrillic need no Unicode normalisation: the common case stays cheap.
const PLAIN_RE = /^[\u0000-\u007f\u0400-\u04ff\u2019]*$/;

/** Lowercase; ё→е; Latin diacritics dropped ("Erdoğan" = "Erdogan"); Cyrillic й and ё survive decomposition. */
export function foldName(s: string): string {
  if (PLAIN_RE.test(s)) return foldRu(s);
  let out = foldRu(s.normalize('NFD').replace(/(\p{Script=Latin})\p{M}+/gu, '$1').normalize('NFC'));
  if (/[ıøłđðßæœþ]/.test(out)) out = out.replace(/[ıøłđðßæœþ]/g, (c) => LATIN_SPECIAL[c] ?? c);
  return out;
}

/**
 * Single words and stems ("dialogue*"), each a Set lookup: a word is checked against its own
 * prefixes, not against every stem of the list.
 */
class WordList {
  private readonly exact = new Set<string>();
  private readonly stems = new Set<string>();
  private minStem = Infinity;
  private maxStem = 0;
  constructor(words: readonly string[]) {
    for (const w of words) {
      const f = foldName(w);
      if (!f.endsWith('*')) {
        this.exact.add(f);
        continue;
      }
      const stem = f.slice(0, -1);
      this.stems.add(stem);
      this.minStem = Math.min(this.minStem, stem.length);
      this.maxStem = Math.max(this.maxStem, stem.length);
    }
  }
  /** `folded` is a word already passed through foldName. */
  has(folded: string): boolean {
    if (this.exact.has(folded)) return true;
    for (let n = Math.min(this.maxStem, folded.length); n >= this.minStem; n--) if (this.stems.has(folded.slice(0, n))) return true;
    return false;
  }
}

const LETTERS_RE = /\p{L}+/gu;

/** The lookup key: folded letter runs joined by one space ("А.Бербок" → "а бербок", "Al-Alimi" → "al alimi"). */
function keyOf(s: string): string {
  return (foldName(s).match(LETTERS_RE) ?? []).join(' ');
}

/**
 * keyOf in one pass for plain text (ASCII and Russian letters): the Map is reached without a
 * regular expression. Null when the text needs the full folding (diacritics), or holds a
 * digit, a handle or a link, which the full path refuses.
 */
function plainKey(s: string): string | null {
  const low = s.toLowerCase();
  let out = '';
  let run = -1;
  for (let i = 0; i <= low.length; i++) {
    const c = i < low.length ? low.charCodeAt(i) : 0x20;
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x430 && c <= 0x44f) || c === 0x451) {
      if (run < 0) run = i;
      continue;
    }
    if (c !== 0x20 && c !== 0x2e && c !== 0x2d && c !== 0x27 && c !== 0x2019 && c !== 0x2c && c !== 0xa0) return null;
    if (run >= 0) out += (out ? ' ' : '') + low.slice(run, i);
    run = -1;
  }
  return out.includes('ё') ? out.replace(/ё/g, 'е') : out;
}

const CYRILLIC_RE = /\p{Script=Cyrillic}/u;
const LATIN_RE = /\p{Script=Latin}/u;

// ---------------------------------------------------------------------------------------
// Russian declension of names, from the nominative. Forms of both genders are generated:
// over-generation is harmless (nobody writes "Бербоком"), a missing form is a missed name.

const VOWELS = 'аеёиоуыэюя';
const FLEETING: Record<string, string> = { павел: 'павл', лев: 'льв' };
type Slots = string[][]; // nominative, genitive, dative, accusative, instrumental, prepositional

function same(w: string): Slots {
  return [[w], [w], [w], [w], [w], [w]];
}

/** Case forms of one folded word (the declining part of a hyphenated word). */
function wordSlots(w: string): Slots {
  const s1 = w.slice(0, -1);
  const s2 = w.slice(0, -2);
  if (w.length < 2 || /^[ivx]+$/.test(w)) return same(w);
  if (/(?:ск|цк)ий$/.test(w)) return [[w], [s2 + 'ого'], [s2 + 'ому'], [s2 + 'ого'], [s2 + 'им'], [s2 + 'ом']];
  if (/(?:ск|цк)ая$/.test(w)) return [[w], [s2 + 'ой'], [s2 + 'ой'], [s2 + 'ую'], [s2 + 'ой', s2 + 'ою'], [s2 + 'ой']];
  if (w.endsWith('ий')) return [[w], [s1 + 'я'], [s1 + 'ю'], [s1 + 'я'], [s1 + 'ем'], [s1 + 'и', s1 + 'е']];
  if (w.endsWith('ия')) return [[w], [s1 + 'и'], [s1 + 'и'], [s1 + 'ю'], [s1 + 'ей', s1 + 'ею'], [s1 + 'и']];
  // "Захарова" declines as an adjective, "Валентина" as a noun: both sets.
  if (/(?:ов|ев|ин|ын)а$/.test(w)) return [[w], [s1 + 'ой', s1 + 'ы'], [s1 + 'ой', s1 + 'е'], [s1 + 'у'], [s1 + 'ой', s1 + 'ою'], [s1 + 'ой', s1 + 'е']];
  if (w.endsWith('а')) return [[w], [s1 + 'ы', s1 + 'и'], [s1 + 'е'], [s1 + 'у'], [s1 + 'ой', s1 + 'ою', s1 + 'ей'], [s1 + 'е']];
  if (w.endsWith('я')) return [[w], [s1 + 'и'], [s1 + 'е'], [s1 + 'ю'], [s1 + 'ей', s1 + 'ею'], [s1 + 'е']];
  if (w.endsWith('й')) return [[w], [s1 + 'я'], [s1 + 'ю'], [s1 + 'я'], [s1 + 'ем'], [s1 + 'е']];
  if (w.endsWith('ь')) return [[w], [s1 + 'я', s1 + 'и'], [s1 + 'ю', s1 + 'и'], [s1 + 'я', w], [s1 + 'ем', s1 + 'ью'], [s1 + 'е', s1 + 'и']];
  // Foreign names ending in a vowel do not decline: Гросси, Сафади, Лукашенко, Шойгу.
  if (VOWELS.includes(w[w.length - 1]!)) return same(w);
  // A consonant: masculine forms, and the word as is, since women's surnames (Бербок) and the
  // leading parts of Mongolian and Burmese names (Ухнагийн Хурэлсухом, Мин Аун Хлайном) stay.
  const stem = FLEETING[w] ?? w;
  const ins = /[жшчщц]$/.test(w) ? ['ем', 'ом'] : /(?:ов|ев|ин|ын)$/.test(w) ? ['ым', 'ом'] : ['ом'];
  return [[w], [w, stem + 'а'], [w, stem + 'у'], [w, stem + 'а'], [w, ...ins.map((e) => stem + e)], [w, stem + 'е']];
}

// ---------------------------------------------------------------------------------------
// Transliteration of Cyrillic names the registry does not know: BGN/PCGN-like, without
// apostrophes, the way the MFA writes Russian names (Сергей → Sergey, Юрий → Yury).

const TRANSLIT = new Map<string, string>(
  Object.entries({
    а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
    н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
    ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  }),
);

export function transliterate(s: string): string {
  const low = s.toLowerCase();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = low[i] ?? '';
    let t = TRANSLIT.get(c);
    if (t === undefined) {
      out += s[i];
      continue;
    }
    const prev = i > 0 ? (low[i - 1] ?? '') : '';
    const next = i + 1 < s.length ? (low[i + 1] ?? '') : '';
    // Е is "ye" where it starts a syllable: Евгений → Yevgeny, Матвиенко → Matviyenko.
    if (c === 'е' && (!TRANSLIT.has(prev) || VOWELS.includes(prev) || prev === 'ь' || prev === 'ъ')) t = 'ye';
    // Final -ий, -ый are one "y": Дмитрий → Dmitry, Юрий → Yury, Зеленский → Zelensky.
    else if ((c === 'и' || c === 'ы') && next === 'й' && !TRANSLIT.has(low[i + 2] ?? '')) t = 'y';
    else if (c === 'й' && (prev === 'и' || prev === 'ы') && !TRANSLIT.has(next)) t = '';
    // Ь before и, о sounds as y: Ильин → Ilyin.
    else if (c === 'ь' && (next === 'и' || next === 'о')) t = 'y';
    out += t && s[i] !== c ? t[0]!.toUpperCase() + t.slice(1) : t;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Unknown Russian names back to the nominative. Each reading (a case with a gender) has rules
// that take an ending off; the reading every word of the name agrees with, with the most and
// the surest endings, wins. With no clear ending the name is kept as written.

interface Rule {
  re: RegExp;
  cut: number;
  add: string;
  /** A sure sign of the case (-ом, -ым, -ея); weak ones (-а, -у) are read only when nothing contradicts them. */
  strong: boolean;
}
interface Reading {
  masc: boolean;
  rules: Rule[];
  /** The rules by the last letter of their ending, so a word is tested against a few only. */
  byLast?: Map<string, Rule[]>;
  /** What a word with none of the endings means: a contradiction, an indeclinable word, or (masculine consonant stems) a leading part left uninflected. */
  consonant: 'bare' | 'keep';
  /** Endings that cannot be in this reading: the word contradicts it. */
  never: RegExp;
}

const r = (re: RegExp, cut: number, add: string, strong: boolean): Rule => ({ re, cut, add, strong });
const C = '[бвгджзклмнпрстфхцчшщ]';

const READINGS: Reading[] = [
  {
    // Instrumental, masculine: Айманом, Сергеем, Игорем, Лукашевичем, Лавровым, Мустафой.
    masc: true,
    rules: [
      r(/(?:ск|цк)им$/, 2, 'ий', true),
      r(/(?:ов|ев|ин|ын)ым$/, 2, '', true),
      r(/[жшчщц]ем$/, 2, '', true),
      r(/[аеиоуыэюя]ем$/, 2, 'й', true),
      r(new RegExp(`${C}ем$`), 2, 'ь', false),
      r(new RegExp(`${C}ом$`), 2, '', true),
      r(/ией$/, 2, 'я', false),
      r(/ьей$/, 2, 'я', false),
      r(/[жшчщц]ей$/, 2, 'а', false),
      r(/ей$/, 2, 'я', false),
      r(/ой$/, 2, 'а', false),
    ],
    consonant: 'bare',
    never: /[ая]$/,
  },
  {
    // Instrumental, feminine: Анналеной, Марией, Натальей, Захаровой; consonant surnames stay (Бербок).
    masc: false,
    rules: [
      r(/(?:ск|цк)ой$/, 2, 'ая', true),
      r(/ой$/, 2, 'а', true),
      r(/ией$/, 2, 'я', true),
      r(/ьей$/, 2, 'я', true),
      r(/[жшчщц]ей$/, 2, 'а', true),
      r(/ей$/, 2, 'я', false),
      r(/ью$/, 2, 'ь', false),
    ],
    consonant: 'keep',
    never: /(?:[ая]|[оеыи]м)$/,
  },
  {
    // Genitive (and accusative), masculine: Рашада, Сергея, Дмитрия, Игоря, Лаврова, Зеленского.
    masc: true,
    rules: [
      r(/(?:ск|цк)ого$/, 3, 'ий', true),
      r(/ея$/, 1, 'й', true),
      r(/ия$/, 1, 'й', false),
      r(/[аоуэю]я$/, 1, 'й', false),
      r(new RegExp(`${C}я$`), 1, 'ь', false),
      r(new RegExp(`${C}а$`), 1, '', false),
      r(/ы$/, 1, 'а', false),
    ],
    consonant: 'bare',
    never: /^$/,
  },
  {
    // Dative, masculine: Рашаду, Сергею, Дмитрию, Игорю, Лаврову, Зеленскому.
    masc: true,
    rules: [
      r(/(?:ск|цк)ому$/, 3, 'ий', true),
      r(/ею$/, 1, 'й', true),
      r(/ию$/, 1, 'й', false),
      r(/[аоуэ]ю$/, 1, 'й', false),
      r(new RegExp(`${C}ю$`), 1, 'ь', false),
      r(new RegExp(`${C}у$`), 1, '', false),
    ],
    consonant: 'bare',
    never: /[ая]$/,
  },
  {
    // Accusative, feminine: Анналену, Марию, Наталью, Захарову.
    masc: false,
    rules: [r(/(?:ск|цк)ую$/, 2, 'ая', true), r(/ию$/, 1, 'я', false), r(/ью$/, 1, 'я', false), r(/[аоуэ]ю$/, 1, 'я', false), r(new RegExp(`${C}у$`), 1, 'а', false)],
    consonant: 'keep',
    never: /[ая]$/,
  },
  {
    // Genitive and dative, feminine: Анналены, Марии, Ольги, Захаровой.
    masc: false,
    rules: [r(/(?:ск|цк)ой$/, 2, 'ая', true), r(/ой$/, 2, 'а', false), r(/ии$/, 1, 'я', false), r(/[гкхжшчщ]и$/, 1, 'а', false), r(/ы$/, 1, 'а', false)],
    consonant: 'keep',
    never: /[ая]$/,
  },
];

for (const reading of READINGS) {
  reading.byLast = new Map();
  for (const rule of reading.rules) {
    // Every ending is a literal letter before the $ ("ом$", "[жшчщц]ей$"): index by that letter.
    const last = rule.re.source[rule.re.source.length - 2]!;
    const list = reading.byLast.get(last);
    if (list) list.push(rule);
    else reading.byLast.set(last, [rule]);
  }
}

type Gender = 'm' | 'f' | 'x';
interface WordReading {
  nom: string;
  score: number;
  bare: boolean;
}

// ---------------------------------------------------------------------------------------
// The resolver

/** Shared and frozen: one object per registry person, whoever asks. */
export interface ResolvedPerson {
  /** Canonical: the registry's English name when known, else the nominative as written. */
  readonly name: string;
  /** Russian nominative. */
  readonly ru: string | null;
  /** Latin form: the registry's, or transliterated from Cyrillic. */
  readonly latin: string | null;
  /** ISO alpha-2: the registry's (null for officials of international organisations), else the one it was found with. */
  readonly country: string | null;
  /** True when the person is in the registry. */
  readonly known: boolean;
}

export interface ResolveOptions {
  /** The post's language: an unknown name in the other script is a quoted brand or outlet, not a counterpart. */
  lang?: Lang;
  /** The country the post ties the name to: decides between namesakes and lets a given name alone name a leader. */
  country?: string | null;
}

export interface People {
  resolvePerson(raw: string, opts?: ResolveOptions): ResolvedPerson | null;
  canonicalPeople(people: ParsedPerson[]): ParsedPerson[];
  /** The validated registry entries, in file order. */
  readonly entries: readonly PersonEntry[];
  /** Written forms of a full name that several entries share: data to fix (a short form may be shared; it then names nobody). */
  collisions(): { key: string; names: string[] }[];
}

interface Entry {
  data: PersonEntry;
  ru: string;
  /** The entry's country and every country it held office in, for telling namesakes apart. */
  countries: Set<string>;
}

const PATRONYMIC_RE = /(?:ович|евич|ич|овна|евна|ична|инична)$/;
const HANDLE_RE = /[@#]|:\/\/|www\.|\.(?:com|org|ru|net|gov|int)\b/iu;
const DIGIT_RE = /\p{N}/u;

/** Builds a resolver from registry data (the real file, or a fixture in tests). Throws naming the file when the data is bad. */
export function buildPeople(raw: unknown, file = 'lib/ingest/data/people.json'): People {
  const parsed = PeopleSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  const data = parsed.data;

  const particles = new Set(data.particles.map(foldName));
  // Titles are the parser's own title words (lexicon files), with the honorifics of the registry.
  const titles = new WordList([...data.honorifics, ...enLexicon.titleWords, ...ruLexicon.titleWords]);
  const notNames = new WordList(data.notNames);
  const calendar = new Set<string>();
  for (const w of data.calendar) for (const f of CYRILLIC_RE.test(w) ? nounForms(w) : [w]) calendar.add(foldName(f));

  const entries: Entry[] = data.people.map((p) => ({
    data: p,
    ru: p.ru[0]!,
    countries: new Set([...(p.country ? [p.country] : []), ...p.offices.flatMap((o) => (o.country ? [o.country] : []))]),
  }));

  // Every written form of a full name, of a short form, of a given name: folded key → entries.
  const full = new Map<string, Entry[]>();
  const short = new Map<string, Entry[]>();
  const given = new Map<string, Entry[]>();
  // Words known to be nominatives (registry names, common given names), with their gender when known.
  const nominatives = new Map<string, Gender>();
  const givenNominatives = new Set<string>();

  const add = (index: Map<string, Entry[]>, key: string, e: Entry): void => {
    if (!key) return;
    const list = index.get(key);
    if (!list) index.set(key, [e]);
    else if (!list.includes(e)) list.push(e);
  };
  const isParticle = (w: string): boolean => particles.has(foldName(w));

  /** Keys of a Russian phrase in each case, after fixed leading tokens (initials). */
  const russianKeys = (words: string[], prefix = ''): string[] => {
    const slots = words.map((w): Slots => {
      // Key tokens: "Аль-Алими" is "аль алими"; only the last part of a hyphenated word declines.
      const tokens = keyOf(w);
      if (isParticle(w)) return same(tokens);
      const cut = tokens.lastIndexOf(' ');
      return wordSlots(tokens.slice(cut + 1)).map((forms) => forms.map((x) => tokens.slice(0, cut + 1) + x));
    });
    const out = new Set<string>();
    for (let c = 0; c < 6; c++) {
      let acc = [prefix];
      for (const s of slots) acc = acc.flatMap((a) => s[c]!.map((f) => (a ? `${a} ${f}` : f)));
      for (const a of acc) out.add(a);
    }
    return [...out];
  };
  // The MFA abbreviates Джо, Джозеф, Джаред as "Дж.": both initials are generated.
  const initialsOf = (w: string): string[] => {
    const tokens = keyOf(w).split(' ');
    const one = tokens.map((t) => t[0]).join(' ');
    return tokens[0]!.startsWith('дж') ? [one, ['дж', ...tokens.slice(1).map((t) => t[0])].join(' ')] : [one];
  };

  for (const e of entries) {
    const p = e.data;
    for (const n of [p.name, ...p.en]) add(full, keyOf(n), e);
    for (const n of p.ru) {
      const words = n.split(/\s+/);
      const variants = [words];
      // "Сергей Викторович Лавров" is also written "Сергей Лавров", and addressed "Сергей Викторович".
      if (words.length === 3 && PATRONYMIC_RE.test(foldName(words[1]!))) variants.push([words[0]!, words[2]!], [words[0]!, words[1]!]);
      variants.forEach((v, i) => {
        for (const k of russianKeys(v)) add(full, k, e);
        const address = i === 2;
        if (!p.initials || address || v.length < 2) return;
        // Initials: "А.Сафади", "С.В.Лавров", "Р.Т.Эрдоган", "К.-Ж.Токаев", "А.бен Заид Аль Нахайян".
        for (const first of initialsOf(v[0]!)) {
          for (const k of russianKeys(v.slice(1), first)) add(full, k, e);
          if (v.length >= 3 && !isParticle(v[1]!)) {
            for (const second of initialsOf(v[1]!)) for (const k of russianKeys(v.slice(2), `${first} ${second}`)) add(full, k, e);
            for (const k of russianKeys(v.slice(-1), first)) add(full, k, e);
          }
        }
      });
      for (const w of words) for (const part of foldName(w).split('-')) if (!nominatives.has(part)) nominatives.set(part, 'x');
    }
    for (const s of p.short) {
      if (CYRILLIC_RE.test(s)) for (const k of russianKeys(s.split(/\s+/))) add(short, k, e);
      else add(short, keyOf(s), e);
    }
    // Given names, for a leader named by the given name alone in a post about their country.
    if (p.initials) {
      for (const n of p.ru) {
        const words = n.split(/\s+/);
        if (words.length < 2) continue;
        for (const k of russianKeys([words[0]!])) add(given, k, e);
        givenNominatives.add(foldName(words[0]!));
      }
      for (const n of [p.name, ...p.en]) {
        const words = keyOf(n).split(' ');
        if (words.length < 2) continue;
        add(given, words[0]!, e);
        givenNominatives.add(words[0]!);
      }
    }
  }
  for (const [gender, list] of [['m', data.givenNames.m], ['f', data.givenNames.f]] as const) {
    for (const n of list) {
      nominatives.set(foldName(n), gender);
      givenNominatives.add(foldName(n));
    }
  }

  // -------------------------------------------------------------------------------------

  const isTitle = (w: string): boolean => {
    const f = foldName(w).replace(/\./g, '');
    return f.length > 0 && titles.has(f);
  };
  const isInitial = (w: string): boolean => /^(?:(?:\p{Lu}|Дж)\.(?:-|\s)?)+$/u.test(w);

  /** One entry for a key, telling namesakes apart by country; short forms must not contradict it. */
  const pick = (list: Entry[] | undefined, country: string | null, strict: boolean): Entry | null => {
    if (!list) return null;
    const fits = (e: Entry): boolean => country === null || e.countries.size === 0 || e.countries.has(country);
    if (list.length === 1) return !strict || fits(list[0]!) ? list[0]! : null;
    const fitting = country === null ? [] : list.filter((e) => e.countries.has(country));
    return fitting.length === 1 ? fitting[0]! : null;
  };

  // One frozen answer per entry, shared by every call that names the person.
  const answers = new Map<Entry, ResolvedPerson>(
    entries.map((e) => [e, Object.freeze({ name: e.data.name, ru: e.ru, latin: e.data.name, country: e.data.country, known: true })]),
  );
  const known = (e: Entry): ResolvedPerson => answers.get(e) as ResolvedPerson;

  /** One word under one reading; `folded` is foldName(word). */
  const analyse = (word: string, folded: string, reading: Reading): WordReading | null => {
    const cut = word.lastIndexOf('-');
    const head = word.slice(0, cut + 1);
    const part = word.slice(cut + 1);
    const f = folded.slice(cut + 1);
    const last = f[f.length - 1];
    const consonantEnd = last === undefined || !VOWELS.includes(last);
    const asIs = nominatives.get(f);
    if (asIs !== undefined) {
      // A known nominative: it may stand only where its form does not decline.
      if (/[ая]$/.test(f)) return null;
      return { nom: word, score: 0, bare: consonantEnd && reading.masc };
    }
    for (const rule of reading.byLast?.get(last ?? '') ?? []) {
      if (!rule.re.test(f) || f.length - rule.cut < 2) continue;
      const nomPart = part.slice(0, part.length - rule.cut) + rule.add;
      const g = nominatives.get(f.slice(0, f.length - rule.cut) + rule.add);
      if (g !== undefined && g !== 'x' && (g === 'm') !== reading.masc) continue;
      return { nom: head + nomPart, score: rule.strong || g !== undefined ? 2 : 1, bare: false };
    }
    if (reading.never.test(f)) return null;
    if (consonantEnd) return { nom: word, score: 0, bare: reading.consonant === 'bare' };
    return { nom: word, score: 0, bare: false };
  };

  /** The best reading of the name words, or null when none applies. */
  const bestReading = (words: string[]): { noms: string[]; score: number } | null => {
    const declining = words.map((w, i) => i).filter((i) => !isParticle(words[i]!) && !isInitial(words[i]!));
    const folded = words.map(foldName);
    let best: { noms: string[]; score: number } | null = null;
    for (const reading of READINGS) {
      const res = declining.map((i) => analyse(words[i]!, folded[i]!, reading));
      if (res.some((x) => x === null)) continue;
      const ok = res as WordReading[];
      let lastMarked = -1;
      ok.forEach((x, k) => {
        if (x.score > 0) lastMarked = k;
      });
      if (ok.some((x, k) => x.bare && k > lastMarked)) continue;
      // Weak endings alone must reach the surname, which Russian always declines when it can:
      // "Хакану Фидану" is a dative, "Умару Сиссоку Эмбало" a nominative.
      if (ok.every((x) => x.score < 2) && ok.length > 1 && lastMarked !== ok.length - 1) continue;
      const score = ok.reduce((s, x) => s + x.score, 0);
      if (score > (best?.score ?? 0)) {
        const noms = [...words];
        declining.forEach((i, k) => (noms[i] = ok[k]!.nom));
        best = { noms, score };
      }
    }
    return best;
  };

  const nominative = (words: string[]): string[] => {
    // One word needs a sure ending ("Шапшой"); in a longer name the words confirm each other.
    const need = words.filter((w) => !isParticle(w) && !isInitial(w)).length === 1 ? 2 : 1;
    const whole = bestReading(words);
    if (whole) return whole.score >= need ? whole.noms : words;
    // No reading fits every word: a leading word may be the tail of a title ("Татарстана
    // Рустамом"). It is dropped only when the rest reads with a sure ending, so that a name in
    // the nominative ("Мария Захарова") stays whole.
    for (let i = 1; i < words.length; i++) {
      const rest = bestReading(words.slice(i));
      if (rest && rest.score >= 2) return rest.noms;
    }
    return words;
  };

  /** Splits a phrase into words; a Russian initial is a word of its own ("А.Сафади" → "А.", "Сафади"). */
  const wordsOf = (s: string): string[] =>
    s
      .replace(/(?<![\p{L}])([А-ЯЁ]|Дж)\.(?=\p{L})/gu, '$1. ')
      .split(/\s+/)
      .filter(Boolean);

  /** Words back into a name, Russian initials written on as the MFA writes them ("А.Сафади"). */
  const joinWords = (words: string[]): string => words.join(' ').replace(/(?<![\p{L}])([А-ЯЁ]|Дж)\. (?=\p{L})/gu, '$1.');

  // Posts name the same people again and again: what the slow path decided is kept, up to a bound.
  const cache = new Map<string, ResolvedPerson | null>();
  const CACHE_MAX = 20_000;

  function resolvePerson(raw: string, opts: ResolveOptions = {}): ResolvedPerson | null {
    const country = opts.country ?? null;
    // The usual case: a name as the registry writes it, in plain letters: one pass, one lookup.
    const plain = plainKey(raw);
    if (plain) {
      const e = pick(full.get(plain), country, false);
      if (e) return known(e);
    }
    const cacheKey = `${opts.lang ?? ''}\u0001${country ?? ''}\u0001${raw}`;
    const cached = cache.get(cacheKey);
    if (cached !== undefined) return cached;
    const out = resolveSlow(raw, country, opts.lang);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(cacheKey, out);
    return out;
  }

  function resolveSlow(raw: string, country: string | null, lang: Lang | undefined): ResolvedPerson | null {
    const text = raw
      .trim()
      .replace(/^[\s"'«»“”„‘’(),:;–—-]+|[\s"'«»“”„‘’(),:;–—]+$/gu, '')
      .replace(/['’]s$/u, '')
      .replace(/(\p{L}{2})\.$/u, '$1');
    if (!text || HANDLE_RE.test(text) || DIGIT_RE.test(text)) return null;
    const words = wordsOf(text);
    if (words.length === 0) return null;

    // The registry first: the whole phrase, a short form, then without leading words (titles,
    // or what a parser left of them: "Abroad Robert Dussey", "Central Committee To Lam").
    const key = keyOf(text);
    const hit = pick(full.get(key), country, false) ?? pick(short.get(key), country, true);
    if (hit) return known(hit);
    for (let i = 1; i < words.length; i++) {
      const rest = words.slice(i);
      const k = keyOf(rest.join(' '));
      const afterTitles = words.slice(0, i).every(isTitle);
      // One word left is a name only after titles ("President Trump", "Президентом Трампом",
      // "Mr Pashinyan"): after other words it may be a namesake's surname.
      const e = rest.length >= 2 || afterTitles ? pick(full.get(k), country, false) : null;
      if (e) return known(e);
      const s = afterTitles ? pick(short.get(k), country, true) : null;
      if (s) return known(s);
    }
    return unknown(words, country, lang);
  }

  function unknown(all: string[], country: string | null, lang: Lang | undefined): ResolvedPerson | null {
    let words = all;
    while (words.length && isTitle(words[0]!)) words = words.slice(1);
    while (words.length && isParticle(words[words.length - 1]!)) words = words.slice(0, -1);
    if (words.length === 0) return null;
    const phrase = words.join(' ');
    const letters = phrase.replace(/[^\p{L}]/gu, '');
    if (letters.length < 3) return null;
    if (!/\p{Lu}/u.test(phrase)) return null;
    // Acronyms: "СШ", "АСИ", "NATO".
    if (words.every((w) => w === w.toUpperCase())) return null;
    const tokens = tokenize(phrase);
    const folded = tokens.map((t) => foldName(t.raw));
    if (folded.some((f) => notNames.has(f))) return null;
    if (folded.every((f) => calendar.has(f) || particles.has(f))) return null;
    // Places, countries, organisations: a name is none of them, nor contains an organisation.
    const mentions = findMentions(phrase, tokens).filter((m) => m.kind !== 'principal');
    if (mentions.some((m) => m.kind === 'org' || m.kind === 'block')) return null;
    const covered = mentions.reduce((n, m) => n + (m.t1 - m.t0), 0);
    if (covered >= tokens.length) return null;

    const cyrillic = CYRILLIC_RE.test(phrase);
    if (cyrillic && LATIN_RE.test(phrase)) return null;
    if (lang && (lang === 'ru') !== cyrillic) return null;
    const noms = cyrillic ? nominative(words) : words;
    const name = joinWords(noms);

    // A given name alone names nobody, unless the post's country has one leader of that name.
    const significant = noms.filter((w) => !isParticle(w) && !isInitial(w));
    if (significant.length === 1 && givenNominatives.has(foldName(significant[0]!))) {
      const e = country ? pick(given.get(keyOf(significant[0]!)), country, true) : null;
      return e && country && e.countries.has(country) ? known(e) : null;
    }
    return Object.freeze({ name, ru: cyrillic ? name : null, latin: cyrillic ? transliterate(name) : name, country, known: false });
  }

  // -------------------------------------------------------------------------------------

  /** One entry per person across the languages of an event's posts. */
  function canonicalPeople(people: ParsedPerson[]): ParsedPerson[] {
    interface Group {
      known: boolean;
      name: string;
      /** Folded Latin words of an unknown name (transliterated from Russian), for matching spellings. */
      words: string[];
      /** The first word is an initial ("И.Хиль" → "i khil"): only the rest is compared. */
      initial: boolean;
      latin: boolean;
      members: { p: ParsedPerson; r: ResolvedPerson }[];
    }
    // Which spelling names a group: the English posts', a full given name over an initial, two
    // words or more over a surname alone, then the fewest words ("Yvan Gil" over "Yvan Gil Pinto").
    const rank = (g: Pick<Group, 'latin' | 'initial' | 'words'>): number[] => [g.latin ? 0 : 1, g.initial ? 1 : 0, g.words.length < 2 ? 1 : 0, g.words.length];
    const before = (a: number[], b: number[]): boolean => {
      const i = a.findIndex((x, k) => x !== b[k]);
      return i >= 0 && a[i]! < b[i]!;
    };
    // "Yvan Gil" and "Yvan Gil Pinto", "Gil" and "Yvan Gil", "A. Safadi" and "Ayman Safadi":
    // the words of one are in the other.
    const sameName = (a: Pick<Group, 'words' | 'initial'>, b: Pick<Group, 'words' | 'initial'>): boolean => {
      const [s, l] = a.words.length - Number(a.initial) <= b.words.length - Number(b.initial) ? [a, b] : [b, a];
      const rest = s.initial ? s.words.slice(1) : s.words;
      const other = l.initial ? l.words.slice(1) : l.words;
      return rest.length > 0 && rest.every((w) => other.includes(w));
    };
    const groups: Group[] = [];
    for (const p of people) {
      const r = resolvePerson(p.name, { country: p.country });
      if (!r) continue;
      const cand = {
        words: keyOf(r.latin ?? r.name).split(' ').filter(Boolean),
        initial: /^(?:\p{Lu}|Дж)\./u.test(r.name),
        latin: !CYRILLIC_RE.test(r.name),
      };
      const g = groups.find((x) => (r.known ? x.known && x.name === r.name : !x.known && sameName(x, cand)));
      if (!g) groups.push({ known: r.known, name: r.name, ...cand, members: [{ p, r }] });
      else {
        g.members.push({ p, r });
        if (!r.known && before(rank(cand), rank(g))) Object.assign(g, { name: r.name, ...cand });
      }
    }
    // A Russian spelling the transliteration did not match ("И.Хилем" beside "Yvan Gil") is, when
    // the English posts name as many unmatched people of the same country, one of them.
    const unmatched = (latin: boolean, country: string | null): Group[] =>
      groups.filter((g) => !g.known && g.latin === latin && g.members.every((m) => CYRILLIC_RE.test(m.p.name) !== latin && m.p.country === country));
    const drop = new Set<Group>();
    for (const country of new Set(people.map((x) => x.country))) {
      const cyr = unmatched(false, country);
      if (cyr.length > 0 && cyr.length <= unmatched(true, country).length) for (const g of cyr) drop.add(g);
    }
    return groups
      .filter((g) => !drop.has(g))
      .map((g) => {
        // The title as the post that gave the name writes it: the English one for a known person.
        const named = (g.known ? g.members.find((m) => !CYRILLIC_RE.test(m.p.name) && m.p.title) : g.members.find((m) => m.r.name === g.name)) ?? g.members[0]!;
        return {
          name: g.name,
          title: named.p.title ?? g.members.find((m) => m.p.title)?.p.title ?? null,
          // A known person's country is the registry's (none for a UN official met in Jordan).
          country: g.known ? named.r.country : (g.members.find((m) => m.p.country)?.p.country ?? null),
        };
      });
  }

  const collisions = (): { key: string; names: string[] }[] =>
    [...full].filter(([, list]) => list.length > 1).map(([key, list]) => ({ key, names: list.map((e) => e.data.name) }));

  return { resolvePerson, canonicalPeople, entries: data.people, collisions };
}

const PEOPLE = buildPeople(peopleData);

export const resolvePerson = PEOPLE.resolvePerson;
export const canonicalPeople = PEOPLE.canonicalPeople;
export const PEOPLE_REGISTRY: readonly PersonEntry[] = PEOPLE.entries;
