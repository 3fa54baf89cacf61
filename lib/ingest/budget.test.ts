// The parser is linear in a post's length, and a post over its time budget fails with the
// reason instead of stalling a run.
import { describe, expect, test } from 'vitest';
import { parsePost } from './parse';
import type { RawPost } from './types';

const post = (text: string): RawPost => ({ channel: 'MID_Russia', externalId: null, postedAt: new Date('2024-05-15T09:00:00Z'), lang: null, text, url: null, seq: 0 });

/** The best of five timings, so that a busy machine or the JIT does not make a linear parse look quadratic. */
function ms(text: string): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    parsePost(post(text));
    best = Math.min(best, performance.now() - t0);
  }
  // Below a millisecond the timer and the JIT say more than the parser.
  return Math.max(best, 1);
}

const ADVERSARIAL = ['с в Сочи ', 'Sergey Lavrov met with ', '• Встреча с Министром иностранных дел ', 'talks with the Minister of Jordan on the sidelines of ', 'А.Б.Иванов и В.Г.Петров, ', '🇷🇺🇹🇷 '];

describe('time grows at most linearly with the length of a post', () => {
  test.each(ADVERSARIAL)('%j repeated to 10, 50 and 150 KB, on one line and one per line', (unit) => {
    for (const sep of ['', '\n']) {
      const of = (kb: number): string => (unit + sep).repeat(Math.ceil((kb * 1024) / Buffer.byteLength(unit + sep)));
      ms(of(150)); // warm the JIT on the largest first
      const t10 = ms(of(10));
      const t50 = ms(of(50));
      const t150 = ms(of(150));
      // Linear is 15× from 10 to 150 KB; quadratic would be 225×. Slack for the timer, the JIT and GC.
      expect(t150 / t10, `${unit} ${JSON.stringify(sep)}: ${t10.toFixed(1)}, ${t50.toFixed(1)}, ${t150.toFixed(1)} ms at 10, 50, 150 KB`).toBeLessThan(15 * 3);
      expect(t150, `${unit} 150 KB`).toBeLessThan(3000);
    }
  });
});

test('a post over its budget is reported with the reason, not parsed on', () => {
  const r = parsePost(post('Sergey Lavrov met with Ayman Safadi. '.repeat(500)), { budgetMs: 0 });
  expect(r.events).toEqual([]);
  expect(r.error).toMatch(/longer than the parser's budget of 0 ms/);
});

test('a post within its budget is parsed as usual', () => {
  const r = parsePost(post('С.В.Лавров провёл переговоры с Министром иностранных дел Иордании А.Сафади.'));
  expect(r.error).toBeUndefined();
  expect(r.events[0]?.countries.map((c) => c.code)).toEqual(['JO']);
});
