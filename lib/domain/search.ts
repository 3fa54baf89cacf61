// The words of a search as the dashboard uses them beyond full-text search: each is also the
// start of a word (the database's prefix query, the timeline's marks), and the counterparts
// they name, in either language and any case form, are found by the parser's vocabulary.

/** Letters and digits of q, words of three or more, at most eight. */
export function searchWords(q: string | undefined): string[] {
  return (q?.match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3).slice(0, 8);
}

/** Web search syntax ("a phrase", -not, or): such a query is read as written, word for word. */
export function hasSearchSyntax(q: string): boolean {
  return /["“”«»]|(?:^|\s)-\S|\s(?:or|OR)\s/u.test(q);
}

/**
 * One part of a search: words that together name something ("Saudi Arabia", "Египта") or a
 * single word. An event matches the part when a post reporting it has the words, or when one of
 * its counterparts is what they name.
 */
export interface SearchTerm {
  /** The words as written in the query. */
  text: string;
  /** Counterpart countries (ISO alpha-2) and organisations (codes) the words name. */
  countries: string[];
  orgs: string[];
  /** Registry people the words name, by their canonical names. */
  people: string[];
  /**
   * The words as the start of a person's name in any script ("Керри" finds "John Kerry"):
   * letters only, a Russian case ending taken off.
   */
  nameStarts: string[];
}

/** A search read into its parts; every part must match. */
export interface ResolvedSearch {
  terms: SearchTerm[];
}

// Russian noun endings of the oblique cases, longest first: "Лаврова", "Шольцем", "Гутерришу".
const RU_ENDINGS = ['ами', 'ями', 'ому', 'ему', 'ой', 'ей', 'ом', 'ем', 'ым', 'им', 'ам', 'ям', 'ах', 'ях', 'ую', 'а', 'я', 'у', 'ю', 'е', 'ы'];

/** A word as the start of a name: a Cyrillic word of five letters or more loses its case ending. */
export function nameStart(word: string): string {
  const w = word.toLowerCase();
  if (!/^[а-яё]+$/u.test(w) || w.length < 5) return w;
  const end = RU_ENDINGS.find((e) => w.endsWith(e) && w.length - e.length >= 4);
  return end ? w.slice(0, -end.length) : w;
}
