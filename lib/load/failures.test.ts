import { expect, test } from 'vitest';
import { FAILURES_NAMED, unparsedLine } from './failures';

test('no line when every post parsed', () => {
  expect(unparsedLine(0, [])).toBeNull();
});

test('the failed posts are counted and the first few named', () => {
  expect(unparsedLine(1, ['MFARussia/123'])).toBe('1 post could not be parsed (stored without events): MFARussia/123');
  expect(unparsedLine(2, ['MFARussia/123', 'MFARussia/124'])).toBe(
    '2 posts could not be parsed (stored without events): MFARussia/123, MFARussia/124',
  );
  const keys = Array.from({ length: 12 }, (_, i) => `mfa/${i}`);
  const line = unparsedLine(12, keys, 'no events from them');
  expect(line).toBe(`12 posts could not be parsed (no events from them): ${keys.slice(0, FAILURES_NAMED).join(', ')} and 7 more`);
  // A summary keeps only the first few keys; the count still tells how many there were.
  expect(unparsedLine(40, keys.slice(0, FAILURES_NAMED))).toMatch(/^40 posts .*mfa\/4 and 35 more$/);
});
