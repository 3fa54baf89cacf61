// The database's tables for Kysely: the generated interface (db/schema.generated.ts, written by
// `npm run gen:db-types` from what the migrations make, and checked against them by a test),
// with the columns whose values are one of a few narrowed to those.
import type { ColumnType } from 'kysely';
import type { EventType } from '@/lib/domain/events';
import type { Lang } from '@/lib/domain/lang';
import type { DB } from './schema.generated';

export type ParseStatus = 'ok' | 'no_event' | 'error';
type Role = 'counterpart' | 'mentioned';
type RollupDimName = 'events' | 'posts' | 'country' | 'org' | 'topic' | 'matrix';
type Span = 'month' | 'year';

/** A table with some of its columns given a narrower type. */
type Narrow<T, N extends { [K in keyof T]?: unknown }> = Omit<T, keyof N> & N;

/** With a default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface Database extends Omit<DB, 'events' | 'posts' | 'event_posts' | 'event_countries' | 'event_organizations' | 'retired_events' | 'rollup_monthly'> {
  events: Narrow<DB['events'], { type: EventType }>;
  posts: Narrow<DB['posts'], { lang: Lang; parse_status: Defaulted<ParseStatus> }>;
  /** evidence: the phrases of the post that decided the event, as JSON ([{field, value, phrase}]). */
  event_posts: Narrow<DB['event_posts'], { evidence: ColumnType<unknown, string | undefined, string>; role: Defaulted<'report' | 'digest'> }>;
  event_countries: Narrow<DB['event_countries'], { role: Role }>;
  event_organizations: Narrow<DB['event_organizations'], { role: Role }>;
  retired_events: Narrow<DB['retired_events'], { type: EventType }>;
  rollup_monthly: Narrow<DB['rollup_monthly'], { dim: RollupDimName; span: Defaulted<Span> }>;
}
