// A post made ready to store: its content hash, language and parsed events, or the error that
// parsing raised. Pure, so that it can run in a worker thread as well as in the caller.
import { createHash } from 'node:crypto';
import { inferYear } from '@/lib/ingest/extract';
import { parsePost } from '@/lib/ingest/parse';
import { detectLang } from '@/lib/ingest/text';
import type { Lang, ParsedEvent, RawPost } from '@/lib/ingest/types';
import { canonicalChannel, DEFAULT_CHANNEL } from './channel';

export interface PrepareOptions {
  /** Channel for posts that name none (a post's own channel always wins: see withChannel). */
  channel?: string;
  /** Year for dates written without one (--year). */
  year?: number;
}

export interface Prepared {
  raw: RawPost;
  year: number | undefined;
  /** The channel it is stored under (canonicalChannel). */
  channel: string;
  hash: string;
  lang: Lang;
  hashtags: string[];
  events: ParsedEvent[];
  error: string | null;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex');
}

export function prepareOne(raw: RawPost, opts: PrepareOptions): Prepared {
  const channel = canonicalChannel(raw.channel?.trim() || opts.channel?.trim() || DEFAULT_CHANNEL);
  const base = { raw, channel, hash: contentHash(raw.text), year: opts.year };
  try {
    const parsed = parsePost(raw, { year: opts.year });
    // parsePost reports its own failures in `error` instead of throwing: the post must reach the
    // database marked as failed, with no events, not as a post that merely has none.
    if (parsed.error !== undefined) return { ...base, lang: parsed.lang, hashtags: parsed.hashtags, events: [], error: failureMessage(parsed.error) };
    return { ...base, lang: parsed.lang, hashtags: parsed.hashtags, events: parsed.events, error: null };
  } catch (err) {
    // parsePost is not meant to throw; if it does all the same, the post is recorded the same way.
    const lang: Lang = raw.lang ?? detectLang(raw.text);
    return { ...base, lang, hashtags: [], events: [], error: failureMessage(err instanceof Error ? err.message : String(err)) };
  }
}

/** A failure is told apart from success by a message that is there: an empty one gets words. */
function failureMessage(message: string): string {
  return message.trim() || 'the parser failed without a message';
}

/**
 * Posts without a timestamp (plain text) write dates without a year; unless --year says
 * otherwise they take the year the batch's other posts state in full.
 */
export function withInferredYear(posts: RawPost[], prepared: Prepared[], opts: PrepareOptions): Prepared[] {
  if (opts.year !== undefined || !posts.some((p) => p.postedAt === null)) return prepared;
  const year = inferYear(prepared.map((p) => ({ lang: p.lang, hashtags: p.hashtags, events: p.events })));
  if (year === undefined) return prepared;
  return prepared.map((p) => (p.raw.postedAt === null ? prepareOne(p.raw, { ...opts, year }) : p));
}

export function prepareAll(posts: RawPost[], opts: PrepareOptions): Prepared[] {
  return withInferredYear(posts, posts.map((p) => prepareOne(p, opts)), opts);
}
