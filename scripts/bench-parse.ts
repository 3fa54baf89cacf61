// Parser benchmark: a large deterministic corpus of channel-style posts in Russian and
// English, parsed on one core. Run: npx tsx scripts/bench-parse.ts [posts]
import { performance } from 'node:perf_hooks';
import { extract } from '../lib/ingest/extract';
import { parsePost } from '../lib/ingest/parse';
import type { RawPost } from '../lib/ingest/types';

const N = Number(process.argv[2] ?? 60_000);

// mulberry32: small, fast and the same on every machine.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20230920);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

// [flag letters, English name, Russian genitive, Russian instrumental, minister (en), minister (ru, instrumental)]
const COUNTRIES = [
  ['VE', 'the Bolivarian Republic of Venezuela', 'Венесуэлы', 'Венесуэлой', 'Yvan Gil', 'И.Хилем'],
  ['JO', 'the Hashemite Kingdom of Jordan', 'Иордании', 'Иорданией', 'Ayman Safadi', 'А.Сафади'],
  ['IN', 'India', 'Индии', 'Индией', 'Subrahmanyam Jaishankar', 'С.Джайшанкаром'],
  ['CN', 'the People’s Republic of China', 'КНР', 'Китаем', 'Wang Yi', 'Ван И'],
  ['TR', 'the Republic of Türkiye', 'Турецкой Республики', 'Турцией', 'Hakan Fidan', 'Х.Фиданом'],
  ['AE', 'the United Arab Emirates', 'ОАЭ', 'ОАЭ', 'Abdullah bin Zayed Al Nahyan', 'Абдаллой бен Заидом Аль Нахайяном'],
  ['SA', 'the Kingdom of Saudi Arabia', 'Саудовской Аравии', 'Саудовской Аравией', 'Faisal bin Farhan Al Saud', 'Фейсалом бин Фарханом Аль Саудом'],
  ['ZA', 'South Africa', 'ЮАР', 'ЮАР', 'Naledi Pandor', 'Н.Пандор'],
  ['IR', 'Iran', 'Ирана', 'Ираном', 'Hossein Amir-Abdollahian', 'Х.Амир-Абдоллахианом'],
  ['EG', 'Egypt', 'Египта', 'Египтом', 'Sameh Shoukry', 'С.Шукри'],
  ['BR', 'Brazil', 'Бразилии', 'Бразилией', 'Mauro Vieira', 'М.Виейрой'],
  ['KZ', 'the Republic of Kazakhstan', 'Казахстана', 'Казахстаном', 'Murat Nurtleu', 'М.Нуртлеу'],
  ['BY', 'the Republic of Belarus', 'Республики Беларусь', 'Белоруссией', 'Sergei Aleinik', 'С.Алейником'],
  ['UZ', 'Uzbekistan', 'Узбекистана', 'Узбекистаном', 'Bakhtiyor Saidov', 'Б.Саидовым'],
  ['MN', 'Mongolia', 'Монголии', 'Монголией', 'Battsetseg Batmunkh', 'Б.Батцэцэг'],
  ['VN', 'Vietnam', 'Вьетнама', 'Вьетнамом', 'Bui Thanh Son', 'Буй Тхань Шоном'],
  ['CU', 'the Republic of Cuba', 'Кубы', 'Кубой', 'Bruno Rodriguez', 'Б.Родригесом'],
  ['NI', 'Nicaragua', 'Никарагуа', 'Никарагуа', 'Denis Moncada', 'Д.Монкадой'],
  ['ML', 'Mali', 'Мали', 'Мали', 'Abdoulaye Diop', 'А.Диопом'],
  ['BF', 'Burkina Faso', 'Буркина-Фасо', 'Буркина-Фасо', 'Olivia Rouamba', 'О.Руамбой'],
  ['YE', 'the Republic of Yemen', 'Йеменской Республики', 'Йеменом', 'Ahmed bin Mubarak', 'А.бен Мубараком'],
  ['HN', 'the Republic of Honduras', 'Республики Гондурас', 'Гондурасом', 'Eduardo Enrique Reina', 'Э.Рейной'],
] as const;
const ORGS = [
  ['CSTO', 'the Foreign Ministers of the CSTO member countries', 'глав внешнеполитических ведомств государств-членов ОДКБ'],
  ['SCO', 'the SCO Council of Foreign Ministers', 'Совета министров иностранных дел государств-членов ШОС'],
  ['BRICS', 'BRICS Ministers of Foreign Affairs', 'министров иностранных дел стран БРИКС'],
  ['CIS', 'the CIS Council of Foreign Ministers', 'Совета министров иностранных дел СНГ'],
  ['G20', 'the G20 Foreign Ministers', 'министров иностранных дел «Группы двадцати»'],
] as const;
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_RU = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const CITIES = [['Moscow', 'Москве'], ['New York', 'Нью-Йорке'], ['Minsk', 'Минске'], ['Beijing', 'Пекине'], ['Astana', 'Астане']] as const;
const BODY_EN = [
  'The ministers discussed the current state and future of political, trade, economic and humanitarian cooperation.',
  'An in-depth discussion of the key issues on the Middle East agenda took place, with an emphasis on the Palestinian-Israeli settlement.',
  'The developments in Ukraine were raised in the context of the collective West’s attempts to support the Kiev regime.',
  'The parties reaffirmed their commitment to strengthening coordination within the United Nations and the Group of Friends in Defence of the UN Charter.',
  'They agreed to step up cooperation in energy, transport and logistics, and to expand cultural and educational exchanges.',
];
const BODY_RU = [
  'Обсуждены актуальные вопросы двусторонней повестки дня, включая торгово-экономическое и культурно-гуманитарное сотрудничество.',
  'Состоялся обмен мнениями по ситуации на Ближнем Востоке и в Северной Африке, а также по украинскому кризису.',
  'Подтверждена готовность к дальнейшему укреплению внешнеполитической координации в ООН и на других международных площадках.',
  'Стороны условились о шагах по совершенствованию договорно-правовой базы и расширению научно-технических связей.',
  'Особое внимание уделено вопросам энергетики, транспорта и логистики в контексте интеграционных процессов в ЕАЭС.',
];

function body(lang: 'en' | 'ru'): string {
  const src = lang === 'en' ? BODY_EN : BODY_RU;
  const n = 1 + Math.floor(rand() * 4);
  return Array.from({ length: n }, () => pick(src)).join('\n\n');
}

function makePost(seq: number): RawPost {
  const c = pick(COUNTRIES);
  const o = pick(ORGS);
  const m = Math.floor(rand() * 12);
  const d = 1 + Math.floor(rand() * 28);
  const year = 2019 + Math.floor(rand() * 6);
  const city = pick(CITIES);
  const flag = String.fromCodePoint(...[...`RU${c[0]}`].map((ch) => 0x1f1e6 + ch.charCodeAt(0) - 65));
  const en = rand() < 0.5;
  const kind = Math.floor(rand() * 8);
  let text: string;
  if (en) {
    text = [
      `${flag} On ${MONTHS_EN[m]} ${d}, Foreign Minister Sergey Lavrov held talks with Minister of Foreign Affairs of ${c[1]} ${c[4]} in ${city[0]}.\n\n${body('en')}\n\n#Russia${c[0]}`,
      `📞 Sergey Lavrov had a telephone conversation with Foreign Minister of ${c[1]} ${c[4]}.\n\n${body('en')}`,
      `🗓 On ${MONTHS_EN[m]} ${d}, Foreign Minister Sergey Lavrov took part in a meeting of ${o[1]} in ${city[0]}.\n\n${body('en')}`,
      `🎙 Briefing by Foreign Ministry Spokeswoman Maria Zakharova (Moscow, ${MONTHS_EN[m]} ${d}, ${year})\n\n🔷 Ukrainian crisis\n🔷 Situation in the Middle East\n🔷 #Russia${c[0]} relations\n\n💬 ${body('en')}`,
      `Off we go! 🇺🇳\n\nDay 1\n\n🇷🇺🇺🇳 On ${MONTHS_EN[m]} ${d}, the Russian delegation led by Foreign Minister Sergey Lavrov arrived in ${city[0]}.\n\n• Meeting with Foreign Minister of ${c[1]} ${c[4]}.\n• Working meeting of ${o[1]}.\n• Telephone conversation with Foreign Minister of Egypt Sameh Shoukry.\nFM Lavrov's remarks at the UN Security Council meeting.`,
      `#Opinion by Maria Zakharova\n💬 ${body('en')}\nThe statement dated November 9, 2020 served as a roadmap.`,
      `🤝 Sergey Lavrov met with Deputy Prime Minister and Foreign Minister of ${c[1]} ${c[4]} on the sidelines of the 78th session of the UN General Assembly.\n\n${body('en')}`,
      `🇷🇺${flag.slice(2)} Sergey Lavrov arrived in ${city[0]} on an official visit.\n\n${body('en')}`,
    ][kind];
  } else {
    text = [
      `${flag} ${d} ${MONTHS_RU[m]} в ${city[1]} состоялись переговоры Министра иностранных дел России С.В.Лаврова с Министром иностранных дел ${c[2]} ${c[5]}.\n\n${body('ru')}\n\n#Россия${c[0]}`,
      `📞 Состоялся телефонный разговор Министра иностранных дел России С.В.Лаврова с Министром иностранных дел ${c[2]} ${c[5]}.\n\n${body('ru')}`,
      `🗓 ${d} ${MONTHS_RU[m]} С.В.Лавров принял участие в заседании ${o[2]} в ${city[1]}.\n\n${body('ru')}`,
      `🎙 Брифинг официального представителя МИД России М.В.Захаровой (Москва, ${d} ${MONTHS_RU[m]} ${year} года)\n\n🔷 Украинский кризис\n🔷 Отношения с ${c[3]}\n\n💬 ${body('ru')}`,
      `Поехали! 🇺🇳\n\nДень 1\n\n🇷🇺🇺🇳 ${d} ${MONTHS_RU[m]} российская делегация во главе с С.В.Лавровым прибыла в ${city[1]}.\n\n• Встреча с Министром иностранных дел ${c[2]} ${c[5]}.\n• Рабочая встреча ${o[2]}.\n• Телефонный разговор с Министром иностранных дел Египта С.Шукри.\nВыступление С.В.Лаврова на заседании СБ ООН.`,
      `🇷🇺 Президент России В.В.Путин:\n\n💬 ${body('ru')}\n\nИз беседы с Министром иностранных дел ${c[2]} ${c[5]} (${city[1].replace(/е$/, 'а')}, ${d} ${MONTHS_RU[m]} ${year} года).`,
      `🤝 ${d} ${MONTHS_RU[m]} «на полях» 78-й сессии Генассамблеи ООН состоялась встреча С.В.Лаврова с ${c[5]}, Министром иностранных дел ${c[2]}.\n\n${body('ru')}`,
      `С.В.Лавров провёл переговоры с ${c[3]} и ${pick(COUNTRIES)[3]} в трёхстороннем формате.\n\n${body('ru')}`,
    ][kind];
  }
  const posted = Date.UTC(year, m, d, 6 + Math.floor(rand() * 14), Math.floor(rand() * 60));
  return { channel: 'MID_Russia', externalId: String(100000 + seq), postedAt: new Date(posted), lang: null, text, url: null, seq };
}

const posts = Array.from({ length: N }, (_, i) => makePost(i));
const bytes = posts.reduce((s, p) => s + Buffer.byteLength(p.text, 'utf8'), 0);

// Warm up the JIT, then time the parse alone and the full extract (parse + merge).
for (let i = 0; i < 2000; i++) parsePost(posts[i % posts.length]);
let events = 0;
const t0 = performance.now();
for (const p of posts) events += parsePost(p).events.length;
const parseMs = performance.now() - t0;
const t1 = performance.now();
const merged = extract(posts).events.length;
const extractMs = performance.now() - t1;

const fmt = (n: number, d = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const report = [
  `corpus     ${fmt(N)} posts, ${fmt(bytes / 1e6, 1)} MB of text (avg ${fmt(bytes / N)} bytes), seed 20230920`,
  `parsePost  ${fmt(parseMs)} ms  ${fmt(N / (parseMs / 1000))} posts/s  ${fmt(bytes / 1e6 / (parseMs / 1000), 2)} MB/s  (${fmt(events)} events)`,
  `extract    ${fmt(extractMs)} ms  ${fmt(N / (extractMs / 1000))} posts/s  (${fmt(merged)} events after merging)`,
  `target     10,000 posts/s: ${N / (parseMs / 1000) >= 10_000 ? 'met' : 'MISSED'}`,
];
process.stdout.write(report.join('\n') + '\n');
