// Property: whatever a post holds, parsing it never throws and every event it yields is well
// formed. Posts are random mixes of the parser's own vocabulary, real-looking post text and
// hostile text (any script, emoji, combining marks, lone surrogates, NULs, HTML, SQL, very long
// tokens), with random timestamps and --year values. Seeded: a failure names its seed and case,
// and the same seed makes the same post again.
import { describe, expect, test } from 'vitest';
import { generateCorpus, mulberry32 } from '@/scripts/bench/corpus';
import countriesData from './data/countries.json';
import organizationsData from './data/organizations.json';
import placesData from './data/places.json';
import principalsData from './data/principals.json';
import topicsData from './data/topics.json';
import { parsePost, parsePostOrThrow } from './parse';
import { EVENT_TYPES, type ParsedEvent, type ParsedPost, type RawPost } from './types';
import { TOPIC_CODES } from './vocab';

const SEEDS = [1, 2, 3, 4, 5];
const POSTS_PER_SEED = 400;
const TOTAL = SEEDS.length * POSTS_PER_SEED;

const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];

// The words the parser looks for, from its own data files (the "about" notes left out).
const VOCABULARY = [countriesData.countries, organizationsData.organizations, placesData.places, principalsData.principals, topicsData.topics]
  .flatMap(strings)
  .filter((s) => s.length < 80);

const TRIGGERS = [
  'held talks with', 'met with', 'had a telephone conversation with', 'spoke by phone with', 'took part in the meeting of',
  'провёл переговоры с', 'состоялся телефонный разговор', 'встретился с', 'принял участие в заседании', 'на полях', 'в рамках',
  'on the sidelines of the UN General Assembly', 'Briefing by Foreign Ministry Spokeswoman Maria Zakharova', '#Opinion by',
  'Интервью', 'Из выступления', 'Excerpts from the remarks', 'статья', 'visit to', 'визит в', 'with the participation of',
  'С.В.Лавров', 'Sergey Lavrov', 'М.В.Захарова', 'Foreign Minister of', 'Министром иностранных дел', '#РоссияИндия', '#RussiaChina',
  '📞', '🤝', '🎙', '💬', '📍 Москва, 12 ноября 2023 года', '(Moscow, September 19, 2023)', '• Встреча с', '• Meeting with', '🔹', '---',
];

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Sept.', 'Feb.'];
const MONTHS_RU = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const YEARS = ['0000', '0001', '0099', '1899', '1900', '1999', '2014', '2023', '2024', '2100', '2101', '9999'];

const RTL = ['وزير الخارجية سيرغي لافروف', 'المملكة العربية السعودية', 'جامعة الدول العربية', 'שר החוץ של ישראל', 'ירושלים', '\u200f', '\u202e', '\u202b', '\u061c'];
const EMOJI = ['🇷🇺', '🇮🇳', '🇪🇺', '🇺🇳', '🏳️‍🌈', '👨‍👩‍👧‍👦', '👍🏽', '1️⃣', '🤝', '\u{1F1E6}', '\u{1F1FF}\u{1F1FF}', '🫡', '\u{E0067}\u{E0062}', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'];
const HOSTILE = [
  "'); drop table posts; --", "' OR '1'='1", 'Robert"); DELETE FROM events; --', '$1 $2 ${x} %s %n {{title}}', '\\', '\\\\x00', '\\u0000',
  '<script>alert(1)</script>', '<b>Лавров</b>', '<a href="javascript:alert(1)">link</a>', '&amp;&lt;&#0;', '<!--', ']]>',
  '\u0000', '\u0000\u0000', '\u0007', '\u001b[31m', '\r', '\r\n', '\u2028', '\u2029', '\u00a0', '\u200b', '\ufeff', '\ufffd', '\uffff',
  '\ud800', '\udfff', '\udc00\ud800', 'a\ud83d', '\ud83dz',
];

type Rand = () => number;

function generator(seed: number) {
  const rand: Rand = mulberry32(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const corpus = [...generateCorpus({ posts: 200, seed })].map((p) => p.text);

  const date = (): string => {
    const d = String(1 + int(33));
    const y = pick(YEARS);
    switch (int(6)) {
      case 0:
        return `${d} ${pick(MONTHS_RU)} ${y} года`;
      case 1:
        return `${pick(MONTHS_EN)} ${d}, ${y}`;
      case 2:
        return `${d}.${String(1 + int(13)).padStart(2, '0')}.${y}`;
      case 3:
        return `(${pick(['Moscow', 'Москва', 'New York', 'Минск'])}, ${pick(MONTHS_EN)} ${d}, ${y})`;
      case 4:
        return `${d}-${1 + int(31)} ${pick(MONTHS_RU)}`;
      default:
        return `${d} ${pick(MONTHS_EN)}`;
    }
  };
  const codePoint = (): string => {
    // Any plane, any category: unassigned, private use and surrogate halves included.
    const plane = pick([0, 0, 0, 1, 2, 14, 15, 16]);
    return safeChar(plane * 0x10000 + int(0x10000));
  };
  const combining = (): string => 'aиا'[int(3)] + Array.from({ length: 1 + int(60) }, () => String.fromCharCode(0x300 + int(0x70))).join('');
  const longToken = (): string => {
    const n = 2_000 + int(40_000);
    switch (int(6)) {
      case 0:
        return 'а'.repeat(n);
      case 1:
        return '9'.repeat(n);
      case 2:
        return '🇷🇺'.repeat(n / 4);
      case 3:
        return Array.from({ length: n / 8 }, (_, i) => `w${i}-x${i}`).join('-');
      case 4:
        return '.'.repeat(n);
      default:
        return ' \n'.repeat(n / 2);
    }
  };
  const fragment = (): string => {
    const k = int(100);
    if (k < 18) {
      const t = pick(corpus);
      const a = int(t.length);
      return t.slice(a, a + int(400));
    }
    if (k < 34) return pick(VOCABULARY);
    if (k < 48) return pick(TRIGGERS);
    if (k < 58) return date();
    if (k < 65) return pick(RTL);
    if (k < 72) return pick(EMOJI);
    if (k < 80) return pick(HOSTILE);
    if (k < 86) return Array.from({ length: 1 + int(12) }, codePoint).join('');
    if (k < 90) return combining();
    if (k < 92) return longToken();
    return pick(corpus);
  };
  const glue = (): string => pick([' ', ' ', '\n', '\n\n', '', ', ', '. ', ' — ', '\t', '\n• ']);

  const postedAt = (): Date | null => {
    switch (int(8)) {
      case 0:
      case 1:
        return null;
      case 2:
        return new Date(pick([-62135596800000, 253402214400000, 8.64e15, -8.64e15, 0, -2208988800000, 4133980800000]));
      case 3:
        return new Date(NaN);
      default:
        return new Date(Date.UTC(2010, 0, 1) + int(16 * 365) * 86_400_000 + int(86_400_000));
    }
  };
  const year = (): number | undefined => (rand() < 0.6 ? undefined : pick([1990, 2014, 2023, 2100, 0, 99, 1899, 2101, 9999, -1, NaN, 2023.5]));

  return (seq: number): { post: RawPost; year: number | undefined } => {
    const parts = Array.from({ length: 1 + int(30) }, () => fragment() + glue());
    const post: RawPost = {
      channel: 'MID_Russia',
      externalId: String(seq),
      postedAt: postedAt(),
      // Not only 'ru' and 'en': the parser must not trust its input's types either.
      lang: pick([null, 'ru', 'en', 'xx' as 'en']),
      text: parts.join(''),
      url: null,
      seq,
    };
    return { post, year: year() };
  };
}

function safeChar(cp: number): string {
  return cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CODE2_RE = /^[A-Z]{2}$/;
const FIELDS = new Set(['date', 'type', 'country', 'organization', 'topic', 'person', 'principal', 'venue']);

/** Every way an event can be malformed, as messages; none means well formed. */
function problems(e: ParsedEvent): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) out.push(what);
  };
  if (e.date !== null) {
    const m = DAY_RE.exec(e.date);
    check(!!m && new Date(`${e.date}T00:00:00Z`).toISOString().slice(0, 10) === e.date, `date ${JSON.stringify(e.date)} is not a calendar day`);
    check(!!m && Number(m[1]) >= 1900 && Number(m[1]) <= 2100, `date ${e.date} outside 1900..2100`);
  }
  check((EVENT_TYPES as readonly string[]).includes(e.type), `type ${JSON.stringify(e.type)}`);
  check(Array.isArray(e.countries) && e.countries.every((c) => CODE2_RE.test(c.code) && c.code !== 'RU' && (c.role === 'counterpart' || c.role === 'mentioned')), `countries ${JSON.stringify(e.countries)}`);
  check(Array.isArray(e.organizations) && e.organizations.every((o) => typeof o.code === 'string' && o.code.length > 0 && (o.role === 'counterpart' || o.role === 'mentioned')), `organizations ${JSON.stringify(e.organizations)}`);
  check(
    Array.isArray(e.people) && e.people.every((p) => typeof p.name === 'string' && p.name.trim() !== '' && (p.title === null || typeof p.title === 'string') && (p.country === null || CODE2_RE.test(p.country))),
    `people ${JSON.stringify(e.people)}`,
  );
  check(e.principal === null || (typeof e.principal === 'string' && e.principal !== ''), `principal ${JSON.stringify(e.principal)}`);
  check(e.venue === null || (typeof e.venue === 'string' && e.venue !== ''), `venue ${JSON.stringify(e.venue)}`);
  check(typeof e.title === 'string' && e.title.length <= 200, `title of ${e.title?.length} characters`);
  check(typeof e.summary === 'string' && e.summary.length <= 600, `summary of ${e.summary?.length} characters`);
  check(Array.isArray(e.topics) && e.topics.every((t) => TOPIC_CODES.includes(t.code) && Array.isArray(t.phrases) && t.phrases.every((p) => typeof p === 'string')), `topics ${JSON.stringify(e.topics)}`);
  check(
    Array.isArray(e.evidence) && e.evidence.every((x) => FIELDS.has(x.field) && typeof x.value === 'string' && typeof x.phrase === 'string' && x.phrase !== ''),
    `evidence ${JSON.stringify(e.evidence).slice(0, 200)}`,
  );
  check(typeof e.fromDigest === 'boolean', 'fromDigest');
  return out;
}

function postProblems(p: ParsedPost): string[] {
  const out: string[] = [];
  if (p.lang !== 'ru' && p.lang !== 'en') out.push(`lang ${JSON.stringify(p.lang)}`);
  if (!Array.isArray(p.hashtags) || !p.hashtags.every((h) => typeof h === 'string')) out.push('hashtags');
  if (!Array.isArray(p.events)) out.push('events is not an array');
  else p.events.forEach((e, i) => out.push(...problems(e).map((m) => `event ${i}: ${m}`)));
  return out;
}

describe(`parsing ${TOTAL} generated posts (${SEEDS.length} seeds × ${POSTS_PER_SEED})`, () => {
  test.each(SEEDS)(`seed %i: ${POSTS_PER_SEED} posts parse without throwing, into well-formed events, the same every time`, (seed) => {
    const next = generator(seed);
    const failures: string[] = [];
    let events = 0;
    let slowest = 0;
    for (let i = 0; i < POSTS_PER_SEED; i++) {
      const { post, year } = next(i);
      const where = `seed ${seed}, case ${i}`;
      let parsed: ParsedPost;
      const t0 = performance.now();
      try {
        // Without the safety net: a bug it would hide is a failure here.
        parsed = parsePostOrThrow(post, { year });
      } catch (e) {
        failures.push(`${where}: threw ${e instanceof Error ? e.stack?.split('\n').slice(0, 3).join(' | ') : String(e)}`);
        continue;
      }
      slowest = Math.max(slowest, performance.now() - t0);
      failures.push(...postProblems(parsed).map((m) => `${where}: ${m}`));
      expect(parsePost(post, { year }), where).toEqual(parsed);
      events += parsed.events.length;
    }
    expect(failures.slice(0, 10)).toEqual([]);
    // Some posts must make events, or the generator is not reaching the parser's paths.
    expect(events).toBeGreaterThan(POSTS_PER_SEED / 10);
    // No input may make the parser crawl (a regular expression gone exponential).
    expect(slowest).toBeLessThan(2_000);
  });
});
