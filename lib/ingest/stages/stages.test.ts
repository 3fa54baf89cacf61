// Each stage of the parser on its own, on the context of a realistic line.
import { describe, expect, test } from 'vitest';
import { makeContext, parsePostOrThrow } from '../parse';
import { lines, type Span } from '../text';
import type { Lang } from '../types';
import { maskedRanges } from './circumstances';
import type { Ctx } from './context';
import { analyseLead, homeSide, withSpan } from './counterparts';
import { digestLines } from './digest';
import { dateIn } from './event-date';
import { leadSentence, voiceOf } from './lead';
import { detectType } from './type';

function ctxOf(text: string, lang: Lang, postedAt: string | null = '2025-12-20T09:00:00Z', channel = 'MID_Russia'): Ctx {
  return makeContext(text, lang, postedAt ? new Date(postedAt) : null, channel);
}
const whole = (ctx: Ctx): Span => ({ start: 0, end: ctx.text.length });
const cut = (ctx: Ctx, s: Span | null): string | null => (s ? ctx.text.slice(s.start, s.end) : null);

describe('lead', () => {
  test('initials do not end the lead sentence', () => {
    const ctx = ctxOf('С.В.Лавров провёл переговоры с А.Сафади. Обсуждены вопросы.', 'ru');
    expect(cut(ctx, leadSentence(ctx, lines(ctx.text)[0]!))).toBe('С.В.Лавров провёл переговоры с А.Сафади.');
  });
  test('a very long lead is cut, so that every stage stays linear', () => {
    const ctx = ctxOf(`Sergey Lavrov met ${'with the delegation '.repeat(2000)}`, 'en');
    const s = leadSentence(ctx, lines(ctx.text)[0]!);
    expect(s.end - s.start).toBeLessThanOrEqual(600);
  });
  test.each([
    ['💬 Maria Zakharova: We met our partners.', 'quoted'],
    ['Permanent Mission to the OSCE:\n\n🗓 On January 13, the Permanent Representative presented his credentials.', 'attributed'],
    ['Permanent Mission to the OSCE:\n\n«We met our partners», he said.', 'quoted'],
    ['#RussiaHelps\n\n💬 Maria Zakharova : ceremonies were held.', 'quoted'],
    ['Sergey Lavrov met with Ayman Safadi.', 'report'],
  ])('voice of %j is %s', (text, voice) => {
    const ctx = ctxOf(text, 'en');
    expect(voiceOf(ctx, lines(ctx.text))).toBe(voice);
  });
});

describe('type', () => {
  test.each([
    ['Sergey Lavrov met with Ayman Safadi', 'meeting', 'en.triggers.meeting: met'],
    ['Metropolitan Anthony spoke with the press', null, null],
    ['Sergey Lavrov had a telephone conversation with Hakan Fidan', 'phone_call', 'en.triggers.phone_call: telephone conversation*'],
    ['Opening remarks by Sergey Lavrov during talks with Ayman Safadi', 'meeting', 'en.triggers.meeting: talks'],
    ['Remarks by Sergey Lavrov at the UN Security Council meeting', 'speech', 'en.triggers.speech: remarks'],
    ['The SVR reports that France seeks a meeting with Kiev', null, null],
    ['Выступление и ответы на вопросы СМИ С.В.Лаврова в ходе пресс-конференции по итогам переговоров с Министром иностранных дел Турции', 'meeting', 'ru.triggers.meeting: переговор*'],
  ])('%j → %s', (text, type, rule) => {
    const ctx = ctxOf(text, /[а-я]/.test(text) ? 'ru' : 'en');
    const hit = detectType(ctx, whole(ctx), maskedRanges(ctx, whole(ctx)));
    expect(hit?.type ?? null).toBe(type);
    expect(hit?.rule ?? null).toBe(rule);
  });
  test('ru: "принял участие" is taking part, "принял" alone is receiving', () => {
    const a = ctxOf('С.В.Лавров принял участие в заседании СМИД ОДКБ', 'ru');
    const b = ctxOf('С.В.Лавров принял Посла Китая', 'ru');
    expect(detectType(a, whole(a), [])?.type).toBe('multilateral');
    expect(detectType(b, whole(b), [])?.type).toBe('meeting');
  });
});

describe('circumstances', () => {
  test('"on the sidelines of" masks the setting up to the next verb or comma', () => {
    const ctx = ctxOf('On the sidelines of the UN General Assembly, Sergey Lavrov met with Ayman Safadi', 'en');
    expect(maskedRanges(ctx, whole(ctx)).map((m) => cut(ctx, m))).toEqual(['On the sidelines of the UN General Assembly']);
  });
});

describe('counterparts', () => {
  test('the with-phrase stops at the circumstances', () => {
    const ctx = ctxOf('Sergey Lavrov met with Foreign Minister of Jordan Ayman Safadi on the sidelines of the UNGA.', 'en');
    expect(cut(ctx, withSpan(ctx, whole(ctx), 0))).toBe('Foreign Minister of Jordan Ayman Safadi');
  });
  test('"between" names both sides', () => {
    const ctx = ctxOf('A meeting between Vladimir Putin and President of Tajikistan Emomali Rahmon was held.', 'en');
    const span = withSpan(ctx, whole(ctx), ctx.text.indexOf('meeting') + 7);
    expect(span?.both).toBe(true);
    expect(cut(ctx, span)).toBe('Vladimir Putin and President of Tajikistan Emomali Rahmon');
  });
  test.each([
    ['Sergey Lavrov received the Ambassador of China Zhang Hanhui.', ['CN'], 'object of the verb'],
    ['Sergey Lavrov and Hakan Fidan of Türkiye held talks.', ['TR'], 'subject'],
    ['Sergey Lavrov met with Ayman Safadi of Jordan in Moscow.', ['JO'], 'with-phrase'],
    ['The Embassy in Canada held a meeting with veterans.', [], null],
  ])('%j → %j', (text, codes, rule) => {
    const ctx = ctxOf(text, 'en');
    const d = analyseLead(ctx, whole(ctx));
    expect([...(d?.countries.keys() ?? [])]).toEqual(codes);
    if (rule) expect([...(d?.countries.values() ?? [])][0]?.rule).toBe(rule);
  });
  test('the home side: a principal, the home country, or a headline that opens with the trigger', () => {
    const yes = ['Sergey Lavrov met with Ayman Safadi.', 'Talks with the President of Brazil', 'Russian–Qatari talks were held in Doha.'];
    const no = ['The Israeli Government held a meeting with settlers from Jordan.', 'UN Security Council meeting on Venezuela'];
    const side = (text: string): boolean => {
      const ctx = ctxOf(text, 'en');
      const d = analyseLead(ctx, whole(ctx));
      return d !== null && homeSide(ctx, whole(ctx), d, d.trigger ? withSpan(ctx, whole(ctx), d.trigger.end) : null);
    };
    expect(yes.map(side)).toEqual([true, true, true]);
    expect(no.map(side)).toEqual([false, false]);
  });
});

describe('dates', () => {
  test.each([
    ['On December 18, Sergey Lavrov met Ayman Safadi.', 'en', '2025-12-18', 'date in the lead'],
    ['Yesterday Sergey Lavrov met Ayman Safadi.', 'en', '2025-12-19', 'en.relativeDays: yesterday'],
    ['Вчера С.В.Лавров встретился с А.Сафади.', 'ru', '2025-12-19', 'ru.relativeDays: вчера'],
    ['On the evening of December 9, Sergey Lavrov spoke by phone with Hakan Fidan.', 'en', '2025-12-09', 'date in the lead'],
    ['The agreement of December 5 was discussed.', 'en', null, null],
    ['Talks will be held on December 26.', 'en', null, null],
  ] as const)('%j → %s', (text, lang, date, rule) => {
    const ctx = ctxOf(text, lang);
    const got = dateIn(ctx, whole(ctx));
    expect(got?.date ?? null).toBe(date);
    expect(got?.rule ?? null).toBe(rule);
  });
  test('the publication day is taken in the channel’s zone, with its history (UTC+4 in 2013)', () => {
    const ctx = ctxOf('Text', 'en', '2013-06-01T20:30:00Z');
    expect(ctx.dateCtx.postedDay).toBe('2013-06-02');
  });
});

describe('digests', () => {
  test('a numbered, flag-bulleted list under "held talks with:" is one contact per item', () => {
    const ctx = ctxOf(
      'On December 19-20, in Cairo, Foreign Minister Sergey Lavrov held talks with:\n\n1. 🇨🇬 Republic of the Congo – Jean-Claude Gakosso\n2. 🇬🇳 Guinea – Morissanda Kouyaté\n3. 🇸🇱 Sierra Leone – Timothy Kabba',
      'en',
      '2025-12-21T09:00:00Z',
      'MFARussia',
    );
    const events = digestLines(ctx, lines(ctx.text)) ?? [];
    expect(events.map((e) => [e.date, e.type, e.countries.map((c) => c.code).join()])).toEqual([
      ['2025-12-19', 'meeting', 'CG'],
      ['2025-12-19', 'meeting', 'GN'],
      ['2025-12-19', 'meeting', 'SL'],
    ]);
  });
  test('a statement with bullet paragraphs is no digest', () => {
    const ctx = ctxOf('❗ Excerpts from the statement by Ambassador Gennady Gatilov:\n\n🔹 I thank the Chair for the meeting with the US.\n🔹 The meeting with Iran was useful.\n🔹 We met with China.', 'en');
    expect(digestLines(ctx, lines(ctx.text))).toBeNull();
  });
});

describe('topics', () => {
  const topicsOf = (text: string): string[] =>
    (parsePostOrThrow({ channel: 'MFARussia', externalId: null, postedAt: new Date('2025-12-20T09:00:00Z'), lang: 'en', text, url: null, seq: 0 }).events[0]?.topics ?? []).map((t) => t.code);
  test('a title is not a topic: the envoy for Africa discussing trade', () => {
    expect(topicsOf('🤝 On December 19, Deputy Foreign Minister, Special Presidential Envoy for the Middle East and Africa Mikhail Bogdanov met with Ambassador of Qatar Ahmed bin Nasser Al Thani.\n\nThe sides discussed trade and economic cooperation.')).toEqual(['trade_economy']);
  });
  test('the venue is not a topic: the sidelines of the UN General Assembly', () => {
    expect(topicsOf('On the sidelines of the UN General Assembly, Sergey Lavrov met with Ayman Safadi of Jordan. They discussed the energy market.')).toEqual(['energy']);
  });
  test('at most a handful, the weightiest first', () => {
    const t = topicsOf('Sergey Lavrov met with Ayman Safadi of Jordan. They discussed energy, energy supplies and the energy market, as well as nuclear safety, culture, trade, terrorism, human rights, the media and the Ukraine crisis.');
    expect(t.length).toBeLessThanOrEqual(5);
    expect(t[0]).toBe('energy');
  });
  test('a portfolio is not a counterpart: the UN Special Envoy for Syria', () => {
    const e = parsePostOrThrow({ channel: 'MFARussia', externalId: null, postedAt: new Date('2025-12-20T09:00:00Z'), lang: 'en', text: 'Sergey Lavrov met with UN Special Envoy for Syria Geir Pedersen.', url: null, seq: 0 }).events[0]!;
    expect(e.countries.filter((c) => c.role === 'counterpart')).toEqual([]);
    expect(e.organizations.map((o) => o.code)).toEqual(['UN']);
  });
});
