import fs from 'node:fs';
import { expect, test } from 'vitest';
import { SEQ_COLORS, SEQ_COLORS_DARK, seqColor, seqStep } from './scale';

test('a count is the same step wherever it is drawn: 5 of at most 10 is step 3', () => {
  expect(seqStep(5, 10)).toBe(3);
  expect(seqColor(5, 10)).toBe(SEQ_COLORS[2]);
  expect([seqStep(0, 10), seqStep(1, 10), seqStep(10, 10), seqStep(1, 1), seqStep(2, 3)]).toEqual([0, 1, 5, 5, 3]);
  expect(seqColor(0, 10)).toBe('');
});

test("the cards' colours are the dashboard's light theme (app/globals.css --seq-1..--seq-5)", () => {
  const css = fs.readFileSync('app/globals.css', 'utf8');
  const root = css.slice(0, css.indexOf('}'));
  const vars = [1, 2, 3, 4, 5].map((i) => new RegExp(`--seq-${i}:\\s*(#[0-9a-fA-F]{6})`).exec(root)?.[1]);
  expect(vars).toEqual([...SEQ_COLORS]);
  const dark = css.slice(css.indexOf('@media (prefers-color-scheme: dark)'));
  expect([1, 2, 3, 4, 5].map((i) => new RegExp(`--seq-${i}:\\s*(#[0-9a-fA-F]{6})`).exec(dark)?.[1])).toEqual([...SEQ_COLORS_DARK]);
  expect(seqColor(10, 10, 'dark')).toBe(SEQ_COLORS_DARK[4]);
});
