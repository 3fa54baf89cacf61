// Stage: which sentence of a post reports its event. Usually the first; a short headline may be
// followed by the report; a source line ("From Sergey Lavrov's remarks …") names the text that
// follows; an attribution line ("Permanent Mission to the OSCE:") hands over to what it quotes.
import { firstSentenceEnd, isHashtagLine, skipMarkers, type Span } from '../text';
import { maskedRanges } from './circumstances';
import type { Ctx } from './context';
import { detectType } from './type';

/** Leads longer than this are cut: the event is in the first words, and every stage stays linear. */
const MAX_LEAD = 600;
/** A first line shorter than this, without its own trigger, may be a headline over the report. */
export const HEADLINE_MAX = 160;

export function leadSentence(ctx: Ctx, l: Span): Span {
  const start = skipMarkers(ctx.text, l.start, l.end);
  const end = firstSentenceEnd(ctx.text, start, Math.min(l.end, start + MAX_LEAD));
  return { start, end };
}

export function isSourceLine(ctx: Ctx, l: Span): boolean {
  return ctx.lex.lists.sourceLines.startingAt(ctx.text, skipMarkers(ctx.text, l.start, l.end), 40) !== null;
}

const QUOTE_OPEN = /^[💬«"“„]/u;

export type Voice = 'report' | 'quoted' | 'attributed';

/**
 * How the post speaks. "💬 Maria Zakharova: …" and an attribution line followed by a quote are
 * the words of the person quoted: contacts they tell of are not read from them. An attribution
 * line followed by a report ("🗓 On January 13, the Permanent Representative …") hands over to
 * that report.
 */
export function voiceOf(ctx: Ctx, all: readonly Span[]): Voice {
  // A line of hashtags over the text ("#RussiaHelps") says nothing of who speaks.
  const ls = all.length > 1 && isHashtagLine(ctx.text.slice(all[0]!.start, all[0]!.end)) ? all.slice(1) : all;
  // singleEvent asks only of a post with one line at least.
  const first = ls[0]!;
  const raw = ctx.text.slice(first.start, first.end);
  if (/^💬/u.test(raw)) return 'quoted';
  const bodyStart = skipMarkers(ctx.text, first.start, first.end);
  const body = ctx.text.slice(bodyStart, first.end);
  if (body.length <= HEADLINE_MAX && /:\s*$/u.test(body)) {
    // "Sergey Lavrov's remarks during talks with Ayman Safadi:" is a headline over the quote.
    if (detectType(ctx, { start: bodyStart, end: first.end }, maskedRanges(ctx, { start: bodyStart, end: first.end }))) return 'report';
    const next = ls[1];
    if (!next) return 'quoted';
    const nextRaw = ctx.text.slice(next.start, Math.min(next.end, next.start + 4));
    if (QUOTE_OPEN.test(nextRaw) || ctx.lex.lists.firstPerson.test(ctx.text, next.start, Math.min(next.end, next.start + 80))) return 'quoted';
    return 'attributed';
  }
  return 'report';
}
