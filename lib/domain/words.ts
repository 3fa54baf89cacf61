// Numbers and counted nouns as the dashboard, the cards and the exports write them (English).

const NUMBER = new Intl.NumberFormat('en-US');
const PLURAL = new Intl.PluralRules('en-US');

export function formatNumber(n: number): string {
  return NUMBER.format(n);
}

/** "1 contact", "0 contacts", "1,204 posts": the form Intl.PluralRules chooses for the number. */
export function plural(n: number, one: string, other = `${one}s`): string {
  return `${formatNumber(n)} ${PLURAL.select(n) === 'one' ? one : other}`;
}

/** The noun alone, in the form for `n` ("contact" for 1, "contacts" otherwise). */
export function nounFor(n: number, noun: { one: string; other: string }): string {
  return PLURAL.select(n) === 'one' ? noun.one : noun.other;
}
