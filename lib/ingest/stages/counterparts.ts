// Stage: whom the channel's side met. The counterparts of a contact are named after "with"
// ("talks with the Foreign Minister of Jordan"), after a verb that takes them as object
// ("received the Ambassador of China", "summoned the Chargé d'Affaires of the UK"), or beside
// the principal in the subject ("Sergey Lavrov and Hakan Fidan held talks"). Countries in a
// circumstance ("on the sidelines of"), after a locative ("in Canada") or in the agenda are not.
import { flagToEntity, isMultilateralOrg, type Mention } from '../vocab';
import { findFlags, type Span } from '../text';
import type { Role } from '../types';
import { isMasked, maskedRanges } from './circumstances';
import { inSpan, mentionsIn, newDraft, slice, type Ctx, type Draft } from './context';
import { peopleIn } from './people';
import { detectType, type TypeHit } from './type';

export interface CounterpartSpan extends Span {
  /** "between Putin and Rahmon": the phrase names the channel's side too. */
  both: boolean;
}

/** The phrase naming whom the principal met: after "with"/"с"/"between", up to the circumstances. */
export function withSpan(ctx: Ctx, lead: Span, from: number): CounterpartSpan | null {
  const { text } = ctx;
  const between = ctx.lex.lists.between.first(text, from, Math.min(lead.end, from + 24));
  if (between) {
    const span = spanFrom(ctx, between.end, lead.end);
    if (span) return { ...span, both: true };
  }
  for (const w of ctx.lex.lists.with.all(text, from, lead.end)) {
    // "С.В.Лавров": a capital initial is not the preposition.
    if (text[w.start] === 'С' && (/^С\s*\./.test(text.slice(w.start, w.start + 3)) || w.start > from)) continue;
    if (ctx.lex.lists.withNot.startingAt(text, w.end, 40)) continue;
    const span = spanFrom(ctx, w.end, lead.end);
    if (span) return { ...span, both: false };
  }
  return null;
}

/** From `start` to the first stop phrase, locative place or clause break. */
export function spanFrom(ctx: Ctx, from: number, limit: number): Span | null {
  const { text } = ctx;
  let start = from;
  while (start < limit && /\s/.test(text[start]!)) start++;
  const stop = ctx.lex.lists.spanStops.first(text, start, limit);
  const punct = /[(;:]|\s[–—]\s/.exec(text.slice(start, stop ? stop.start : limit));
  let end = punct ? start + punct.index : stop ? stop.start : limit;
  // "… in New York" / "… в Москве" ends the phrase too.
  for (const mm of mentionsIn(ctx, { start, end: limit })) {
    if (mm.kind !== 'place' || mm.start >= end) continue;
    const before = text.slice(Math.max(start, mm.start - 5), mm.start);
    const loc = /(?:^|\s)(?:in|at|в|во)\s+$/iu.exec(before);
    if (loc) {
      end = mm.start - before.length + loc.index;
      break;
    }
  }
  while (end > start && /[\s,.!]/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

/**
 * "in Canada", "to the OSCE": a place, not a party; "Special Envoy for Syria", "спецпосланник
 * по Сирии": a portfolio, not a party. Only the text from `from` on is looked at.
 */
export function precededByLocative(ctx: Ctx, m: { start: number }, from = 0): boolean {
  const before = ctx.text.slice(Math.max(from, m.start - 14), m.start);
  return /(?:^|\s)(?:to|at|in|from|for|при|в|во|из|по|accredited\s+to)\s+(?:the\s+)?$/iu.test(before);
}

export function addEntity(ctx: Ctx, d: Draft, m: Mention, role: Role, phrase: string, rule: string): void {
  if (m.kind === 'country') {
    if (m.code === ctx.home) return;
    const cur = d.countries.get(m.code);
    if (!cur || (cur.role === 'mentioned' && role === 'counterpart')) d.countries.set(m.code, { role, phrase, rule });
  } else if (m.kind === 'org') {
    const cur = d.orgs.get(m.code);
    if (!cur || (cur.role === 'mentioned' && role === 'counterpart')) d.orgs.set(m.code, { role, phrase, rule });
  }
}

function addCode(ctx: Ctx, d: Draft, kind: 'country' | 'org', code: string, role: Role, phrase: string, rule: string): void {
  addEntity(ctx, d, { kind, code, via: 'name', start: 0, end: 0, t0: 0, t1: 0 }, role, phrase, rule);
}

const phraseOf = (ctx: Ctx, m: Mention): string => ctx.text.slice(m.start, m.end);

/** The object of "received", "summoned", "presented credentials to": right after the verb. */
function objectSpan(ctx: Ctx, hit: TypeHit, line: Span): Span | null {
  const obj = ctx.lex.objectTrigger.first(ctx.text, Math.max(line.start, hit.start - 12), Math.min(line.end, hit.end + 40));
  if (!obj || obj.end < hit.start) return null;
  if (/^\s*(?:at|in|on|by|to|from|в|во|на|из)\s/iu.test(ctx.text.slice(obj.end, obj.end + 6))) return null;
  return spanFrom(ctx, obj.end, line.end);
}

/** Type and counterparts of the event a lead phrase reports, or null when it has no trigger. */
export function analyseLead(ctx: Ctx, line: Span): Draft | null {
  const masks = maskedRanges(ctx, line);
  const hit = detectType(ctx, line, masks);
  if (!hit) return null;
  const d = newDraft(hit.type);
  d.trigger = { start: hit.start, end: hit.end, rule: hit.rule };
  const inLead = mentionsIn(ctx, line).filter((m) => m.kind === 'country' || m.kind === 'org');
  const unmasked = inLead.filter((m) => !isMasked(m.start, masks));

  if (hit.type === 'meeting' || hit.type === 'multilateral' || hit.type === 'phone_call' || hit.type === 'visit') {
    const obj = hit.type === 'meeting' ? objectSpan(ctx, hit, line) : null;
    const span = obj ?? withSpan(ctx, line, hit.end);
    const rule = obj ? 'object of the verb' : 'with-phrase';
    const inWith = span ? inLead.filter((m) => inSpan(m, span) && !precededByLocative(ctx, m, span.start) && !isMasked(m.start, masks)) : [];
    const nonHome = inWith.filter((m) => !(m.kind === 'country' && m.code === ctx.home));
    const people = span ? peopleIn(ctx, span, nonHome.find((m) => m.kind === 'country')?.code ?? null) : [];
    if (span && (nonHome.length || people.length)) {
      if (d.type === 'multilateral') d.type = 'meeting';
      for (const m of nonHome) addEntity(ctx, d, m, 'counterpart', phraseOf(ctx, m), rule);
      d.people = people;
      if (!nonHome.length) {
        // "a phone call with Marco Rubio": the registry knows whose side a person is on.
        for (const p of people) if (p.person.country && p.person.country !== ctx.home) addCode(ctx, d, 'country', p.person.country, 'counterpart', p.phrase, 'country of the person');
      }
      if (!d.countries.size && !nonHome.length) {
        const host = envoyHost(ctx, { start: line.start, end: hit.start });
        if (host) addEntity(ctx, d, host, 'counterpart', phraseOf(ctx, host), 'host of the envoy');
      }
    } else if (d.type === 'visit') {
      // "arrived in Pyongyang on an official visit": the host is the first country after the verb.
      const host = unmasked.find((m) => m.kind === 'country' && m.code !== ctx.home && m.start >= hit.start);
      if (host) addEntity(ctx, d, host, 'counterpart', phraseOf(ctx, host), 'visit host');
    } else if (!span || d.type === 'multilateral') {
      // A with-phrase that names no state ("a meeting with veterans") has no state counterpart;
      // without one, the parties stand in the subject or, for a multilateral meeting, after it.
      // The parties end where the agenda or the subject matter begins ("… по вопросам Афганистана").
      const agenda = ctx.lex.lists.agenda.first(ctx.text, hit.start, line.end);
      const stop = ctx.lex.lists.spanStops.first(ctx.text, hit.end, line.end);
      const cut = Math.min(agenda ? agenda.start : line.end, stop ? stop.start : line.end);
      const parties = unmasked.filter((m) => m.start < cut && !precededByLocative(ctx, m, m.start >= hit.end ? hit.end : line.start));
      const orgs = parties.filter((m) => m.kind === 'org');
      const foreign = new Set(parties.filter((m) => m.kind === 'country' && m.code !== ctx.home).map((m) => m.code));
      // "consultations of the deputy ministers of Russia and China": ministers of two states are a bilateral meeting.
      const multi =
        d.type === 'multilateral' ||
        orgs.some((m) => isMultilateralOrg(m.code)) ||
        (foreign.size !== 1 && ctx.lex.lists.multilateralHints.test(ctx.text, hit.start, cut));
      if (multi && d.type !== 'phone_call') {
        d.type = 'multilateral';
        const firstOrg = orgs[0];
        const chosen = firstOrg ? [firstOrg, ...orgs.slice(1).filter((o) => o.code !== firstOrg.code)] : parties.filter((m) => m.kind === 'country');
        for (const m of chosen) addEntity(ctx, d, m, 'counterpart', phraseOf(ctx, m), 'multilateral party');
      } else {
        // "Sergey Lavrov and Hakan Fidan held talks": the counterpart is in the subject.
        for (const m of parties) addEntity(ctx, d, m, 'counterpart', phraseOf(ctx, m), 'subject');
        if (!parties.length && hit.start > line.start) {
          // "Steven Witkoff welcomed at the Kremlin": a known person of another country as the subject.
          for (const p of peopleIn(ctx, { start: line.start, end: hit.start }, null)) {
            if (p.person.country && p.person.country !== ctx.home) addCode(ctx, d, 'country', p.person.country, 'counterpart', p.phrase, 'person in the subject');
          }
        }
      }
    }
  } else if (hit.type === 'speech') {
    // The forum spoken at ("at the UN Security Council") is what the speech addresses.
    for (const m of unmasked) if (m.kind === 'org' && m.start > hit.start) addEntity(ctx, d, m, 'counterpart', phraseOf(ctx, m), 'forum spoken at');
  }
  return d;
}

/**
 * "Ambassador of Russia to the United States Anatoly Antonov met with Assistant Secretary of State
 * Karen Donfried": the people an envoy meets, named without a country, are of his host country.
 */
function envoyHost(ctx: Ctx, subject: Span): Mention | null {
  const title = ctx.lex.lists.envoyTitles.first(ctx.text, subject.start, subject.end);
  if (!title) return null;
  for (const m of mentionsIn(ctx, { start: title.end, end: subject.end })) {
    if (m.start > title.end && m.kind === 'country' && m.code !== ctx.home && precededByLocative(ctx, m, title.end)) return m;
  }
  return null;
}

/** Flags on the first line and "#RussiaX" hashtags name the counterpart of a bilateral post. */
export function addPostMarkers(ctx: Ctx, d: Draft, firstLine: Span): void {
  const flags = findFlags(ctx.text.slice(firstLine.start, Math.min(firstLine.end, firstLine.start + 60)));
  const hasHome = flags.some((f) => f.code === ctx.home);
  if (hasHome || flags.length === 1) {
    for (const f of flags) {
      const e = flagToEntity(f.code);
      const phrase = ctx.text.slice(firstLine.start + f.start, firstLine.start + f.end);
      if (e && !(e.kind === 'country' && e.code === ctx.home)) addCode(ctx, d, e.kind, e.code, 'counterpart', phrase, 'flag pair');
    }
  }
  for (const h of ctx.hashtagMentions) {
    const first = h.mentions[0];
    if (!first || first.kind !== 'country' || first.code !== ctx.home || first.t0 !== 0) continue;
    for (const m of h.mentions.slice(1)) {
      if (m.kind === 'country' || m.kind === 'org') addEntity(ctx, d, m, 'counterpart', h.tag.text, 'home+X hashtag');
    }
  }
}

export function addMentioned(ctx: Ctx, d: Draft, s: Span): void {
  for (const m of mentionsIn(ctx, s)) {
    if (m.kind === 'country' || m.kind === 'org') addEntity(ctx, d, m, 'mentioned', phraseOf(ctx, m), 'mentioned');
  }
  for (const h of ctx.hashtagMentions) {
    if (!inSpan(h.tag, s)) continue;
    for (const m of h.mentions) addEntity(ctx, d, m, 'mentioned', h.tag.text, 'mentioned');
  }
}

/**
 * A contact needs the channel's side in it: a principal named in the lead, the home country
 * ("Russian–Qatari talks", "Russia's delegation"), or a headline that opens with the trigger
 * ("Telephone conversation with the President of Brazil"). "The UN Security Council held a
 * meeting" and "the Israeli Government, at a meeting" are other people's meetings.
 */
export function homeSide(ctx: Ctx, lead: Span, d: Draft, counterpartSpan: CounterpartSpan | null, opening: Span = lead): boolean {
  if (!d.trigger) return false;
  const trigger = d.trigger;
  const before = slice(ctx, { start: lead.start, end: trigger.start }).replace(/#[\p{L}\p{N}_]+/gu, '');
  if (!/[\p{L}\p{N}]/u.test(before)) return true;
  if (ownOfficial(ctx, { start: lead.start, end: trigger.start })) return true;
  for (const m of mentionsIn(ctx, opening)) {
    const inCounterparts = counterpartSpan !== null && inSpan(m, counterpartSpan);
    if (m.kind === 'principal' && (!inCounterparts || counterpartSpan.both)) return true;
    if (inCounterparts) continue;
    if (m.kind === 'country' && m.code === ctx.home && !precededByLocative(ctx, m) && !ctx.lex.lists.with.endingAt(ctx.text, m.start, 12)) return true;
  }
  return false;
}

/**
 * "Deputy Foreign Minister Oleg Syromolotov met …": the channel names its own officials by their
 * title without their country. A subject with a title word and no foreign state or
 * organisation in it is the channel's side; "the Israeli Government", "the UN Security Council"
 * are not.
 */
function ownOfficial(ctx: Ctx, subject: Span): boolean {
  // "На полях сессии ГА ООН Министр …": the setting is not the subject.
  const masks = maskedRanges(ctx, subject);
  for (const m of mentionsIn(ctx, subject)) {
    if (isMasked(m.start, masks)) continue;
    if (m.kind === 'org' || m.kind === 'block' || (m.kind === 'country' && m.code !== ctx.home)) return false;
  }
  const { titleWords } = ctx.lex.words;
  for (const t of ctx.tokens) {
    if (t.start >= subject.end) break;
    if (t.start >= subject.start && /^\p{Lu}/u.test(t.raw) && titleWords.has(t.raw)) return true;
  }
  return false;
}

/** "26 февраля состоятся переговоры", "will hold talks", "talks are scheduled": not yet a contact. */
export function announced(ctx: Ctx, lead: Span, d: Draft): string | null {
  if (!d.trigger) return null;
  const near = ctx.lex.lists.future.first(ctx.text, lead.start, Math.min(lead.end, d.trigger.end + 25));
  return near ? near.rule : null;
}

/** "took part in the plenary session of the International Forum": a public event, not a meeting of states. */
export function publicEvent(ctx: Ctx, lead: Span, d: Draft): string | null {
  if (d.type !== 'multilateral' || !d.trigger) return null;
  return ctx.lex.lists.publicEvents.first(ctx.text, d.trigger.start, Math.min(lead.end, d.trigger.end + 80))?.rule ?? null;
}

/** An anniversary, condolences, a year in review before the trigger: past or no contacts. */
export function notContact(ctx: Ctx, lead: Span, d: Draft | null): string | null {
  const to = d?.trigger ? d.trigger.start : lead.end;
  return ctx.lex.lists.notContact.first(ctx.text, lead.start, to)?.rule ?? null;
}

export { newDraft };
