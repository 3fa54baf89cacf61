import { describe, expect, test } from 'vitest';
import countriesData from './data/countries.json';
import organizationsData from './data/organizations.json';
import placesData from './data/places.json';
import principalsData from './data/principals.json';
import topicsData from './data/topics.json';
import { adjectiveForms, nounForms, phraseSlots, surnameForms } from './russian';
import { findFlags, findHashtags, splitHashtag } from './text';
import { COUNTRIES } from '@/lib/domain/geo';
import { DATA_SCHEMAS, findMentions, findTopics, isCountryCode } from './vocab';

const first = (text: string): string | null => {
  const m = findMentions(text).find((x) => x.kind === 'country' || x.kind === 'org');
  return m ? (m.kind === 'org' ? `@${m.code}` : m.code) : null;
};

describe('data files', () => {
  test.each([
    ['countries', DATA_SCHEMAS.countries, countriesData],
    ['organizations', DATA_SCHEMAS.organizations, organizationsData],
    ['topics', DATA_SCHEMAS.topics, topicsData],
    ['principals', DATA_SCHEMAS.principals, principalsData],
    ['places', DATA_SCHEMAS.places, placesData],
  ])('%s.json matches its schema', (_name, schema, data) => {
    expect(schema.safeParse(data).success).toBe(true);
  });

  test('a malformed file is rejected', () => {
    expect(DATA_SCHEMAS.topics.safeParse({ topics: [{ code: 'X Y', label_en: '', phrases_en: [] }] }).success).toBe(false);
  });
});

describe('Russian case forms from the nominative', () => {
  test.each([
    ['Венесуэла', ['венесуэлы', 'венесуэле', 'венесуэлу', 'венесуэлой']],
    ['Иордания', ['иордании', 'иорданию', 'иорданией']],
    ['Иран', ['ирана', 'ирану', 'ираном', 'иране']],
    ['Беларусь', ['беларуси', 'беларусью']],
    ['Парагвай', ['парагвая', 'парагваем']],
    ['Нидерланды', ['нидерландов', 'нидерландами']],
    ['государство', ['государства', 'государством']],
  ])('%s', (word, forms) => {
    expect(nounForms(word)).toEqual(expect.arrayContaining(forms));
  });

  test('adjectives and surnames', () => {
    expect(adjectiveForms('йеменский')).toEqual(expect.arrayContaining(['йеменской', 'йеменского', 'йеменским']));
    expect(surnameForms('Лавров')).toEqual(expect.arrayContaining(['лаврова', 'лаврову', 'лавровым']));
    expect(surnameForms('Захарова')).toEqual(expect.arrayContaining(['захаровой', 'захарову']));
    expect(surnameForms('Руденко')).toEqual(['руденко']);
  });

  test('only the head of a name inflects', () => {
    expect(phraseSlots('Лига арабских государств')[2]).toEqual(['государств']);
    expect(phraseSlots('Республика Корея')[1]).toEqual(['корея']);
    expect(phraseSlots('Саудовская Аравия')[0]).toContain('саудовской');
    expect(phraseSlots('Нью-Йорк')[1]).toContain('йорке');
    expect(phraseSlots('Гвинея-Бисау')[0]).toContain('гвинеи');
  });
});

describe('countries and organisations in any case form', () => {
  test.each([
    ['Венесуэла', 'VE'], ['Венесуэлы', 'VE'], ['Венесуэле', 'VE'], ['Венесуэлу', 'VE'], ['Венесуэлой', 'VE'],
    ['Иордания', 'JO'], ['Иорданией', 'JO'], ['Йеменской Республики', 'YE'], ['КНР', 'CN'], ['Китаем', 'CN'],
    ['Боливарианской Республики Венесуэла', 'VE'], ['Республики Гондурас', 'HN'], ['Индии', 'IN'], ['ОАЭ', 'AE'],
    ['Саудовской Аравии', 'SA'], ['ЮАР', 'ZA'], ['Турции', 'TR'], ['Ирана', 'IR'], ['Египта', 'EG'], ['Бразилии', 'BR'],
    ['Казахстана', 'KZ'], ['Белоруссии', 'BY'], ['Беларуси', 'BY'], ['Узбекистана', 'UZ'], ['Монголии', 'MN'],
    ['Вьетнама', 'VN'], ['Кубы', 'CU'], ['Никарагуа', 'NI'], ['Мали', 'ML'], ['Буркина-Фасо', 'BF'],
    ['Соединёнными Штатами', 'US'], ['Объединённых Арабских Эмиратов', 'AE'], ['Южно-Африканской Республикой', 'ZA'],
    ['венесуэльский', 'VE'], ['иорданской', 'JO'], ['китайским', 'CN'],
    ['МАГАТЭ', '@IAEA'], ['ЛАГ', '@LAS'], ['ОДКБ', '@CSTO'], ['ШОС', '@SCO'], ['БРИКС', '@BRICS'], ['ЕАЭС', '@EAEU'],
    ['СНГ', '@CIS'], ['ООН', '@UN'], ['Лиги арабских государств', '@LAS'], ['Шанхайской организацией сотрудничества', '@SCO'],
    ['Организации Договора о коллективной безопасности', '@CSTO'], ['Евразийского экономического союза', '@EAEU'],
    ['«Группы двадцати»', '@G20'], ['Совета Безопасности ООН', '@UN'], ['Европейским союзом', '@EU'],
    ['the Hashemite Kingdom of Jordan', 'JO'], ['the Bolivarian Republic of Venezuela', 'VE'], ['Jordanian', 'JO'],
    ['Arab League', '@LAS'], ['League of Arab States', '@LAS'], ['International Atomic Energy Agency', '@IAEA'],
    ['Shanghai Cooperation Organisation', '@SCO'], ['Türkiye', 'TR'], ['the Republic of Türkiye', 'TR'], ['UAE', 'AE'],
    ['the People’s Republic of China', 'CN'], ['Democratic Republic of the Congo', 'CD'], ['Republic of the Congo', 'CG'],
    ['South Africa', 'ZA'], ['Papua New Guinea', 'PG'], ['Guinea-Bissau', 'GW'], ['G20', '@G20'],
  ])('%s → %s', (text, code) => {
    expect(first(text)).toBe(code);
  });

  test('both halves of a compound adjective name a country: российско-иорданские', () => {
    expect(findMentions('российско-иорданские переговоры').map((m) => m.code)).toEqual(['RU', 'JO']);
  });

  test('the countries the parser names are those of the one country table, by its own names', () => {
    const codes = new Set(COUNTRIES.map((c) => c.code));
    for (const code of Object.keys(countriesData.countries)) expect(codes.has(code), code).toBe(true);
    expect(isCountryCode('AB')).toBe(true);
    expect(isCountryCode('XX')).toBe(false);
    // Every country with a shape on the map is found by the name the dashboard gives it, in
    // English and in Russian.
    const missed = COUNTRIES.filter((c) => c.numeric && c.code !== 'RU')
      .filter((c) => !findMentions(`Talks with ${c.name}.`).some((m) => m.code === c.code) && !findMentions(`Переговоры: ${c.nameRu}.`).some((m) => m.code === c.code))
      .map((c) => c.code);
    expect(missed).toEqual([]);
  });

  test('an English demonym in the plural names the country: Mauritanians Abroad', () => {
    expect(first('Minister of Foreign Affairs, African Cooperation and Mauritanians Abroad')).toBe('MR');
  });

  test.each([
    ['us pronoun', 'Let us talk'],
    ['region', 'Latin America'],
    ['region ru', 'Латинской Америкой'],
    ['lowercase common word', 'того же мнения'],
  ])('no false country: %s', (_n, text) => {
    expect(first(text)).toBeNull();
  });

  test('principals in case forms and English', () => {
    const codes = (t: string): string[] => findMentions(t).filter((m) => m.kind === 'principal').map((m) => m.code);
    expect(codes('С.В.Лавров, С.В.Лаврова, Лавровым, FM Lavrov, Sergey Lavrov')).toEqual(Array(5).fill('Sergey Lavrov'));
    expect(codes('В.В.Путин и М.В.Захаровой')).toEqual(['Vladimir Putin', 'Maria Zakharova']);
    expect(codes('Иванов сказал')).toEqual([]);
  });
});

describe('flags and hashtags', () => {
  test('flag pairs become ISO codes', () => {
    expect(findFlags('🇷🇺🇻🇪 текст 🇺🇳').map((f) => f.code)).toEqual(['RU', 'VE', 'UN']);
  });

  test.each([
    ['#РоссияВенесуэла', 'Россия Венесуэла'],
    ['#RussiaArabLeague', 'Russia Arab League'],
    ['#РоссияЛАГ', 'Россия ЛАГ'],
    ['#UNGA78', 'UNGA 78'],
    ['#RussiaHonduras', 'Russia Honduras'],
  ])('%s splits into %s', (tag, words) => {
    expect(splitHashtag(tag)).toBe(words);
  });

  test('a # inside a word is not a hashtag', () => {
    expect(findHashtags('C# and #Lavrov').map((h) => h.text)).toEqual(['#Lavrov']);
  });
});

describe('topics', () => {
  test.each([
    ['Обсуждена ситуация вокруг Запорожской АЭС', ['nuclear', 'ukraine']],
    ['The ministers discussed trade and investment ties', ['trade_economy']],
    ['Обсуждены вопросы сотрудничества в ЕАЭС и ШОС', ['integration']],
    ['attacks on the Nord Stream pipelines', ['ukraine', 'energy']],
    ['урегулирование в Нагорном Карабахе', ['south_caucasus']],
  ])('%s', (text, codes) => {
    expect(findTopics(text).map((t) => t.code)).toEqual(expect.arrayContaining(codes));
  });

  test('the phrase is quoted from the text', () => {
    const t = findTopics('развитие торгово-экономических связей');
    expect(t[0]).toEqual({ code: 'trade_economy', phrases: ['торгово-экономических'] });
  });
});
