// What every stage of the parser reads: the post's text, its tokens and vocabulary mentions
// (found once), the lexicon of its language and the profile of its channel.
import type { DateContext } from '../dates';
import { lexiconFor, type Lexicon } from '../lexicon';
import type { Hashtag, Span } from '../text';
import type { EventType, Lang, ParsedPerson, Role } from '../types';
import type { Mention, Token } from '../vocab';

/** The channel facts the parser needs (see lib/ingest/channels.ts). */
export interface ParseProfile {
  /** ISO alpha-2 of the channel's own country: never a counterpart. */
  homeCountry: string;
  /** The channel's own principals, first the one a headline without a name means. */
  principals: readonly string[];
}

export interface Ctx {
  text: string;
  tokens: Token[];
  maskCache: Map<number, Span[]>;
  lang: Lang;
  lex: Lexicon;
  home: string;
  profile: ParseProfile;
  mentions: Mention[];
  hashtags: Hashtag[];
  hashtagMentions: { tag: Hashtag; mentions: Mention[]; words: string }[];
  dateCtx: DateContext;
}

export interface Draft {
  type: EventType;
  trigger: { start: number; end: number; rule: string } | null;
  countries: Map<string, { role: Role; phrase: string; rule: string }>;
  orgs: Map<string, { role: Role; phrase: string; rule: string }>;
  people: { person: ParsedPerson; phrase: string }[];
  /** Why a contact became something else ("announcement", "anniversary"), for tracing. */
  demoted: string | null;
}

export function newDraft(type: EventType): Draft {
  return { type, trigger: null, countries: new Map(), orgs: new Map(), people: [], demoted: null };
}

export function slice(ctx: Ctx, s: Span): string {
  return ctx.text.slice(s.start, s.end);
}

export function inSpan(m: { start: number; end: number }, s: Span): boolean {
  return m.start >= s.start && m.end <= s.end;
}

/**
 * The mentions inside a span, found by binary search: mentions are in text order, and a loop
 * over all of them for every line of a long post would be quadratic.
 */
export function mentionsIn(ctx: Ctx, s: Span): Mention[] {
  const ms = ctx.mentions;
  let lo = 0;
  let hi = ms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms[mid]!.start < s.start) lo = mid + 1;
    else hi = mid;
  }
  const out: Mention[] = [];
  for (let i = lo; i < ms.length && ms[i]!.start < s.end; i++) if (ms[i]!.end <= s.end) out.push(ms[i]!);
  return out;
}

export function lexicon(lang: Lang): Lexicon {
  return lexiconFor(lang);
}
