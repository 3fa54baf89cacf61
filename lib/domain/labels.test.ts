import fs from 'node:fs';
import { expect, test } from 'vitest';
import { LABELS_FILE, labelsJson } from '@/scripts/gen-labels';
import { isOrgCode, isTopicCode, orgLabel, topicLabel } from './labels';

test('labels.json is what npm run gen:labels writes from the vocabularies today', () => {
  expect(fs.readFileSync(LABELS_FILE, 'utf8')).toBe(labelsJson());
});

test('every code has its label; an unknown code is shown as itself', () => {
  expect(topicLabel('middle_east').en).not.toBe('middle east');
  expect(isTopicCode('middle_east')).toBe(true);
  expect(isOrgCode('UN')).toBe(true);
  expect(orgLabel('UN').en).not.toBe('UN');
  expect(orgLabel('NOPE')).toEqual({ code: 'NOPE', en: 'NOPE', ru: 'NOPE' });
  expect(topicLabel('no_such_topic')).toEqual({ code: 'no_such_topic', en: 'no such topic', ru: 'no_such_topic' });
});
