// One post in, its diplomatic events out. Pure and deterministic. The work is done in small
// stages under ./stages (lead, type, counterparts, people, dates, circumstances, digests,
// assembly), with the grammar in the lexicon of the post's language and the world in the
// vocabularies and the channel's profile.
import { DEFAULT_BUDGET_MS, checkBudget, withBudget } from './budget';
import { profileFor } from './channels';
import { localDay } from './dates';
import { lexiconFor } from './lexicon';
import type { Ctx, ParseProfile } from './stages/context';
import { digestLines } from './stages/digest';
import { singleEvent } from './stages/single';
import { detectLang, findHashtags, lines } from './text';
import type { Lang, ParsedPost, ParseOptions, RawPost } from './types';
import { findMentions, hashtagMentions, tokenize } from './vocab';

function emptyPost(lang: Lang): ParsedPost {
  return { lang, hashtags: [], events: [] };
}

export function parsePost(post: RawPost, opts: ParseOptions = {}): ParsedPost {
  let lang: Lang = 'ru';
  try {
    lang = langOf(post);
    const l = lang;
    return withBudget(opts.budgetMs ?? DEFAULT_BUDGET_MS, () => parseText(textOf(post), l, postedAtOf(post), post?.channel ?? null, opts));
  } catch (err) {
    // A parser bug must not stop an ingest run: the post is kept, without events, and the
    // failure is reported with it so that it is stored and counted, never swallowed.
    return { ...emptyPost(lang), error: err instanceof Error ? err.message : String(err) };
  }
}

/** parsePost without its safety net, so that tests see the bugs the net would hide. */
export function parsePostOrThrow(post: RawPost, opts: ParseOptions = {}): ParsedPost {
  return parseText(textOf(post), langOf(post), postedAtOf(post), post?.channel ?? null, opts);
}

function textOf(post: RawPost): string {
  return typeof post?.text === 'string' ? post.text : '';
}

function langOf(post: RawPost): Lang {
  return post?.lang === 'en' || post?.lang === 'ru' ? post.lang : detectLang(textOf(post));
}

function postedAtOf(post: RawPost): Date | null {
  return post?.postedAt instanceof Date && !Number.isNaN(post.postedAt.getTime()) ? post.postedAt : null;
}

function parseText(text: string, lang: Lang, postedAt: Date | null, channel: string | null, opts: ParseOptions): ParsedPost {
  const ctx = makeContext(text, lang, postedAt, channel, opts);
  const result: ParsedPost = { lang, hashtags: ctx.hashtags.map((h) => h.text), events: [] };
  const ls = lines(text);
  if (ls.length === 0) return result;
  checkBudget();
  const digest = digestLines(ctx, ls);
  if (digest) {
    result.events = digest;
    return result;
  }
  checkBudget();
  const ev = singleEvent(ctx, ls);
  if (ev) result.events.push(ev);
  checkBudget();
  return result;
}

/** Everything the stages read about one post, found once. Exported so that each stage can be tested on its own. */
export function makeContext(text: string, lang: Lang, postedAt: Date | null, channel: string | null, opts: ParseOptions = {}): Ctx {
  const profile = profileFor(channel);
  const parseProfile: ParseProfile = { homeCountry: profile.homeCountry, principals: profile.principals };
  const tokens = tokenize(text);
  const hashtags = findHashtags(text);
  const lex = lexiconFor(lang);
  // The lexicon's matchers walk these tokens once, on the first phrase a stage asks for.
  lex.phrases.usePost(text, tokens);
  return {
    text,
    tokens,
    maskCache: new Map(),
    lang,
    lex,
    home: profile.homeCountry,
    profile: parseProfile,
    mentions: findMentions(text, tokens),
    hashtags,
    hashtagMentions: hashtags.map((tag) => ({ tag, words: tag.words, mentions: hashtagMentions(tag.words) })),
    dateCtx: {
      postedDay: postedAt ? localDay(postedAt, profile.timeZone) : null,
      year: opts.year ?? null,
    },
  };
}
