// Splits a post's text into plain runs and the evidence phrases the parser decided on, so they
// can be marked. Pure: the text stays text (React escapes it); nothing here builds HTML.

import type { Evidence } from '@/lib/domain/api';

export type { Evidence };

export type Segment = { text: string; why?: undefined } | { text: string; why: string };

interface Range {
  start: number;
  end: number;
  why: string[];
}

const MAX_HITS_PER_PHRASE = 20;

const LETTER = /[\p{L}\p{N}]/u;

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && LETTER.test(ch);
}

function find(hay: string, needle: string, edge: 'both' | 'start' | 'none'): number[] {
  const hits: number[] = [];
  for (let i = hay.indexOf(needle); i >= 0 && hits.length < MAX_HITS_PER_PHRASE; i = hay.indexOf(needle, i + 1)) {
    // A phrase starts a word ("ООН", not the end of "#ГАООН78"); with 'both' it also ends one.
    if (edge !== 'none' && isLetter(hay[i - 1])) continue;
    if (edge === 'both' && isLetter(hay[i + needle.length])) continue;
    hits.push(i);
  }
  return hits;
}

function occurrences(text: string, phrase: string): number[] {
  // The parser may have matched case-insensitively; lower-casing keeps offsets only if lengths do.
  const lower = text.toLowerCase();
  const p = phrase.toLowerCase();
  const folded = lower.length === text.length && p.length === phrase.length;
  for (const edge of ['both', 'start', 'none'] as const) {
    const exact = find(text, phrase, edge);
    if (exact.length) return exact;
    if (folded) {
      const loose = find(lower, p, edge);
      if (loose.length) return loose;
    }
  }
  return [];
}

/**
 * Text cut into segments; a segment with `why` ("country: VE") is an evidence phrase, or
 * ("search: venez") the start of a word the search asked for.
 */
export function highlight(text: string, evidence: readonly Evidence[], searchTerms: readonly string[] = []): Segment[] {
  const bySpan = new Map<string, Range>();
  const lower = text.toLowerCase();
  const folds = lower.length === text.length;
  for (const term of searchTerms) {
    const t = term.toLowerCase();
    if (!t || !folds || t.length !== term.length) continue;
    for (const start of find(lower, t, 'start')) {
      const key = `${start}:${t.length}`;
      const r = bySpan.get(key) ?? { start, end: start + t.length, why: [] };
      if (!r.why.includes(`search: ${term}`)) r.why.push(`search: ${term}`);
      bySpan.set(key, r);
    }
  }
  for (const e of evidence) {
    const phrase = e.phrase?.trim();
    if (!phrase) continue;
    const why = `${e.field}: ${e.value}`;
    for (const start of occurrences(text, phrase)) {
      const key = `${start}:${phrase.length}`;
      const r = bySpan.get(key) ?? { start, end: start + phrase.length, why: [] };
      if (!r.why.includes(why)) r.why.push(why);
      bySpan.set(key, r);
    }
  }
  // Longest first at each start; a phrase inside one already marked is left to its tooltip.
  const ranges = [...bySpan.values()].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Range[] = [];
  for (const r of ranges) {
    const last = kept[kept.length - 1];
    if (last && r.start < last.end) {
      if (r.end <= last.end) for (const w of r.why) if (!last.why.includes(w)) last.why.push(w);
      continue;
    }
    kept.push(r);
  }
  const out: Segment[] = [];
  let at = 0;
  for (const r of kept) {
    if (r.start > at) out.push({ text: text.slice(at, r.start) });
    out.push({ text: text.slice(r.start, r.end), why: r.why.join('; ') });
    at = r.end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}
