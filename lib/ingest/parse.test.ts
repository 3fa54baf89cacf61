import { describe, expect, test } from 'vitest';
import { parsePostOrThrow, parsePost } from './parse';
import type { EventType, ParsedEvent, RawPost } from './types';

function post(text: string, postedAt: string | null = null): RawPost {
  return { channel: 'MID_Russia', externalId: null, postedAt: postedAt ? new Date(postedAt) : null, lang: null, text, url: null, seq: 0 };
}

const cp = (e: ParsedEvent): string[] => [
  ...e.countries.filter((c) => c.role === 'counterpart').map((c) => c.code),
  ...e.organizations.filter((o) => o.role === 'counterpart').map((o) => `@${o.code}`),
].sort();

interface Case {
  name: string;
  text: string;
  postedAt?: string;
  year?: number;
  type: EventType;
  date: string | null;
  counterparts: string[];
  principal?: string | null;
  person?: string;
  venue?: string | null;
}

const CASES: Case[] = [
  // --- Phone calls
  {
    name: 'ru phone call, Turkey in genitive of the official name',
    text: '📞 Состоялся телефонный разговор Министра иностранных дел России С.В.Лаврова с Министром иностранных дел Турецкой Республики Х.Фиданом.\n\nОбсуждены актуальные вопросы двусторонней повестки дня, а также ситуация на Ближнем Востоке.\n\n#РоссияТурция',
    postedAt: '2023-11-02T12:00:00Z',
    type: 'phone_call', date: '2023-11-02', counterparts: ['TR'], principal: 'Sergey Lavrov', person: 'Hakan Fidan',
  },
  {
    name: 'en phone call with India',
    text: '📞 Sergey Lavrov had a telephone conversation with Minister of External Affairs of India Subrahmanyam Jaishankar.\n\nThe ministers discussed the schedule of upcoming bilateral contacts.\n\n#RussiaIndia',
    postedAt: '2023-11-02T09:00:00Z',
    type: 'phone_call', date: '2023-11-02', counterparts: ['IN'], principal: 'Sergey Lavrov', person: 'Subrahmanyam Jaishankar',
  },
  {
    name: 'ru phone call, dated, Iran',
    text: '🇷🇺🇮🇷 14 января состоялся телефонный разговор С.В.Лаврова с Министром иностранных дел Ирана Х.Амир-Абдоллахианом.',
    year: 2024,
    type: 'phone_call', date: '2024-01-14', counterparts: ['IR'],
  },
  {
    name: 'en phone call, spoke by phone',
    text: 'On January 14, Sergey Lavrov spoke by phone with Egyptian Foreign Minister Sameh Shoukry. The two ministers discussed the situation in the Gaza Strip.',
    year: 2024,
    type: 'phone_call', date: '2024-01-14', counterparts: ['EG'], person: 'Sameh Shoukry',
  },
  // --- Bilateral talks in many case forms
  {
    name: 'ru talks in Moscow with India',
    text: '🇷🇺🇮🇳 27 декабря в Москве состоялись переговоры Министра иностранных дел России С.В.Лаврова с Министром иностранных дел Индии С.Джайшанкаром.\n\nСтороны обсудили торгово-экономическое сотрудничество.\n\n#РоссияИндия',
    year: 2023,
    type: 'meeting', date: '2023-12-27', counterparts: ['IN'], principal: 'Sergey Lavrov', person: 'Subrahmanyam Jaishankar', venue: 'Moscow',
  },
  {
    name: 'ru talks with China (КНР)',
    text: '🤝 1 апреля С.В.Лавров провёл переговоры с Членом Политбюро ЦК КПК, Министром иностранных дел КНР Ван И.\n\nОбсуждены вопросы сотрудничества в ШОС и БРИКС.',
    year: 2024,
    type: 'meeting', date: '2024-04-01', counterparts: ['CN'], person: 'Wang Yi',
  },
  {
    name: 'ru Chinese adjective in a with-phrase',
    text: '🤝 8 апреля в Пекине С.В.Лавров провёл переговоры со своим китайским коллегой Ван И.',
    year: 2024,
    type: 'meeting', date: '2024-04-08', counterparts: ['CN'], venue: 'Beijing',
  },
  {
    name: 'ru UAE acronym',
    text: '🇷🇺🇦🇪 Переговоры С.В.Лаврова с Министром иностранных дел ОАЭ Абдаллой бен Заидом Аль Нахайяном\n\n📍 Москва, 12 ноября 2023 года',
    type: 'meeting', date: '2023-11-12', counterparts: ['AE'],
  },
  {
    name: 'ru Saudi Arabia, two-word name in genitive',
    text: '🤝 10 октября С.В.Лавров встретился с Министром иностранных дел Саудовской Аравии Фейсалом бин Фарханом Аль Саудом.',
    year: 2023,
    type: 'meeting', date: '2023-10-10', counterparts: ['SA'],
  },
  {
    name: 'ru South Africa acronym ЮАР',
    text: '🇷🇺🇿🇦 22 августа С.В.Лавров провёл встречу с Министром международных отношений и сотрудничества ЮАР Н.Пандор.',
    year: 2023,
    type: 'meeting', date: '2023-08-22', counterparts: ['ZA'], person: 'Н.Пандор',
  },
  {
    name: 'ru Egypt irregular stem (Египта)',
    text: '🤝 Состоялась беседа С.В.Лаврова с Министром иностранных дел Египта С.Шукри.',
    postedAt: '2023-10-05T10:00:00Z',
    type: 'meeting', date: '2023-10-05', counterparts: ['EG'],
  },
  {
    name: 'ru Brazil',
    text: '🇷🇺🇧🇷 21 февраля в Рио-де-Жанейро С.В.Лавров провёл переговоры с Министром иностранных дел Бразилии М.Виейрой.',
    year: 2024,
    type: 'meeting', date: '2024-02-21', counterparts: ['BR'], venue: 'Rio de Janeiro',
  },
  {
    name: 'ru Kazakhstan',
    text: 'С.В.Лавров встретился с Министром иностранных дел Республики Казахстан М.Нуртлеу.',
    postedAt: '2023-10-12T08:00:00Z',
    type: 'meeting', date: '2023-10-12', counterparts: ['KZ'],
  },
  {
    name: 'ru Belarus (Беларуси)',
    text: '🇷🇺🇧🇾 15 ноября в Минске С.В.Лавров провёл переговоры с Министром иностранных дел Республики Беларусь С.Алейником.',
    year: 2023,
    type: 'meeting', date: '2023-11-15', counterparts: ['BY'], venue: 'Minsk',
  },
  {
    name: 'ru Belarus (Белоруссией), subject with "и"',
    text: '🤝 15 ноября министры иностранных дел России и Белоруссии С.В.Лавров и С.Алейник провели переговоры в Минске.',
    year: 2023,
    type: 'meeting', date: '2023-11-15', counterparts: ['BY'],
  },
  {
    name: 'ru Uzbekistan',
    text: '🤝 С.В.Лавров провёл переговоры с Министром иностранных дел Узбекистана Б.Саидовым.',
    postedAt: '2023-12-04T11:00:00Z',
    type: 'meeting', date: '2023-12-04', counterparts: ['UZ'],
  },
  {
    name: 'ru Mongolia',
    text: '🇷🇺🇲🇳 Состоялась встреча С.В.Лаврова с Министром иностранных дел Монголии Б.Батцэцэг.',
    postedAt: '2023-03-14T11:00:00Z',
    type: 'meeting', date: '2023-03-14', counterparts: ['MN'],
  },
  {
    name: 'ru Vietnam',
    text: '🤝 5 июля в Ханое С.В.Лавров провёл переговоры с Министром иностранных дел Вьетнама Буй Тхань Шоном.',
    year: 2022,
    type: 'meeting', date: '2022-07-05', counterparts: ['VN'], venue: 'Hanoi',
  },
  {
    name: 'ru Cuba',
    text: '🇷🇺🇨🇺 Переговоры С.В.Лаврова с Министром иностранных дел Кубы Б.Родригесом.',
    postedAt: '2023-11-09T15:00:00Z',
    type: 'meeting', date: '2023-11-09', counterparts: ['CU'],
  },
  {
    name: 'ru Nicaragua (indeclinable)',
    text: '🤝 С.В.Лавров встретился с Министром иностранных дел Никарагуа Д.Монкадой.',
    postedAt: '2023-09-22T15:00:00Z',
    type: 'meeting', date: '2023-09-22', counterparts: ['NI'],
  },
  {
    name: 'ru Mali and Burkina Faso together',
    text: '🤝 С.В.Лавров провёл встречу с Министром иностранных дел Мали А.Диопом и Министром иностранных дел Буркина-Фасо О.Траоре.',
    postedAt: '2023-11-30T09:00:00Z',
    type: 'meeting', date: '2023-11-30', counterparts: ['BF', 'ML'],
  },
  {
    name: 'ru instrumental case (с Китаем) in a meeting phrase',
    text: '🤝 28 мая С.В.Лавров провёл консультации с Индией и Китаем в формате РИК.',
    year: 2024,
    type: 'meeting', date: '2024-05-28', counterparts: ['CN', 'IN'],
  },
  {
    name: 'en talks with China, adjective',
    text: '🇷🇺🇨🇳 On April 1, Sergey Lavrov held talks with Chinese Foreign Minister Wang Yi in Beijing.',
    year: 2024,
    type: 'meeting', date: '2024-04-01', counterparts: ['CN'], person: 'Wang Yi', venue: 'Beijing',
  },
  {
    name: 'en UAE acronym',
    text: 'On November 12, Foreign Minister Sergey Lavrov met with UAE Minister of Foreign Affairs Sheikh Abdullah bin Zayed Al Nahyan in Moscow.',
    year: 2023,
    type: 'meeting', date: '2023-11-12', counterparts: ['AE'], venue: 'Moscow',
  },
  {
    name: 'en Saudi adjective',
    text: '🤝 Sergey Lavrov held talks with Saudi Foreign Minister Prince Faisal bin Farhan Al Saud.',
    postedAt: '2023-10-10T10:00:00Z',
    type: 'meeting', date: '2023-10-10', counterparts: ['SA'],
  },
  {
    name: 'en South Africa',
    text: '🇷🇺🇿🇦 On August 22, Sergey Lavrov met with Minister of International Relations and Cooperation of South Africa Naledi Pandor.',
    year: 2023,
    type: 'meeting', date: '2023-08-22', counterparts: ['ZA'], person: 'Naledi Pandor',
  },
  {
    name: 'en subject form: X and Y held talks',
    text: 'Sergey Lavrov and Turkish Foreign Minister Hakan Fidan held talks in Ankara on September 4.',
    year: 2023,
    type: 'meeting', date: '2023-09-04', counterparts: ['TR'], venue: 'Ankara',
  },
  {
    name: 'en counterpart is an organisation official',
    text: '🤝 On December 4, Sergey Lavrov met with OSCE Secretary General Helga Schmid on the sidelines of the OSCE Ministerial Council in Skopje.',
    year: 2023,
    type: 'meeting', date: '2023-12-04', counterparts: ['@OSCE'],
  },
  {
    name: 'en ambassador: "to Russia" is not a counterpart',
    text: 'On March 3, Deputy Foreign Minister Mikhail Galuzin met with Ambassador of Japan to Russia Tadashi Otsuka.',
    year: 2023,
    type: 'meeting', date: '2023-03-03', counterparts: ['JP'], principal: 'Mikhail Galuzin',
  },
  {
    name: 'ru deputy minister, ambassador in Moscow',
    text: '🤝 3 марта заместитель Министра иностранных дел России М.Л.Богданов принял Посла Сирии в Москве Б.Джаафари.',
    year: 2023,
    type: 'meeting', date: '2023-03-03', counterparts: ['SY'], principal: 'Mikhail Bogdanov',
  },
  {
    name: 'ru organisation on the agenda is not a party to the talks',
    text: '🇷🇺🇮🇳 В ходе переговоров в Нью-Дели 9 сентября С.В.Лавров и Министр иностранных дел Индии С.Джайшанкар обсудили подготовку к саммиту ШОС.',
    year: 2023,
    type: 'meeting', date: '2023-09-09', counterparts: ['IN'], venue: 'New Delhi',
  },
  {
    name: 'ru presidential talks',
    text: '🇷🇺🇹🇷 4 сентября в Сочи состоялись переговоры Президента России В.В.Путина с Президентом Турецкой Республики Р.Т.Эрдоганом.\n\nОбсуждены вопросы сотрудничества в энергетической сфере.',
    year: 2023,
    type: 'meeting', date: '2023-09-04', counterparts: ['TR'], principal: 'Vladimir Putin', person: 'Recep Tayyip Erdogan', venue: 'Sochi',
  },
  {
    name: 'en deputy minister consultations with the US',
    text: 'On September 5, Deputy Foreign Minister Sergey Ryabkov held consultations with US Under Secretary of State for Arms Control Bonnie Jenkins.',
    year: 2023,
    type: 'meeting', date: '2023-09-05', counterparts: ['US'], principal: 'Sergey Ryabkov',
  },
  // --- Multilateral
  {
    name: 'ru CIS ministers in Bishkek',
    text: '🗓 13 октября в Бишкеке С.В.Лавров принял участие в заседании Совета министров иностранных дел СНГ.\n\nУчастники обсудили вопросы сотрудничества.',
    year: 2023,
    type: 'multilateral', date: '2023-10-13', counterparts: ['@CIS'], venue: 'Bishkek',
  },
  {
    name: 'en CIS ministers',
    text: 'On October 13, Sergey Lavrov took part in a meeting of the CIS Council of Foreign Ministers in Bishkek.',
    year: 2023,
    type: 'multilateral', date: '2023-10-13', counterparts: ['@CIS'], venue: 'Bishkek',
  },
  {
    name: 'ru EAEU council',
    text: '📆 8 декабря С.В.Лавров принял участие в заседании Высшего Евразийского экономического совета в Санкт-Петербурге.',
    year: 2023,
    type: 'multilateral', date: '2023-12-08', counterparts: ['@EAEU'], venue: 'Saint Petersburg',
  },
  {
    name: 'ru BRICS ministers',
    text: '📆 1 июня в Кейптауне состоялась встреча министров иностранных дел стран БРИКС.\n\nС.В.Лавров выступил с заявлением для СМИ.',
    year: 2023,
    type: 'multilateral', date: '2023-06-01', counterparts: ['@BRICS'],
  },
  {
    name: 'en BRICS ministers',
    text: 'On June 1, Sergey Lavrov attended the BRICS Foreign Ministers’ meeting in Cape Town.',
    year: 2023,
    type: 'multilateral', date: '2023-06-01', counterparts: ['@BRICS'],
  },
  {
    name: 'ru SCO council, state-members with a dash',
    text: '🗓 4 мая в Гоа С.В.Лавров принял участие в заседании Совета министров иностранных дел государств – членов ШОС.',
    year: 2023,
    type: 'multilateral', date: '2023-05-04', counterparts: ['@SCO'],
  },
  {
    name: 'ru G20 in quotes',
    text: '2 марта С.В.Лавров принял участие в заседании министров иностранных дел «Группы двадцати» в Нью-Дели.',
    year: 2023,
    type: 'multilateral', date: '2023-03-02', counterparts: ['@G20'], venue: 'New Delhi',
  },
  {
    name: 'en G20 ministers',
    text: 'On March 2, Sergey Lavrov took part in the G20 Foreign Ministers’ Meeting in New Delhi.',
    year: 2023,
    type: 'multilateral', date: '2023-03-02', counterparts: ['@G20'], venue: 'New Delhi',
  },
  {
    name: 'en sidelines organisation is not the counterpart of a bilateral meeting',
    text: 'On the sidelines of the SCO Council of Foreign Ministers in Astana, Sergey Lavrov met with Pakistani Foreign Minister Jalil Abbas Jilani.',
    postedAt: '2024-05-21T10:00:00Z',
    type: 'meeting', date: '2024-05-21', counterparts: ['PK'],
  },
  // --- Visits
  {
    name: 'en official visit',
    text: '🇷🇺🇰🇵 Sergey Lavrov arrived in Pyongyang on an official visit to the Democratic People’s Republic of Korea.',
    postedAt: '2023-10-18T05:00:00Z',
    type: 'visit', date: '2023-10-18', counterparts: ['KP'],
  },
  {
    name: 'ru official visit',
    text: '✈️ С.В.Лавров прибыл с официальным визитом в КНДР.',
    postedAt: '2023-10-18T05:00:00Z',
    type: 'visit', date: '2023-10-18', counterparts: ['KP'],
  },
  // --- Briefings, interviews, speeches, statements
  {
    name: 'ru briefing with a bullet topic list',
    text: '🎙 Брифинг официального представителя МИД России М.В.Захаровой (Москва, 20 сентября 2023 года)\n\n🔷 Украинский кризис\n🔷 Встреча С.В.Лаврова с Министром иностранных дел Индии\n🔷 Переговоры с Турцией\n\nЧитайте полностью',
    type: 'briefing', date: '2023-09-20', counterparts: [], principal: 'Maria Zakharova', venue: 'Moscow',
  },
  {
    name: 'ru interview',
    text: '📰 Интервью Министра иностранных дел России С.В.Лаврова газете «Известия» (8 ноября 2023 года)\n\n❓ Вопрос: Как вы оцениваете отношения с Китаем?',
    type: 'interview', date: '2023-11-08', counterparts: [], principal: 'Sergey Lavrov',
  },
  {
    name: 'en interview',
    text: 'Foreign Minister Sergey Lavrov’s interview with RIA Novosti, December 28, 2023\n\nQuestion: How would you sum up the year?',
    type: 'interview', date: '2023-12-28', counterparts: [], principal: 'Sergey Lavrov',
  },
  {
    name: 'ru speech with a dateline',
    text: '🎙 Выступление С.В.Лаврова на общеполитической дискуссии 78-й сессии Генеральной Ассамблеи ООН (Нью-Йорк, 23 сентября 2023 года)\n\n💬 Господин Председатель, уважаемые коллеги!',
    type: 'speech', date: '2023-09-23', counterparts: ['@UN'], principal: 'Sergey Lavrov', venue: 'New York',
  },
  {
    name: 'ru comment of the spokeswoman',
    text: '💬 Комментарий официального представителя МИД России М.В.Захаровой в связи с ситуацией в Нигере\n\nПризываем все стороны к сдержанности.',
    postedAt: '2023-07-28T12:00:00Z',
    type: 'statement', date: '2023-07-28', counterparts: [], principal: 'Maria Zakharova',
  },
  {
    name: 'en ministry statement',
    text: 'Foreign Ministry statement on the situation in Niger\n\nWe call on all parties to show restraint.',
    postedAt: '2023-07-28T12:00:00Z',
    type: 'statement', date: '2023-07-28', counterparts: [],
  },
  // --- Dates
  {
    name: 'future date in the body is not the event date',
    text: '🤝 On October 5, Sergey Lavrov met with Armenian Foreign Minister Ararat Mirzoyan.\n\nThe ministers reviewed preparations for the summit scheduled for November 23.',
    year: 2023,
    type: 'meeting', date: '2023-10-05', counterparts: ['AM'],
  },
  {
    name: 'numeric date',
    text: '21.09.2023 С.В.Лавров провёл переговоры с Министром иностранных дел Венесуэлы И.Хилем.',
    type: 'meeting', date: '2023-09-21', counterparts: ['VE'],
  },
  {
    name: 'date written after the verb, Moscow timestamp rollover',
    text: 'Sergey Lavrov held talks with Foreign Minister of Laos Saleumxay Kommasith.',
    postedAt: '2023-12-01T22:30:00Z',
    type: 'meeting', date: '2023-12-02', counterparts: ['LA'],
  },
  {
    name: 'a date far from the timestamp is historical',
    text: '🇷🇺🇦🇲 Sergey Lavrov met with Armenian Foreign Minister Ararat Mirzoyan. They discussed the trilateral statement dated November 9, 2020.',
    postedAt: '2023-05-19T10:00:00Z',
    type: 'meeting', date: '2023-05-19', counterparts: ['AM'],
  },
];

describe('parsePost: events of single posts', () => {
  test.each(CASES)('$name', (c) => {
    const r = parsePost(post(c.text, c.postedAt ?? null), c.year !== undefined ? { year: c.year } : {});
    expect(r.events).toHaveLength(1);
    const e = r.events[0]!;
    expect({ type: e.type, date: e.date, counterparts: cp(e) }).toEqual({ type: c.type, date: c.date, counterparts: c.counterparts });
    if (c.principal !== undefined) expect(e.principal).toBe(c.principal);
    if (c.person !== undefined) expect(e.people.map((p) => p.name)).toContain(c.person);
    if (c.venue !== undefined) expect(e.venue).toBe(c.venue);
    // Every piece of evidence quotes the post.
    for (const ev of e.evidence) expect(c.text).toContain(ev.phrase);
    expect(e.countries.some((x) => x.code === 'RU')).toBe(false);
  });
});

describe('parsePost: digests', () => {
  const ru = `Итоги дня 📹 #ГАООН78

🇷🇺🇺🇳 22 сентября делегация во главе с С.В.Лавровым продолжила работу в Нью-Йорке 👇

• Встреча с Министром иностранных дел Турции Х.Фиданом.
• Переговоры с Министром иностранных дел Индии С.Джайшанкаром.
• Телефонный разговор с Министром иностранных дел Египта С.Шукри.
• Заседание Совета министров иностранных дел государств-членов ОДКБ.
Выступление С.В.Лаврова на общеполитической дискуссии ГА ООН.`;
  const en = `Results of the day 📹 #UNGA78

🇷🇺🇺🇳 On September 22, the delegation led by Foreign Minister Sergey Lavrov continued its work in New York 👇

• Meeting with Minister of Foreign Affairs of Türkiye Hakan Fidan.
• Talks with Indian Minister of External Affairs Subrahmanyam Jaishankar.
• Telephone conversation with Foreign Minister of Egypt Sameh Shoukry.
• Meeting of the CSTO Council of Foreign Ministers.
FM Lavrov's remarks at the UN General Assembly general debate.`;

  test.each([
    ['ru', ru],
    ['en', en],
  ])('%s digest yields one event per line with the header date', (_lang, text) => {
    const r = parsePost(post(text), { year: 2023 });
    const got = r.events.map((e) => `${e.date} ${e.type} ${cp(e).join(',')}`);
    expect(got).toEqual([
      '2023-09-22 meeting TR',
      '2023-09-22 meeting IN',
      '2023-09-22 phone_call EG',
      '2023-09-22 multilateral @CSTO',
      '2023-09-22 speech @UN',
    ]);
    expect(r.events.every((e) => e.fromDigest && e.principal === 'Sergey Lavrov')).toBe(true);
  });
});

test('a list of flag-led items is a digest', () => {
  const r = parsePost(
    post(
      'Итоги дня: 22 сентября С.В.Лавров провёл ряд встреч на полях министерской недели в Нью-Йорке.\n\n🇷🇺🇹🇷 Переговоры с Министром иностранных дел Турции Х.Фиданом.\n🇷🇺🇮🇳 Встреча с Министром иностранных дел Индии С.Джайшанкаром.\n🇷🇺🇧🇷 Встреча с Министром иностранных дел Бразилии М.Виейрой.',
    ),
    { year: 2023 },
  );
  expect(r.events.map((e) => `${e.date} ${e.type} ${cp(e).join(',')} ${e.fromDigest}`)).toEqual([
    '2023-09-22 meeting TR true',
    '2023-09-22 meeting IN true',
    '2023-09-22 meeting BR true',
  ]);
});

describe('parsePost: robustness', () => {
  test.each([
    ['empty', ''],
    ['spaces', '   \n\n  '],
    ['emoji only', '🇷🇺🇻🇪🤝'],
    ['hashtags only', '#RussiaChina #UNGA78'],
    ['lone surrogate', '\uD83C abc \uDC00'],
    ['huge line', 'встреча с '.repeat(20000)],
    ['regex bait', '((((((((((((((((((((((((((((([[[[[[[[[[[[\\\\\\'],
  ])('parses without a failure: %s', (_n, text) => {
    // parsePost catches every throw into `error`: without its net, and with no error reported.
    expect(() => parsePostOrThrow(post(text))).not.toThrow();
    expect(parsePost(post(text)).error).toBeUndefined();
  });

  test('non-string text is no text, not a failure', () => {
    const bad = { ...post(''), text: 42 as unknown as string };
    expect(parsePostOrThrow(bad).events).toEqual([]);
    expect(parsePost(bad).error).toBeUndefined();
  });

  test('a failure inside the parser is reported with the post, not thrown', () => {
    const hostile = { ...post('Лавров провёл переговоры'), get channel(): string | null {
      throw new Error('broken input object');
    } };
    const parsed = parsePost(hostile);
    expect(parsed.events).toEqual([]);
    expect(parsed.error).toBe('broken input object');
  });

  test('language detection', () => {
    expect(parsePost(post('С.В.Лавров провёл переговоры')).lang).toBe('ru');
    expect(parsePost(post('Sergey Lavrov held talks #РоссияКитай')).lang).toBe('en');
  });

  test('hashtags are listed', () => {
    expect(parsePost(post('Текст\n\n#РоссияВенесуэла #ГАООН78')).hashtags).toEqual(['#РоссияВенесуэла', '#ГАООН78']);
  });

  test('countries merely discussed are mentioned, not counterparts', () => {
    const e = parsePost(
      post('🇷🇺🇯🇴 On September 20, Sergey Lavrov met with Foreign Minister of Jordan Ayman Safadi.\n\nThey discussed Syria and Ukraine.'),
      { year: 2023 },
    ).events[0]!;
    expect(e.countries).toEqual(
      expect.arrayContaining([
        { code: 'JO', role: 'counterpart' },
        { code: 'SY', role: 'mentioned' },
        { code: 'UA', role: 'mentioned' },
      ]),
    );
  });

  test('topics carry their phrases', () => {
    const e = parsePost(post('🤝 Sergey Lavrov met with Director General of the IAEA Rafael Grossi. They discussed the Zaporozhye Nuclear Power Plant.'))
      .events[0]!;
    const nuclear = e.topics.find((t) => t.code === 'nuclear');
    expect(nuclear?.phrases).toContain('Nuclear');
    expect(e.topics.map((t) => t.code)).toContain('ukraine');
  });
});
