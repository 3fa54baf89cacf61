// Stage: the day an event happened. A date written in the lead ("On September 20",
// "20 сентября"), a relative day ("yesterday", "вчера") counted from the publication day,
// a dateline ("(Moscow, September 19, 2023)"), else the publication day.
import { DAY_MS } from '@/lib/domain/calendar';
import { findDates, isoDate, resolveDate } from '../dates';
import type { Span } from '../text';
import { isMasked } from './circumstances';
import { slice, type Ctx } from './context';

export interface DatePick {
  date: string;
  phrase: string;
  rule: string;
}


export function dateIn(ctx: Ctx, s: Span, masks: readonly Span[] = []): DatePick | null {
  const { future, historicPrefix, dayParts } = ctx.lex.lists;
  for (const d of findDates(ctx.text, s.start, s.end)) {
    if (isMasked(d.start, masks)) continue;
    // "the agreement of 12 March", "since 5 May": a date of something else.
    if (historicPrefix.endingAt(ctx.text, d.start, 14) && !dayParts.endingAt(ctx.text, d.start, 24)) continue;
    // "talks will be held on 26 February": an announcement's date.
    if (future.test(ctx.text, Math.max(s.start, d.start - 60), d.start)) continue;
    const iso = resolveDate(d, ctx.dateCtx);
    if (iso) return { date: iso, phrase: d.text, rule: 'date in the lead' };
  }
  return relativeDay(ctx, s);
}

/** "yesterday" / "вчера": the publication day plus the lexicon's offset. */
export function relativeDay(ctx: Ctx, s: Span): DatePick | null {
  const posted = ctx.dateCtx.postedDay;
  if (!posted) return null;
  const h = ctx.lex.relativeDay.first(ctx.text, s.start, s.end);
  if (!h) return null;
  const offset = ctx.lex.relativeOffset.get(h.value.toLowerCase()) ?? 0;
  const at = new Date(Date.parse(posted) + offset * DAY_MS);
  const iso = isoDate(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate());
  return iso ? { date: iso, phrase: ctx.text.slice(h.start, h.end), rule: h.rule } : null;
}

// "(Moscow, September 19, 2023)" or a line "📍 Москва, 12 ноября 2023 года".
const DATELINE_RE = /(?:\(|^[ \t]*📍\uFE0F?[ \t]*)([\p{L} .\-–]{2,40}),[ \t]*([^()\n]{4,40}?\d{4}[^()\n]{0,12})(?:\)|[ \t]*$)/gmu;

export interface Dateline {
  date: string | null;
  datePhrase: string;
  place: string | null;
  placePhrase: string;
}

/** Where and when a text was delivered. */
export function dateline(ctx: Ctx, s: Span): Dateline | null {
  const str = slice(ctx, s);
  DATELINE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DATELINE_RE.exec(str)) !== null) {
    const at = s.start + m.index;
    const dates = findDates(ctx.text, at, at + m[0].length);
    const firstDate = dates[0];
    if (!firstDate) continue;
    const iso = resolveDate(firstDate, ctx.dateCtx);
    const placeStart = at + m[0].indexOf(m[1]!);
    const placeEnd = placeStart + m[1]!.length;
    const place = ctx.mentions.find((mm) => mm.kind === 'place' && mm.start >= placeStart && mm.end <= placeEnd);
    return {
      date: iso,
      datePhrase: firstDate.text,
      place: place?.code ?? null,
      placePhrase: place ? ctx.text.slice(place.start, place.end) : ctx.text.slice(placeStart, placeEnd),
    };
  }
  return null;
}
