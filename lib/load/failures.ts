// The one line a run prints about the posts the parser failed on, so that a parser bug shows up
// in the run's output instead of as events that silently never appear.

/** How many failed posts a run names (and a store summary keeps): enough to start looking. */
export const FAILURES_NAMED = 5;

/**
 * "2 posts could not be parsed (stored without events): MFARussia/123, MFARussia/124"; null when
 * none failed. `fate` is what became of them (a dry run stores nothing).
 */
export function unparsedLine(count: number, keys: readonly string[], fate = 'stored without events'): string | null {
  if (count === 0) return null;
  const named = keys.slice(0, FAILURES_NAMED);
  const rest = count - named.length;
  const list = named.length ? `: ${named.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}` : '';
  return `${count} ${count === 1 ? 'post' : 'posts'} could not be parsed (${fate})${list}`;
}
