// Applies a filter set to a query over `events` (aliased `e`): the one place filters become SQL.
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Database } from '../types';
import { countriesInRegion } from '@/lib/domain/geo';
import { effectiveTypes, type Filters } from '@/lib/domain/filters';
import { hasSearchSyntax, searchWords, type ResolvedSearch, type SearchTerm } from '@/lib/domain/search';

export type EventsDb = Database & { e: Database['events'] };
type Eb = ExpressionBuilder<EventsDb, 'e'>;

/** Filters with their search read into parts (lib/server does it with the parser's vocabulary). */
export type SearchFilters = Filters & { search?: ResolvedSearch | null };

/** The countries a filter asks for: those named, and those of the regions named. */
export function filterCountries(f: Filters): string[] {
  return [...new Set([...f.country, ...f.region.flatMap(countriesInRegion)])];
}

/** A WHERE condition on `e` for the filters; `omit` leaves some out (the previous-period range). */
export function eventConditions(eb: Eb, f: SearchFilters, omit: { dates?: boolean; types?: boolean } = {}): Expression<SqlBool> {
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
  const search = f.q ? (f.search ?? null) : null;
  if (f.lang || f.channel.length || (f.q && !search)) {
    let posts = reportingPosts(eb, f);
    // A post that is about the event, not a digest that lists it among the day's others.
    if (f.q) posts = posts.where('fp.role', '=', 'report').where(textMatch(f.q, !hasSearchSyntax(f.q)));
    and.push(eb.exists(posts));
  }
  // Each part of a resolved search matches by its words in a report, or by the counterpart or
  // person it names, in whichever language the posts are.
  for (const term of search?.terms ?? []) and.push(termCondition(eb, f, term));
  return eb.and(and);
}

/** The posts of `e`, of the language and channels asked for. */
function reportingPosts(eb: Eb, f: Filters) {
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
  return posts;
}

/**
 * Whether a post's text has the words: as written (web search syntax: "phrases", -not, or) and,
 * where `prefixes` (a query without that syntax), each word as the start of one ("Kerr" finds Kerry, "Венесуэ" Венесуэлы):
 * letters and digits only in the prefix query, so nothing in q can be read as query syntax there.
 */
function textMatch(q: string, prefixes: boolean): Expression<SqlBool> {
  const prefix = prefixes ? prefixQuery(q) : null;
  return prefix
    ? sql<SqlBool>`p.tsv @@ (websearch_to_tsquery('russian', ${q}) || websearch_to_tsquery('english', ${q}) || to_tsquery('russian', ${prefix}) || to_tsquery('english', ${prefix}))`
    : sql<SqlBool>`p.tsv @@ (websearch_to_tsquery('russian', ${q}) || websearch_to_tsquery('english', ${q}))`;
}

function termCondition(eb: Eb, f: Filters, term: SearchTerm): Expression<SqlBool> {
  const or: Expression<SqlBool>[] = [eb.exists(reportingPosts(eb, f).where('fp.role', '=', 'report').where(textMatch(term.text, true)))];
  if (term.countries.length) {
    or.push(
      eb('e.id', 'in', eb.selectFrom('event_countries as sc').select('sc.event_id').where('sc.role', '=', 'counterpart').where('sc.country', 'in', term.countries)),
    );
  }
  if (term.orgs.length) {
    or.push(eb('e.id', 'in', eb.selectFrom('event_organizations as so').select('so.event_id').where('so.role', '=', 'counterpart').where('so.org', 'in', term.orgs)));
  }
  if (term.people.length) or.push(eb('e.id', 'in', eb.selectFrom('event_people as sp').select('sp.event_id').where('sp.name', 'in', term.people)));
  for (const start of term.nameStarts) {
    // A word of the name begins with the query's word, both read into one spelling of Latin
    // letters, whatever the script they were written in.
    or.push(
      eb(
        'e.id',
        'in',
        eb
          .selectFrom('event_people as sn')
          .select('sn.event_id')
          .where(sql<SqlBool>`(' ' || ${nameKey(sql.ref('sn.name'))}) like ('% ' || ${nameKey(sql.val(start))} || '%')`),
      ),
    );
  }
  return eb.or(or);
}

// A name in one spelling: Cyrillic written in Latin letters, letters that the two scripts
// spell differently made one (Kerry/Керри: "keri"; Chávez/Чавес: "caves"), doubled letters
// single, all else a space. In SQL, so that the stored names and the query's words are read by
// the same expression.
const NAME_STEPS: [from: string, to: string][] = [
  ['щ', 's'], ['ш', 's'], ['ж', 's'], ['ч', 'c'], ['ц', 'c'], ['х', ''], ['ю', 'iu'], ['я', 'ia'], ['ё', 'e'], ['э', 'e'], ['ъ', ''], ['ь', ''], ['й', 'i'], ['ы', 'i'],
  ['ts', 'c'], ['kh', 'h'],
];
const NAME_TRANSLATE = ['абвгдезиклмнопрстуфyjwqzxh', 'abvgdesiklmnoprstufiivksk'];

function nameKey(value: Expression<string>): Expression<string> {
  let x: Expression<string> = sql<string>`lower(${value})`;
  for (const [from, to] of NAME_STEPS) x = sql<string>`replace(${x}, ${sql.lit(from)}, ${sql.lit(to)})`;
  x = sql<string>`translate(${x}, ${sql.lit(NAME_TRANSLATE[0])}, ${sql.lit(NAME_TRANSLATE[1])})`;
  return sql<string>`regexp_replace(regexp_replace(${x}, '(.)\\1+', '\\1', 'g'), '[^a-z]+', ' ', 'g')`;
}


/** "Kerr Lavr" as a tsquery of prefixes ("Kerr:* & Lavr:*"); null when q has no word to use. */
export function prefixQuery(q: string): string | null {
  const words = searchWords(q);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}
