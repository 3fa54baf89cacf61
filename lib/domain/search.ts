// The words of a search as the dashboard uses them beyond full-text search: each is also the
// start of a word (the database's prefix query, the timeline's marks).

/** Letters and digits of q, words of three or more, at most eight. */
export function searchWords(q: string | undefined): string[] {
  return (q?.match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3).slice(0, 8);
}
