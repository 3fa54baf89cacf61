// One interface types every table; keep it in step with db/migrations.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A `date` column, read as YYYY-MM-DD text (see the type parsers in db/index.ts). */
type DateText = ColumnType<string, string, string>;

export interface ChannelsTable {
  id: Generated<number>;
  handle: string;
  title: string | null;
  language: string | null;
  created_at: Timestamp;
}

export type ParseStatus = 'ok' | 'no_event' | 'error';

export interface PostsTable {
  id: Generated<number>;
  channel_id: number;
  external_id: string | null;
  content_hash: string;
  posted_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  lang: string;
  text: string;
  hashtags: ColumnType<string[], string[], string[]>;
  url: string | null;
  source_file: string | null;
  seq: ColumnType<number, number | undefined, number>;
  year_hint: ColumnType<number | null, number | null | undefined, number | null>;
  parse_status: ColumnType<ParseStatus, ParseStatus | undefined, ParseStatus>;
  parse_error: string | null;
  ingested_at: Timestamp;
}

export interface EventsTable {
  id: Generated<number>;
  date: DateText | null;
  type: string;
  principal: string | null;
  venue: string | null;
  title: string;
  summary: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EventPostsTable {
  event_id: number;
  post_id: number;
  /** Phrases of this post that decided the event: [{field, value, phrase}]. */
  evidence: ColumnType<unknown, string, string>;
}

export interface EventCountriesTable {
  event_id: number;
  country: string;
  role: 'counterpart' | 'mentioned';
}

export interface EventOrganizationsTable {
  event_id: number;
  org: string;
  role: 'counterpart' | 'mentioned';
}

export interface EventPeopleTable {
  id: Generated<number>;
  event_id: number;
  name: string;
  title: string | null;
  country: string | null;
}

export interface EventTopicsTable {
  event_id: number;
  topic: string;
  phrases: ColumnType<string[], string[], string[]>;
}

export interface DataVersionTable {
  id: number;
  version: number;
  changed_at: Timestamp;
}

export interface RollupMonthlyTable {
  month: DateText;
  tset: string;
  facet: ColumnType<string, string | undefined, string>;
  span: ColumnType<'month' | 'year', 'month' | 'year' | undefined, 'month' | 'year'>;
  dim: 'events' | 'posts' | 'country' | 'org' | 'topic' | 'matrix';
  code: ColumnType<string, string | undefined, string>;
  n: number;
}

/** An event id that no longer exists, and what its permalink points to instead. */
export interface RetiredEventsTable {
  id: number;
  date: DateText | null;
  type: string;
  title: string;
  /** Counterpart countries (ISO 3166-1 alpha-2) and organisations of the event. */
  countries: ColumnType<string[], string[] | undefined, string[]>;
  organizations: ColumnType<string[], string[] | undefined, string[]>;
  /** The posts that reported it. */
  post_ids: ColumnType<number[], number[] | undefined, number[]>;
  retired_at: Timestamp;
}

export interface Database {
  channels: ChannelsTable;
  posts: PostsTable;
  events: EventsTable;
  event_posts: EventPostsTable;
  event_countries: EventCountriesTable;
  event_organizations: EventOrganizationsTable;
  event_people: EventPeopleTable;
  event_topics: EventTopicsTable;
  data_version: DataVersionTable;
  rollup_monthly: RollupMonthlyTable;
  retired_events: RetiredEventsTable;
}

export type Post = Selectable<PostsTable>;
export type NewPost = Insertable<PostsTable>;
export type Event = Selectable<EventsTable>;
