// A synthetic corpus of Foreign Ministry channel posts for benchmarks and tests: Russian and
// English pairs of the same event, single-language posts, repeats, day digests, briefings,
// interviews and statements, over ten years. Pure and deterministic for a seed, and lazy: the
// generator holds one day of posts at a time, so a million-post corpus streams in constant memory.
// Never loaded as real data: the people are made up and the events never happened.
import geoCountries from '../../lib/domain/geo/countries.json';
import orgData from '../../lib/ingest/data/organizations.json';
import type { EventType, RawPost } from '../../lib/ingest/types';

export interface CorpusTruth {
  /** The event a post reports; the posts of a pair and repeats share it. */
  event: string;
  type: EventType | 'digest';
  /** Day of the event, YYYY-MM-DD (Moscow). */
  date: string;
  /** Counterparts only (ISO alpha-2, organisation codes); what the parser should find. */
  countries: string[];
  organizations: string[];
  /** One entry per bullet of a digest. */
  items?: CorpusTruth[];
}

export interface CorpusPost {
  id: string;
  date: string;
  channel: string;
  lang: 'ru' | 'en';
  text: string;
  /** What the post was generated to say; not part of the JSON Lines input format. */
  truth?: CorpusTruth;
}

export interface CorpusOptions {
  posts: number;
  seed: number;
  /** First and last day, YYYY-MM-DD (inclusive); 2014-01-01 .. 2023-12-31 by default. */
  from?: string;
  to?: string;
}

export const CORPUS_FROM = '2014-01-01';
export const CORPUS_TO = '2023-12-31';

/** mulberry32: small, fast and the same on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function toRawPost(p: CorpusPost, seq: number): RawPost {
  return { channel: p.channel, externalId: p.id, postedAt: new Date(p.date), lang: p.lang, text: p.text, url: null, seq };
}

// ---------------------------------------------------------------------------------------------
// Russian case forms from the nominative. Simple rules, enough for a corpus: where a name does
// not fit them the post names the state in apposition ("Республики Тринидад и Тобаго"), which
// is how the channel writes long official names anyway.

export interface RuCases {
  nom: string;
  gen: string;
  ins: string;
  acc: string;
}

const VELAR_OR_HUSHING = /[гкхжшщч]$/;
const HUSHING = /[жшщчц]$/;

function nounCases(w: string): RuCases | null {
  const parts = w.split('-');
  if (parts.length > 1) {
    // "Коста-Рика": only the last part declines; "Буркина-Фасо" does not decline at all.
    const last = nounCases(parts[parts.length - 1]!);
    if (!last) return null;
    const head = parts.slice(0, -1).join('-') + '-';
    return { nom: w, gen: head + last.gen, ins: head + last.ins, acc: head + last.acc };
  }
  if (w === 'Острова') return { nom: w, gen: 'Островов', ins: 'Островами', acc: w };
  if (w === 'Израиль') return { nom: w, gen: 'Израиля', ins: 'Израилем', acc: w };
  const stem = w.slice(0, -1);
  if (w.endsWith('ия')) return { nom: w, gen: stem + 'и', ins: stem + 'ей', acc: stem + 'ю' };
  if (w.endsWith('уа')) return { nom: w, gen: w, ins: w, acc: w };
  if (w.endsWith('а')) {
    return { nom: w, gen: stem + (VELAR_OR_HUSHING.test(stem) ? 'и' : 'ы'), ins: stem + (HUSHING.test(stem) ? 'ей' : 'ой'), acc: stem + 'у' };
  }
  if (w.endsWith('я')) return { nom: w, gen: stem + 'и', ins: stem + 'ей', acc: stem + 'ю' };
  if (w.endsWith('ь')) return { nom: w, gen: stem + 'и', ins: stem + 'ью', acc: w };
  if (w.endsWith('й')) return { nom: w, gen: stem + 'я', ins: stem + 'ем', acc: w };
  if (w.endsWith('ы')) return { nom: w, gen: stem + 'ов', ins: stem + 'ами', acc: w };
  if (/[оеиуэюё’']$/.test(w)) return { nom: w, gen: w, ins: w, acc: w };
  if (/[бвгджзклмнпрстфхцчшщ]$/.test(w)) return { nom: w, gen: w + 'а', ins: w + (HUSHING.test(w) ? 'ем' : 'ом'), acc: w };
  return null;
}

const ADJ_RE = /(?:ая|яя|ый|ой|ий|ые|ие)$/;

function adjectiveCases(w: string): RuCases {
  const stem = w.slice(0, -2);
  const end = w.slice(-2);
  if (end === 'ая') return { nom: w, gen: stem + 'ой', ins: stem + 'ой', acc: stem + 'ую' };
  if (end === 'яя') return { nom: w, gen: stem + 'ей', ins: stem + 'ей', acc: stem + 'юю' };
  if (end === 'ые') return { nom: w, gen: stem + 'ых', ins: stem + 'ыми', acc: w };
  if (end === 'ие') return { nom: w, gen: stem + 'их', ins: stem + 'ими', acc: w };
  if (end === 'ий' && !VELAR_OR_HUSHING.test(stem)) return { nom: w, gen: stem + 'его', ins: stem + 'им', acc: w };
  return { nom: w, gen: stem + 'ого', ins: stem + (end === 'ий' ? 'им' : 'ым'), acc: w };
}

function apposition(nom: string): RuCases {
  return { nom, gen: `Республики ${nom}`, ins: `Республикой ${nom}`, acc: `Республику ${nom}` };
}

/** Genitive, instrumental and accusative of a country's Russian name. */
export function russianCases(nom: string): RuCases {
  const words = nom.split(' ');
  if (words.length === 1) return nounCases(nom) ?? apposition(nom);
  // "Тринидад и Тобаго", "Папуа — Новая Гвинея", "Маршалловы Острова": not by simple rules.
  const first = words[0] ?? '';
  if (words.includes('и') || words.includes('—') || (!ADJ_RE.test(first) && first !== 'Республика')) return apposition(nom);
  const out: RuCases = { nom, gen: '', ins: '', acc: '' };
  let head = false;
  for (const [i, w] of words.entries()) {
    const sep = i === 0 ? '' : ' ';
    const c = head ? { nom: w, gen: w, ins: w, acc: w } : w.length > 3 && ADJ_RE.test(w) && i < words.length - 1 ? adjectiveCases(w) : nounCases(w);
    if (!c) return apposition(nom);
    if (!head && !(ADJ_RE.test(w) && i < words.length - 1)) head = true;
    out.gen += sep + c.gen;
    out.ins += sep + c.ins;
    out.acc += sep + c.acc;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Counterparts: states and organisations, drawn with a long-tailed frequency.

interface CountryEntry {
  code: string;
  en: string;
  /** With the article where English wants one: "the Philippines". */
  enThe: string;
  ru: RuCases;
  flag: string;
  tagEn: string;
  tagRu: string;
}

// Territories, Antarctica and states Moscow does not deal with as such: never counterparts.
const NOT_COUNTERPARTS = new Set(
  'RU XK TW AI AQ AS AW AX BL BM BQ BV CC CK CW CX EH FK FO GF GG GI GL GP GS GU HK HM IM IO JE KY MF MO MP MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK UM VG VI WF YT'.split(' '),
);
const EN_ARTICLE = /^(?:United|Central African|Dominican|Republic|Marshall|Solomon|Netherlands|Philippines|Bahamas|Comoros|Maldives|Seychelles|Gambia|Vatican)/;

const COUNTRIES: CountryEntry[] = geoCountries
  .filter((c) => !NOT_COUNTERPARTS.has(c.code))
  .map((c) => ({
    code: c.code,
    en: c.name,
    enThe: EN_ARTICLE.test(c.name) ? `the ${c.name}` : c.name,
    ru: russianCases(c.nameRu),
    flag: c.flag,
    tagEn: c.name.replace(/[^\p{L}\p{N}]/gu, ''),
    tagRu: c.nameRu.replace(/[^\p{L}\p{N}]/gu, ''),
  }));

interface OrgEntry {
  code: string;
  multilateral: boolean;
  /** Acronym or short name as English posts write it. */
  en: string;
  /** As Russian posts write it after a noun (genitive or indeclinable acronym). */
  ru: string;
  headEn: string;
  headRu: string;
}

// Organisations without a Cyrillic acronym, named the way the channel does in the genitive.
const RU_SHORT: Record<string, string> = { G20: '«Группы двадцати»', G7: '«Группы семи»', EAS: 'Восточноазиатского саммита', INTERPOL: 'Интерпола', BRICS: 'БРИКС' };
const HEADS: Record<string, [string, string]> = {
  IAEA: ['Director General', 'Генеральным директором'],
  WHO: ['Director-General', 'Генеральным директором'],
  WTO: ['Director-General', 'Генеральным директором'],
  UNESCO: ['Director-General', 'Генеральным директором'],
  OPCW: ['Director-General', 'Генеральным директором'],
  ICRC: ['President', 'Президентом'],
  IMF: ['Managing Director', 'Директором-распорядителем'],
  UNHCR: ['High Commissioner', 'Верховным комиссаром'],
  OHCHR: ['High Commissioner', 'Верховным комиссаром'],
  UNICEF: ['Executive Director', 'Исполнительным директором'],
  ICC: ['President', 'Председателем'],
  EU: ['High Representative', 'Высоким представителем'],
};
const CYRILLIC = /^[А-ЯЁ][А-ЯЁа-яё-]*$/;
const LATIN = /^[A-Z][A-Za-z0-9-]*$/;

const ORGS: OrgEntry[] = orgData.organizations.flatMap((o): OrgEntry[] => {
  const en = o.acronyms.find((a) => LATIN.test(a)) ?? o.en.find((n) => LATIN.test(n));
  const ru = RU_SHORT[o.code] ?? o.acronyms.find((a) => CYRILLIC.test(a));
  if (!en || !ru || en === 'RIC') return [];
  const [headEn, headRu] = HEADS[o.code] ?? ['Secretary-General', 'Генеральным секретарём'];
  return [{ code: o.code, multilateral: o.multilateral === true, en, ru, headEn, headRu }];
});
const MULTI_ORGS = ORGS.filter((o) => o.multilateral && o.code !== 'EU' && o.code !== 'NATO' && o.code !== 'G7' && o.code !== 'COE');

export const CORPUS_COUNTRY_CODES: readonly string[] = COUNTRIES.map((c) => c.code);
export const CORPUS_ORG_CODES: readonly string[] = ORGS.map((o) => o.code);

/** Draws items with a Zipf(s) frequency over a seeded random ranking. */
function zipfSampler<T>(items: readonly T[], s: number, rand: () => number): () => T {
  const n = items.length;
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const cum = new Float64Array(n);
  let total = 0;
  for (let r = 0; r < n; r++) cum[r] = total += 1 / Math.pow(r + 1, s);
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    const item = items[order[lo]!];
    if (item === undefined) throw new RangeError('cannot draw from an empty list');
    return item;
  };
}

/** One item of a non-empty list, drawn with a single call of rand. */
function pick<T>(xs: readonly T[], rand: () => number): T {
  const x = xs[Math.floor(rand() * xs.length)];
  if (x === undefined) throw new RangeError('cannot pick from an empty list');
  return x;
}

/** Item n of a non-empty list, counting round from the start again past its end. */
function nth<T>(xs: readonly T[], n: number): T {
  const x = xs[n % xs.length];
  if (x === undefined) throw new RangeError(`no item ${n} in a list of ${xs.length}`);
  return x;
}

// ---------------------------------------------------------------------------------------------
// People: made-up names from syllables that read the same in both scripts.

const SYLLABLES: readonly (readonly [string, string])[] = [
  ['ka', 'ка'], ['ra', 'ра'], ['mi', 'ми'], ['lo', 'ло'], ['se', 'се'], ['to', 'то'], ['na', 'на'], ['ri', 'ри'],
  ['da', 'да'], ['vi', 'ви'], ['mo', 'мо'], ['ne', 'не'], ['sa', 'са'], ['li', 'ли'], ['ba', 'ба'], ['go', 'го'],
  ['fe', 'фе'], ['tu', 'ту'], ['ha', 'ха'], ['ma', 'ма'], ['ro', 'ро'], ['di', 'ди'], ['la', 'ла'], ['no', 'но'],
  ['be', 'бе'], ['ki', 'ки'], ['zu', 'зу'], ['pa', 'па'], ['ti', 'ти'], ['ho', 'хо'], ['ya', 'я'], ['lu', 'лу'],
];
const CODAS: readonly (readonly [string, string])[] = [['n', 'н'], ['r', 'р'], ['l', 'л'], ['s', 'с'], ['v', 'в'], ['k', 'к'], ['d', 'д'], ['m', 'м'], ['t', 'т'], ['', '']];

interface Person {
  en: string;
  /** Initial and surname: "И.Хил". */
  ruNom: string;
  /** Instrumental, as after "с": "И.Хилем". */
  ruIns: string;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function makePerson(rand: () => number): Person {
  const syl = (): readonly [string, string] => pick(SYLLABLES, rand);
  const coda = (): readonly [string, string] => pick(CODAS, rand);
  const [a, b, c] = [syl(), syl(), coda()];
  const first = cap(a[0] + b[0] + c[0]);
  const initial = a[1].charAt(0).toUpperCase();
  const parts = [syl(), syl(), ...(rand() < 0.4 ? [syl()] : []), coda()];
  const surEn = cap(parts.map((p) => p[0]).join(''));
  const surRu = cap(parts.map((p) => p[1]).join(''));
  const ins = /[бвгдзклмнпрстф]$/.test(surRu) ? surRu + 'ом' : surRu.endsWith('а') ? surRu.slice(0, -1) + 'ой' : surRu.endsWith('я') ? surRu.slice(0, -1) + 'ей' : surRu;
  return { en: `${first} ${surEn}`, ruNom: `${initial}.${surRu}`, ruIns: `${initial}.${ins}` };
}

// ---------------------------------------------------------------------------------------------
// The Russian side.

interface Principal {
  en: string;
  titleEn: string;
  ruNom: string;
  ruGen: string;
  /** "Министра иностранных дел России" (genitive, before the name). */
  titleRuGen: string;
}

const LAVROV: Principal = { en: 'Sergey Lavrov', titleEn: 'Foreign Minister', ruNom: 'С.В.Лавров', ruGen: 'С.В.Лаврова', titleRuGen: 'Министра иностранных дел России' };
const DEPUTY_NAMES: readonly (readonly [string, string, string])[] = [
  ['Sergey Ryabkov', 'С.А.Рябков', 'С.А.Рябкова'],
  ['Andrey Rudenko', 'А.Ю.Руденко', 'А.Ю.Руденко'],
  ['Alexander Grushko', 'А.В.Грушко', 'А.В.Грушко'],
  ['Mikhail Bogdanov', 'М.Л.Богданов', 'М.Л.Богданова'],
  ['Mikhail Galuzin', 'М.Ю.Галузин', 'М.Ю.Галузина'],
  ['Sergey Vershinin', 'С.В.Вершинин', 'С.В.Вершинина'],
  ['Alexander Pankin', 'А.А.Панкин', 'А.А.Панкина'],
];
const DEPUTIES: Principal[] = DEPUTY_NAMES.map(([en, ruNom, ruGen]) => ({ en, titleEn: 'Deputy Foreign Minister', ruNom, ruGen, titleRuGen: 'заместителя Министра иностранных дел России' }));

// ---------------------------------------------------------------------------------------------
// Phrases

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_RU = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

// [English, Russian nominative, Russian locative]
const CITIES: readonly (readonly [string, string, string])[] = [
  ['Moscow', 'Москва', 'Москве'],
  ['Moscow', 'Москва', 'Москве'],
  ['Moscow', 'Москва', 'Москве'],
  ['Saint Petersburg', 'Санкт-Петербург', 'Санкт-Петербурге'],
  ['Sochi', 'Сочи', 'Сочи'],
  ['Kazan', 'Казань', 'Казани'],
  ['New York', 'Нью-Йорк', 'Нью-Йорке'],
  ['Geneva', 'Женева', 'Женеве'],
  ['Vienna', 'Вена', 'Вене'],
  ['Minsk', 'Минск', 'Минске'],
  ['Astana', 'Астана', 'Астане'],
  ['Beijing', 'Пекин', 'Пекине'],
  ['New Delhi', 'Нью-Дели', 'Нью-Дели'],
  ['Tashkent', 'Ташкент', 'Ташкенте'],
  ['Baku', 'Баку', 'Баку'],
  ['Yerevan', 'Ереван', 'Ереване'],
];

// Counterpart titles: [English, before "of <country>"; Russian instrumental, before the genitive]
const TITLES: readonly (readonly [string, string])[] = [
  ['Minister of Foreign Affairs', 'Министром иностранных дел'],
  ['Minister of Foreign Affairs', 'Министром иностранных дел'],
  ['Foreign Minister', 'Министром иностранных дел'],
  ['Deputy Prime Minister and Minister of Foreign Affairs', 'заместителем Премьер-министра, Министром иностранных дел'],
  ['Minister of Foreign Affairs and International Cooperation', 'Министром иностранных дел и международного сотрудничества'],
];

// Topic sentences, the English a translation of the Russian at the same index. {X} is the
// counterpart country: its English name or Russian instrumental.
const TOPICS: readonly { en: string[]; ru: string[]; headEn: string; headRu: string }[] = [
  {
    headEn: 'Trade and economic cooperation',
    headRu: 'Торгово-экономическое сотрудничество',
    en: [
      'The Ministers discussed the current state and prospects of trade and economic cooperation, including the implementation of joint investment projects.',
      'Particular attention was paid to increasing mutual trade and switching to settlements in national currencies.',
    ],
    ru: [
      'Министры обсудили состояние и перспективы торгово-экономического сотрудничества, в том числе реализацию совместных инвестиционных проектов.',
      'Особое внимание уделено наращиванию взаимного товарооборота и переходу к расчётам в национальных валютах.',
    ],
  },
  {
    headEn: 'The Ukrainian crisis',
    headRu: 'Украинский кризис',
    en: [
      'The developments around Ukraine were raised in the context of the collective West’s attempts to prolong the conflict by supplying weapons to the Kiev regime.',
      'Sergey Lavrov explained Russia’s principled assessments of the situation in Ukraine.',
    ],
    ru: [
      'Затронута ситуация вокруг Украины в контексте попыток коллективного Запада затянуть конфликт, накачивая киевский режим оружием.',
      'С.В.Лавров изложил принципиальные оценки российской стороны в связи с ситуацией на Украине.',
    ],
  },
  {
    headEn: 'The Middle East settlement',
    headRu: 'Ближневосточное урегулирование',
    en: [
      'An in-depth discussion of the key issues on the Middle East agenda took place, with an emphasis on the Palestinian-Israeli settlement.',
      'The parties exchanged views on the situation in Syria and around it.',
    ],
    ru: [
      'Состоялся углублённый обмен мнениями по ключевым вопросам ближневосточной повестки с акцентом на палестино-израильское урегулирование.',
      'Стороны обменялись мнениями о положении дел в Сирии и вокруг неё.',
    ],
  },
  {
    headEn: 'Nuclear energy',
    headRu: 'Атомная энергетика',
    en: [
      'The Ministers noted the good prospects for cooperation in the peaceful use of nuclear energy.',
      'The implementation of the nuclear power plant construction project was discussed.',
    ],
    ru: [
      'Министры отметили хорошие перспективы сотрудничества в области мирного использования атомной энергии.',
      'Обсуждён ход реализации проекта строительства атомной электростанции.',
    ],
  },
  {
    headEn: 'The United Nations',
    headRu: 'Организация Объединённых Наций',
    en: [
      'The parties reaffirmed their commitment to strengthening coordination within the United Nations and the Group of Friends in Defence of the UN Charter.',
      'They stressed the need to respect the principles of the UN Charter in their entirety and interconnection.',
    ],
    ru: [
      'Подтверждена приверженность укреплению координации в ООН и в рамках Группы друзей в защиту Устава ООН.',
      'Подчёркнута необходимость соблюдения принципов Устава ООН во всей их полноте и взаимосвязи.',
    ],
  },
  {
    headEn: 'International security',
    headRu: 'Международная безопасность',
    en: [
      'The Ministers discussed regional security issues and joint efforts to counter international terrorism.',
      'Special attention was paid to ensuring security and stability in the region.',
    ],
    ru: [
      'Министры обсудили вопросы региональной безопасности и совместного противодействия международному терроризму.',
      'Особое внимание было уделено обеспечению безопасности и стабильности в регионе.',
    ],
  },
  {
    headEn: 'Cultural and humanitarian ties',
    headRu: 'Культурно-гуманитарные связи',
    en: [
      'They agreed to expand cultural and humanitarian exchanges, as well as cooperation in education and tourism.',
      'The importance of promoting contacts between people and cultural exchanges was emphasised.',
    ],
    ru: [
      'Условились расширять культурно-гуманитарные обмены, а также сотрудничество в сфере образования и туризма.',
      'Подчёркнута важность развития контактов между людьми и культурных обменов.',
    ],
  },
  {
    headEn: 'Energy',
    headRu: 'Энергетика',
    en: [
      'The parties discussed cooperation in the energy sector, including oil and gas supplies.',
      'They reviewed the state of the global energy markets.',
    ],
    ru: [
      'Стороны обсудили сотрудничество в энергетической сфере, включая поставки нефти и газа.',
      'Рассмотрено положение дел на мировых энергетических рынках.',
    ],
  },
  {
    headEn: 'Transport and logistics',
    headRu: 'Транспорт и логистика',
    en: [
      'They agreed to step up cooperation in transport and logistics, including the development of the North-South International Transport Corridor.',
      'The parties discussed new logistics routes and the expansion of air traffic.',
    ],
    ru: [
      'Договорились активизировать взаимодействие в сфере транспорта и логистики, включая развитие международного транспортного коридора «Север – Юг».',
      'Обсуждены новые логистические маршруты и расширение авиасообщения.',
    ],
  },
  {
    headEn: 'Eurasian integration',
    headRu: 'Евразийская интеграция',
    en: [
      'Particular attention was paid to the interaction between the EAEU and the SCO and to the expansion of BRICS.',
      'The parties discussed the prospects of integration processes in Eurasia.',
    ],
    ru: [
      'Особое внимание уделено взаимодействию ЕАЭС и ШОС, а также расширению БРИКС.',
      'Обсуждены перспективы интеграционных процессов на евразийском пространстве.',
    ],
  },
  {
    headEn: 'Bilateral relations',
    headRu: 'Двусторонние отношения',
    en: [
      'The Ministers noted the dynamic development of relations between Russia and {X} in the spirit of strategic partnership.',
      'They discussed the schedule of upcoming bilateral contacts at the highest and high levels.',
    ],
    ru: [
      'Министры отметили динамичное развитие отношений между Россией и {X} в русле стратегического партнёрства.',
      'Обсуждён график предстоящих двусторонних контактов на высшем и высоком уровнях.',
    ],
  },
  {
    headEn: 'Sanctions',
    headRu: 'Санкции',
    en: [
      'The parties condemned the illegitimate practice of unilateral sanctions.',
      'The illegal unilateral restrictive measures of the West were strongly criticised.',
    ],
    ru: [
      'Стороны осудили нелегитимную практику односторонних санкций.',
      'Подвергнуты резкой критике незаконные односторонние ограничительные меры Запада.',
    ],
  },
  {
    headEn: 'Science and technology',
    headRu: 'Научно-техническое сотрудничество',
    en: [
      'The Ministers discussed scientific and technological cooperation, including space research.',
      'They agreed on steps to improve the legal framework and expand research ties.',
    ],
    ru: [
      'Министры обсудили научно-техническое сотрудничество, в том числе исследования космоса.',
      'Стороны условились о шагах по совершенствованию договорно-правовой базы и расширению научных связей.',
    ],
  },
  {
    headEn: 'Consular matters',
    headRu: 'Консульские вопросы',
    en: ['Consular issues and the protection of the rights of compatriots were discussed.', 'The parties discussed simplifying the visa regime.'],
    ru: ['Обсуждены консульские вопросы и защита прав соотечественников.', 'Стороны обсудили упрощение визового режима.'],
  },
];

// Statements and comments: [English subject after "on", Russian after "в связи с" / "по"]
const STATEMENT_SUBJECTS: readonly (readonly [string, string])[] = [
  ['the latest developments in Ukraine', 'последними событиями на Украине'],
  ['the situation in the Middle East', 'ситуацией на Ближнем Востоке'],
  ['the new sanctions imposed by the European Union', 'новыми санкциями Европейского союза'],
  ['the anniversary of the UN Charter', 'годовщиной Устава ООН'],
  ['discrimination against Russian journalists', 'дискриминацией российских журналистов'],
  ['the situation around the Zaporozhye Nuclear Power Plant', 'ситуацией вокруг Запорожской атомной электростанции'],
  ['the expansion of NATO', 'расширением НАТО'],
  ['attacks on compatriots abroad', 'нападениями на соотечественников за рубежом'],
];

const MEDIA: readonly (readonly [string, string])[] = [
  ['RIA Novosti', 'агентству «РИА Новости»'],
  ['TASS', 'агентству ТАСС'],
  ['the Izvestia newspaper', 'газете «Известия»'],
  ['Rossiya Segodnya', 'МИА «Россия сегодня»'],
  ['the Kommersant newspaper', 'газете «Коммерсантъ»'],
  ['the RT TV channel', 'телеканалу RT'],
  ['Channel One', 'Первому каналу'],
];

const FORUMS: readonly (readonly [string, string])[] = [
  ['the Primakov Readings international forum', 'международном форуме «Примаковские чтения»'],
  ['the Moscow State Institute of International Relations', 'Московском государственном институте международных отношений'],
  ['the Valdai Discussion Club', 'Международном дискуссионном клубе «Валдай»'],
  ['the Russian International Affairs Council', 'Российском совете по международным делам'],
];

// ---------------------------------------------------------------------------------------------
// Events

type Kind = 'phone' | 'talks' | 'visit' | 'orgHead' | 'multi' | 'speech' | 'briefing' | 'interview' | 'statement' | 'digest';

const TRUTH_TYPE: Record<Kind, CorpusTruth['type']> = {
  phone: 'phone_call',
  talks: 'meeting',
  visit: 'visit',
  orgHead: 'meeting',
  multi: 'multilateral',
  speech: 'speech',
  briefing: 'briefing',
  interview: 'interview',
  statement: 'statement',
  digest: 'digest',
};

// Cumulative shares of the kinds of a new event.
const KIND_MIX: readonly (readonly [Kind, number])[] = [
  ['phone', 0.17],
  ['talks', 0.38],
  ['visit', 0.43],
  ['orgHead', 0.48],
  ['multi', 0.58],
  ['speech', 0.66],
  ['briefing', 0.71],
  ['interview', 0.77],
  ['statement', 0.95],
  ['digest', 1],
];

interface Ev {
  id: string;
  kind: Kind;
  /** UTC midnight of the event's day. */
  day: number;
  variant: number;
  country: CountryEntry | null;
  /** Other countries the post mentions (not counterparts). */
  mention: CountryEntry | null;
  org: OrgEntry | null;
  person: Person | null;
  principal: Principal;
  city: readonly [string, string, string];
  title: readonly [string, string];
  /** [topic, sentence] pairs of the body. */
  body: [number, number][];
  extra: number;
  items: Ev[];
  truth: CorpusTruth;
}

const DAY_MS = 86_400_000;
// Moscow is UTC+3; posts go out between 07:00 and 23:00 Moscow time, most in office hours.
const HOUR_WEIGHTS = [1, 3, 5, 7, 8, 8, 8, 8, 7, 7, 6, 5, 4, 3, 2, 1];
const HOUR_CUM: number[] = [];
for (const w of HOUR_WEIGHTS) HOUR_CUM.push((HOUR_CUM[HOUR_CUM.length - 1] ?? 0) + w);
const HOUR_TOTAL = HOUR_CUM[HOUR_CUM.length - 1] ?? 0;
const FIRST_HOUR_UTC = 4;

function parseDay(s: string, what: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== s) throw new RangeError(`${what} must be a date YYYY-MM-DD, not ${JSON.stringify(s)}`);
  return t;
}

export function* generateCorpus(opts: CorpusOptions): Generator<CorpusPost> {
  const { posts: total, seed } = opts;
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`posts must be a whole number ≥ 0, not ${total}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, not ${seed}`);
  const from = parseDay(opts.from ?? CORPUS_FROM, 'from');
  const to = parseDay(opts.to ?? CORPUS_TO, 'to');
  if (to < from) throw new RangeError('to must not be before from');

  const rand = mulberry32(seed ^ 0x5eed1e55);
  const pickIn = <T>(xs: readonly T[]): T => pick(xs, rand);
  const nextCountry = zipfSampler(COUNTRIES, 1.1, rand);
  const nextOrg = zipfSampler(ORGS, 1.1, rand);
  const nextMultiOrg = zipfSampler(MULTI_ORGS, 1.1, rand);

  // Ministers change every few years, not with every post.
  const people = new Map<string, Person>();
  const personFor = (code: string, day: number, role: string): Person => {
    const term = Math.floor((day / DAY_MS + (code.charCodeAt(0) * 37 + code.charCodeAt(1)) * 11) / (365 * 4));
    const key = `${code}/${role}/${term}`;
    let p = people.get(key);
    if (!p) {
      let h = seed >>> 0;
      for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
      p = makePerson(mulberry32(h));
      people.set(key, p);
    }
    return p;
  };

  // Days: quieter weekends, busier years later on, and a random busy or slow day now and then.
  const days = Math.round((to - from) / DAY_MS) + 1;
  const weights = new Float64Array(days);
  let wTotal = 0;
  for (let d = 0; d < days; d++) {
    const t = from + d * DAY_MS;
    const dow = new Date(t).getUTCDay();
    const w = (dow === 0 ? 0.35 : dow === 6 ? 0.45 : 1) * (0.7 + (0.6 * d) / days) * (0.6 + rand());
    weights[d] = w;
    wTotal += w;
  }

  let evSeq = 0;
  let postSeq = 0;
  // Events that may be posted again: a few dozen of the latest, one dropped at random when full.
  const recent: Ev[] = [];
  const remember = (ev: Ev): void => {
    if (recent.length >= 48) recent.splice(Math.floor(rand() * recent.length), 1);
    recent.push(ev);
  };


  const newEvent = (kind: Kind, day: number): Ev => {
    const id = `e${++evSeq}`;
    const ev: Ev = {
      id,
      kind,
      day,
      variant: Math.floor(rand() * 6),
      country: null,
      mention: null,
      org: null,
      person: null,
      principal: kind === 'phone' || kind === 'talks' ? (rand() < 0.85 ? LAVROV : pickIn(DEPUTIES)) : LAVROV,
      city: pickIn(CITIES),
      title: pickIn(TITLES),
      body: [],
      extra: Math.floor(rand() * 1000),
      items: [],
      truth: { event: id, type: TRUTH_TYPE[kind], date: new Date(day).toISOString().slice(0, 10), countries: [], organizations: [] },
    };
    if (kind === 'phone' || kind === 'talks' || kind === 'visit') {
      const country = nextCountry();
      ev.country = country;
      // Now and then the counterpart is the country's ambassador in Moscow.
      if (kind !== 'talks' && ev.variant === 5) ev.variant = 4;
      ev.person = personFor(country.code, day, ev.variant === 5 ? 'ambassador' : 'fm');
      ev.truth.countries.push(country.code);
    } else if (kind === 'orgHead') {
      const org = nextOrg();
      ev.org = org;
      ev.person = personFor(org.code, day, 'head');
      ev.truth.organizations.push(org.code);
    } else if (kind === 'multi') {
      const org = nextMultiOrg();
      ev.org = org;
      ev.truth.organizations.push(org.code);
    } else if (kind === 'briefing' || kind === 'statement' || kind === 'interview' || kind === 'speech') {
      ev.mention = nextCountry();
    }
    const n = kind === 'briefing' ? 3 + Math.floor(rand() * 4) : 2 + Math.floor(rand() * 4);
    for (let i = 0; i < n; i++) {
      const topic = Math.floor(rand() * TOPICS.length);
      // The bilateral-relations topic names the counterpart, so it needs one.
      if (TOPICS[topic]!.headEn === 'Bilateral relations' && !ev.country) continue;
      ev.body.push([topic, Math.floor(rand() * 2)]);
    }
    if (kind === 'digest') {
      const k = 3 + Math.floor(rand() * 5);
      const seen = new Set<string>();
      for (let i = 0; i < k; i++) {
        const r = rand();
        const item = newEvent(r < 0.55 ? 'talks' : r < 0.7 ? 'phone' : r < 0.88 ? 'multi' : 'orgHead', day);
        // One meeting per counterpart a day: a second draw of the same one is dropped.
        const who = item.country?.code ?? item.org?.code ?? '';
        if (seen.has(who)) continue;
        seen.add(who);
        ev.items.push(item);
        // Each meeting of the day may also get a post of its own later.
        remember(item);
      }
      ev.truth.items = ev.items.map((e) => e.truth);
      ev.truth.countries = [...new Set(ev.items.flatMap((e) => e.truth.countries))];
      ev.truth.organizations = [...new Set(ev.items.flatMap((e) => e.truth.organizations))];
    }
    return ev;
  };

  interface Pending {
    t: number;
    ev: Ev;
    lang: 'ru' | 'en';
  }

  let cumW = 0;
  let emitted = 0;
  for (let d = 0; d < days && emitted < total; d++) {
    cumW += weights[d]!;
    const upto = d === days - 1 ? total : Math.min(total, Math.round((cumW / wTotal) * total));
    const count = upto - emitted;
    if (count <= 0) continue;
    const day = from + d * DAY_MS;
    const dayEnd = day + (FIRST_HOUR_UTC + HOUR_WEIGHTS.length) * 3_600_000 - 60_000;
    const time = (): number => {
      const x = rand() * HOUR_TOTAL;
      let h = 0;
      // x is below the last sum, so h stays in range.
      while (HOUR_CUM[h]! < x) h++;
      return day + (FIRST_HOUR_UTC + h) * 3_600_000 + Math.floor(rand() * 60) * 60_000;
    };
    const batch: Pending[] = [];
    while (batch.length < count) {
      const left = count - batch.length;
      const r = rand();
      if (r < 0.04 && recent.length) {
        // A repeat: the same event posted again, in either language, days later at most.
        const ev = pickIn(recent);
        if (ev.day > day - 5 * DAY_MS) {
          batch.push({ t: time(), ev, lang: rand() < 0.6 ? 'ru' : 'en' });
          continue;
        }
      }
      let kind: Kind = 'statement';
      const k = rand();
      for (const [name, upTo] of KIND_MIX) {
        if (k < upTo) {
          kind = name;
          break;
        }
      }
      // Most news is of the day; a share of it is posted the next morning.
      const evDay = rand() < 0.15 && day > from ? day - DAY_MS : day;
      const ev = newEvent(kind, evDay);
      if (kind !== 'digest') remember(ev);
      const mode = rand();
      const t = time();
      if (left >= 2 && mode < 0.6) {
        // The Russian post first, the English one minutes to an hour or so later.
        batch.push({ t, ev, lang: 'ru' });
        batch.push({ t: Math.min(dayEnd, t + (3 + Math.floor(rand() * 90)) * 60_000), ev, lang: 'en' });
      } else {
        batch.push({ t, ev, lang: mode < 0.85 ? 'ru' : 'en' });
      }
    }
    batch.sort((a, b) => a.t - b.t);
    for (const p of batch) {
      postSeq++;
      yield {
        id: String(postSeq),
        date: new Date(p.t).toISOString(),
        channel: p.lang === 'ru' ? 'MID_Russia' : 'MFARussia',
        lang: p.lang,
        text: p.lang === 'ru' ? renderRu(p.ev) : renderEn(p.ev),
        truth: p.ev.truth,
      };
    }
    emitted += count;
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering. Everything random about a post was decided when its event was made, so the
// Russian and English posts of an event, and its repeats, say the same thing.

function dateEn(day: number): string {
  const d = new Date(day);
  return `${MONTHS_EN[d.getUTCMonth()]} ${d.getUTCDate()}`;
}
function dateRu(day: number): string {
  const d = new Date(day);
  return `${d.getUTCDate()} ${MONTHS_RU[d.getUTCMonth()]}`;
}
const year = (day: number): number => new Date(day).getUTCFullYear();
const isUngaWeek = (day: number): boolean => {
  const d = new Date(day);
  return d.getUTCMonth() === 8 && d.getUTCDate() >= 18 && d.getUTCDate() <= 26;
};
const session = (day: number): number => year(day) - 1945;

function bodyEn(ev: Ev): string {
  return ev.body.map(([t, s]) => nth(nth(TOPICS, t).en, s).replace('{X}', ev.country?.enThe ?? '')).join('\n\n');
}
function bodyRu(ev: Ev): string {
  return ev.body.map(([t, s]) => nth(nth(TOPICS, t).ru, s).replace('{X}', ev.country?.ru.ins ?? '')).join('\n\n');
}

function flagPair(c: CountryEntry | null, fallback: string): string {
  return c && c.flag ? `🇷🇺${c.flag}` : fallback;
}

function tagsEn(ev: Ev): string {
  const tags = ev.country ? [`#Russia${ev.country.tagEn}`] : ev.org ? [`#Russia${ev.org.en.replace(/[^A-Za-z0-9]/g, '')}`] : [];
  if (isUngaWeek(ev.day)) tags.push(`#UNGA${session(ev.day)}`);
  return tags.join(' ');
}
function tagsRu(ev: Ev): string {
  const tags = ev.country ? [`#Россия${ev.country.tagRu}`] : ev.org ? [`#Россия${ev.org.ru.replace(/[^\p{L}\p{N}]/gu, '')}`] : [];
  if (isUngaWeek(ev.day)) tags.push(`#ГАООН${session(ev.day)}`);
  return tags.join(' ');
}

function sidelinesEn(ev: Ev): string {
  return isUngaWeek(ev.day) ? ` on the sidelines of the ${session(ev.day)}th session of the UN General Assembly` : ` in ${ev.city[0]}`;
}
function sidelinesRu(ev: Ev): string {
  return isUngaWeek(ev.day) ? ` «на полях» ${session(ev.day)}-й сессии Генеральной Ассамблеи ООН` : ` в ${ev.city[2]}`;
}

function withCounterpartEn(ev: Ev): string {
  if (ev.org && ev.person) return `${ev.org.en} ${ev.org.headEn} ${ev.person.en}`;
  const c = ev.country as CountryEntry;
  const p = ev.person as Person;
  return ev.variant === 5 ? `Ambassador of ${c.enThe} to Russia ${p.en}` : `${ev.title[0]} of ${c.enThe} ${p.en}`;
}
function withCounterpartRu(ev: Ev): string {
  if (ev.org && ev.person) return `${ev.org.headRu} ${ev.org.ru} ${ev.person.ruIns}`;
  const c = ev.country as CountryEntry;
  const p = ev.person as Person;
  return ev.variant === 5 ? `Послом ${c.ru.gen} в Москве ${p.ruIns}` : `${ev.title[1]} ${c.ru.gen} ${p.ruIns}`;
}

function ministerialEn(o: OrgEntry, v: number): string {
  if (o.code === 'UN') return v % 2 ? 'the UN Security Council meeting' : 'the high-level meeting of the UN General Assembly';
  return nth([`the ${o.en} Council of Foreign Ministers meeting`, `the ${o.en} ministerial meeting`, `a meeting of ${o.en} Ministers of Foreign Affairs`], v);
}
function ministerialRu(o: OrgEntry, v: number): string {
  if (o.code === 'UN') return v % 2 ? 'заседании Совета Безопасности ООН' : 'мероприятиях недели высокого уровня Генеральной Ассамблеи ООН';
  return nth([`заседании Совета министров иностранных дел государств – членов ${o.ru}`, `министерской встрече ${o.ru}`, `совещании глав внешнеполитических ведомств стран ${o.ru}`], v);
}

function renderEn(ev: Ev): string {
  const date = dateEn(ev.day);
  const pr = ev.principal;
  const lead = pr === LAVROV ? `Foreign Minister ${pr.en}` : `${pr.titleEn} ${pr.en}`;
  const v = ev.variant;
  switch (ev.kind) {
    case 'phone': {
      const head =
        v % 3 === 0
          ? `📞 On ${date}, ${lead} had a telephone conversation with ${withCounterpartEn(ev)}.`
          : v % 3 === 1
            ? `📞 ${lead} held a telephone conversation with ${withCounterpartEn(ev)}.`
            : `📞 On ${date}, ${lead} had a phone call with ${withCounterpartEn(ev)} at the initiative of the partners.`;
      return `${head}\n\n${bodyEn(ev)}\n\n${tagsEn(ev)}`;
    }
    case 'talks':
    case 'orgHead': {
      const flag = ev.kind === 'talks' ? flagPair(ev.country, '🤝') : '🤝';
      const head =
        v % 3 === 0
          ? `${flag} On ${date}, ${lead} held talks with ${withCounterpartEn(ev)}${sidelinesEn(ev)}.`
          : v % 3 === 1
            ? `${flag} ${lead} met with ${withCounterpartEn(ev)}${sidelinesEn(ev)}.`
            : `${flag} On ${date}, ${lead} had a meeting with ${withCounterpartEn(ev)}${sidelinesEn(ev)}.`;
      return `${head}\n\n${bodyEn(ev)}\n\n${tagsEn(ev)}`;
    }
    case 'visit': {
      const c = ev.country as CountryEntry;
      const head = v % 2 ? `${flagPair(c, '✈️')} On ${date}, ${lead} arrived in ${c.enThe} on an official visit.` : `${flagPair(c, '✈️')} ${lead} is paying a working visit to ${c.enThe}.`;
      return `${head}\n\nTalks with ${ev.title[0]} of ${c.enThe} ${(ev.person as Person).en} are scheduled.\n\n${bodyEn(ev)}\n\n${tagsEn(ev)}`;
    }
    case 'multi': {
      const o = ev.org as OrgEntry;
      return `🗓 On ${date}, ${lead} took part in ${ministerialEn(o, v)} in ${ev.city[0]}.\n\n${bodyEn(ev)}\n\n#${o.en.replace(/[^A-Za-z0-9]/g, '')}`;
    }
    case 'speech': {
      const forum = v % 2 ? `at ${nth(FORUMS, ev.extra)[0]}` : `at the plenary session of the ${nth(MULTI_ORGS, ev.extra).en} ministerial meeting`;
      return `🎙 Foreign Minister ${pr.en}’s remarks ${forum} (${ev.city[0]}, ${date}, ${year(ev.day)})\n\n💬 ${bodyEn(ev)}\n\nWe will continue to develop relations with ${ev.mention?.enThe}.`;
    }
    case 'briefing': {
      const heads = ev.body.map(([t]) => `🔷 ${nth(TOPICS, t).headEn}`);
      heads.splice(1, 0, `🔷 Relations with ${ev.mention?.enThe}`);
      return `🎙 Briefing by Foreign Ministry Spokeswoman Maria Zakharova (Moscow, ${date}, ${year(ev.day)})\n\n${heads.join('\n')}\n\n💬 ${bodyEn(ev)}`;
    }
    case 'interview': {
      const media = nth(MEDIA, ev.extra)[0];
      return `📰 Foreign Minister ${pr.en}’s interview with ${media} (${date}, ${year(ev.day)})\n\n❓ How do you assess relations with ${ev.mention?.enThe}?\n\n💬 ${bodyEn(ev)}`;
    }
    case 'statement': {
      const subj = nth(STATEMENT_SUBJECTS, ev.extra)[0];
      return v % 3 === 0
        ? `#Opinion by Maria Zakharova\n\n💬 ${bodyEn(ev)}\n\nWe call on ${ev.mention?.enThe} to act responsibly.`
        : v % 3 === 1
          ? `💬 Comment by Foreign Ministry Spokeswoman Maria Zakharova on ${subj}\n\n${bodyEn(ev)}`
          : `Foreign Ministry statement on ${subj}\n\n${bodyEn(ev)}`;
    }
    case 'digest': {
      const unga = isUngaWeek(ev.day);
      const bullets = ev.items.map((it) => {
        // A digest lists what happened that day in the building: the Security Council, not the UNGA week.
        if (it.kind === 'multi') return `• ${cap(ministerialEn(it.org as OrgEntry, it.org?.code === 'UN' ? 1 : it.variant).replace(/^the /, ''))}.`;
        const what = it.kind === 'phone' ? 'Telephone conversation' : it.variant % 2 ? 'Talks' : 'Meeting';
        return `• ${what} with ${withCounterpartEn(it)}.`;
      });
      const where = unga ? 'the UN Headquarters in New York' : ev.city[0];
      return [
        `Off we go! ${unga ? '🇺🇳' : '✈️'}`,
        `Day ${1 + (ev.extra % 3)}${unga ? ` #UNGA${session(ev.day)}` : ''}`,
        `🇷🇺 On ${date}, the Russian delegation led by Foreign Minister Sergey Lavrov arrived in ${where}.\n\nThe working day was a success 👇`,
        bullets.join('\n'),
      ].join('\n\n');
    }
  }
}

function renderRu(ev: Ev): string {
  const date = dateRu(ev.day);
  const pr = ev.principal;
  const v = ev.variant;
  switch (ev.kind) {
    case 'phone': {
      const head =
        v % 3 === 0
          ? `📞 ${date} состоялся телефонный разговор ${pr.titleRuGen} ${pr.ruGen} с ${withCounterpartRu(ev)}.`
          : v % 3 === 1
            ? `📞 ${pr.ruNom} провёл телефонный разговор с ${withCounterpartRu(ev)}.`
            : `📞 ${date} по инициативе партнёров состоялся телефонный разговор ${pr.ruGen} с ${withCounterpartRu(ev)}.`;
      return `${head}\n\n${bodyRu(ev)}\n\n${tagsRu(ev)}`;
    }
    case 'talks':
    case 'orgHead': {
      const flag = ev.kind === 'talks' ? flagPair(ev.country, '🤝') : '🤝';
      const head =
        v % 3 === 0
          ? `${flag} ${date}${sidelinesRu(ev)} состоялись переговоры ${pr.titleRuGen} ${pr.ruGen} с ${withCounterpartRu(ev)}.`
          : v % 3 === 1
            ? `${flag} ${pr.ruNom} встретился${sidelinesRu(ev)} с ${withCounterpartRu(ev)}.`
            : `${flag} ${date}${sidelinesRu(ev)} состоялась встреча ${pr.ruGen} с ${withCounterpartRu(ev)}.`;
      return `${head}\n\n${bodyRu(ev)}\n\n${tagsRu(ev)}`;
    }
    case 'visit': {
      const c = ev.country as CountryEntry;
      const head = v % 2 ? `${flagPair(c, '✈️')} ${date} С.В.Лавров прибыл с официальным визитом в ${c.ru.acc}.` : `${flagPair(c, '✈️')} С.В.Лавров отправился с рабочим визитом в ${c.ru.acc}.`;
      return `${head}\n\nЗапланированы переговоры с ${ev.title[1]} ${c.ru.gen} ${(ev.person as Person).ruIns}.\n\n${bodyRu(ev)}\n\n${tagsRu(ev)}`;
    }
    case 'multi': {
      const o = ev.org as OrgEntry;
      return `🗓 ${date} С.В.Лавров принял участие в ${ministerialRu(o, v)} в ${ev.city[2]}.\n\n${bodyRu(ev)}\n\n#${o.ru.replace(/[^\p{L}\p{N}]/gu, '')}`;
    }
    case 'speech': {
      const forum = v % 2 ? `на ${nth(FORUMS, ev.extra)[1]}` : `на пленарном заседании министерской встречи ${nth(MULTI_ORGS, ev.extra).ru}`;
      return `🎙 Выступление Министра иностранных дел России С.В.Лаврова ${forum} (${ev.city[1]}, ${date} ${year(ev.day)} года)\n\n💬 ${bodyRu(ev)}\n\nМы продолжим развивать отношения с ${ev.mention?.ru.ins}.`;
    }
    case 'briefing': {
      const heads = ev.body.map(([t]) => `🔷 ${nth(TOPICS, t).headRu}`);
      heads.splice(1, 0, `🔷 Об отношениях с ${ev.mention?.ru.ins}`);
      return `🎙 Брифинг официального представителя МИД России М.В.Захаровой (Москва, ${date} ${year(ev.day)} года)\n\n${heads.join('\n')}\n\n💬 ${bodyRu(ev)}`;
    }
    case 'interview': {
      const media = nth(MEDIA, ev.extra)[1];
      return `📰 Интервью Министра иностранных дел России С.В.Лаврова ${media} (${date} ${year(ev.day)} года)\n\n❓ Как Вы оцениваете отношения с ${ev.mention?.ru.ins}?\n\n💬 ${bodyRu(ev)}`;
    }
    case 'statement': {
      const subj = nth(STATEMENT_SUBJECTS, ev.extra)[1];
      return v % 3 === 0
        ? `#Мнение М.В.Захаровой\n\n💬 ${bodyRu(ev)}\n\nПризываем власти ${ev.mention?.ru.gen} к ответственному поведению.`
        : v % 3 === 1
          ? `💬 Комментарий официального представителя МИД России М.В.Захаровой в связи с ${subj}\n\n${bodyRu(ev)}`
          : `Заявление МИД России в связи с ${subj}\n\n${bodyRu(ev)}`;
    }
    case 'digest': {
      const unga = isUngaWeek(ev.day);
      const bullets = ev.items.map((it) => {
        if (it.kind === 'multi') return `• ${cap(ministerialRu(it.org as OrgEntry, it.org?.code === 'UN' ? 1 : it.variant).replace(/^заседании/, 'заседание').replace(/^министерской встрече/, 'министерская встреча').replace(/^совещании/, 'совещание'))}.`;
        const what = it.kind === 'phone' ? 'Телефонный разговор' : it.variant % 2 ? 'Переговоры' : 'Встреча';
        return `• ${what} с ${withCounterpartRu(it)}.`;
      });
      const where = unga ? 'штаб-квартиру ООН в Нью-Йорке' : ev.city[1].replace(/а$/, 'у');
      return [
        `Поехали! ${unga ? '🇺🇳' : '✈️'}`,
        `День ${1 + (ev.extra % 3)}${unga ? ` #ГАООН${session(ev.day)}` : ''}`,
        `🇷🇺 ${date} российская делегация во главе с С.В.Лавровым прибыла в ${where}.\n\nРабочий день прошёл успешно 👇`,
        bullets.join('\n'),
      ].join('\n\n');
    }
  }
}
