// The contract between the readers, the parser, the merger and the store.
import type { Evidence } from '@/lib/domain/api';

export type { Evidence };

export { CONTACT_TYPES, EVENT_TYPES, type EventType } from '@/lib/domain/events';
import type { EventType } from '@/lib/domain/events';

export const INPUT_FORMATS = ['telegram', 'telegram-html', 'jsonl', 'text'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

import type { Lang } from '@/lib/domain/lang';

export type { Lang };
export type Role = 'counterpart' | 'mentioned';

/** A post as read from a file, before any parsing. */
export interface RawPost {
  /** Channel handle or title as the source gives it; null when unknown. */
  channel: string | null;
  /** Message id (Telegram) or `id` (JSON Lines); null for plain text. */
  externalId: string | null;
  /** When the post was published (UTC instant); null when the source has no timestamps. */
  postedAt: Date | null;
  /** Language as the source states it; the parser detects it when null. */
  lang: Lang | null;
  text: string;
  /** Link to the original post, when the channel is public. */
  url: string | null;
  /** Position in its file, from 0: posts keep their order. */
  seq: number;
}

export interface ParsedPerson {
  name: string;
  title: string | null;
  /** ISO 3166-1 alpha-2 of the person's country when known. */
  country: string | null;
}

export interface ParsedEvent {
  /** Day the event happened, YYYY-MM-DD; null when the post gives none. */
  date: string | null;
  type: EventType;
  countries: { code: string; role: Role }[];
  organizations: { code: string; role: Role }[];
  people: ParsedPerson[];
  /** The Russian side, full name in English ("Sergey Lavrov"); null when unknown. */
  principal: string | null;
  venue: string | null;
  /** One line for the timeline, in the post's language. */
  title: string;
  summary: string;
  topics: { code: string; phrases: string[] }[];
  evidence: Evidence[];
  /** True when the event comes from one line of a digest post. */
  fromDigest: boolean;
}

export interface ParsedPost {
  lang: Lang;
  hashtags: string[];
  events: ParsedEvent[];
  /** Set when the parser failed on this post: the post is kept, without events, and counted. */
  error?: string;
}

export interface ParseOptions {
  /** Year for dates written without one, when the post has no timestamp. */
  year?: number;
  /** Time budget of one post, in ms (default DEFAULT_BUDGET_MS of lib/ingest/budget.ts). */
  budgetMs?: number;
}
