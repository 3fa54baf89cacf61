// Stage: the counterpart people named in the "with" phrase ("Foreign Minister of Jordan Ayman
// Safadi", "И.Хилем"), resolved to one name per person through the people registry: a known
// person under the registry's name, an unknown one in the nominative; handles, places, months
// and titles are no people.
import { resolvePerson } from '../people';
import type { Span } from '../text';
import type { ParsedPerson } from '../types';
import { findMentions, tokenize } from '../vocab';
import { slice, type Ctx } from './context';

// Adjectives ("Иорданским", "Государственным") are no names; surnames in -овым/-иным ("Токаевым",
// "Путиным") are, so only -ск-/-цк-/-нн- stems count as adjectives here.
const ADJ_FORM_RE = /(?:ск|цк|нн)(?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|ими|ый|ым|ых|ыми)$/u;
const INITIALS_RE = /(?<![\p{L}])(?:\p{Lu}\.\s?){1,2}\p{Lu}[\p{Ll}’'-]+(?:[-\s]\p{Lu}[\p{Ll}’'-]+)?/gu;

export function peopleIn(ctx: Ctx, span: Span, country: string | null): { person: ParsedPerson; phrase: string }[] {
  const str = slice(ctx, span);
  const out: { person: ParsedPerson; phrase: string }[] = [];
  const add = (raw: string, at: number): void => {
    const r = resolvePerson(raw, { lang: ctx.lang, country });
    if (!r || out.some((p) => p.person.name === r.name)) return;
    out.push({ person: { name: r.name, title: titleBefore(str, at), country: r.country ?? country }, phrase: raw });
  };
  // Russian initials: "А.Сафади", "С.Джайшанкаром", "Р.Гросси".
  INITIALS_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = INITIALS_RE.exec(str)) !== null) add(m[0].trim(), m.index);
  if (out.length) return out;
  // Otherwise the last run of capitalised words that are neither titles nor vocabulary.
  const toks = tokenize(str);
  const vocab = findMentions(str, toks);
  // Marked once: looked up per token, a phrase full of names would cost time quadratic in its length.
  const vocabToken = new Uint8Array(toks.length);
  for (const v of vocab) vocabToken.fill(1, v.t0, v.t1);
  const { titleWords, functionWords, nameParticles, monthNames } = ctx.lex.words;
  const notName = (raw: string): boolean => titleWords.has(raw) || functionWords.has(raw) || monthNames.has(raw) || (/[а-яё]$/u.test(raw) && ADJ_FORM_RE.test(raw));
  let end = toks.length;
  while (end > 0 && (vocabToken[end - 1] === 1 || notName(toks[end - 1]!.raw) || !/^\p{Lu}/u.test(toks[end - 1]!.raw))) end--;
  let start = end;
  while (start > 0) {
    const t = toks[start - 1]!;
    const gap = str.slice(t.end, toks[start]?.start ?? t.end);
    if (!/^[\s\-’']*$/.test(gap)) break;
    if (vocabToken[start - 1] === 1 || notName(t.raw)) break;
    if (!/^\p{Lu}/u.test(t.raw) && !nameParticles.has(t.raw)) break;
    start--;
  }
  while (start < end && nameParticles.has(toks[start]!.raw)) start++;
  if (end > start && end - start <= 5) add(str.slice(toks[start]!.start, toks[end - 1]!.end), toks[start]!.start);
  return out;
}

function titleBefore(str: string, pos: number): string | null {
  const t = str
    .slice(0, pos)
    .replace(/^\s*(?:the\s+)?/i, '')
    .replace(/[\s,]+$/, '')
    .trim();
  return t.length >= 3 && t.length <= 160 ? t : null;
}
