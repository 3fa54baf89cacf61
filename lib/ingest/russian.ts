// Russian case forms generated from the nominative, so the data files list each name once.
// Forms are lowercase with ё folded to е, the way the tokenizer normalises words.
// Over-generation is harmless (a form that Russian never uses is never met in text);
// what matters is that every real form is covered.

const ADJ_ENDINGS = [
  'ий', 'ый', 'ой', 'ого', 'его', 'ому', 'ему', 'им', 'ым', 'ом', 'ем',
  'ая', 'яя', 'ую', 'юю', 'ей', 'ое', 'ее', 'ие', 'ые', 'их', 'ых', 'ими', 'ыми',
  // The first half of a compound: "российско-китайские", "российско-белорусские".
  'о',
];
const ADJ_RE = /(?:ий|ый|ой|ая|яя|ое|ее|ие|ые)$/;

export function foldRu(word: string): string {
  const low = word.toLowerCase();
  return low.includes('ё') ? low.replace(/ё/g, 'е') : low;
}

export function isRussianAdjective(word: string): boolean {
  return word.length > 4 && ADJ_RE.test(foldRu(word));
}

/** All case forms (singular, or plural for plural-only names) of an adjective. */
export function adjectiveForms(word: string): string[] {
  const w = foldRu(word);
  if (!ADJ_RE.test(w)) return [w];
  const stem = w.slice(0, -2);
  return ADJ_ENDINGS.map((e) => stem + e);
}

/** Case forms of a noun from its nominative singular (or plural for -ы names). */
export function nounForms(word: string): string[] {
  const w = foldRu(word);
  if (w.length < 3 || /[0-9]/.test(w) || word === word.toUpperCase()) return [w];
  const stem1 = w.slice(0, -1);
  const stem2 = w.slice(0, -2);
  if (/(?:ств|тв)о$/.test(w)) return ['о', 'а', 'у', 'ом', 'е'].map((e) => stem1 + e);
  if (w.endsWith('ие')) return ['ие', 'ия', 'ию', 'ием', 'ии'].map((e) => stem2 + e);
  if (w.endsWith('ия')) return ['ия', 'ии', 'ию', 'ией', 'иею'].map((e) => stem2 + e);
  if (w.endsWith('ея')) return ['ея', 'еи', 'ею', 'еей'].map((e) => stem2 + e);
  if (w.endsWith('уа')) return [w];
  if (w.endsWith('я')) return ['я', 'и', 'е', 'ю', 'ей', 'ею'].map((e) => stem1 + e);
  if (w.endsWith('а')) return ['а', 'ы', 'и', 'е', 'у', 'ой', 'ою'].map((e) => stem1 + e);
  if (w.endsWith('ь')) return ['ь', 'и', 'ью', 'я', 'ю', 'ем', 'е'].map((e) => stem1 + e);
  if (w.endsWith('й')) return ['й', 'я', 'ю', 'ем', 'е', 'и'].map((e) => stem1 + e);
  if (w.endsWith('ы')) return ['ы', 'ов', 'ам', 'ами', 'ах'].map((e) => stem1 + e);
  if (/[оеиуэюа]$/.test(w)) return [w];
  return ['', 'а', 'у', 'ом', 'е', 'ы', 'ов', 'ам', 'ами', 'ах'].map((e) => w + e);
}

/**
 * A multi-word name as token slots, each slot a set of accepted forms. The leading
 * adjectives and the head noun agree with the case of the sentence; the words after the
 * head are a genitive or apposition that never changes ("Лиги арабских государств",
 * "Республики Корея"). Hyphenated words are split the way the tokenizer splits them.
 */
export function phraseSlots(phrase: string): string[][] {
  const slots: string[][] = [];
  let headSeen = false;
  for (const word of phrase.trim().split(/\s+/)) {
    const parts = word.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (parts.length === 0) continue;
    if (headSeen) {
      for (const p of parts) slots.push([foldRu(p)]);
      continue;
    }
    const last = parts[parts.length - 1]!;
    if (parts.length > 1) {
      if (isRussianAdjective(last)) {
        for (const p of parts.slice(0, -1)) slots.push([foldRu(p)]);
        slots.push(adjectiveForms(last));
        continue;
      }
      const lastForms = nounForms(last);
      if (lastForms.length > 1) {
        for (const p of parts.slice(0, -1)) slots.push([foldRu(p)]);
        slots.push(lastForms);
      } else {
        slots.push(nounForms(parts[0]!));
        for (const p of parts.slice(1)) slots.push([foldRu(p)]);
      }
      headSeen = true;
      continue;
    }
    if (isRussianAdjective(word)) {
      slots.push(adjectiveForms(word));
      continue;
    }
    if (word.length <= 2 || word === word.toUpperCase()) {
      slots.push([foldRu(word)]);
      continue;
    }
    slots.push(nounForms(word));
    headSeen = true;
  }
  return slots;
}

/** Case forms of a Russian surname: -ов/-ев/-ин masculine, -ова/-ева/-ина feminine, others fixed. */
export function surnameForms(surname: string): string[] {
  const w = foldRu(surname);
  if (/(?:ова|ева|ина|ына)$/.test(w)) return [w, w.slice(0, -1) + 'ой', w.slice(0, -1) + 'у'];
  if (/(?:ов|ев|ин|ын)$/.test(w)) return ['', 'а', 'у', 'ым', 'е'].map((e) => w + e);
  if (/[бвгджзклмнпрстфхцчшщ]$/.test(w)) return ['', 'а', 'у', 'ем', 'ом', 'е'].map((e) => w + e);
  if (w.endsWith('я')) return ['я', 'и', 'е', 'ю', 'ей'].map((e) => w.slice(0, -1) + e);
  return [w];
}
