// Circumstance phrases ("on the sidelines of the UNGA", "в рамках визита", "hosted by Qatar"):
// what they name is the setting of a meeting, never its counterpart or its type.
import type { Span } from '../text';
import { slice, type Ctx } from './context';

const MAX_CIRCUMSTANCE = 240;

/** Offsets of the circumstance phrases inside a span; each runs to the next punctuation or verb. */
export function maskedRanges(ctx: Ctx, s: Span): Span[] {
  const key = s.start * 1_000_003 + s.end;
  const cached = ctx.maskCache.get(key);
  if (cached) return cached;
  const out: Span[] = [];
  ctx.maskCache.set(key, out);
  const { circumstances, circumstanceEnds } = ctx.lex.lists;
  for (const h of circumstances.all(ctx.text, s.start, s.end)) {
    if (out.length && h.start < out[out.length - 1]!.end) continue;
    // A circumstance is a phrase ("on the sidelines of the 78th session of the UN General
    // Assembly"), never longer than this: bounded, the masks of a long line stay linear.
    const limit = Math.min(s.end, h.end + MAX_CIRCUMSTANCE);
    const rest = slice(ctx, { start: h.end, end: limit });
    const punct = /[,.;:()]/.exec(rest);
    const stop = punct ? h.end + punct.index : limit;
    // "at the initiative of the Turkish side with the Minister of Turkey": the with-phrase is no setting.
    const verb = circumstanceEnds.first(ctx.text, h.end, stop) ?? ctx.lex.lists.with.first(ctx.text, h.end, stop);
    const end = verb ? verb.start : stop;
    out.push({ start: h.start, end });
  }
  return out;
}

export function isMasked(pos: number, masks: readonly Span[]): boolean {
  for (const r of masks) if (pos >= r.start && pos < r.end) return true;
  return false;
}
