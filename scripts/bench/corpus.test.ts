import { describe, expect, test } from 'vitest';
import { extract } from '@/lib/ingest/extract';
import { parsePost } from '@/lib/ingest/parse';
import { CORPUS_COUNTRY_CODES, CORPUS_ORG_CODES, generateCorpus, russianCases, toRawPost, type CorpusPost } from './corpus';

const take = (n: number, seed: number, extra: { from?: string; to?: string } = {}): CorpusPost[] => [...generateCorpus({ posts: n, seed, ...extra })];

// One 20,000-post corpus for the statistical checks.
const BIG = take(20_000, 7);

describe('synthetic corpus', () => {
  test('is the same for a seed and different for another', () => {
    const strip = (ps: CorpusPost[]) => ps.map(({ truth: _truth, ...p }) => p);
    expect(strip(take(100, 1))).toEqual(strip(take(100, 1)));
    expect(take(100, 1).map((p) => p.text)).not.toEqual(take(100, 2).map((p) => p.text));
  });

  test('gives exactly the posts asked for, with unique ids, in time order within the range', () => {
    expect(BIG).toHaveLength(20_000);
    expect(new Set(BIG.map((p) => p.id)).size).toBe(BIG.length);
    for (let i = 1; i < BIG.length; i++) expect(BIG[i]!.date >= BIG[i - 1]!.date).toBe(true);
    expect(BIG[0]!.date >= '2014-01-01T00:00:00.000Z').toBe(true);
    expect(BIG[BIG.length - 1]!.date < '2024-01-01T00:00:00.000Z').toBe(true);
    // Ten years, every year present, posted at Moscow office-ish hours (07:00-23:00 MSK).
    expect(new Set(BIG.map((p) => p.date.slice(0, 4))).size).toBe(10);
    for (const p of BIG) {
      expect(p.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
      const h = Number(p.date.slice(11, 13));
      expect(h >= 4 && h < 20).toBe(true);
    }
    const small = take(300, 3, { from: '2020-03-01', to: '2020-03-10' });
    expect(small).toHaveLength(300);
    expect(small.every((p) => p.date >= '2020-03-01' && p.date < '2020-03-11')).toBe(true);
    expect(() => take(1, 1, { from: '2020-02-30' })).toThrow(/from/);
    expect(() => take(1, 1, { from: '2021-01-01', to: '2020-01-01' })).toThrow(/before/);
  });

  test('has Russian and English posts, and pairs of one event on the two channels minutes apart', () => {
    expect(BIG.every((p) => (p.lang === 'ru' ? p.channel === 'MID_Russia' : p.channel === 'MFARussia'))).toBe(true);
    const ru = BIG.filter((p) => p.lang === 'ru').length;
    expect(ru / BIG.length).toBeGreaterThan(0.4);
    expect(ru / BIG.length).toBeLessThan(0.8);
    const byEvent = new Map<string, CorpusPost[]>();
    for (const p of BIG) byEvent.set(p.truth!.event, [...(byEvent.get(p.truth!.event) ?? []), p]);
    let pairs = 0;
    for (const ps of byEvent.values()) {
      const r = ps.find((p) => p.lang === 'ru');
      const e = ps.find((p) => p.lang === 'en');
      if (!r || !e) continue;
      pairs++;
      expect(e.truth).toBe(r.truth);
      expect(r.truth!.type).toBe(e.truth!.type);
    }
    expect(pairs).toBeGreaterThan(3000);
    // The pair posted together: English within two hours of the Russian.
    const close = [...byEvent.values()].filter((ps) => {
      const [a, b] = ps;
      return ps.length === 2 && a!.lang === 'ru' && b!.lang === 'en' && Date.parse(b!.date) - Date.parse(a!.date) <= 2 * 3_600_000;
    });
    expect(close.length).toBeGreaterThan(3000);
    // Repeats: some events are posted more than twice.
    expect([...byEvent.values()].some((ps) => ps.length > 2)).toBe(true);
  });

  test('has every kind of post, digests with bullet lines among them', () => {
    const types = new Set(BIG.map((p) => p.truth!.type));
    expect([...types].sort()).toEqual(['briefing', 'digest', 'interview', 'meeting', 'multilateral', 'phone_call', 'speech', 'statement', 'visit']);
    const digest = BIG.find((p) => p.truth!.type === 'digest' && p.lang === 'ru')!;
    expect(digest.text).toMatch(/^Поехали!/);
    expect(digest.text.split('\n').filter((l) => l.startsWith('• ')).length).toBe(digest.truth!.items!.length);
    expect(BIG.find((p) => p.truth!.type === 'digest' && p.lang === 'en')!.text).toMatch(/^Off we go!/);
    expect(BIG.some((p) => /#Россия\p{L}+/u.test(p.text))).toBe(true);
    expect(BIG.some((p) => /#Russia\p{L}+/u.test(p.text))).toBe(true);
  });

  test('draws counterparts with a long tail from ~190 states and ~40 organisations', () => {
    expect(CORPUS_COUNTRY_CODES.length).toBeGreaterThan(180);
    expect(CORPUS_COUNTRY_CODES).not.toContain('RU');
    expect(CORPUS_ORG_CODES.length).toBeGreaterThan(35);
    const counts = new Map<string, number>(CORPUS_COUNTRY_CODES.map((c) => [c, 0]));
    for (const p of BIG) for (const c of p.truth!.countries) counts.set(c, (counts.get(c) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    expect(sorted[0]).toBeGreaterThan(20 * Math.max(1, median));
    expect(sorted.filter((n) => n > 0).length).toBeGreaterThan(100);
    // The ranking is shuffled by the seed: another seed has another favourite.
    const top = (ps: CorpusPost[]) => {
      const m = new Map<string, number>();
      for (const p of ps) for (const c of p.truth!.countries) m.set(c, (m.get(c) ?? 0) + 1);
      return [...m].sort((a, b) => b[1] - a[1])[0]?.[0];
    };
    expect([top(take(3000, 11)), top(take(3000, 12)), top(take(3000, 13))]).not.toEqual([top(BIG), top(BIG), top(BIG)]);
  });

  test('the parser finds the intended counterpart of nine bilateral contacts in ten', () => {
    const contacts = BIG.map((p, i) => ({ p, i })).filter(({ p }) => (p.truth!.type === 'meeting' || p.truth!.type === 'phone_call') && p.truth!.countries.length === 1);
    expect(contacts.length).toBeGreaterThan(5000);
    let found = 0;
    for (const { p, i } of contacts) {
      const ev = parsePost(toRawPost(p, i)).events[0];
      if (ev?.type === p.truth!.type && ev.countries.some((c) => c.code === p.truth!.countries[0] && c.role === 'counterpart')) found++;
    }
    expect(found / contacts.length).toBeGreaterThan(0.9);
  });

  test('the parser finds the organisation of multilateral meetings and most items of digests', () => {
    const multi = BIG.map((p, i) => ({ p, i })).filter(({ p }) => p.truth!.type === 'multilateral');
    const ok = multi.filter(({ p, i }) => parsePost(toRawPost(p, i)).events[0]?.organizations.some((o) => o.code === p.truth!.organizations[0] && o.role === 'counterpart'));
    expect(ok.length / multi.length).toBeGreaterThan(0.9);
    const digests = BIG.map((p, i) => ({ p, i })).filter(({ p }) => p.truth!.type === 'digest');
    let items = 0;
    let hit = 0;
    for (const { p, i } of digests) {
      const evs = parsePost(toRawPost(p, i)).events;
      for (const it of p.truth!.items!) {
        items++;
        const code = it.countries[0] ?? it.organizations[0];
        if (evs.some((e) => e.fromDigest && [...e.countries, ...e.organizations].some((x) => x.code === code))) hit++;
      }
    }
    expect(hit / items).toBeGreaterThan(0.75);
  });

  test('merges the two posts of a pair into one event', () => {
    const slice = BIG.slice(0, 2000);
    const raw = slice.map(toRawPost);
    const byKey = new Map(slice.map((p) => [`${p.channel}/${p.id}`, p]));
    const merged = extract(raw).events.filter((e) => e.type === 'meeting' || e.type === 'phone_call');
    const joined = merged.filter((e) => new Set(e.postKeys.map((k) => byKey.get(k)!.lang)).size === 2);
    expect(joined.length).toBeGreaterThan(merged.length * 0.3);
  });

  test('toRawPost keeps id, date and language', () => {
    const p = take(1, 5)[0]!;
    expect(toRawPost(p, 4)).toEqual({ channel: p.channel, externalId: p.id, postedAt: new Date(p.date), lang: p.lang, text: p.text, url: null, seq: 4 });
  });
});

describe('Russian case forms', () => {
  test.each([
    ['Венесуэла', 'Венесуэлы', 'Венесуэлой', 'Венесуэлу'],
    ['Иордания', 'Иордании', 'Иорданией', 'Иорданию'],
    ['Африка', 'Африки', 'Африкой', 'Африку'],
    ['Беларусь', 'Беларуси', 'Беларусью', 'Беларусь'],
    ['Иран', 'Ирана', 'Ираном', 'Иран'],
    ['Парагвай', 'Парагвая', 'Парагваем', 'Парагвай'],
    ['Мали', 'Мали', 'Мали', 'Мали'],
    ['Никарагуа', 'Никарагуа', 'Никарагуа', 'Никарагуа'],
    ['Коста-Рика', 'Коста-Рики', 'Коста-Рикой', 'Коста-Рику'],
    ['Нидерланды', 'Нидерландов', 'Нидерландами', 'Нидерланды'],
    ['Саудовская Аравия', 'Саудовской Аравии', 'Саудовской Аравией', 'Саудовскую Аравию'],
    ['Объединённые Арабские Эмираты', 'Объединённых Арабских Эмиратов', 'Объединёнными Арабскими Эмиратами', 'Объединённые Арабские Эмираты'],
    ['Соединённые Штаты Америки', 'Соединённых Штатов Америки', 'Соединёнными Штатами Америки', 'Соединённые Штаты Америки'],
    ['Республика Конго', 'Республики Конго', 'Республикой Конго', 'Республику Конго'],
    ['Тринидад и Тобаго', 'Республики Тринидад и Тобаго', 'Республикой Тринидад и Тобаго', 'Республику Тринидад и Тобаго'],
  ])('%s', (nom, gen, ins, acc) => {
    expect(russianCases(nom)).toEqual({ nom, gen, ins, acc });
  });
});
