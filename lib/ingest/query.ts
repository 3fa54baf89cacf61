// A search read with the parser's vocabulary: the countries, organisations and registry people
// its words name, in either language and any case form, so that "Египта" finds the events with
// Egypt as the counterpart even where every post is in English.
import { hasSearchSyntax, nameStart, searchWords, type ResolvedSearch, type SearchTerm } from '@/lib/domain/search';
import { resolvePerson } from './people';
import { findMentions, tokenize, type Mention } from './vocab';

const MAX_TERMS = 8;

/** Each word with its first letter capitalised: proper names are matched only so. */
const capitalised = (q: string): string => q.replace(/\p{L}+/gu, (w) => w[0]!.toUpperCase() + w.slice(1));

/** The counterpart mentions of a text: countries and organisations. */
function counterpartMentions(text: string): Mention[] {
  return findMentions(text).filter((m) => m.kind === 'country' || m.kind === 'org');
}

/**
 * q read into terms, or null when it is to be searched as written: web search syntax, or no
 * word to search by. Offsets of q are kept, so the spellings tried (capitalised, upper case for
 * acronyms) must have its length.
 */
export function resolveSearch(q: string): ResolvedSearch | null {
  if (!q.trim() || hasSearchSyntax(q)) return null;
  const spellings = [q, capitalised(q), q.toUpperCase()];
  // The longest mention wins where spellings disagree; acronyms come only from words written
  // short ("brics", "оон"), so that no ordinary word turns into an acronym.
  const found: Mention[] = [];
  for (const [i, text] of spellings.entries()) {
    for (const m of counterpartMentions(text)) {
      if (i === 2 && (m.via !== 'acronym' || m.end - m.start > 6)) continue;
      const overlapping = found.filter((f) => f.start < m.end && m.start < f.end);
      if (overlapping.some((f) => f.end - f.start >= m.end - m.start)) continue;
      for (const f of overlapping) found.splice(found.indexOf(f), 1);
      found.push(m);
    }
  }
  const terms: SearchTerm[] = [];
  const covered = (start: number, end: number) => found.find((m) => m.start <= start && end <= m.end);
  const byMention = new Map<Mention, SearchTerm>();
  for (const tok of tokenize(q)) {
    const m = covered(tok.start, tok.end);
    if (m) {
      const known = byMention.get(m);
      if (known) {
        known.text = q.slice(m.start, m.end);
        continue;
      }
      const term: SearchTerm = {
        text: q.slice(m.start, m.end),
        countries: m.kind === 'country' ? [m.code] : [],
        orgs: m.kind === 'org' ? [m.code] : [],
        people: [],
        nameStarts: [],
      };
      byMention.set(m, term);
      terms.push(term);
      continue;
    }
    if (searchWords(tok.raw).length === 0) continue;
    const person = resolvePerson(capitalised(tok.raw));
    terms.push({
      text: tok.raw,
      countries: [],
      orgs: [],
      people: person?.known ? [person.name] : [],
      nameStarts: /^\p{L}{3,}$/u.test(tok.raw) ? [nameStart(tok.raw)] : [],
    });
  }
  return terms.length ? { terms: terms.slice(0, MAX_TERMS) } : null;
}
