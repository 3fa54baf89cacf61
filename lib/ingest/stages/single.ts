// Stage: a post that reports one event.
import { findDates } from '../dates';
import { isHashtagLine, skipMarkers, type Span } from '../text';
import type { EventType, ParsedEvent } from '../types';
import { defaultPrincipal, finish, offTopicSpans, principalIn, venueIn, type Named } from './assemble';
import { maskedRanges } from './circumstances';
import { newDraft, slice, type Ctx, type Draft } from './context';
import { addMentioned, addPostMarkers, analyseLead, announced, homeSide, notContact, publicEvent, withSpan } from './counterparts';
import { dateIn, dateline, type DatePick } from './event-date';
import { HEADLINE_MAX, isSourceLine, leadSentence, voiceOf } from './lead';

const CONTACT = new Set<EventType>(['meeting', 'phone_call', 'multilateral']);

/** A contact that is not one (an announcement, an anniversary, someone else's meeting) keeps its parties as mentioned. */
function demote(d: Draft, why: string, to: EventType = 'other'): void {
  d.type = to;
  d.demoted = why;
  for (const c of d.countries.values()) c.role = 'mentioned';
  for (const o of d.orgs.values()) o.role = 'mentioned';
  d.people = [];
}

export function singleEvent(ctx: Ctx, ls: readonly Span[]): ParsedEvent | null {
  // parseText asks only of a post with one line at least.
  const firstLine = ls[0]!;
  const { text } = ctx;
  const whole: Span = { start: 0, end: text.length };
  const voice = voiceOf(ctx, ls);
  const source = ls.find((l) => isSourceLine(ctx, l));
  const firstBody = slice(ctx, { start: skipMarkers(text, firstLine.start, firstLine.end), end: firstLine.end });
  const headline = firstBody.length <= HEADLINE_MAX || isHashtagLine(firstBody);
  const candidates: Span[] =
    // A source line ("Из беседы с Ван И …") names where the quoted words were said, so it outranks the quote.
    source ? [source, firstLine] : voice === 'quoted' ? [] : voice === 'attributed' ? ls.slice(1, 2) : headline ? ls.slice(0, 3) : [firstLine];
  let d: Draft | null = null;
  let lead: Span = leadSentence(ctx, firstLine);
  let leadLine: Span = firstLine;
  for (const l of candidates) {
    const s = leadSentence(ctx, l);
    const got = analyseLead(ctx, s) ?? (s.end < l.end ? analyseLead(ctx, { start: s.start, end: Math.min(l.end, s.start + 600) }) : null);
    if (got) {
      d = got;
      lead = s;
      leadLine = l;
      break;
    }
  }
  const firstLead = leadSentence(ctx, firstLine);
  if (!d) {
    // Quotes and columns without a headline verb are statements of the person quoted;
    // other posts are kept as events only when they say who or when.
    const quote = voice !== 'report' || /^[\s\S]{0,400}(?:💬|«|“|")/u.test(text);
    const someone = ctx.mentions.some((m) => m.kind === 'principal' && m.start < firstLine.end);
    if (!quote && !someone && !findDates(text, lead.start, lead.end).length) return null;
    d = newDraft(quote ? 'statement' : 'other');
  }
  const opening: Span = headline && ls[1] && leadLine === firstLine ? { start: firstLine.start, end: ls[1].end } : lead;

  const masks = maskedRanges(ctx, lead);
  const dl = dateline(ctx, leadLine) ?? dateline(ctx, whole);
  let date: DatePick | null = dateIn(ctx, lead, masks) ?? dateIn(ctx, lead);
  if (!date && dl?.date) date = { date: dl.date, phrase: dl.datePhrase, rule: 'dateline' };
  if (!date && firstLead.start !== lead.start) date = dateIn(ctx, firstLead, maskedRanges(ctx, firstLead));
  if (!date && ctx.dateCtx.postedDay) date = { date: ctx.dateCtx.postedDay, phrase: '', rule: 'publication day' };

  if (CONTACT.has(d.type) && d.type !== 'multilateral') addPostMarkers(ctx, d, firstLine);
  const counterpartSpan = d.trigger ? withSpan(ctx, lead, d.trigger.end) : null;
  if (CONTACT.has(d.type)) {
    const why =
      (d.countries.size === 0 && d.orgs.size === 0 ? 'no counterpart' : null) ??
      notContact(ctx, firstLead, leadLine === firstLine ? d : null) ??
      announced(ctx, lead, d) ??
      publicEvent(ctx, lead, d) ??
      // A source line ("Из беседы с …", "From the talks with …") quotes the channel's own side.
      (leadLine === source || homeSide(ctx, lead, d, counterpartSpan, opening) ? null : "not the channel's side");
    if (why) demote(d, why);
  }
  addMentioned(ctx, d, whole);

  let principal: Named | null =
    (counterpartSpan?.both ? principalIn(ctx, counterpartSpan, null) : null) ??
    principalIn(ctx, lead, counterpartSpan) ??
    principalIn(ctx, leadLine, counterpartSpan) ??
    principalIn(ctx, opening, counterpartSpan) ??
    (leadLine === source ? principalIn(ctx, firstLine, null) : null) ??
    (d.type === 'statement' || d.type === 'briefing' ? principalIn(ctx, whole, null) : null);
  // "Телефонный разговор с Президентом Бразилии": a headline that names no one of the channel's side.
  if (!principal && CONTACT.has(d.type) && d.trigger && !/[\p{L}\p{N}]/u.test(text.slice(lead.start, d.trigger.start))) principal = defaultPrincipal(ctx);
  const venue = venueIn(ctx, lead) ?? (dl?.place ? { name: dl.place, phrase: dl.placePhrase, rule: 'dateline' } : null) ?? venueIn(ctx, leadLine) ?? venueIn(ctx, firstLine);
  const subject: Span | null = d.trigger ? { start: lead.start, end: d.trigger.start } : null;
  return finish(ctx, d, {
    date,
    principal,
    venue,
    title: slice(ctx, lead),
    summary: text.slice(skipMarkers(text, firstLine.start, firstLine.end), Math.min(text.length, firstLine.start + 800)),
    topicSpan: whole,
    offTopic: offTopicSpans(ctx, [...masks, ...(counterpartSpan ? [counterpartSpan] : []), ...(subject ? [subject] : [])]),
    fromDigest: false,
  });
}
