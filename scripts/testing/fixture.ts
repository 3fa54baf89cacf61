// A small, hand-made set of posts and events for query tests: known counts per country, topic,
// week and type, and ties in date for pagination.
import type { Kysely } from 'kysely';
import type { Database } from '@/db/types';
import type { EventType } from '@/lib/domain/events';
import { refreshRollup } from '@/db/rollup-refresh';
import { bumpDataVersion } from '@/db/queries/version';

export interface FixtureEvent {
  date: string | null;
  type: EventType;
  principal?: string;
  countries?: string[];
  mentioned?: string[];
  orgs?: string[];
  topics?: string[];
  people?: string[];
  posts: { lang: 'ru' | 'en'; text: string }[];
}

export const FIXTURE: FixtureEvent[] = [
  { date: '2023-09-20', type: 'meeting', principal: 'Sergey Lavrov', countries: ['VE'], topics: ['trade_economy', 'un_multilateralism'], people: ['Yvan Gil'],
    posts: [{ lang: 'ru', text: '20 сентября состоялась беседа С.В.Лаврова с Министром иностранных дел Венесуэлы И.Хилем.' }, { lang: 'en', text: 'Sergey Lavrov held talks with Foreign Minister of Venezuela Yvan Gil.' }] },
  { date: '2023-09-20', type: 'meeting', principal: 'Sergey Lavrov', countries: ['JO'], mentioned: ['SY', 'UA'], topics: ['middle_east', 'ukraine'], people: ['Ayman Safadi'],
    posts: [{ lang: 'en', text: 'On September 20, Sergey Lavrov met with Foreign Minister of Jordan Ayman Safadi. They discussed Syria.' }] },
  { date: '2023-09-20', type: 'multilateral', principal: 'Sergey Lavrov', orgs: ['CSTO'], topics: ['security'],
    posts: [{ lang: 'en', text: 'Working meeting of the Foreign Ministers of the CSTO member countries in New York.' }] },
  { date: '2023-09-21', type: 'meeting', principal: 'Sergey Lavrov', countries: ['YE'], topics: ['middle_east', 'security'],
    posts: [{ lang: 'ru', text: '21 сентября состоялась встреча С.В.Лаврова с Председателем Руководящего президентского совета Йемена.' }] },
  { date: '2023-09-12', type: 'phone_call', principal: 'Sergey Lavrov', countries: ['VE'], topics: ['trade_economy'],
    posts: [{ lang: 'ru', text: 'Телефонный разговор С.В.Лаврова с Министром иностранных дел Венесуэлы.' }] },
  { date: '2023-08-30', type: 'meeting', principal: 'Sergey Lavrov', countries: ['TR'], topics: ['energy'],
    posts: [{ lang: 'en', text: 'Sergey Lavrov held talks with Minister of Foreign Affairs of Turkiye Hakan Fidan on gas supplies.' }] },
  { date: '2023-09-19', type: 'briefing', principal: 'Maria Zakharova', topics: ['ukraine'],
    posts: [{ lang: 'en', text: 'Briefing by Foreign Ministry Spokeswoman Maria Zakharova.' }] },
  { date: null, type: 'statement', principal: 'Maria Zakharova', topics: ['south_caucasus'],
    posts: [{ lang: 'en', text: '#Opinion by Maria Zakharova on Karabakh.' }] },
];

/** Inserts the fixture; returns the event ids in fixture order. */
export async function insertFixture(db: Kysely<Database>): Promise<number[]> {
  const ch = await db.insertInto('channels').values({ handle: 'fixture' }).returning('id').executeTakeFirstOrThrow();
  const ids: number[] = [];
  let n = 0;
  for (const e of FIXTURE) {
    const ev = await db
      .insertInto('events')
      .values({ date: e.date, type: e.type, principal: e.principal ?? null, venue: null, title: e.posts[0]?.text.slice(0, 80) ?? '', summary: '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(ev.id);
    const countries = [
      ...(e.countries ?? []).map((c) => ({ event_id: ev.id, country: c, role: 'counterpart' as const })),
      ...(e.mentioned ?? []).map((c) => ({ event_id: ev.id, country: c, role: 'mentioned' as const })),
    ];
    if (countries.length) await db.insertInto('event_countries').values(countries).execute();
    if (e.orgs?.length) await db.insertInto('event_organizations').values(e.orgs.map((o) => ({ event_id: ev.id, org: o, role: 'counterpart' as const }))).execute();
    if (e.topics?.length) await db.insertInto('event_topics').values(e.topics.map((t) => ({ event_id: ev.id, topic: t, phrases: [t] }))).execute();
    if (e.people?.length) await db.insertInto('event_people').values(e.people.map((p) => ({ event_id: ev.id, name: p, title: null, country: e.countries?.[0] ?? null }))).execute();
    for (const p of e.posts) {
      const post = await db
        .insertInto('posts')
        .values({ channel_id: ch.id, content_hash: `fixture-${n++}`, lang: p.lang, text: p.text, hashtags: [] })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('event_posts').values({ event_id: ev.id, post_id: post.id, evidence: '[]' }).execute();
    }
  }
  await refreshRollup(db, null);
  await bumpDataVersion(db);
  return ids;
}
