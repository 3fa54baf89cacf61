// Stage: digests, one post listing several events: "День 1 … • Встреча с … • Рабочая встреча …",
// "On December 19-20 the Minister held talks with: 1. 🇨🇬 Republic of the Congo …".
import { checkBudget } from '../budget';
import { findDates } from '../dates';
import { findFlags, isHashtagLine, skipMarkers, type Span } from '../text';
import { flagToEntity } from '../vocab';
import type { EventType, ParsedEvent } from '../types';
import { principalIn, venueIn, finish, offTopicSpans } from './assemble';
import { maskedRanges } from './circumstances';
import { mentionsIn, slice, type Ctx } from './context';
import { addMentioned, analyseLead, withSpan } from './counterparts';
import { dateIn } from './event-date';
import { isSourceLine, leadSentence } from './lead';
import { detectType } from './type';

const FLAG_PAIR_LEAD_RE = /^(?:[\u{1F1E6}-\u{1F1FF}]{2}){2}/u;
const FLAG_LEAD_RE = /^(?:\d{1,2}[.)]\s*)?[\u{1F1E6}-\u{1F1FF}]{2}/u;
const BULLET_RE = /^(?:[•▪◾◽▫‣●·◦*◆◇▶►➡🔹🔸🔺🔻✅✔️☑️📌📍🔷🔶-]|\d{1,2}[.)]\s)/u;
const CONTACT = new Set<EventType>(['meeting', 'phone_call', 'multilateral']);
const ITEM_TRIGGER_WITHIN = 60;

export function digestLines(ctx: Ctx, ls: readonly Span[]): ParsedEvent[] | null {
  if (ls.length < 3) return null;
  // Three lines at least, so the first is there.
  const top = ls[0]!;
  const { text } = ctx;
  const first = leadSentence(ctx, top);
  const firstHit = detectType(ctx, first, maskedRanges(ctx, first));
  // A briefing, an interview, a statement or speech with bullet paragraphs is one text; an
  // anniversary post that lists past meetings is no digest of contacts.
  if (firstHit && (firstHit.type === 'briefing' || firstHit.type === 'interview' || firstHit.type === 'statement' || firstHit.type === 'speech')) return null;
  if (ctx.lex.lists.notContact.test(ctx.text, first.start, first.end) || isSourceLine(ctx, top)) return null;
  // "held talks with:" — the header's trigger applies to every item that has none of its own.
  const headerTrigger = firstHit && CONTACT.has(firstHit.type) && /:\s*$/u.test(slice(ctx, top)) ? firstHit : null;
  const items: number[] = [];
  ls.forEach((l, i) => {
    if (i === 0) return;
    const str = slice(ctx, l);
    if (str.length > 400) return;
    // Items are bullets, numbers, or short undated lines headed by a flag ("🇷🇺🇹🇷 Переговоры с …").
    const flagItem = (FLAG_PAIR_LEAD_RE.test(str) || (headerTrigger !== null && FLAG_LEAD_RE.test(str))) && str.length < 200 && findDates(text, l.start, l.end).length === 0;
    if (!BULLET_RE.test(str) && !flagItem) return;
    const body = { start: skipMarkers(text, l.start, l.end), end: l.end };
    // An item opens with its event ("Meeting with …", "Talks with …"), not a paragraph that mentions one.
    const own = detectType(ctx, body, []);
    if ((own && own.start - body.start <= ITEM_TRIGGER_WITHIN) || headerTrigger) items.push(i);
  });
  if (items.length < 2) return null;
  const firstB = items[0]!;
  // A headline with its own event verb before the list is a post, not a digest.
  if (!headerTrigger && firstHit && CONTACT.has(firstHit.type) && analyseLead(ctx, first)?.countries.size) return null;
  // Items are indices of lines.
  const header: Span = { start: top.start, end: ls[firstB]!.start };
  const headerDate = dateIn(ctx, header) ?? (ctx.dateCtx.postedDay ? { date: ctx.dateCtx.postedDay, phrase: '', rule: 'publication day' } : null);
  const headerPrincipal = principalIn(ctx, header, null);
  const headerVenue = venueIn(ctx, header);
  const events: ParsedEvent[] = [];
  // Every line from the first item to the one after the last: a list may hold an unbulleted line.
  const lastB = items[items.length - 1]!;
  for (let i = firstB; i <= Math.min(ls.length - 1, lastB + 1); i++) {
    checkBudget();
    const l = ls[i]!;
    const str = slice(ctx, l);
    if (isHashtagLine(str) || str.length > 400) continue;
    const body: Span = { start: skipMarkers(text, l.start, l.end), end: l.end };
    let d = analyseLead(ctx, body);
    if ((!d || (CONTACT.has(d.type) && d.countries.size === 0 && d.orgs.size === 0)) && headerTrigger) {
      // "1. 🇨🇬 Republic of the Congo – Jean-Claude Gakosso": the header's "held talks with".
      const own = { start: l.start, end: l.end };
      d = analyseLead(ctx, { start: first.start, end: first.end });
      if (d) {
        d.countries.clear();
        d.orgs.clear();
        d.people = [];
        const parties = mentionsIn(ctx, own).filter((m) => (m.kind === 'country' || m.kind === 'org') && m.code !== ctx.home);
        const flag = findFlags(str).map((f) => flagToEntity(f.code)).find((e) => e && e.code !== ctx.home);
        const party = parties[0] ?? (flag ? { kind: flag.kind, code: flag.code, start: l.start, end: l.start } : null);
        if (party) {
          const phrase = party.end > party.start ? ctx.text.slice(party.start, party.end) : str.slice(0, 4);
          d[party.kind === 'country' ? 'countries' : 'orgs'].set(party.code, { role: 'counterpart', phrase, rule: 'digest item under the header' });
        } else d = null;
      }
    }
    if (!d) continue;
    if (CONTACT.has(d.type) && d.countries.size === 0 && d.orgs.size === 0) continue;
    addMentioned(ctx, d, body);
    const span = d.trigger && d.trigger.start >= body.start ? withSpan(ctx, body, d.trigger.end) : null;
    events.push(
      finish(ctx, d, {
        date: dateIn(ctx, body) ?? headerDate,
        principal: principalIn(ctx, body, span) ?? headerPrincipal,
        venue: venueIn(ctx, body) ?? headerVenue,
        title: slice(ctx, body),
        summary: slice(ctx, body),
        topicSpan: body,
        offTopic: offTopicSpans(ctx, [...maskedRanges(ctx, body), ...(span ? [span] : [])], body),
        fromDigest: true,
      }),
    );
  }
  return events;
}
