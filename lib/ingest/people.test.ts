import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import peopleData from './data/people.json';
import principalsData from './data/principals.json';
import { buildPeople, canonicalPeople, foldName, PEOPLE_REGISTRY, resolvePerson, transliterate } from './people';
import type { ParsedPerson } from './types';

const EVAL = join(__dirname, '../../data/eval');

describe('the registry', () => {
  test('people.json is valid and of a moderate size', () => {
    expect(() => buildPeople(peopleData)).not.toThrow();
    expect(PEOPLE_REGISTRY.length).toBeGreaterThanOrEqual(60);
    expect(PEOPLE_REGISTRY.length).toBeLessThanOrEqual(150);
  });

  test('no two people share a written form of their full name', () => {
    expect(buildPeople(peopleData).collisions()).toEqual([]);
  });

  test('every principal is in the registry, with the same surname, initials and English names', () => {
    for (const p of principalsData.principals) {
      const entry = PEOPLE_REGISTRY.find((e) => e.name === p.name);
      expect(entry, p.name).toBeDefined();
      if (!entry) continue;
      expect(entry.country).toBe('RU');
      const full = entry.ru.find((n) => n.split(' ').length === 3) ?? entry.ru[0];
      expect(full, p.name).toBeDefined();
      if (!full) continue;
      const words = full.split(' ');
      expect(words[words.length - 1], p.name).toBe(p.surname_ru);
      expect(`${words[0]?.[0]}.${words[1]?.[0]}.`, p.name).toBe(p.initials_ru);
      // As vocab.ts does: a surname too common to trust alone counts only in full.
      const names = [entry.name, ...entry.en, ...entry.short];
      for (const n of p.names_en) if (!('requireInitials' in p && p.requireInitials) || n.includes(' ')) expect(names, p.name).toContain(n);
    }
  });

  test('every person of the gold files is taken for a person, and their spellings for one person', () => {
    const names = new Map<string, string>();
    for (const f of ['dev-gold-mfarussia.json', 'dev-gold-kremlin-ru.json', 'sample-gold.json']) {
      const gold = JSON.parse(readFileSync(join(EVAL, f), 'utf8')) as { events: { people?: string[]; countries?: string[] }[] };
      for (const e of gold.events) {
        for (const n of e.people ?? []) {
          const r = resolvePerson(n, { country: e.countries?.length === 1 ? e.countries[0] : null });
          expect(r, `${f}: ${n}`).not.toBeNull();
          if (r) names.set(n, r.name);
        }
      }
    }
    expect(names.get('Feridun Sinirlioğlu')).toBe(names.get('Feridun Sinirlioglu'));
    expect(names.get('Maksim Ryzhenkov')).toBe(names.get('Maxim Ryzhenkov'));
    expect(names.get('Mohammed bin Zayed Al Nahyan')).toBe('Mohamed bin Zayed Al Nahyan');
    expect(names.get('Мухаммед Бен Заид Аль Нахайян')).toBe('Mohamed bin Zayed Al Nahyan');
    expect(names.get('Abdullah bin Zayed')).toBe('Abdullah bin Zayed Al Nahyan');
    expect(names.get('Стивен Уиткофф')).toBe(names.get('Steven Witkoff'));
    expect(names.get('Ван И')).toBe('Wang Yi');
  });
});

describe('a name resolves to its registry entry across cases, initials and languages', () => {
  test.each([
    // Jordan: indeclinable surname, the given name declines.
    ['Айманом Сафади', null, 'Ayman Safadi'],
    ['А.Сафади', 'JO', 'Ayman Safadi'],
    ['Сафади', null, 'Ayman Safadi'],
    ['Ayman Safadi', 'JO', 'Ayman Safadi'],
    ['Safadi', null, 'Ayman Safadi'],
    ['Министром иностранных дел Иордании Айманом Сафади', 'JO', 'Ayman Safadi'],
    // IAEA: the middle name, the initial.
    ['Рафаэлем Гросси', null, 'Rafael Grossi'],
    ['Р.Гросси', null, 'Rafael Grossi'],
    ['Rafael Grossi', null, 'Rafael Grossi'],
    ['Rafael Mariano Grossi', null, 'Rafael Grossi'],
    ['Director General Rafael Mariano Grossi', null, 'Rafael Grossi'],
    // A woman: the consonant surname stays, the given name declines.
    ['А.Бербок', null, 'Annalena Baerbock'],
    ['Анналеной Бербок', 'DE', 'Annalena Baerbock'],
    ['Анналены Бербок', 'DE', 'Annalena Baerbock'],
    ['Baerbock', null, 'Annalena Baerbock'],
    ['Хаканом Фиданом', 'TR', 'Hakan Fidan'],
    ['Х.Фиданом', 'TR', 'Hakan Fidan'],
    ['С.Джайшанкаром', 'IN', 'Subrahmanyam Jaishankar'],
    ['S. Jaishankar', 'IN', 'Subrahmanyam Jaishankar'],
    ['Ван И', 'CN', 'Wang Yi'],
    ['Си Цзиньпином', 'CN', 'Xi Jinping'],
    ['А.Гутерреш', null, 'António Guterres'],
    ['Антониу Гутерришем', null, 'António Guterres'],
    ['Antonio Guterres', null, 'António Guterres'],
    ['Рашадом Аль-Алими', 'YE', 'Rashad al-Alimi'],
    ['Rashad Al-Alimi', 'YE', 'Rashad al-Alimi'],
    ['И.Хилем', 'VE', 'Yvan Gil'],
    ['Yvan Gil Pinto', 'VE', 'Yvan Gil'],
    ['Р.Т.Эрдоганом', 'TR', 'Recep Tayyip Erdogan'],
    ['Recep Tayyip Erdoğan', 'TR', 'Recep Tayyip Erdogan'],
    ['Президентом США Дональдом Трампом', 'US', 'Donald Trump'],
    ['President Trump', null, 'Donald Trump'],
    ['Марко Рубио', 'US', 'Marco Rubio'],
    ['Стивеном Уиткоффом', 'US', 'Steve Witkoff'],
    ['Steven Witkoff', 'US', 'Steve Witkoff'],
    ['А.бен Заидом Аль Нахайяном', 'AE', 'Abdullah bin Zayed Al Nahyan'],
    ['Sheikh Abdullah bin Zayed Al Nahyan', 'AE', 'Abdullah bin Zayed Al Nahyan'],
    ['Мухаммедом Бен Сальманом Аль Саудом', 'SA', 'Mohammed bin Salman Al Saud'],
    ['Хейсамом Бен Тареком Аль Саидом', 'OM', 'Haitham bin Tarik Al Said'],
    ['Мигелем Диас-Канелем Бермудесом', 'CU', 'Miguel Díaz-Canel'],
    // Only the last part of Mongolian, Burmese, Kazakh names declines.
    ['Ухнагийн Хурэлсухом', 'MN', 'Ukhnaagiin Khurelsukh'],
    ['Мин Аун Хлайном', 'MM', 'Min Aung Hlaing'],
    ['Касым-Жомартом Токаевым', 'KZ', 'Kassym-Jomart Tokayev'],
    ['К.-Ж.Токаевым', 'KZ', 'Kassym-Jomart Tokayev'],
    ['Дж.Байденом', 'US', 'Joe Biden'],
    // The Russian side: patronymic initials, the address by name and patronymic.
    ['С.В.Лавровым', null, 'Sergey Lavrov'],
    ['Сергея Лаврова', null, 'Sergey Lavrov'],
    ['Sergei Lavrov', null, 'Sergey Lavrov'],
    ['Марией Захаровой', null, 'Maria Zakharova'],
    ['Шавкат Миромонович', 'UZ', 'Shavkat Mirziyoyev'],
    ['Александром Лукашенко', 'BY', 'Alexander Lukashenko'],
    // Leftovers of titles before a name the registry knows.
    ['Abroad Robert Dussey', 'TG', 'Robert Dussey'],
    ['Central Committee To Lam', 'VN', 'To Lam'],
    ['His Excellency Feridun Sinirlioğlu', null, 'Feridun Sinirlioglu'],
    ['Президентом Монголии Ухнагийн Хурэлсухом', 'MN', 'Ukhnaagiin Khurelsukh'],
    // A given name alone names the one leader of that name of the post's country.
    ['Касым-Жомартом', 'KZ', 'Kassym-Jomart Tokayev'],
    ['Мухаммедом Аль', 'AE', 'Mohamed bin Zayed Al Nahyan'],
  ])('%s (%s) → %s', (raw, country, name) => {
    const r = resolvePerson(raw, { country });
    expect(r?.name).toBe(name);
    expect(r?.known).toBe(true);
  });

  test('the answer carries both languages and the country', () => {
    expect(resolvePerson('Айманом Сафади')).toEqual({ name: 'Ayman Safadi', ru: 'Айман Сафади', latin: 'Ayman Safadi', country: 'JO', known: true });
    // International officials serve no state.
    expect(resolvePerson('Р.Гросси', { country: 'JO' })?.country).toBeNull();
  });

  test('a surname alone that belongs to someone of another country is not taken for them', () => {
    expect(resolvePerson('Safadi', { country: 'LB' })).toEqual(expect.objectContaining({ name: 'Safadi', known: false }));
    // After other words than titles, a surname may be a namesake's.
    expect(resolvePerson('Armen Pashinyan')).toEqual(expect.objectContaining({ name: 'Armen Pashinyan', known: false }));
  });
});

describe('names the registry does not know are put in the nominative', () => {
  // The Russian side only: the foreign counterparts below are unknown to this registry.
  const ruOnly = buildPeople({ ...peopleData, people: peopleData.people.filter((p) => p.country === 'RU') }, 'fixture.json');
  test.each([
    ['Рашадом Аль-Алими', 'Рашад Аль-Алими', 'Rashad Al-Alimi'],
    ['Эмомали Рахмоном', 'Эмомали Рахмон', 'Emomali Rakhmon'],
    ['Мохаммедом бен Салманом', 'Мохаммед бен Салман', 'Mokhammed ben Salman'],
    ['Хейсамом Бен Тареком Аль Саидом', 'Хейсам Бен Тарек Аль Саид', 'Kheysam Ben Tarek Al Said'],
    ['Анналеной Бербок', 'Анналена Бербок', 'Annalena Berbok'],
    ['Анналена Бербок', 'Анналена Бербок', 'Annalena Berbok'],
    ['Джорджей Мелони', 'Джорджа Мелони', 'Dzhordzha Meloni'],
    ['Марией Захаровой', 'Maria Zakharova', 'Maria Zakharova'],
    ['Кая Каллас', 'Кая Каллас', 'Kaya Kallas'],
    ['Мигелем Диас-Канелем Бермудесом', 'Мигель Диас-Канель Бермудес', 'Migel Dias-Kanel Bermudes'],
    ['Ухнагийн Хурэлсухом', 'Ухнагийн Хурэлсух', 'Ukhnagiyn Khurelsukh'],
    ['Касым-Жомартом Токаевым', 'Касым-Жомарт Токаев', 'Kasym-Zhomart Tokayev'],
    ['Мухаммеда Мустафы', 'Мухаммед Мустафа', 'Mukhammed Mustafa'],
    ['Хакана Фидана', 'Хакан Фидан', 'Khakan Fidan'],
    ['Хакану Фидану', 'Хакан Фидан', 'Khakan Fidan'],
    ['Анналену Бербок', 'Анналена Бербок', 'Annalena Berbok'],
    ['Зеленским', 'Зеленский', 'Zelensky'],
    ['А.Сафади', 'А.Сафади', 'A.Safadi'],
    ['С.Джайшанкаром', 'С.Джайшанкар', 'S.Dzhayshankar'],
    ['Э.Рейной', 'Э.Рейна', 'E.Reyna'],
    ['Умару Сиссоку Эмбало', 'Умару Сиссоку Эмбало', 'Umaru Sissoku Embalo'],
    // Russian governors and ministers of the Kremlin's posts.
    ['Андреем Чибисом', 'Андрей Чибис', 'Andrey Chibis'],
    ['Игорем Руденей', 'Игорь Руденя', 'Igor Rudenya'],
    ['Виталием Мутко', 'Виталий Мутко', 'Vitaly Mutko'],
    ['Сергея Чебнёва', 'Сергей Чебнёв', 'Sergey Chebnyov'],
    ['Александром Бородой', 'Александр Борода', 'Aleksandr Boroda'],
    ['Шапшой', 'Шапша', 'Shapsha'],
    // What a parser leaves of a title: the genitive before the name is dropped.
    ['Татарстана Рустамом Миннихановым', 'Рустам Минниханов', 'Rustam Minnikhanov'],
  ])('%s → %s (%s)', (raw, name, latin) => {
    const r = ruOnly.resolvePerson(raw);
    expect(r?.name).toBe(name);
    expect(r?.latin).toBe(latin);
  });

  test('an unknown name keeps the country it was found with', () => {
    expect(ruOnly.resolvePerson('Рашадом Аль-Алими', { country: 'YE' })).toEqual({
      name: 'Рашад Аль-Алими',
      ru: 'Рашад Аль-Алими',
      latin: 'Rashad Al-Alimi',
      country: 'YE',
      known: false,
    });
    expect(resolvePerson('Dr George Tapatula Chaponda', { country: 'MW' })).toEqual({
      name: 'George Tapatula Chaponda',
      ru: null,
      latin: 'George Tapatula Chaponda',
      country: 'MW',
      known: false,
    });
  });
});

describe('phrases that are not people', () => {
  test.each([
    ['@MFARussia'],
    ['#Lavrov'],
    ['#RussiaJordan'],
    ['https://t.me/MFARussia'],
    ['mid.ru'],
    ['August'],
    ['May'],
    ['Monday'],
    ['Августа'],
    ['Воскресенье'],
    ['Jordan'],
    ['Иорданией'],
    ['Moscow'],
    ['IAEA'],
    ['МАГАТЭ'],
    ['Kremlin'],
    ['Кремль'],
    ['Кремле'],
    ['Rome Mediterranean Dialogues'],
    ['Intergovernmental Negotiations'],
    ['Minister'],
    ['Foreign Minister'],
    ['Президент'],
    ['Министром иностранных дел'],
    ['СШ'],
    ['АСИ'],
    ['NATO'],
    ['G20'],
    ['Resolution 2231'],
    ['Думы'],
    ['Федерации'],
    ['Сил Валерием'],
    ['Сергеем'],
    ['Donald'],
    ['Правительства Михаилом'],
    ['the'],
  ])('%s', (raw) => {
    expect(resolvePerson(raw)).toBeNull();
  });

  test('an unknown name in the other script than the post is a quoted brand, not a counterpart', () => {
    expect(resolvePerson('George Tapatula Chaponda', { lang: 'ru' })).toBeNull();
    expect(resolvePerson('Андреем Чибисом', { lang: 'en' })).toBeNull();
    // The registry knows its people in either script whatever the post.
    expect(resolvePerson('Ayman Safadi', { lang: 'ru' })?.name).toBe('Ayman Safadi');
  });

  test('a month inside a name is no reason to refuse it', () => {
    expect(resolvePerson('Monday Simaya Kumba', { country: 'ZM' })?.name).toBe('Monday Simaya Kumba');
  });
});

describe('transliteration of Russian names', () => {
  test.each([
    ['Сергей', 'Sergey'],
    ['Юрий', 'Yury'],
    ['Дмитрий', 'Dmitry'],
    ['Евгений', 'Yevgeny'],
    ['Матвиенко', 'Matviyenko'],
    ['Зеленский', 'Zelensky'],
    ['Наталья', 'Natalya'],
    ['Ильин', 'Ilyin'],
    ['Мирзиёев', 'Mirziyoyev'],
    ['Щукин', 'Shchukin'],
    ['Хурэлсух', 'Khurelsukh'],
    ['Рашад Аль-Алими', 'Rashad Al-Alimi'],
    ['Андрей Чибис', 'Andrey Chibis'],
  ])('%s → %s', (ru, latin) => {
    expect(transliterate(ru)).toBe(latin);
  });

  test('folding drops Latin diacritics but keeps Russian letters', () => {
    expect(foldName('Erdoğan Szijjártó Touadéra')).toBe('erdogan szijjarto touadera');
    expect(foldName('Мирзиёев Хлайн Й')).toBe('мирзиеев хлайн й');
  });
});

describe('the schema', () => {
  const good = peopleData.people[0];
  test.each([
    ['a country that is no ISO code', { ...good, name: 'Test Person', country: 'Jordan' }],
    ['an office in a country and an organisation at once', { ...good, name: 'Test Person', offices: [{ title_en: 'Minister', country: 'JO', org: 'UN' }] }],
    ['an organisation that organizations.json does not list', { ...good, name: 'Test Person', offices: [{ title_en: 'Head', org: 'NOPE' }] }],
    ['an office that ends before it starts', { ...good, name: 'Test Person', offices: [{ title_en: 'Minister', country: 'JO', from: '2020-05-01', to: '2019' }] }],
    ['a Russian name in Latin script', { ...good, name: 'Test Person', ru: ['Test Person'] }],
    ['a field the schema does not know', { ...good, name: 'Test Person', gender: 'm' }],
    ['a person listed twice', { ...good }],
  ])('rejects %s, naming the file', (_what, entry) => {
    expect(() => buildPeople({ ...peopleData, people: [...peopleData.people, entry] }, 'fixture.json')).toThrow(/^fixture\.json: /);
  });
});

describe('adding a person is one line of data', () => {
  const line =
    '{ "name": "Mohamed Salem Ould Merzoug", "ru": ["Мохамед Салем Ульд Мерзуг"], "short": ["Merzoug", "Мерзуг"], "country": "MR", "offices": [{ "title_en": "Minister of Foreign Affairs, Cooperation and Mauritanians Abroad", "country": "MR" }] }';

  test('before the line the name is unknown; after it, every form resolves to the person', () => {
    expect(resolvePerson('Мохамедом Салемом Ульд Мерзугом')?.known).toBe(false);
    const people = buildPeople({ ...peopleData, people: [...peopleData.people, JSON.parse(line)] }, 'fixture.json');
    for (const raw of ['Mohamed Salem Ould Merzoug', 'Мохамедом Салемом Ульд Мерзугом', 'М.С.Ульд Мерзугом', 'Minister Merzoug', 'Мерзугу']) {
      expect(people.resolvePerson(raw, { country: 'MR' }), raw).toEqual({
        name: 'Mohamed Salem Ould Merzoug',
        ru: 'Мохамед Салем Ульд Мерзуг',
        latin: 'Mohamed Salem Ould Merzoug',
        country: 'MR',
        known: true,
      });
    }
  });
});

describe('canonicalPeople: one entry per person across the posts of an event', () => {
  const p = (name: string, country: string | null = null, title: string | null = null): ParsedPerson => ({ name, title, country });
  test.each([
    [[p('И.Хилем', 'VE'), p('Yvan Gil Pinto', 'VE'), p('Yvan Gil', 'VE')], ['Yvan Gil']],
    [[p('Rafael Mariano Grossi'), p('Rafael Grossi'), p('Р.Гросси')], ['Rafael Grossi']],
    [[p('Рашадом Аль-Алими', 'YE'), p('Rashad al-Alimi', 'YE')], ['Rashad al-Alimi']],
    [[p('А.Бербок', 'DE'), p('Annalena Baerbock', 'DE')], ['Annalena Baerbock']],
    [[p('А.Сафади', 'JO'), p('С.Шукри', 'EG')], ['Ayman Safadi', 'Sameh Shoukry']],
    [[p('Kremlin', 'AE'), p('Mohammed bin Zayed Al Nahyan', 'AE'), p('Мухаммедом Бен Заидом Аль Нахайяном', 'AE')], ['Mohamed bin Zayed Al Nahyan']],
    // Unknown names: matched through the transliteration, then the English spelling wins.
    [[p('Андреем Чибисом'), p('Andrey Chibis')], ['Andrey Chibis']],
    [[p('Андреем Чибисом'), p('Андрей Чибис')], ['Андрей Чибис']],
    // Unmatched Russian spellings beside as many English ones are the same people.
    [[p('Дж.Чапондой', 'MW'), p('George Tapatula Chaponda', 'MW')], ['George Tapatula Chaponda']],
    [[p('Mohamed Ali Nafti', 'TN'), p('Barry Faure', 'SC')], ['Mohamed Ali Nafti', 'Barry Faure']],
    // ... but not someone of another country.
    [[p('Андреем Чибисом', 'RU'), p('George Tapatula Chaponda', 'MW')], ['Андрей Чибис', 'George Tapatula Chaponda']],
  ])('%j', (people, names) => {
    expect(canonicalPeople(people).map((x) => x.name)).toEqual(names);
  });

  test('keeps the title and takes the country from the registry', () => {
    expect(canonicalPeople([p('А.Сафади', null, 'Министр иностранных дел Иордании'), p('Ayman Safadi', 'JO', 'Foreign Minister of Jordan')])).toEqual([
      { name: 'Ayman Safadi', title: 'Foreign Minister of Jordan', country: 'JO' },
    ]);
    expect(canonicalPeople([p('Rafael Grossi', 'JO', 'IAEA Director General')])).toEqual([{ name: 'Rafael Grossi', title: 'IAEA Director General', country: null }]);
  });

  test('is idempotent', () => {
    const once = canonicalPeople([p('И.Хилем', 'VE'), p('Андреем Чибисом'), p('George Tapatula Chaponda', 'MW')]);
    expect(canonicalPeople(once)).toEqual(once);
  });
});
