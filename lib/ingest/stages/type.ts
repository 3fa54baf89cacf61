// Stage: the event type of a lead, from the lexicon's triggers.
import type { PhraseHit } from '../lexicon';
import type { Span } from '../text';
import type { EventType } from '../types';
import { isMasked } from './circumstances';
import type { Ctx } from './context';

export interface TypeHit {
  type: EventType;
  start: number;
  end: number;
  rule: string;
}

const SPOKEN = new Set<EventType>(['speech', 'statement', 'interview', 'briefing']);
// A new line or a sentence's end; the dots of initials ("С.В.Лаврова") are neither.
const SENTENCE_BREAK = /\n|(?<!\p{Lu})[.!?]\s+\p{Lu}/u;

/** Where reported speech starts ("the SVR reports that …"): what follows is not the channel's event. */
export function reportedFrom(ctx: Ctx, s: Span): number {
  return ctx.lex.lists.reported.first(ctx.text, s.start, s.end)?.start ?? s.end;
}

/**
 * The first trigger of the span outside circumstance phrases. A phone call anywhere in a lead
 * outranks the rest ("Commentary … following a telephone conversation between …"). Remarks made
 * during talks are the talks ("Opening remarks by … during talks with …").
 */
export function detectType(ctx: Ctx, s: Span, masks: readonly Span[]): TypeHit | null {
  const end = reportedFrom(ctx, s);
  const phone = ctx.lex.phone.first(ctx.text, s.start, end);
  if (phone && !isMasked(phone.start, masks)) return asHit(phone);
  const hits = ctx.lex.trigger.all(ctx.text, s.start, end).filter((h) => !isMasked(h.start, masks));
  const first = hits[0];
  if (!first) return null;
  if (SPOKEN.has(first.value)) {
    const talks = hits.find((h) => h.start > first.end && (h.value === 'meeting' || h.value === 'phone_call') && spokenDuring(ctx, first, h));
    if (talks) return asHit(talks);
  }
  // "Statement by the Permanent Representative at a UNSC briefing": a statement delivered at a
  // meeting is a speech there.
  if (first.value === 'statement' && deliveredAt(ctx, first, end)) {
    return { type: 'speech', start: first.start, end: first.end, rule: `${first.rule} (delivered at a meeting)` };
  }
  return asHit(first);
}

function deliveredAt(ctx: Ctx, spoken: PhraseHit<EventType>, end: number): boolean {
  const limit = Math.min(end, spoken.end + 150);
  const venue = ctx.lex.lists.deliveryVenues.first(ctx.text, spoken.end, limit);
  if (!venue || SENTENCE_BREAK.test(ctx.text.slice(spoken.end, venue.start))) return false;
  const at = ctx.lex.lists.contactAfterSpeech.all(ctx.text, spoken.end, venue.start).pop();
  return at !== undefined && venue.start - at.end <= 40;
}

function asHit(h: PhraseHit<EventType>): TypeHit {
  return { type: h.value, start: h.start, end: h.end, rule: h.rule };
}

/** "remarks … during his talks with": a speech word, a "during" phrase, then talks with someone. */
function spokenDuring(ctx: Ctx, spoken: PhraseHit<EventType>, talks: PhraseHit<EventType>): boolean {
  if (talks.start - spoken.end > 200 || SENTENCE_BREAK.test(ctx.text.slice(spoken.end, talks.start))) return false;
  const during = ctx.lex.lists.contactAfterSpeech.all(ctx.text, spoken.end, talks.start).pop();
  if (!during || talks.start - during.end > 14) return false;
  const next = ctx.lex.lists.with.first(ctx.text, talks.end, Math.min(ctx.text.length, talks.end + 12));
  return next !== null;
}
