// Stage: a draft and its circumstances become one ParsedEvent, with the evidence of every
// decision (the phrase and the rule it came from).
import { findTopics } from '../vocab';
import { foldSpace, type Span } from '../text';
import type { Evidence, ParsedEvent } from '../types';
import { maskedRanges } from './circumstances';
import { inSpan, mentionsIn, type Ctx, type Draft } from './context';
import type { DatePick } from './event-date';

export interface Named {
  name: string;
  phrase: string;
  rule: string;
}

export function principalIn(ctx: Ctx, s: Span, exclude: Span | null): Named | null {
  for (const m of mentionsIn(ctx, s)) {
    if (m.kind !== 'principal') continue;
    if (exclude && inSpan(m, exclude)) continue;
    return { name: m.code, phrase: ctx.text.slice(m.start, m.end), rule: 'principal named' };
  }
  return null;
}

/** A headline that names nobody ("Telephone conversation with the President of Brazil") is the channel's first principal's. */
export function defaultPrincipal(ctx: Ctx): Named | null {
  const name = ctx.profile.principals[0];
  return name ? { name, phrase: '', rule: 'channel principal' } : null;
}

const UNGA_RE = /Генеральн\p{L}*\s+Ассамбле\p{L}*|Генассамбле\p{L}*|ГА\s+ООН|General\s+Assembly|UNGA/u;

export function venueIn(ctx: Ctx, s: Span): Named | null {
  for (const m of mentionsIn(ctx, s)) {
    if (m.kind !== 'place') continue;
    const before = ctx.text.slice(Math.max(0, m.start - 6), m.start);
    // A venue is where something happens: "in New York", "в Москве", a dateline.
    if (/(?:^|[\s(])(?:in|at|в|во|\()\s*$/iu.test(before) || /\($/.test(before) || /штаб-квартир|Headquarters/u.test(ctx.text.slice(m.start, m.end))) {
      return { name: m.code, phrase: ctx.text.slice(m.start, m.end), rule: 'place after a locative' };
    }
  }
  for (const r of maskedRanges(ctx, s)) {
    const u = UNGA_RE.exec(ctx.text.slice(r.start, r.end));
    if (u) return { name: 'New York', phrase: u[0], rule: 'sidelines of the UN General Assembly' };
  }
  return null;
}

// Where a meeting took place says nothing of what it was about: "on the sidelines of the UN
// General Assembly" is not a UN topic, and an organisation's name ("International Atomic Energy
// Agency") is not its subject. Neither are the titles of the people ("Deputy Minister for
// Africa") nor a place. No topic phrase is read from those spans.
export function offTopicSpans(ctx: Ctx, extra: readonly Span[] = [], within: Span = { start: 0, end: ctx.text.length }): Span[] {
  const spans: Span[] = [...extra];
  for (const m of mentionsIn(ctx, within)) if ((m.kind === 'org' && m.via === 'name' && m.code !== 'UN') || m.kind === 'place' || m.kind === 'principal') spans.push(m);
  return spans;
}

/** At most this many topics per event: the ones the text weighs most. */
export const MAX_TOPICS = 5;

export interface Parts {
  date: DatePick | null;
  principal: Named | null;
  venue: Named | null;
  title: string;
  summary: string;
  /** The text topics are read from, and the spans of it that say nothing of the subject. */
  topicSpan: Span;
  offTopic: Span[];
  fromDigest: boolean;
}

export function finish(ctx: Ctx, d: Draft, parts: Parts): ParsedEvent {
  const evidence: Evidence[] = [];
  const ev = (e: Evidence): void => {
    if (e.phrase !== '') evidence.push(e);
  };
  if (parts.date) ev({ field: 'date', value: parts.date.date, phrase: parts.date.phrase, rule: parts.date.rule });
  if (d.trigger) ev({ field: 'type', value: d.type, phrase: ctx.text.slice(d.trigger.start, d.trigger.end), rule: d.demoted ? `${d.trigger.rule} (${d.demoted})` : d.trigger.rule });
  for (const [code, c] of d.countries) ev({ field: 'country', value: code, phrase: c.phrase, rule: c.rule });
  for (const [code, c] of d.orgs) ev({ field: 'organization', value: code, phrase: c.phrase, rule: c.rule });
  const topics = findTopics(ctx.text, ctx.tokens, parts.offTopic, parts.topicSpan, MAX_TOPICS);
  for (const t of topics) for (const p of t.phrases) ev({ field: 'topic', value: t.code, phrase: p, rule: 'topic phrase' });
  for (const p of d.people) ev({ field: 'person', value: p.person.name, phrase: p.phrase, rule: 'person in the with-phrase' });
  if (parts.principal) ev({ field: 'principal', value: parts.principal.name, phrase: parts.principal.phrase, rule: parts.principal.rule });
  if (parts.venue) ev({ field: 'venue', value: parts.venue.name, phrase: parts.venue.phrase, rule: parts.venue.rule });
  const seen = new Set<string>();
  const people = d.people.map((p) => p.person).filter((p) => (seen.has(p.name) ? false : (seen.add(p.name), true)));
  return {
    date: parts.date?.date ?? null,
    type: d.type,
    countries: [...d.countries].map(([code, c]) => ({ code, role: c.role })),
    organizations: [...d.orgs].map(([code, c]) => ({ code, role: c.role })),
    people,
    principal: parts.principal?.name ?? null,
    venue: parts.venue?.name ?? null,
    title: clip(parts.title, 200),
    summary: clip(parts.summary, 600),
    topics,
    evidence,
    fromDigest: parts.fromDigest,
  };
}

function clip(s: string, n: number): string {
  // White space is folded in the part that can be shown, not in the whole text.
  const t = foldSpace(s.length > n * 2 ? s.slice(0, n * 2) : s);
  return t.length <= n ? t : t.slice(0, n - 1).trimEnd() + '…';
}
