// Posts in, merged events out, plus the JSON the extraction scorer reads.
import { mergeAll } from './merge';
import { parsePost } from './parse';
import type { ParsedEvent, ParsedPost, ParseOptions, RawPost } from './types';

export interface ExtractOptions extends ParseOptions {
  /** Names plain-text posts that have no id: "<source>#<seq>" (usually the file's base name). */
  source?: string;
}

export interface ExtractedEvent extends ParsedEvent {
  /** Keys of the posts that report the event (see postKey). */
  postKeys: string[];
}

/** A post the parser failed on: it yields no events, and the run names it rather than hide it. */
export interface ParseFailure {
  /** The post's key (see postKey). */
  post: string;
  message: string;
}

export interface ExtractResult {
  posts: number;
  events: ExtractedEvent[];
  errors: ParseFailure[];
}

/** Stable key of a post: channel-qualified message id, else "<source>#<seq>". */
export function postKey(post: RawPost, source = 'post'): string {
  if (post.externalId) return post.channel ? `${post.channel}/${post.externalId}` : post.externalId;
  return `${source}#${post.seq}`;
}

/**
 * Plain text has no timestamps: dates like "20 сентября" take the year that the other
 * posts of the same file state ("(Moscow, September 19, 2023)"), the most frequent one.
 */
export function inferYear(parsed: ParsedPost[]): number | undefined {
  const counts = new Map<number, number>();
  for (const p of parsed) {
    for (const e of p.events) {
      if (!e.date || !e.evidence.some((x) => x.field === 'date' && /\d{4}/.test(x.phrase))) continue;
      const y = Number(e.date.slice(0, 4));
      counts.set(y, (counts.get(y) ?? 0) + 1);
    }
  }
  let best: number | undefined;
  let n = 0;
  for (const [y, c] of [...counts].sort((a, b) => a[0] - b[0])) {
    if (c > n) {
      best = y;
      n = c;
    }
  }
  return best;
}

/** Parses every post, then folds the reports of one real event into one. */
export function extract(posts: RawPost[], opts: ExtractOptions = {}): ExtractResult {
  let parsed = posts.map((p) => parsePost(p, opts));
  if (opts.year === undefined && posts.some((p) => p.postedAt === null)) {
    const year = inferYear(parsed);
    if (year !== undefined) parsed = posts.map((p, i) => (p.postedAt === null ? parsePost(p, { ...opts, year }) : parsed[i]!));
  }
  const items = parsed.flatMap((pp, i) => pp.events.map((event) => ({ postKey: postKey(posts[i]!, opts.source), event })));
  const merged = mergeAll(items);
  return {
    posts: posts.length,
    events: merged.map(({ event, postKeys }) => ({ ...event, postKeys })),
    errors: parsed.flatMap((pp, i) => (pp.error === undefined ? [] : [{ post: postKey(posts[i]!, opts.source), message: pp.error }])),
  };
}

export interface ScorerEvent {
  date: string | null;
  type: string;
  countries: string[];
  organizations: string[];
  people: string[];
  principal: string | null;
  topics: string[];
  venue: string | null;
  posts: string[];
}

/**
 * The scorer's contract (data/eval/score.mjs): counterparts only, codes sorted. The scorer reads
 * `events` alone, so `errors` (the posts the parser failed on) rides along without breaking it.
 */
export function toScorerJson(result: ExtractResult): { posts: number; events: ScorerEvent[]; errors: ParseFailure[] } {
  return {
    posts: result.posts,
    events: result.events.map((e) => ({
      date: e.date,
      type: e.type,
      countries: e.countries.filter((c) => c.role === 'counterpart').map((c) => c.code).sort(),
      organizations: e.organizations.filter((o) => o.role === 'counterpart').map((o) => o.code).sort(),
      people: e.people.map((p) => p.name),
      principal: e.principal,
      topics: e.topics.map((t) => t.code),
      venue: e.venue,
      posts: e.postKeys,
    })),
    errors: result.errors,
  };
}
