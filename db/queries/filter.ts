// Applies a filter set to a query over `events` (aliased `e`): the one place filters become SQL.
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Database } from '../types';
import { countriesInRegion } from '@/lib/domain/geo';
import { effectiveTypes, type Filters } from '@/lib/domain/filters';
import { searchWords } from '@/lib/domain/search';

export type EventsDb = Database & { e: Database['events'] };
type Eb = ExpressionBuilder<EventsDb, 'e'>;

/** The countries a filter asks for: those named, and those of the regions named. */
export function filterCountries(f: Filters): string[] {
  return [...new Set([...f.country, ...f.region.flatMap(countriesInRegion)])];
}

/** A WHERE condition on `e` for the filters; `omit` leaves some out (the previous-period range). */
export function eventConditions(eb: Eb, f: Filters, omit: { dates?: boolean; types?: boolean } = {}): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [];
  if (!omit.dates && f.from) and.push(eb('e.date', '>=', f.from));
  if (!omit.dates && f.to) and.push(eb('e.date', '<=', f.to));
  if (!omit.types) and.push(eb('e.type', 'in', effectiveTypes(f)));
  if (f.principal.length) and.push(eb('e.principal', 'in', f.principal));
  const countries = filterCountries(f);
  if (f.country.length || f.region.length) {
    and.push(
      eb.exists(
        eb
          .selectFrom('event_countries as fc')
          .select(sql.lit(1).as('one'))
          .whereRef('fc.event_id', '=', 'e.id')
          .where('fc.role', '=', 'counterpart')
          // A region with no country in it matches nothing, not everything.
          .where('fc.country', 'in', countries.length ? countries : ['--']),
      ),
    );
  }
  if (f.org.length) {
    and.push(
      eb.exists(
        eb
          .selectFrom('event_organizations as fo')
          .select(sql.lit(1).as('one'))
          .whereRef('fo.event_id', '=', 'e.id')
          .where('fo.role', '=', 'counterpart')
          .where('fo.org', 'in', f.org),
      ),
    );
  }
  if (f.topic.length) {
    and.push(
      eb.exists(
        eb.selectFrom('event_topics as ft').select(sql.lit(1).as('one')).whereRef('ft.event_id', '=', 'e.id').where('ft.topic', 'in', f.topic),
      ),
    );
  }
  if (f.lang || f.q || f.channel.length) {
    let posts = eb
      .selectFrom('event_posts as fp')
      .innerJoin('posts as p', 'p.id', 'fp.post_id')
      .select(sql.lit(1).as('one'))
      .whereRef('fp.event_id', '=', 'e.id');
    if (f.lang) posts = posts.where('p.lang', '=', f.lang);
    // An event of a channel is one a post of that channel reports; handles are compared without
    // their case, as Telegram does.
    if (f.channel.length) {
      const wanted = f.channel.map((c) => c.toLowerCase());
      posts = posts.where('p.channel_id', 'in', eb.selectFrom('channels as ch').select('ch.id').where(sql<string>`lower(ch.handle)`, 'in', wanted));
    }
    if (f.q) {
      // A post that is about the event, not a digest that lists it among the day's others.
      posts = posts.where('fp.role', '=', 'report');
      // The words as written (web search syntax: "phrases", -not, or), or each word as the start
      // of one ("Kerr" finds Kerry, "Венесуэ" Венесуэлы): letters and digits only in the prefix
      // query, so nothing in q can be read as query syntax there.
      const prefix = prefixQuery(f.q);
      posts = posts.where(
        prefix
          ? sql<SqlBool>`p.tsv @@ (websearch_to_tsquery('russian', ${f.q}) || websearch_to_tsquery('english', ${f.q}) || to_tsquery('russian', ${prefix}) || to_tsquery('english', ${prefix}))`
          : sql<SqlBool>`p.tsv @@ (websearch_to_tsquery('russian', ${f.q}) || websearch_to_tsquery('english', ${f.q}))`,
      );
    }
    and.push(eb.exists(posts));
  }
  return eb.and(and);
}

/** "Kerr Lavr" as a tsquery of prefixes ("Kerr:* & Lavr:*"); null when q has no word to use. */
export function prefixQuery(q: string): string | null {
  const words = searchWords(q);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}
