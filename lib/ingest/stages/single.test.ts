// What the live channels post that the sample does not: each case a realistic post, and what
// the parser must make of it. Contacts first, then posts that are never a contact.
import { describe, expect, test } from 'vitest';
import { parsePostOrThrow } from '../parse';
import type { EventType, ParsedEvent, RawPost } from '../types';

function post(text: string, channel: string, postedAt: string): RawPost {
  return { channel, externalId: null, postedAt: new Date(postedAt), lang: null, text, url: null, seq: 0 };
}

const counterparts = (e: ParsedEvent): string[] =>
  [...e.countries.filter((c) => c.role === 'counterpart').map((c) => c.code), ...e.organizations.filter((o) => o.role === 'counterpart').map((o) => `@${o.code}`)].sort();

interface Case {
  name: string;
  channel?: string;
  postedAt: string;
  text: string;
  type: EventType;
  date?: string;
  counterparts: string[];
  principal?: string;
}

const CONTACTS: Case[] = [
  {
    name: 'ru headline-led item names no one: the channel principal',
    channel: 'KremlinRussia',
    postedAt: '2025-02-21T10:15:00Z',
    text: 'Телефонный разговор с Президентом Бразилии Луисом Инасиу Лулой да Силвой\n\nОбсуждались вопросы двустороннего сотрудничества.',
    type: 'phone_call', date: '2025-02-21', counterparts: ['BR'], principal: 'Vladimir Putin',
  },
  {
    name: 'ru compound adjective headline with the report in the next line',
    channel: 'KremlinRussia',
    postedAt: '2025-03-13T12:00:00Z',
    text: 'Российско-белорусские переговоры\n\nВ Кремле прошли переговоры Владимира Путина с Президентом Республики Беларусь Александром Лукашенко.',
    type: 'meeting', date: '2025-03-13', counterparts: ['BY'], principal: 'Vladimir Putin',
  },
  {
    name: "en an aide's comment reports the President's call",
    channel: 'MFARussia',
    postedAt: '2025-12-28T20:00:00Z',
    text: '⚡️ Comment by Aide to the President Yury Ushakov following the telephone conversation between Vladimir Putin and US President Donald Trump (December 28, 2025)\n\n💬 Yury Ushakov: The conversation was friendly.',
    type: 'phone_call', date: '2025-12-28', counterparts: ['US'], principal: 'Vladimir Putin',
  },
  {
    name: 'en remarks during talks are the talks',
    channel: 'MFARussia',
    postedAt: '2026-03-05T12:00:00Z',
    text: '🇷🇺 🇨🇫 Opening remarks by the President of Russia Vladimir Putin during talks with the President of the Central African Republic Faustin-Archange Touadéra (March 5, 2026, Moscow)',
    type: 'meeting', date: '2026-03-05', counterparts: ['CF'], principal: 'Vladimir Putin',
  },
  {
    name: 'en a chargé d’affaires summoned',
    channel: 'MFARussia',
    postedAt: '2026-01-15T12:00:00Z',
    text: '⚡️ On January 15, the Ministry of Foreign Affairs of the Russian Federation summoned the Chargé d’Affaires ad interim of the United Kingdom in Russia Danae Dholakia and issued a strong protest.',
    type: 'meeting', date: '2026-01-15', counterparts: ['GB'],
  },
  {
    name: 'ru an ambassador received by a deputy minister',
    channel: 'MID_Russia',
    postedAt: '2023-03-03T12:00:00Z',
    text: '🤝 3 марта заместитель Министра иностранных дел России М.Л.Богданов принял Посла Сирии в Москве Б.Джаафари.',
    type: 'meeting', date: '2023-03-03', counterparts: ['SY'], principal: 'Mikhail Bogdanov',
  },
  {
    name: 'en credentials presented to an organisation, after an attribution line',
    channel: 'MFARussia',
    postedAt: '2026-01-13T20:45:00Z',
    text: '🇷🇺 Permanent Mission of the Russian Federation to the OSCE :\n\n🗓 On January 13, Permanent Representative of the Russian Federation to the OSCE Dmitry Polyanskiy presented his letter of credence to the OSCE Secretary General Feridun Sinirlioğlu.',
    type: 'meeting', date: '2026-01-13', counterparts: ['@OSCE'],
  },
  {
    name: 'ru videoconference talks dated "yesterday"',
    channel: 'MID_Russia',
    postedAt: '2024-05-15T09:00:00Z',
    text: '🇷🇺🇮🇳 Вчера С.В.Лавров провёл переговоры в режиме видеоконференции с Министром иностранных дел Индии С.Джайшанкаром.',
    type: 'meeting', date: '2024-05-14', counterparts: ['IN'], principal: 'Sergey Lavrov',
  },
  {
    name: 'en a date range: the first day',
    channel: 'MFARussia',
    postedAt: '2025-12-20T09:00:00Z',
    text: 'On December 18-19, Deputy Foreign Minister Sergey Ryabkov held consultations with Deputy Minister of Foreign Affairs of Vietnam Le Anh Tuan in Hanoi.',
    type: 'meeting', date: '2025-12-18', counterparts: ['VN'], principal: 'Sergey Ryabkov',
  },
  {
    name: 'en plural demonym names the country',
    channel: 'MFARussia',
    postedAt: '2025-12-19T12:00:00Z',
    text: '🇷🇺 🇲🇷 On December 19 in Cairo, Sergey #Lavrov held a meeting with the Minister of Foreign Affairs, African Cooperation and Mauritanians Abroad Mohamed Salem Ould Merzoug.',
    type: 'meeting', date: '2025-12-19', counterparts: ['MR'], principal: 'Sergey Lavrov',
  },
  {
    name: 'en an official of the channel’s side named by title alone',
    channel: 'MFARussia',
    postedAt: '2019-04-10T12:00:00Z',
    text: 'On April 10, Deputy Foreign Minister Oleg Syromolotov met with Ambassador of Pakistan to Russia Qazi Khalilullah.',
    type: 'meeting', date: '2019-04-10', counterparts: ['PK'],
  },
  {
    name: 'ru a headline ending in a colon over the quote is the event',
    channel: 'MID_Russia',
    postedAt: '2024-02-12T12:00:00Z',
    text: '🇷🇺🇯🇴 Из вступительного слова С.В.Лаврова в ходе переговоров с Министром иностранных дел Иордании А.Сафади:\n\n💬 Рады приветствовать Вас в Москве.',
    type: 'meeting', date: '2024-02-12', counterparts: ['JO'], principal: 'Sergey Lavrov',
  },
  {
    name: 'en the envoy’s host is the counterpart of officials named without a country',
    channel: 'MFARussia',
    postedAt: '2022-03-01T12:00:00Z',
    text: 'Ambassador of Russia to the United States Anatoly Antonov met with Assistant Secretary of State Karen Donfried.',
    type: 'meeting', date: '2022-03-01', counterparts: ['US'],
  },
  {
    name: 'en a call at the initiative of the other side',
    channel: 'MFARussia',
    postedAt: '2018-05-05T12:00:00Z',
    text: 'On May 5, Sergey Lavrov had a telephone conversation at the initiative of the Turkish side with Minister of Foreign Affairs of Turkey Mevlut Cavusoglu.',
    type: 'phone_call', date: '2018-05-05', counterparts: ['TR'], principal: 'Sergey Lavrov',
  },
  {
    name: 'ru the minister named by title, the setting before him',
    channel: 'MID_Russia',
    postedAt: '2018-09-27T12:00:00Z',
    text: 'На полях сессии ГА ООН Министр провёл переговоры с Министром иностранных дел Египта С.Шукри.',
    type: 'meeting', date: '2018-09-27', counterparts: ['EG'],
  },
  {
    name: 'ru consultations of the deputy ministers of two states are bilateral; the subject matter is no party',
    channel: 'MID_Russia',
    postedAt: '2018-10-26T12:00:00Z',
    text: 'Состоялись консультации заместителей министров иностранных дел России и Китая по вопросам Афганистана.',
    type: 'meeting', date: '2018-10-26', counterparts: ['CN'],
  },
];

const NEVER: Case[] = [
  {
    name: 'ru announcement of talks to come',
    channel: 'KremlinRussia',
    postedAt: '2025-02-24T12:00:00Z',
    text: '26 февраля состоятся переговоры Владимира Путина с Президентом Республики Гвинея-Бисау Умару Сиссоку Эмбало',
    type: 'other', counterparts: [],
  },
  {
    name: 'en announcement: will hold talks',
    channel: 'MFARussia',
    postedAt: '2026-02-04T12:00:00Z',
    text: 'On February 6, Sergey Lavrov will hold talks with Federal Councillor, Head of the Federal Department of Foreign Affairs of Switzerland Ignazio Cassis.',
    type: 'other', counterparts: [],
  },
  {
    name: 'en anniversary of relations recalling old meetings',
    channel: 'MFARussia',
    postedAt: '2026-02-18T12:00:00Z',
    text: '🇷🇺 🇧🇫 February 18 marks the 59th anniversary of diplomatic relations between Russia and Burkina Faso.\n\nA regular meeting of the intergovernmental commission was held in Ouagadougou.',
    type: 'other', counterparts: [],
  },
  {
    name: 'en condolences are a statement',
    channel: 'MFARussia',
    postedAt: '2026-01-20T12:00:00Z',
    text: 'Condolences to the King of Thailand following the tragic accident.',
    type: 'statement', counterparts: [],
  },
  {
    name: 'ru congratulations are a statement',
    channel: 'MID_Russia',
    postedAt: '2026-01-20T12:00:00Z',
    text: 'Поздравление С.В.Лаврова Министру иностранных дел Зимбабве с Днём независимости.',
    type: 'statement', counterparts: [],
  },
  {
    name: "en a meeting between other countries",
    channel: 'MFARussia',
    postedAt: '2026-01-05T12:00:00Z',
    text: '🔴 #LIVE : UN Security Council meeting on the situation in Venezuela',
    type: 'other', counterparts: [],
  },
  {
    name: 'ru a domestic meeting with Russian officials',
    channel: 'KremlinRussia',
    postedAt: '2025-02-07T12:00:00Z',
    text: 'Совещание с постоянными членами Совета Безопасности\n\nВладимир Путин по видеосвязи провёл оперативное совещание с постоянными членами Совета Безопасности.',
    type: 'other', counterparts: [],
  },
  {
    name: 'en an embassy’s meeting with veterans is no meeting with the host country',
    channel: 'MFARussia',
    postedAt: '2026-02-06T12:00:00Z',
    text: '🇷🇺 The Embassy of the Russian Federation in Canada, together with the Canadian Association of Veterans, held a traditional meeting with veterans, volunteers, and representatives of public organizations.',
    type: 'other', counterparts: [],
  },
  {
    name: 'en quoted first-person speech is the speaker’s statement',
    channel: 'MFARussia',
    postedAt: '2026-01-17T12:00:00Z',
    text: '💬 High Commissioner for Human Rights Tatiana Moskalkova :\n\nAt the invitation of the President of the International Committee of the Red Cross we met at the ICRC headquarters in Geneva.',
    type: 'statement', counterparts: [],
  },
  {
    name: 'en reported intelligence is not our meeting',
    channel: 'MFARussia',
    postedAt: '2026-02-03T12:00:00Z',
    text: '⚡️ Foreign Intelligence Service of the Russian Federation:\n\nThe Press Bureau of the SVR reports that, according to intelligence received by the SVR, France is seeking a meeting with the Kiev regime.',
    type: 'statement', counterparts: [],
  },
  {
    name: 'ru a public forum is no multilateral contact',
    channel: 'KremlinRussia',
    postedAt: '2025-04-29T12:00:00Z',
    text: 'Президенты России и Белоруссии приняли участие в пленарном заседании Международного форума Союзного государства «Великое наследие – общее будущее».',
    type: 'other', counterparts: [],
  },
];

describe('contacts the live channels report', () => {
  test.each(CONTACTS)('$name', (c) => {
    const r = parsePostOrThrow(post(c.text, c.channel ?? 'MID_Russia', c.postedAt));
    expect(r.events).toHaveLength(1);
    const e = r.events[0]!;
    expect({ type: e.type, counterparts: counterparts(e) }).toEqual({ type: c.type, counterparts: c.counterparts });
    if (c.date) expect(e.date).toBe(c.date);
    if (c.principal) expect(e.principal).toBe(c.principal);
  });
});

describe('never a contact', () => {
  test.each(NEVER)('$name', (c) => {
    const r = parsePostOrThrow(post(c.text, c.channel ?? 'MID_Russia', c.postedAt));
    for (const e of r.events) {
      expect(['meeting', 'phone_call', 'multilateral']).not.toContain(e.type);
      expect(counterparts(e)).toEqual(c.counterparts);
    }
    if (r.events.length) expect(r.events[0]!.type).toBe(c.type);
  });
});

describe('one name per person', () => {
  const peopleOf = (text: string, channel = 'MID_Russia'): string[] =>
    parsePostOrThrow(post(text, channel, '2024-05-15T09:00:00Z')).events.flatMap((e) => e.people.map((p) => p.name));
  test.each([
    ['С.В.Лавров провёл переговоры с Министром иностранных дел Иордании Айманом Сафади.', ['Ayman Safadi']],
    ['С.В.Лавров провёл переговоры с Министром иностранных дел Иордании А.Сафади.', ['Ayman Safadi']],
    ['Sergey Lavrov met with Director General of the IAEA Rafael Grossi.', ['Rafael Grossi']],
    ['С.В.Лавров встретился с Генеральным директором МАГАТЭ Рафаэлем Гросси.', ['Rafael Grossi']],
    ['Sergey Lavrov held talks with President of Yemen’s Presidential Leadership Council in the Kremlin.', []],
  ])('%s', (text, names) => {
    expect(peopleOf(text)).toEqual(names);
  });
  test('an unknown person is named in the nominative', () => {
    expect(peopleOf('С.В.Лавров провёл переговоры с Министром иностранных дел Исландии Карлом Бладовым.')).toEqual(['Карл Бладов']);
  });
  test('a known person of another country in the subject makes the counterpart', () => {
    const e = parsePostOrThrow(post('Steven Witkoff welcomed at the Kremlin\n\nPresidential Aide Yuri Ushakov is attending the meeting on the Russian side.', 'MFARussia', '2026-01-22T21:15:00Z')).events[0]!;
    expect(counterparts(e)).toEqual(['US']);
  });
});
