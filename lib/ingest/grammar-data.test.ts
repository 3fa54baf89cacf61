// The grammar is data: a new trigger word or title word is one line of a lexicon file. Each
// test adds that one line to a copy of the real lexicon and shows the parser use it.
import { describe, expect, test } from 'vitest';
import enLexicon from './data/lexicon/en.json';
import { compileLexicon } from './lexicon';
import { makeContext } from './parse';
import { analyseLead } from './stages/counterparts';
import type { Ctx } from './stages/context';

type LexiconJson = typeof enLexicon;

function ctxWith(text: string, edit: (lex: LexiconJson) => void): Ctx {
  const data = structuredClone(enLexicon);
  edit(data);
  const ctx = makeContext(text, 'en', new Date('2025-12-20T09:00:00Z'), 'MFARussia');
  return { ...ctx, lex: compileLexicon(data, 'fixture lexicon') };
}

describe('one line of data', () => {
  const parley = 'Sergey Lavrov parleyed with Foreign Minister of Jordan Ayman Safadi.';

  test('a new trigger word', () => {
    const before = ctxWith(parley, () => {});
    expect(analyseLead(before, { start: 0, end: parley.length })).toBeNull();
    const after = ctxWith(parley, (lex) => lex.triggers.meeting.push('parleyed'));
    const d = analyseLead(after, { start: 0, end: parley.length });
    expect(d?.type).toBe('meeting');
    expect(d?.trigger?.rule).toBe('en.triggers.meeting: parleyed');
    expect([...(d?.countries.keys() ?? [])]).toEqual(['JO']);
  });

  test('a new title word', () => {
    const text = 'Sergey Lavrov met with Vizier Ahmed Pasha.';
    const names = (ctx: Ctx): string[] => analyseLead(ctx, { start: 0, end: text.length })?.people.map((p) => p.person.name) ?? [];
    expect(names(ctxWith(text, () => {}))).toEqual(['Vizier Ahmed Pasha']);
    expect(names(ctxWith(text, (lex) => lex.titleWords.push('vizier')))).toEqual(['Ahmed Pasha']);
  });

  test('a lexicon that breaks the schema fails at load, naming the file', () => {
    expect(() => compileLexicon({ ...enLexicon, triggers: { ...enLexicon.triggers, meeting: ['met (with)'] } }, 'fixture lexicon')).toThrow(/^fixture lexicon: /);
  });
});
